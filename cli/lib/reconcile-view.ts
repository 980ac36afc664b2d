/** `egress reconcile`'s result as data (the --json schema) and as text. Pure. */
import { executionConsoleUrl } from './console-links';
import { wrapWords } from './fit';
import type { FollowResult } from './follow';
import { pathText, readableCause } from './history-visits';
import type { StartedReconcile } from './reconcile-start';
import { formatDuration } from './time-format';
import type { VpcStatus } from './vpc-status';

export interface ReconcileJson {
  vpcId: string;
  executionName: string;
  executionArn: string;
  consoleUrl: string;
  /** false when this minute's execution had already closed and is reported instead. */
  started: boolean;
  /** false with --no-wait. */
  followed: boolean;
  executionStatus: string;
  durationMs: number | null;
  retries: number;
  path: string[];
  error: string | null;
  cause: string | null;
  /** The VPC's status tags after the run; null with --no-wait. */
  vpc: VpcStatus | null;
  ready: boolean;
}

/** DescribeExecution's answer, as much as `--no-wait` reports of it. */
export interface DescribedExecution { status?: string; error?: string; cause?: string; startDate?: Date; stopDate?: Date }

/**
 * `result`: the followed run; without it (`--no-wait`) `described` is what DescribeExecution said, so a
 * run that already closed is reported with its real status (RUNNING only when it is, or was not found yet).
 */
export function reconcileJson(start: StartedReconcile, result: FollowResult | undefined, vpc: VpcStatus | null, described?: DescribedExecution): ReconcileJson {
  if (!result) return notFollowedJson(start, described);
  const run = result.run;
  return {
    ...startFields(start),
    followed: true,
    executionStatus: result.status,
    durationMs: run.startedAtMs !== undefined && run.endedAtMs !== undefined ? run.endedAtMs - run.startedAtMs : null,
    retries: run.visits.reduce((n, v) => n + v.retries, 0),
    path: run.path,
    error: result.error ?? null,
    cause: readableCause(result.cause) ?? null,
    vpc,
    ready: vpc?.state === 'Ready',
  };
}

/** What every reconcile document says about the execution it started (or found). */
function startFields(start: StartedReconcile) {
  return {
    vpcId: start.input.vpcId,
    executionName: start.name,
    executionArn: start.executionArn,
    consoleUrl: executionConsoleUrl(start.executionArn),
    started: start.started,
  };
}

function notFollowedJson(start: StartedReconcile, d: DescribedExecution | undefined): ReconcileJson {
  return {
    ...startFields(start),
    followed: false,
    executionStatus: d?.status ?? 'RUNNING',
    durationMs: d?.startDate && d.stopDate ? d.stopDate.getTime() - d.startDate.getTime() : null,
    retries: 0,
    path: [],
    error: d?.error ?? null,
    cause: readableCause(d?.cause) ?? null,
    vpc: null,
    ready: false,
  };
}

export function renderStart(start: StartedReconcile): string {
  return [
    `Execution ${start.name}${start.started ? '' : '  (this minute\'s reconcile already ran; reporting that run)'}`,
    `Console   ${executionConsoleUrl(start.executionArn)}`,
  ].join('\n');
}

/** `--no-wait`: the status DescribeExecution reported, and the error when the run already failed. */
export function renderNotFollowed(doc: ReconcileJson): string {
  const lines = [`Status    ${doc.executionStatus}${doc.executionStatus === 'RUNNING' ? `  (follow it: egress history ${doc.executionName})` : ''}`];
  if (doc.error) lines.push(`Error     ${doc.error}${doc.cause ? `: ${doc.cause}` : ''}`);
  return lines.join('\n');
}

/** `width`: wrap the path to it (continuation lines indented under it); undefined: one line. */
export function renderOutcome(doc: ReconcileJson, result: FollowResult, width?: number): string {
  const lines = [
    `Finished  ${doc.executionStatus}${doc.durationMs !== null ? ` in ${formatDuration(doc.durationMs)}` : ''}, ${doc.retries} ${doc.retries === 1 ? 'retry' : 'retries'}`,
    wrapWords(`Path      ${pathText(result.run) || '-'}`, width, ' '.repeat(10)),
  ];
  if (doc.error) lines.push(`Error     ${doc.error}${doc.cause ? `: ${doc.cause}` : ''}`);
  const v = doc.vpc;
  lines.push(
    `VPC       ${doc.vpcId}  ${v?.state ?? (v?.optedIn === false ? 'no status (not opted in: tag it egress=proxy)' : 'no status')}`,
    `Proxy     ${v?.proxy ?? '-'}`,
    `Reason    ${v?.reason ?? '-'}`,
  );
  return lines.join('\n');
}
