/**
 * Executions: started (idempotently, as AWS does for a running execution with the same name and
 * input), run in the background in this process, recorded, awaited. A run can never take the
 * process down: whatever the runner throws becomes a FAILED execution with the reason.
 */
import { randomUUID } from 'node:crypto';
import { ExecutionError, ExecutionTimeoutError } from 'aws-local-stepfunctions';
import { clockNow, underClockDate } from '../clock';
import type { ServiceContext } from '../service';
import { assertExecutionName, executionArn, requireStateMachineArn } from './arns';
import { ExecutionHistory } from './history';
import { ApiError } from './json-wire';
import type { JSONValue } from './lib-types';
import type { Machine } from './machines';
import type { ExecutionStarter } from './service-task';
import { taskOverrides } from './task-bindings';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface Execution {
  arn: string;
  name: string;
  machine: Machine;
  input: string;
  status: ExecutionStatus;
  startDate: number;
  stopDate?: number;
  output?: string;
  error?: string;
  cause?: string;
  history: ExecutionHistory;
  /** Resolves when the execution is closed and its history complete. */
  done: Promise<void>;
  abort?: () => void;
}

const MAX_INPUT_BYTES = 256 * 1024;

export class Executions implements ExecutionStarter {
  private readonly byArn = new Map<string, Execution>();

  constructor(private readonly ctx: ServiceContext, private readonly machines: Map<string, Machine>) {}

  get(arn: string): Execution | undefined { return this.byArn.get(arn); }

  /** Newest first, as ListExecutions orders them. */
  list(machine: string): Execution[] {
    return [...this.byArn.values()].filter((e) => e.machine.name === machine).reverse();
  }

  machine(arn: unknown): Machine {
    const name = requireStateMachineArn(arn);
    const m = this.machines.get(name);
    if (!m || m.arn !== arn) throw new ApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${String(arn)}'`);
    return m;
  }

  start(params: { stateMachineArn: unknown; name?: unknown; input?: unknown }): { executionArn: string; startDate: number } {
    const machine = this.machine(params.stateMachineArn);
    const name = params.name === undefined || params.name === null ? randomUUID() : String(params.name);
    assertExecutionName(name);
    const input = params.input === undefined || params.input === null ? '{}' : String(params.input);
    const value = parseInput(input);
    const arn = executionArn(this.ctx, machine.name, name);
    const existing = this.byArn.get(arn);
    if (existing) {
      // DESIGN §8: same name and input as a RUNNING execution is idempotent; anything else is refused.
      if (existing.status === 'RUNNING' && existing.input === input) return { executionArn: arn, startDate: existing.startDate };
      throw new ApiError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
    }
    const execution = this.launch(machine, arn, name, input, value);
    return { executionArn: arn, startDate: execution.startDate };
  }

  stop(arn: string, error?: string, cause?: string): Execution {
    const e = this.byArn.get(arn);
    if (!e) throw new ApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    if (e.status === 'RUNNING') {
      e.history.abortDetails = { error, cause };
      Object.assign(e, { status: 'ABORTED', stopDate: clockNow(), error, cause });
      e.abort?.();
    }
    return e;
  }

  async awaitExecution(arn: string): Promise<Record<string, unknown>> {
    const e = this.byArn.get(arn);
    if (!e) throw new ApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    await e.done;
    return { ExecutionArn: e.arn, StateMachineArn: e.machine.arn, Name: e.name, Status: e.status, StartDate: e.startDate, StopDate: e.stopDate, Input: e.input, Output: e.output, Error: e.error, Cause: e.cause };
  }

  /** Until nothing runs — including executions started by executions meanwhile. */
  async awaitIdle(): Promise<void> {
    for (;;) {
      const running = [...this.byArn.values()].filter((e) => e.status === 'RUNNING').map((e) => e.done);
      if (running.length === 0) return;
      await Promise.all(running);
    }
  }

  private launch(machine: Machine, arn: string, name: string, input: string, value: JSONValue): Execution {
    const history = new ExecutionHistory(machine.taskKinds, () => this.ctx.stats.countTransitions(machine.name, 1), roleArn(this.ctx));
    const execution: Execution = { arn, name, machine, input, status: 'RUNNING', startDate: clockNow(), history, done: Promise.resolve() };
    this.byArn.set(arn, execution);
    this.ctx.stats.countExecution(machine.name);
    execution.done = this.run(execution, value);
    return execution;
  }

  private async run(e: Execution, input: JSONValue): Promise<void> {
    let consumed: Promise<void> = Promise.resolve();
    try {
      // The runner stamps $$.Execution.StartTime with `new Date()`: let it read the local clock.
      const run = underClockDate(() => e.machine.runner.run(input, {
        noThrowOnAbort: true,
        overrides: {
          taskResourceLocalHandlers: taskOverrides(e.machine.bindings, e.history, this, this.ctx.region),
          waitTimeOverrides: e.machine.waitTimeOverrides,
        },
        context: {
          Execution: { Id: e.arn, Name: e.name, RoleArn: roleArn(this.ctx), StartTime: new Date(e.startDate).toISOString() },
          StateMachine: { Id: e.machine.arn, Name: e.machine.name },
        },
      }));
      e.abort = run.abort;
      consumed = e.history.consume(run.eventLogs).catch(() => {});
      const output = await run.result;
      await drained(consumed);
      if (e.status === 'RUNNING') this.close(e, 'SUCCEEDED', { output: JSON.stringify(output ?? null) });
    } catch (thrown) {
      await drained(consumed);
      if (e.status === 'RUNNING') this.close(e, ...failureOf(thrown));
      // A runner fault may leave the history without its first or last event: complete it.
      if (e.history.events.length === 0) e.history.add('ExecutionStarted', 'executionStartedEventDetails', { input: e.input, inputDetails: { truncated: false } });
      if (!e.history.events.some((h) => /^Execution(Succeeded|Failed|Aborted|TimedOut)$/.test(h.type))) {
        e.history.add('ExecutionFailed', 'executionFailedEventDetails', { error: e.error, cause: e.cause });
      }
    }
  }

  private close(e: Execution, status: ExecutionStatus, fields: Partial<Execution>): void {
    Object.assign(e, { status, stopDate: clockNow(), ...fields });
  }
}

/** The event log closes with the run; should it ever not, the execution still closes (after 1 s). */
async function drained(consumed: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<void>((resolve) => { timer = setTimeout(resolve, 1000); });
  await Promise.race([consumed, limit]);
  clearTimeout(timer);
}

function parseInput(input: string): JSONValue {
  if (Buffer.byteLength(input, 'utf8') > MAX_INPUT_BYTES) {
    throw new ApiError('InvalidExecutionInput', `Execution input exceeds the maximum size of ${MAX_INPUT_BYTES} bytes`);
  }
  try {
    return JSON.parse(input) as JSONValue;
  } catch (e) {
    throw new ApiError('InvalidExecutionInput', `Invalid State Machine Execution Input: '${(e as Error).message}'`);
  }
}

/** Error and cause of a failed run, as the runner reports them (and as AWS would name them). */
export function failureOf(thrown: unknown): [ExecutionStatus, Partial<Execution>] {
  if (thrown instanceof ExecutionTimeoutError) return ['TIMED_OUT', { error: 'States.Timeout' }];
  if (thrown instanceof ExecutionError && thrown.cause instanceof Error) {
    const inner = thrown.cause as Error & { cause?: unknown };
    const cause = inner.cause ?? inner.message;
    return ['FAILED', { error: inner.name, cause: typeof cause === 'string' ? cause : JSON.stringify(cause) }];
  }
  // Not a workflow failure but a runner fault: still a FAILED execution, never a crash.
  const message = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
  return ['FAILED', { error: 'States.Runtime', cause: `local runner failure: ${message}` }];
}

const roleArn = (ctx: ServiceContext) => `arn:aws:iam::${ctx.accountId}:role/egress-operator-local`;
