/** One row of `egress executions`, from a ListExecutions item. Pure. */
import { WORKFLOWS, type WorkflowName } from '../../handlers/catalog';
import { triggerOf, vpcOfExecution } from '../../handlers/lib/names';
import { executionConsoleUrl } from './console-links';
import { isoOrNull } from './time-format';

export interface ExecutionItemLike {
  workflow: WorkflowName;
  name?: string;
  executionArn?: string;
  status?: string;
  startDate?: Date;
  stopDate?: Date;
}

export interface ExecutionRow {
  name: string;
  workflow: WorkflowName;
  /** The VPC the name belongs to; null for sweeps and foreign names. */
  vpcId: string | null;
  trigger: 'tag-event' | 'sweep' | 'cli' | 'unknown';
  status: string;
  startDate: string | null;
  stopDate: string | null;
  /** Stop − start, or now − start while running. */
  durationMs: number | null;
  executionArn: string;
  consoleUrl: string;
}

export function executionRow(e: ExecutionItemLike, nowMs: number): ExecutionRow {
  const name = e.name ?? '?';
  const arn = e.executionArn ?? '';
  const start = e.startDate?.getTime();
  const end = e.stopDate?.getTime() ?? (e.status === 'RUNNING' ? nowMs : undefined);
  return {
    name,
    workflow: e.workflow,
    vpcId: vpcOfExecution(name) ?? null,
    // The fleet sweep's own executions are sweeps whatever their name.
    trigger: e.workflow === WORKFLOWS.reconcileFleet ? 'sweep' : triggerOf(name),
    status: e.status ?? 'UNKNOWN',
    startDate: isoOrNull(start),
    stopDate: isoOrNull(e.stopDate?.getTime()),
    durationMs: start !== undefined && end !== undefined ? end - start : null,
    executionArn: arn,
    consoleUrl: executionConsoleUrl(arn),
  };
}

export const EXECUTION_STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'] as const;

/** `--status failed` → `FAILED`; undefined when it is not a Step Functions status. */
export function parseExecutionStatus(value: string): (typeof EXECUTION_STATUSES)[number] | undefined {
  const upper = value.trim().toUpperCase().replace(/-/g, '_');
  return (EXECUTION_STATUSES as readonly string[]).includes(upper) ? (upper as (typeof EXECUTION_STATUSES)[number]) : undefined;
}
