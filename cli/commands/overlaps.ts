/**
 * `egress overlaps`: exact fleet-wide CIDR overlap report — how many other VPCs each VPC overlaps,
 * which ones, and fleet totals — from `--input FILE` or from DescribeVpcs (AWS or the local cloud).
 * The work is in cli/actions/overlaps.ts, loaded only when the command runs.
 */
import type { Command } from 'commander';
import { DEFAULT_PEER_LIMIT } from '../../handlers/lib/cidr/overlaps';
import { addAwsOptions } from '../lib/aws-options';
import { integerOption } from '../lib/options';
import { addViewOptions } from '../lib/view-flags';

export function register(program: Command): void {
  const cmd = program
    .command('overlaps')
    .description('report VPCs whose CIDR blocks overlap (IPv4 and IPv6, across accounts and regions)')
    .option('--input <file>', 'read the fleet from a JSON array of { vpcId, account?, region?, cidrs } instead of EC2')
    .option('--pairs', 'also list every overlapping VPC pair once')
    .option('--limit <n>', 'peers listed per VPC in JSON, rows in the table', integerOption(0), DEFAULT_PEER_LIMIT);
  // --region / --profile: where the VPCs are read from EC2 (ignored with --input).
  addAwsOptions(addViewOptions(cmd, 'print the report as JSON'))
    .action(async (flags) => (require('../actions/overlaps') as typeof import('../actions/overlaps')).runOverlaps(flags));
}
