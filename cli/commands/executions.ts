/**
 * `egress executions`: recent executions of both workflows, newest first — name, trigger, status,
 * start, duration; the VPC and the link into the Step Functions console with --wide. The work is in
 * cli/actions/executions.ts, loaded only when the command runs.
 */
import type { Command } from 'commander';
import { addAwsOptions, addStateMachineOptions } from '../lib/aws-options';
import { EXECUTION_STATUSES } from '../lib/execution-rows';
import { integerOption } from '../lib/options';
import { addViewOptions } from '../lib/view-flags';

export function register(program: Command): void {
  const cmd = program
    .command('executions')
    .description('recent executions of reconcile-vpc and reconcile-fleet (--wide: with links into the AWS console)')
    .option('--vpc <id>', 'only executions for this VPC')
    .option('--status <status>', `only executions with this status (${EXECUTION_STATUSES.join(', ')})`)
    .option('--limit <n>', 'how many executions to show', integerOption(1, 1000), 20);
  addStateMachineOptions(addAwsOptions(addViewOptions(cmd)))
    .action(async (flags) => (require('../actions/executions') as typeof import('../actions/executions')).runExecutions(flags));
}
