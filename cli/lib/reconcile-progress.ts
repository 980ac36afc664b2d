/**
 * What `egress reconcile` says while it follows an execution, derived from the history so far. Pure.
 */
import type { ExecutionRun } from './history-visits';
import { formatDuration } from './time-format';

export interface Progress {
  /** The state the execution is in (or ended in); '-' before the first state. */
  state: string;
  elapsedMs: number;
  /** Retries across the whole run so far. */
  retries: number;
  /** The error that caused the latest retry. */
  lastRetryError?: string;
  status: ExecutionRun['status'];
}

export function progressOf(run: ExecutionRun, nowMs: number, startedAtMs?: number): Progress {
  const current = run.visits.at(-1);
  const retries = run.visits.reduce((n, v) => n + v.retries, 0);
  const retried = [...run.visits].reverse().find((v) => v.retries > 0);
  const start = startedAtMs ?? run.startedAtMs ?? nowMs;
  return {
    state: current?.state ?? '-',
    elapsedMs: (run.endedAtMs ?? nowMs) - start,
    retries,
    ...(retried ? { lastRetryError: retried.attempts.at(-2)?.error } : {}),
    status: run.status,
  };
}

/** `AwaitEndpoint  3.2s  2 retries (EndpointNotReady)` */
export function progressLine(p: Progress): string {
  const retries = p.retries === 0 ? 'no retries' : `${p.retries} ${p.retries === 1 ? 'retry' : 'retries'}${p.lastRetryError ? ` (last: ${p.lastRetryError})` : ''}`;
  return `${p.status === 'RUNNING' ? 'running' : p.status}  ${p.state}  ${formatDuration(p.elapsedMs)}  ${retries}`;
}

/** Changes when a line-per-change log should print again: a new state, or another retry. */
export function progressKey(p: Progress): string {
  return `${p.status}|${p.state}|${p.retries}`;
}
