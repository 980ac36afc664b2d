/**
 * `egress reconcile VPC_ID`: start a reconcile now under a deterministic name and follow it with a live
 * progress line until it ends; exit 0 only when the VPC is Ready afterwards. `--dry-run` runs the same
 * workflow with `"dryRun": true` and prints what it would change. The work is in cli/actions/reconcile.ts,
 * loaded only when the command runs.
 */
import type { Command } from 'commander';
import { addAwsOptions, addStateMachineOptions } from '../lib/aws-options';
import { integerOption } from '../lib/options';

export function register(program: Command): void {
  const cmd = program
    .command('reconcile')
    .description('reconcile one VPC now and follow the run until it ends (exit 0 only when the VPC is Ready)')
    .argument('<vpc-id>', 'the VPC to reconcile')
    .option('--dry-run', 'plan only: run the workflow with "dryRun": true and print what it would change (nothing is changed)')
    .option('--no-wait', 'start (or find) the execution and return without following it')
    .option('--timeout <seconds>', 'stop following after this long (the execution continues)', integerOption(1, 86400), 1800)
    .option('--json', 'print JSON (no progress line)');
  addStateMachineOptions(addAwsOptions(cmd))
    .action(async (vpcId: string, flags) => (require('../actions/reconcile') as typeof import('../actions/reconcile')).runReconcile(vpcId, flags));
}
