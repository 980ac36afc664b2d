/** What `egress executions` does (its flags are in cli/commands/executions.ts). */
import { WORKFLOWS } from '../../handlers/catalog';
import { vpcOfExecution } from '../../handlers/lib/names';
import { operatorMachines, withAws } from '../lib/aws-command';
import type { AwsFlags } from '../lib/aws-options';
import { CliError } from '../lib/errors';
import { EXECUTION_STATUSES, executionRow, parseExecutionStatus, type ExecutionRow } from '../lib/execution-rows';
import { printJson } from '../lib/output';
import { listExecutions, machinesOf } from '../lib/sfn-queries';
import { renderStyledTable, styleByState, type StyledColumn, type TableLayout } from '../lib/styled-table';
import { formatDuration, formatInstant } from '../lib/time-format';
import { viewOf, type ViewFlags } from '../lib/view-flags';
import { VPC_ID } from '../lib/vpc-queries';

interface ExecutionsFlags extends AwsFlags, ViewFlags { vpc?: string; status?: string; limit: number }

const COLUMNS: StyledColumn<ExecutionRow>[] = [
  { header: 'NAME', value: (r) => r.name, shrink: true, min: 24 },
  { header: 'VPC', value: (r) => r.vpcId ?? '-', wide: true },
  { header: 'TRIGGER', value: (r) => r.trigger },
  { header: 'STATUS', value: (r) => r.status, style: styleByState((r) => r.status) },
  { header: 'STARTED', value: (r) => formatInstant(r.startDate ? Date.parse(r.startDate) : undefined) },
  { header: 'DURATION', value: (r) => formatDuration(r.durationMs ?? undefined), align: 'right' },
  { header: 'CONSOLE', value: (r) => r.consoleUrl, wide: true },
];

export function renderExecutions(rows: ExecutionRow[], layout: TableLayout = {}): string {
  return rows.length === 0 ? 'No executions found.' : renderStyledTable(COLUMNS, rows, undefined, layout);
}

export async function runExecutions(flags: ExecutionsFlags): Promise<void> {
  if (flags.vpc !== undefined && !VPC_ID.test(flags.vpc)) throw new CliError(`--vpc must be a VPC ID (vpc-…), not ${JSON.stringify(flags.vpc)}`);
  const status = flags.status === undefined ? undefined : parseExecutionStatus(flags.status);
  if (flags.status !== undefined && !status) throw new CliError(`--status must be one of ${EXECUTION_STATUSES.join(', ')}, not ${JSON.stringify(flags.status)}`);
  const view = viewOf(flags);
  const rows = await withAws(flags, async (clients) => {
    const machines = machinesOf(await operatorMachines(clients, flags));
    // A VPC's executions are all on reconcile-vpc; sweeps carry no VPC in their name.
    const scope = flags.vpc ? machines.filter((m) => m.workflow === WORKFLOWS.reconcileVpc) : machines;
    const items = await listExecutions(clients, scope, { status, limit: flags.limit, keep: (e) => !flags.vpc || vpcOfExecution(e.name ?? '') === flags.vpc });
    const now = Date.now();
    return items.map((e) => executionRow(e, now));
  });
  if (view.json) printJson({ executions: rows });
  else process.stdout.write(`${renderExecutions(rows, view.layout)}\n`);
}
