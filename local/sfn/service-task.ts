/**
 * Task states that are not Lambda functions: the Step Functions `startExecution` integration the
 * fleet sweep uses, and handlers supplied by state name (tests). They record the generic task events
 * (TaskScheduled/TaskStarted/TaskSucceeded/TaskFailed) like AWS service integrations do.
 */
import type { ExecutionHistory } from './history';
import type { JSONValue, TaskHandler } from './lib-types';

const START_EXECUTION = /^arn:aws[a-z-]*:states:::states:startExecution(\.sync(:2)?)?$/;

/** `.sync` waits for the child; `:2` returns its output as JSON instead of a string. */
export function startExecutionMode(resource: string): 'start' | 'sync' | 'sync2' | null {
  const m = START_EXECUTION.exec(resource);
  if (!m) return null;
  return m[2] ? 'sync2' : m[1] ? 'sync' : 'start';
}

/** What the integration needs from the service: start (idempotently) and wait. */
export interface ExecutionStarter {
  start(params: { stateMachineArn: unknown; name?: unknown; input?: unknown }): { executionArn: string; startDate: number };
  awaitExecution(arn: string): Promise<Record<string, unknown>>;
}

/**
 * The StartExecution request limit the integration's calls draw on: Step Functions makes them as
 * StartExecution API calls in the state machine's account and Region, so they share that bucket with
 * every other caller (docs/local-cloud.md#request-throttling). `check` answers a refusal's error code
 * and message, or undefined when the call may go ahead. One local cloud per process.
 */
export interface StartExecutionLimit { check(account: string, region: string): { code: string; message: string } | undefined }
let startLimit: StartExecutionLimit | undefined;

export function useStartExecutionLimit(limit: StartExecutionLimit | undefined): void {
  startLimit = limit;
}

const MACHINE_SCOPE = /^arn:aws[a-z-]*:states:([a-z0-9-]+):(\d{12}):stateMachine:/;

/** Errors of the integration are named like AWS names them: `StepFunctions.<Code>Exception`. */
function integrationError(e: unknown): Error {
  const code = (e as { code?: string }).code;
  if (!code) return e as Error;
  return Object.assign(new Error((e as Error).message), { name: `StepFunctions.${code.replace(/Exception$/, '')}Exception` });
}

export function startExecutionTask(mode: 'start' | 'sync' | 'sync2', starter: ExecutionStarter): TaskHandler {
  return async (params: JSONValue) => {
    const p = (params ?? {}) as Record<string, unknown>;
    // The integration accepts Input as a JSON object or as a string, like AWS.
    const input = p.Input === undefined ? undefined : typeof p.Input === 'string' ? p.Input : JSON.stringify(p.Input);
    let started: { executionArn: string; startDate: number };
    const scope = MACHINE_SCOPE.exec(String(p.StateMachineArn ?? ''));
    const refused = scope ? startLimit?.check(scope[2], scope[1]) : undefined;
    if (refused) throw integrationError(Object.assign(new Error(refused.message), { code: refused.code }));
    try {
      started = starter.start({ stateMachineArn: p.StateMachineArn, name: p.Name, input });
    } catch (e) {
      throw integrationError(e);
    }
    if (mode === 'start') return { ExecutionArn: started.executionArn, StartDate: started.startDate };
    const done = await starter.awaitExecution(started.executionArn);
    if (done.status !== 'SUCCEEDED') {
      throw Object.assign(new Error(JSON.stringify(done)), { name: 'States.TaskFailed' });
    }
    const output = mode === 'sync2' && typeof done.output === 'string' ? JSON.parse(done.output) : done.output;
    return { ...done, Output: output } as JSONValue;
  };
}

/** Wrap any task handler so its work shows in history as a service-integration task. */
export function recordedTask(resource: string, handler: TaskHandler, history: ExecutionHistory, region: string): TaskHandler {
  const [resourceType, ...rest] = resource.replace(/^arn:aws[a-z-]*:states:::/, '').split(':');
  const ids = { resourceType: resourceType || 'local', resource: rest.join(':') || resource };
  return async (input: JSONValue) => {
    await history.settle(); // let TaskStateEntered land first
    history.add('TaskScheduled', 'taskScheduledEventDetails', { ...ids, region, parameters: JSON.stringify(input ?? null) });
    history.add('TaskStarted', 'taskStartedEventDetails', ids);
    try {
      const output = await handler(input);
      await history.settle();
      history.add('TaskSucceeded', 'taskSucceededEventDetails', { ...ids, output: JSON.stringify(output ?? null), outputDetails: { truncated: false } });
      return output;
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      await history.settle();
      history.add('TaskFailed', 'taskFailedEventDetails', { ...ids, error: err.name, cause: err.message });
      throw err;
    }
  };
}
