/**
 * Execution history events → state visits, the way the Step Functions console's event view groups
 * them: each state entered, the attempts of its task (a retry is a further attempt, with the error
 * that caused it), how the visit ended, and the error and cause that ended the execution. Pure.
 */
export interface HistoryEventLike {
  id?: number;
  type?: string;
  timestamp?: Date | number | string;
}

export interface Attempt {
  startedAtMs: number;
  endedAtMs?: number;
  /** `undefined` while running. */
  outcome?: 'succeeded' | 'failed' | 'timed-out';
  error?: string;
  cause?: string;
}

export type VisitOutcome = 'succeeded' | 'caught' | 'failed' | 'running';

export interface StateVisit {
  state: string;
  /** The state's type as the history names it: Task, Choice, Fail, Succeed, Map, Pass, Wait… */
  type: string;
  enteredAtMs: number;
  /** Milliseconds from the execution's start to entering this state. */
  elapsedMs: number;
  exitedAtMs?: number;
  durationMs?: number;
  attempts: Attempt[];
  /** Attempts beyond the first: each one a Retry. */
  retries: number;
  outcome: VisitOutcome;
  error?: string;
  cause?: string;
}

export interface ExecutionRun {
  startedAtMs?: number;
  endedAtMs?: number;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
  visits: StateVisit[];
  /** State names in the order they were entered. */
  path: string[];
  error?: string;
  cause?: string;
}

const ATTEMPT_START = /^(LambdaFunction|Task|Activity)Scheduled$/;
const ATTEMPT_OK = /^(LambdaFunction|Task|Activity)Succeeded$/;
const ATTEMPT_FAILED = /^(LambdaFunction|Task|Activity)(Failed|ScheduleFailed|StartFailed|SubmitFailed)$/;
const ATTEMPT_TIMED_OUT = /^(LambdaFunction|Task|Activity)TimedOut$/;
const EXECUTION_END: Record<string, ExecutionRun['status']> = {
  ExecutionSucceeded: 'SUCCEEDED', ExecutionFailed: 'FAILED', ExecutionTimedOut: 'TIMED_OUT', ExecutionAborted: 'ABORTED',
};

export function timeOf(t: HistoryEventLike['timestamp']): number {
  if (t instanceof Date) return t.getTime();
  if (typeof t === 'number') return t < 1e11 ? t * 1000 : t; // epoch seconds on the wire
  return t ? Date.parse(t) : NaN;
}

/** The `…EventDetails` member of an event (each event carries at most one). */
export function detailsOf(e: object): Record<string, unknown> {
  for (const [k, v] of Object.entries(e)) if (k.endsWith('EventDetails') && v && typeof v === 'object') return v as Record<string, unknown>;
  return {};
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function toRun(events: HistoryEventLike[]): ExecutionRun {
  const ordered = [...events].sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
  const run: ExecutionRun = { status: 'RUNNING', visits: [], path: [] };
  const open: StateVisit[] = [];
  const close = (v: StateVisit, at: number) => {
    v.exitedAtMs = at;
    v.durationMs = at - v.enteredAtMs;
    const last = v.attempts.at(-1);
    v.outcome = last && last.outcome !== 'succeeded' && last.outcome !== undefined ? 'caught' : 'succeeded';
    if (v.outcome === 'caught') Object.assign(v, { error: last!.error, cause: last!.cause });
    open.splice(open.indexOf(v), 1);
  };

  for (const e of ordered) {
    const type = e.type ?? '';
    const at = timeOf(e.timestamp);
    const d = detailsOf(e);
    if (type === 'ExecutionStarted') run.startedAtMs = at;
    else if (type.endsWith('StateEntered')) {
      const start = run.startedAtMs ?? at;
      const visit: StateVisit = {
        state: str(d.name) ?? '?', type: type.slice(0, -'StateEntered'.length), enteredAtMs: at, elapsedMs: at - start,
        attempts: [], retries: 0, outcome: 'running',
      };
      // A state left through a Catch may show no Exited event: entering the next one closes it.
      for (const v of [...open]) if (v.attempts.at(-1)?.outcome && v.attempts.at(-1)!.outcome !== 'succeeded') close(v, at);
      open.push(visit);
      run.visits.push(visit);
      run.path.push(visit.state);
    } else if (type.endsWith('StateExited')) {
      const v = findOpen(open, str(d.name));
      if (v) close(v, at);
    } else if (ATTEMPT_START.test(type)) {
      const v = lastTaskVisit(open);
      if (v) { v.attempts.push({ startedAtMs: at }); v.retries = v.attempts.length - 1; }
    } else if (ATTEMPT_OK.test(type) || ATTEMPT_FAILED.test(type) || ATTEMPT_TIMED_OUT.test(type)) {
      const attempt = lastTaskVisit(open)?.attempts.at(-1);
      if (attempt) {
        attempt.endedAtMs = at;
        attempt.outcome = ATTEMPT_OK.test(type) ? 'succeeded' : ATTEMPT_TIMED_OUT.test(type) ? 'timed-out' : 'failed';
        if (attempt.outcome !== 'succeeded') Object.assign(attempt, { error: str(d.error) ?? (attempt.outcome === 'timed-out' ? 'States.Timeout' : 'Error'), cause: str(d.cause) });
      }
    } else if (type in EXECUTION_END) {
      run.status = EXECUTION_END[type];
      run.endedAtMs = at;
      run.error = str(d.error) ?? (run.status === 'TIMED_OUT' ? 'States.Timeout' : undefined);
      run.cause = str(d.cause);
      for (const v of [...open]) endWith(v, at, run);
      open.length = 0;
    }
  }
  return run;
}

/** The visit still open when the execution ended: it succeeded (Succeed state) or ended it (Fail, uncaught error). */
function endWith(v: StateVisit, at: number, run: ExecutionRun): void {
  v.exitedAtMs = at;
  v.durationMs = at - v.enteredAtMs;
  if (run.status === 'SUCCEEDED') { v.outcome = 'succeeded'; return; }
  v.outcome = 'failed';
  v.error = run.error ?? v.attempts.at(-1)?.error;
  v.cause = run.cause ?? v.attempts.at(-1)?.cause;
}

function findOpen(open: StateVisit[], name: string | undefined): StateVisit | undefined {
  for (let i = open.length - 1; i >= 0; i--) if (open[i].state === name) return open[i];
  return undefined;
}

function lastTaskVisit(open: StateVisit[]): StateVisit | undefined {
  for (let i = open.length - 1; i >= 0; i--) if (open[i].type === 'Task') return open[i];
  return open.at(-1);
}

/** A Lambda error's Cause is the runtime's JSON (`{errorType, errorMessage, trace}`): its message reads best. */
export function readableCause(cause: string | undefined): string | undefined {
  if (cause === undefined) return undefined;
  try {
    const parsed = JSON.parse(cause) as { errorMessage?: unknown };
    if (parsed && typeof parsed.errorMessage === 'string') return parsed.errorMessage;
  } catch { /* plain text */ }
  return cause;
}

/** `Observe → OptedIn? → AwaitEndpoint (3 retries) → …`: every state entered, with its retries. */
export function pathText(run: ExecutionRun): string {
  return run.visits.map((v) => (v.retries > 0 ? `${v.state} (${v.retries} ${v.retries === 1 ? 'retry' : 'retries'})` : v.state)).join(' → ');
}
