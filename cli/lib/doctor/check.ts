/**
 * What `egress doctor` reports: one check per line, `ok`, `fail` (with the fix) or `skip` (could not be
 * checked here; says why). The decision functions of this folder turn observations — what an AWS call
 * answered, or the error it raised — into checks; they are pure, the adapters (observe-*.ts) call AWS.
 */

export type CheckStatus = 'ok' | 'fail' | 'skip';

export interface Check {
  name: string;
  status: CheckStatus;
  /** What was found (ok), what is wrong (fail), or why it was not checked (skip). */
  detail: string;
  /** What to do about a failure (a command where there is one); null when nothing is to be done. */
  fix: string | null;
}

export const ok = (name: string, detail: string): Check => ({ name, status: 'ok', detail, fix: null });
export const fail = (name: string, detail: string, fix: string): Check => ({ name, status: 'fail', detail, fix });
export const skip = (name: string, detail: string, fix: string | null = null): Check => ({ name, status: 'skip', detail, fix });

/** An AWS error as doctor keeps it: the service's error code and its message. */
export interface AwsProblem { code: string; message: string }

/** What one AWS call answered: its value, or the error it raised. */
export type Observed<T> = { value: T; error?: undefined } | { value?: undefined; error: AwsProblem };

export const observed = <T>(value: T): Observed<T> => ({ value });
export const failed = <T = never>(code: string, message: string): Observed<T> => ({ error: { code, message } });

/** `Code: message`, on one line, for a detail. */
export function problemText(p: AwsProblem): string {
  return `${p.code}: ${p.message}`.replace(/\s+/g, ' ').trim().slice(0, 400);
}

/** Access refused by IAM, in the spellings of the services doctor calls. */
export function isDenied(p: AwsProblem): boolean {
  return /^(AccessDenied(Exception)?|UnauthorizedOperation|AuthorizationError)$/.test(p.code);
}

/** Exit code: 0 only when no check failed (skipped checks do not fail the run). */
export function exitCodeOf(checks: readonly Check[]): 0 | 1 {
  return checks.some((c) => c.status === 'fail') ? 1 : 0;
}

export function summaryOf(checks: readonly Check[]): string {
  const n = (s: CheckStatus) => checks.filter((c) => c.status === s).length;
  return `${checks.length} checks: ${n('ok')} ok, ${n('fail')} failed, ${n('skip')} skipped`;
}
