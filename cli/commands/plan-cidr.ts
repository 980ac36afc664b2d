/**
 * `egress plan-cidr`: the lowest free, aligned blocks of a given size inside the pools, overlapping
 * nothing in use — in use meaning every block of `--input FILE`, else of the EC2 fleet. The work is in
 * cli/actions/plan-cidr.ts, loaded only when the command runs.
 */
import type { Command } from 'commander';
import { addAwsOptions } from '../lib/aws-options';
import { collect, integerOption } from '../lib/options';

export function register(program: Command): void {
  const cmd = program
    .command('plan-cidr')
    .description('find the lowest free CIDR blocks in the pools that overlap no VPC of the fleet')
    .requiredOption('--pool <cidr>', 'address pool to plan from, e.g. 10.0.0.0/8 (repeatable)', collect)
    .requiredOption('--prefix <n>', 'prefix length of the blocks to hand out, e.g. 16', integerOption(0, 128))
    .option('--count <k>', 'how many blocks', integerOption(1, 1_000_000), 1)
    .option('--input <file>', 'blocks in use from a JSON array of { vpcId, account?, region?, cidrs } instead of EC2')
    .option('--json', 'print the plan as JSON');
  // --region / --profile: where the VPCs are read from EC2 (ignored with --input).
  addAwsOptions(cmd).action(async (flags) => (require('../actions/plan-cidr') as typeof import('../actions/plan-cidr')).runPlanCidr(flags));
}
