/**
 * Task crash injection for the local workflow runner (docs/local-cloud.md#task-crashes): rules by Task
 * state name (or `*`), count and seeded rate, each failing an invocation the way Step Functions reports
 * a Lambda failure, so the workflows' Retry/Catch match it as in AWS
 * (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html,
 * https://docs.aws.amazon.com/step-functions/latest/dg/bp-lambda-serviceexception.html):
 * - `Lambda.ServiceException`: Lambda answered 500, the handler never ran;
 * - `States.Timeout`: the Task timed out — by default after the handler ran (its AWS calls took effect);
 * - `crash-after`: the handler ran, then the invocation failed instead of returning
 *   (`Lambda.ServiceException`, `Sandbox.Timedout` — the function's own timeout — or `Lambda.Unknown`).
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { createRuleBook } from '../fault-rules';

export const TASK_FAULT_KINDS = ['Lambda.ServiceException', 'States.Timeout', 'crash-after'] as const;
export const CRASH_ERRORS = ['Lambda.ServiceException', 'Sandbox.Timedout', 'Lambda.Unknown'] as const;

export const taskFaultRuleSchema = z.object({
  /** The Task state's name, or `*` for every Task bound to a handler. */
  state: z.string().min(1),
  kind: z.enum(TASK_FAULT_KINDS),
  /** For crash-after: the error the invocation ends with (default Lambda.ServiceException). */
  error: z.enum(CRASH_ERRORS).optional(),
  /** For States.Timeout: whether the handler ran before the timeout (default true). */
  ran: z.boolean().optional(),
  count: z.number().int().positive().optional(),
  rate: z.number().min(0).max(1).optional(),
  seed: z.number().int().optional(),
}).strict();
export type TaskFaultRule = z.infer<typeof taskFaultRuleSchema>;

/** What one invocation suffers: when (before or after the handler) and what Step Functions then reports. */
export interface TaskFault {
  ruleId: number;
  /** `before`: the handler does not run; `after`: it runs, its result is discarded. */
  when: 'before' | 'after';
  /** `failed` → LambdaFunctionFailed / LambdaFunctionStartFailed; `timedOut` → LambdaFunctionTimedOut. */
  outcome: 'startFailed' | 'failed' | 'timedOut';
  error: string;
  cause: string;
}

export interface TaskFaults {
  add(rule: TaskFaultRule): number;
  clear(): void;
  list(): (TaskFaultRule & { id: number; remaining?: number })[];
  /** The fault for one invocation of `stateName` (consumes the rule's count), or undefined. */
  decide(stateName: string, timeoutSeconds: number): TaskFault | undefined;
}

/** The Cause Step Functions records for a Lambda service error (the Invoke API's 500). */
export function serviceExceptionCause(): string {
  return `Lambda.ServiceException: An internal error occurred (injected by the local cloud) (Service: AWSLambda; Status Code: 500; Error Code: ServiceException; Request ID: ${randomUUID()})`;
}

function faultOf(rule: TaskFaultRule, ruleId: number, timeoutSeconds: number): TaskFault {
  if (rule.kind === 'Lambda.ServiceException') {
    return { ruleId, when: 'before', outcome: 'startFailed', error: 'Lambda.ServiceException', cause: serviceExceptionCause() };
  }
  if (rule.kind === 'States.Timeout') {
    return { ruleId, when: rule.ran === false ? 'before' : 'after', outcome: 'timedOut', error: 'States.Timeout', cause: `Task timed out after ${timeoutSeconds} seconds (injected by the local cloud)` };
  }
  const error = rule.error ?? 'Lambda.ServiceException';
  if (error === 'Sandbox.Timedout') {
    // What the Node.js runtime reports when the function reaches its own timeout.
    const errorMessage = `RequestId: ${randomUUID()} Error: Task timed out after ${timeoutSeconds.toFixed(2)} seconds`;
    return { ruleId, when: 'after', outcome: 'failed', error, cause: JSON.stringify({ errorType: 'Sandbox.Timedout', errorMessage }) };
  }
  if (error === 'Lambda.Unknown') {
    // How a function timeout shows when the runtime returned no error type (as seen in AWS histories).
    const errorMessage = `${new Date().toISOString()} ${randomUUID()} Task timed out after ${timeoutSeconds.toFixed(2)} seconds`;
    const cause = `The cause could not be determined because Lambda did not return an error type. Returned payload: ${JSON.stringify({ errorMessage })}`;
    return { ruleId, when: 'after', outcome: 'failed', error, cause };
  }
  return { ruleId, when: 'after', outcome: 'failed', error, cause: serviceExceptionCause() };
}

export function createTaskFaults(): TaskFaults {
  const book = createRuleBook<TaskFaultRule>();
  return {
    add: (input) => book.add(taskFaultRuleSchema.parse(input)),
    clear: book.clear,
    list: book.list,
    decide(stateName, timeoutSeconds) {
      for (const r of book.active()) {
        if (r.remaining <= 0 || (r.rule.state !== '*' && r.rule.state !== stateName)) continue;
        if (!book.rolls(r)) continue;
        book.consume(r);
        return faultOf(r.rule, r.id, timeoutSeconds);
      }
      return undefined;
    },
  };
}

let current: TaskFaults | undefined;

/** Make `faults` the task faults of every Task state run from now on (undefined: none). One local cloud per process. */
export function useTaskFaults(faults: TaskFaults | undefined): void {
  current = faults;
}

export function taskFaultFor(stateName: string | undefined, timeoutSeconds: number): TaskFault | undefined {
  return stateName && current ? current.decide(stateName, timeoutSeconds) : undefined;
}
