/**
 * An execution's history as GetExecutionHistory shows it in AWS, built from aws-local-stepfunctions'
 * event log (StateEntered/StateExited/StateFailed/…) plus the task events that only our task bindings
 * see (LambdaFunctionScheduled/Started/Succeeded/Failed, TaskScheduled/…). Also counts state
 * transitions the way AWS bills them: every state entered, and every retry attempt.
 */
import { clockNow } from '../clock';
import type { EventLog } from './lib-types';

export interface HistoryEntry {
  id: number;
  previousEventId: number;
  /** Milliseconds since the epoch (the wire format turns this into epoch seconds). */
  timestamp: number;
  type: string;
  /** e.g. `stateEnteredEventDetails`, as the SFN API names the member. */
  detailsKey?: string;
  details?: Record<string, unknown>;
}

/** How a Task state's work shows in history: Lambda events or generic service-integration events. */
export type TaskKind = 'lambda' | 'task';

type Entry = [type: string, detailsKey?: string, details?: Record<string, unknown>];

export const json = (value: unknown): string => JSON.stringify(value ?? null);
const data = (key: 'input' | 'output', value: unknown) => ({ [key]: json(value), [`${key}Details`]: { truncated: false } });
const causeText = (cause: unknown): string | undefined =>
  cause === undefined || cause === null ? undefined : typeof cause === 'string' ? cause : JSON.stringify(cause);

export class ExecutionHistory {
  readonly events: HistoryEntry[] = [];
  /** Set by StopExecution before aborting, so ExecutionAborted carries the caller's error and cause. */
  abortDetails?: { error?: string; cause?: string };
  /** Map/Parallel states whose last attempt failed: their exit (after a Catch) is not a success. */
  private readonly failedComposites = new Set<string>();

  constructor(
    private readonly taskKinds: Record<string, TaskKind>,
    private readonly onTransition: () => void = () => {},
    private readonly roleArn?: string,
  ) {}

  add(type: string, detailsKey?: string, details?: Record<string, unknown>): HistoryEntry {
    const id = this.events.length + 1;
    const entry: HistoryEntry = { id, previousEventId: id - 1, timestamp: clockNow(), type };
    if (detailsKey && details) Object.assign(entry, { detailsKey, details });
    this.events.push(entry);
    return entry;
  }

  /**
   * Resolve once every library event dispatched so far is recorded. The library hands events over an
   * async generator, which drains in microtasks; one macrotask later the consumer has caught up.
   */
  settle(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve));
  }

  async consume(logs: AsyncIterable<EventLog>): Promise<void> {
    for await (const event of logs) for (const e of this.translate(event)) this.add(...e);
  }

  /** One library event → the AWS history events it stands for (often one, sometimes none or two). */
  translate(ev: EventLog): Entry[] {
    switch (ev.type) {
      case 'ExecutionStarted':
        return [['ExecutionStarted', 'executionStartedEventDetails', { ...data('input', ev.input), ...(this.roleArn ? { roleArn: this.roleArn } : {}) }]];
      case 'ExecutionSucceeded':
        return [['ExecutionSucceeded', 'executionSucceededEventDetails', data('output', ev.output)]];
      case 'ExecutionFailed':
        return [['ExecutionFailed', 'executionFailedEventDetails', { error: ev.Error, cause: causeText(ev.Cause) }]];
      case 'ExecutionAborted':
        return [['ExecutionAborted', 'executionAbortedEventDetails', { ...this.abortDetails }]];
      case 'ExecutionTimeout':
        return [['ExecutionTimedOut', 'executionTimedOutEventDetails', { error: 'States.Timeout' }]];
      case 'StateEntered': {
        this.onTransition();
        this.failedComposites.delete(ev.state.name);
        const entered: Entry = [`${ev.state.type}StateEntered`, 'stateEnteredEventDetails', { name: ev.state.name, ...data('input', ev.state.input) }];
        return ev.state.type === 'Parallel' ? [entered, ['ParallelStateStarted']] : [entered];
      }
      case 'StateExited': {
        const exited: Entry = [`${ev.state.type}StateExited`, 'stateExitedEventDetails', { name: ev.state.name, ...data('output', ev.state.output) }];
        const composite = ev.state.type === 'Map' || ev.state.type === 'Parallel';
        if (!composite || this.failedComposites.delete(ev.state.name)) return [exited];
        return [[`${ev.state.type}StateSucceeded`], exited];
      }
      case 'StateFailed':
        return this.stateFailed(ev.state.name, ev.state.type, ev.Error, causeText(ev.Cause));
      case 'StateRetried':
        // No AWS event of its own (the next attempt's Scheduled shows it), but AWS bills it.
        this.onTransition();
        this.failedComposites.delete(ev.state.name);
        return [];
      case 'MapIterationStarted':
      case 'MapIterationSucceeded':
      case 'MapIterationFailed': {
        const key = `mapIteration${ev.type.slice('MapIteration'.length)}EventDetails`;
        return [[ev.type, key, { name: ev.parentState.name, index: ev.index }]];
      }
      default:
        return []; // StateCaught, Parallel branch events: no AWS counterpart
    }
  }

  private stateFailed(name: string, type: string, error: string, cause: string | undefined): Entry[] {
    if (type === 'Map' || type === 'Parallel') {
      this.failedComposites.add(name);
      return [[`${type}StateFailed`]];
    }
    // Task failures are recorded by the task binding itself, with the handler's error; only a
    // timeout (the library gives up on the task) is known to nobody else.
    if (type === 'Task' && error === 'States.Timeout') {
      const lambda = this.taskKinds[name] === 'lambda';
      return [[lambda ? 'LambdaFunctionTimedOut' : 'TaskTimedOut', lambda ? 'lambdaFunctionTimedOutEventDetails' : 'taskTimedOutEventDetails', { error, cause }]];
    }
    return [];
  }
}

/** The wire shape of one event; `includeData: false` drops inputs and outputs like AWS does. */
export function wireEvent(e: HistoryEntry, includeData: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { id: e.id, previousEventId: e.previousEventId, timestamp: e.timestamp / 1000, type: e.type };
  if (e.detailsKey && e.details) {
    const details = { ...e.details };
    if (!includeData) for (const k of ['input', 'inputDetails', 'output', 'outputDetails', 'parameters']) delete details[k];
    out[e.detailsKey] = details;
  }
  return out;
}
