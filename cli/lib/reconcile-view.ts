/** `egress reconcile`'s result as data (the --json schema) and as text. Pure. */
import { executionConsoleUrl } from './console-links';
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

export function reconcileJson(start: StartedReconcile, result: FollowResult | undefined, vpc: VpcStatus | null): ReconcileJson {
  const run = result?.run;
  return {
    vpcId: start.input.vpcId,
    executionName: start.name,
    executionArn: start.executionArn,
    consoleUrl: executionConsoleUrl(start.executionArn),
    started: start.started,
    followed: result !== undefined,
    executionStatus: result?.status ?? 'RUNNING',
    durationMs: run?.startedAtMs !== undefined && run.endedAtMs !== undefined ? run.endedAtMs - run.startedAtMs : null,
    retries: run ? run.visits.reduce((n, v) => n + v.retries, 0) : 0,
    path: run?.path ?? [],
    error: result?.error ?? null,
    cause: readableCause(result?.cause) ?? null,
    vpc,
    ready: vpc?.state === 'Ready',
  };
}

export function renderStart(start: StartedReconcile): string {
  return [
    `Execution ${start.name}${start.started ? '' : '  (this minute\'s reconcile already ran; reporting that run)'}`,
    `Console   ${executionConsoleUrl(start.executionArn)}`,
  ].join('\n');
}

export function renderOutcome(doc: ReconcileJson, result: FollowResult): string {
  const lines = [
    `Finished  ${doc.executionStatus}${doc.durationMs !== null ? ` in ${formatDuration(doc.durationMs)}` : ''}, ${doc.retries} ${doc.retries === 1 ? 'retry' : 'retries'}`,
    `Path      ${pathText(result.run) || '-'}`,
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
