/**
 * `egress executions`: recent executions of both workflows, newest first — name, VPC, trigger, status,
 * start, duration, and the link into the Step Functions console.
 */
import type { Command } from 'commander';
import { vpcOfExecution } from '../../handlers/lib/names';
import { addRegionOption, addStateMachineOptions, operatorMachines, withAws, type AwsFlags } from '../lib/aws-command';
import { CliError } from '../lib/errors';
import { EXECUTION_STATUSES, executionRow, parseExecutionStatus, type ExecutionRow } from '../lib/execution-rows';
import { integerOption } from '../lib/options';
import { printJson } from '../lib/output';
import { listExecutions, machinesOf } from '../lib/sfn-queries';
import { renderStyledTable, styleByState, type StyledColumn } from '../lib/styled-table';
import { formatDuration, formatInstant } from '../lib/time-format';
import { VPC_ID } from '../lib/vpc-queries';

interface ExecutionsFlags extends AwsFlags { vpc?: string; status?: string; limit: number }

const COLUMNS: StyledColumn<ExecutionRow>[] = [
  { header: 'NAME', value: (r) => r.name },
  { header: 'VPC', value: (r) => r.vpcId ?? '-' },
  { header: 'TRIGGER', value: (r) => r.trigger },
  { header: 'STATUS', value: (r) => r.status, style: styleByState((r) => r.status) },
  { header: 'STARTED', value: (r) => formatInstant(r.startDate ? Date.parse(r.startDate) : undefined) },
  { header: 'DURATION', value: (r) => formatDuration(r.durationMs ?? undefined), align: 'right' },
  { header: 'CONSOLE', value: (r) => r.consoleUrl },
];

export function renderExecutions(rows: ExecutionRow[]): string {
  return rows.length === 0 ? 'No executions found.' : renderStyledTable(COLUMNS, rows);
}

export function register(program: Command): void {
  const cmd = program
    .command('executions')
    .description('recent executions of reconcile-vpc and reconcile-fleet, with links into the AWS console')
    .option('--vpc <id>', 'only executions for this VPC')
    .option('--status <status>', `only executions with this status (${EXECUTION_STATUSES.join(', ')})`)
    .option('--limit <n>', 'how many executions to show', integerOption(1, 1000), 20)
    .option('--json', 'print JSON');
  addStateMachineOptions(addRegionOption(cmd)).action(async (flags: ExecutionsFlags) => {
    if (flags.vpc !== undefined && !VPC_ID.test(flags.vpc)) throw new CliError(`--vpc must be a VPC ID (vpc-…), not ${JSON.stringify(flags.vpc)}`);
    const status = flags.status === undefined ? undefined : parseExecutionStatus(flags.status);
    if (flags.status !== undefined && !status) throw new CliError(`--status must be one of ${EXECUTION_STATUSES.join(', ')}, not ${JSON.stringify(flags.status)}`);
    const rows = await withAws(flags.region, async (clients) => {
      const machines = machinesOf(await operatorMachines(clients, flags));
      // A VPC's executions are all on reconcile-vpc; sweeps carry no VPC in their name.
      const scope = flags.vpc ? machines.filter((m) => m.workflow === 'reconcile-vpc') : machines;
      const items = await listExecutions(clients, scope, { status, limit: flags.limit, keep: (e) => !flags.vpc || vpcOfExecution(e.name ?? '') === flags.vpc });
      const now = Date.now();
      return items.map((e) => executionRow(e, now));
    });
    if (flags.json) printJson({ executions: rows });
    else process.stdout.write(`${renderExecutions(rows)}\n`);
  });
}
