/**
 * `egress status`: every opted-in VPC (and every VPC still carrying operator status) with its state,
 * proxy address, reason, overlaps, last execution and the age of its state. `--watch` refreshes;
 * `--fail-on-unhealthy` lets a script gate on the fleet. The work is in cli/actions/status.ts, loaded
 * only when the command runs.
 */
import type { Command } from 'commander';
import { addAwsOptions } from '../lib/aws-options';
import { integerOption } from '../lib/options';
import { addViewOptions } from '../lib/view-flags';

export function register(program: Command): void {
  const cmd = program
    .command('status')
    .description('every opted-in VPC: state, overlaps, age of the status, reason (--wide: proxy URL, last execution)')
    .option('--account <id>', 'only VPCs owned by this account')
    .option('--fail-on-unhealthy', 'exit 1 when any VPC shown is Error or Degraded (for scripts and CI gates)')
    .option('--watch', 'refresh in place until Ctrl-C')
    .option('--interval <seconds>', 'refresh interval for --watch', integerOption(1, 3600), 5);
  addAwsOptions(addViewOptions(cmd, 'print JSON (with --watch: one JSON document per line per refresh)'))
    .action(async (flags) => (require('../actions/status') as typeof import('../actions/status')).runStatus(flags));
}
