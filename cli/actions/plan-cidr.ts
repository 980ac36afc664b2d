/** What `egress plan-cidr` does (its flags are in cli/commands/plan-cidr.ts). */
import { type CidrBlock, CidrPlanError, InvalidCidrError, parseCidr, planCidrs } from '../../handlers/lib/cidr';
import type { AwsFlags } from '../lib/aws-options';
import { CliError, EXIT_FAILURE } from '../lib/errors';
import { loadFleet, withEngineErrors } from '../lib/fleet-source';
import { printJson, renderTable } from '../lib/output';
import { exhaustedMessage, planRequestProblem } from '../lib/plan-request';

interface PlanFlags extends AwsFlags { pool: string[]; prefix: number; count: number; input?: string }

export async function runPlanCidr(flags: PlanFlags): Promise<void> {
  const pools = flags.pool.map(parsePool);
  const problem = planRequestProblem(pools, flags.prefix);
  if (problem) throw new CliError(problem);
  const source = await loadFleet(flags.input, flags);
  const inUse = withEngineErrors(source.name, () => source.vpcs.flatMap((vpc) => vpc.cidrs.map((cidr) => parseInUse(vpc.vpcId, cidr))));
  const blocks = plan(pools, inUse, flags, source.name);
  if (flags.json) {
    printJson({ pools: pools.map((p) => p.text), prefix: flags.prefix, count: flags.count, inUse: inUse.length, blocks: blocks.map((b) => b.text) });
    return;
  }
  process.stdout.write(
    `${blocks.length} free /${flags.prefix} block${blocks.length === 1 ? '' : 's'} in ${pools.map((p) => p.text).join(', ')} ` +
      `(checked against ${inUse.length} block${inUse.length === 1 ? '' : 's'} in use from ${source.name}):\n` +
      `${renderTable([{ header: 'CIDR', value: (b: CidrBlock) => b.text }], blocks)}\n`,
  );
}

function plan(pools: CidrBlock[], inUse: CidrBlock[], flags: PlanFlags, sourceName: string): CidrBlock[] {
  try {
    return planCidrs({ pools, inUse, prefix: flags.prefix, count: flags.count });
  } catch (error) {
    if (error instanceof CidrPlanError) {
      const exhausted = exhaustedMessage(error.message, pools.map((p) => p.text), flags.prefix, flags.count, sourceName);
      if (exhausted) throw new CliError(exhausted, EXIT_FAILURE);
    }
    return withEngineErrors(sourceName, () => { throw error; });
  }
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
