/**
 * `egress plan-cidr`: the lowest free, aligned blocks of a given size inside the pools, overlapping
 * nothing in use — in use meaning every block of `--input FILE`, else of the EC2 fleet.
 */
import type { Command } from 'commander';
import { type CidrBlock, InvalidCidrError, parseCidr, planCidrs } from '../../handlers/lib/cidr';
import { addRegionOption } from '../lib/aws-command';
import { CliError } from '../lib/errors';
import { loadFleet, withEngineErrors } from '../lib/fleet-source';
import { collect, integerOption } from '../lib/options';
import { printJson, renderTable } from '../lib/output';
import { planRequestProblem } from '../lib/plan-request';

interface PlanFlags { pool: string[]; prefix: number; count: number; input?: string; region?: string; json?: boolean }

export function register(program: Command): void {
  const cmd = program
    .command('plan-cidr')
    .description('find the lowest free CIDR blocks in the pools that overlap no VPC of the fleet')
    .requiredOption('--pool <cidr>', 'address pool to plan from, e.g. 10.0.0.0/8 (repeatable)', collect)
    .requiredOption('--prefix <n>', 'prefix length of the blocks to hand out, e.g. 16', integerOption(0, 128))
    .option('--count <k>', 'how many blocks', integerOption(1, 1_000_000), 1)
    .option('--input <file>', 'blocks in use from a JSON array of { vpcId, account?, region?, cidrs } instead of EC2')
    .option('--json', 'print the plan as JSON');
  // The region whose VPCs are read from EC2 (ignored with --input).
  addRegionOption(cmd)
    .action(async (flags: PlanFlags) => {
      const pools = flags.pool.map(parsePool);
      const problem = planRequestProblem(pools, flags.prefix);
      if (problem) throw new CliError(problem);
      const source = await loadFleet(flags.input, flags.region);
      const inUse = withEngineErrors(source.name, () => source.vpcs.flatMap((vpc) => vpc.cidrs.map((cidr) => parseInUse(vpc.vpcId, cidr))));
      const blocks = withEngineErrors(source.name, () => planCidrs({ pools, inUse, prefix: flags.prefix, count: flags.count }));
      if (flags.json) {
        printJson({ pools: pools.map((p) => p.text), prefix: flags.prefix, count: flags.count, inUse: inUse.length, blocks: blocks.map((b) => b.text) });
        return;
      }
      process.stdout.write(
        `${blocks.length} free /${flags.prefix} block${blocks.length === 1 ? '' : 's'} in ${pools.map((p) => p.text).join(', ')} ` +
          `(checked against ${inUse.length} block${inUse.length === 1 ? '' : 's'} in use from ${source.name}):\n` +
          `${renderTable([{ header: 'CIDR', value: (b: CidrBlock) => b.text }], blocks)}\n`,
      );
    });
}

function parsePool(value: string): CidrBlock {
  try {
    return parseCidr(value);
  } catch (error) {
    if (error instanceof InvalidCidrError) throw new CliError(`--pool ${error.message}`);
    throw error;
  }
}

function parseInUse(vpcId: string, cidr: string): CidrBlock {
  try {
    return parseCidr(cidr);
  } catch (error) {
    if (error instanceof InvalidCidrError) throw new CliError(`VPC ${vpcId}: ${error.message}`);
    throw error;
  }
}
