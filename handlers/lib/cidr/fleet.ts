import { CidrBlock, compareBlocks, InvalidCidrError, parseCidr } from './block';
import { buildForest, Forest } from './forest';

/** One VPC as the engine sees it: every associated CIDR block, IPv4 and IPv6 alike. */
export interface VpcCidrs {
  vpcId: string;
  account?: string;
  region?: string;
  cidrs: readonly string[];
}

/** A CIDR of a VPC is invalid. The message names both: `vpc-1: "10.0.0.1/16" has host bits set …`. */
export class InvalidVpcCidrError extends Error {
  readonly name = 'InvalidVpcCidrError';
  constructor(readonly vpcId: string, readonly value: string, readonly problem: string) {
    super(`${vpcId}: ${JSON.stringify(value)} ${problem}`);
  }
}

/** A VPC after merging duplicate entries; `nodes` are distinct forest indices, ascending. */
export interface FleetVpc {
  readonly vpcId: string;
  readonly account?: string;
  readonly region?: string;
  readonly nodes: number[];
}

export interface Fleet {
  /** In order of first appearance in the input. */
  readonly vpcs: readonly FleetVpc[];
  readonly forest: Forest;
}

/**
 * Parse and merge the input, and build the containment forest of its distinct blocks.
 * A VPC listed twice is one VPC with the union of its blocks. Each distinct CIDR text is parsed once,
 * which matters for fleets where thousands of VPCs say `10.0.0.0/16`.
 */
export function buildFleet(input: readonly VpcCidrs[]): Fleet {
  const idByText = new Map<string, number>(); // as written → block id (one parse per distinct text)
  const idByCanonical = new Map<string, number>(); // IPv6 can be spelled several ways
  const distinct: CidrBlock[] = [];
  const byId = new Map<string, { vpcId: string; account?: string; region?: string; nodes: number[] }>();
  for (const vpc of input) {
    let entry = byId.get(vpc.vpcId);
    if (!entry) {
      entry = { vpcId: vpc.vpcId, account: vpc.account, region: vpc.region, nodes: [] };
      byId.set(vpc.vpcId, entry);
    }
    entry.account ??= vpc.account;
    entry.region ??= vpc.region;
    for (const text of vpc.cidrs) {
      let id = idByText.get(text);
      if (id === undefined) {
        const block = parseOrName(vpc.vpcId, text);
        id = idByCanonical.get(block.key);
        if (id === undefined) {
          id = distinct.length;
          idByCanonical.set(block.key, id);
          distinct.push(block);
        }
        idByText.set(text, id);
      }
      entry.nodes.push(id);
    }
  }
  // Sort the distinct blocks into sweep order and renumber the VPCs' references.
  const order = distinct.map((_, i) => i).sort((a, b) => compareBlocks(distinct[a], distinct[b]));
  const newIndex = new Int32Array(distinct.length);
  order.forEach((oldIndex, i) => { newIndex[oldIndex] = i; });
  const forest = buildForest(order.map((i) => distinct[i]));
  const vpcs: FleetVpc[] = [];
  for (const entry of byId.values()) {
    const nodes = entry.nodes;
    for (let i = 0; i < nodes.length; i++) nodes[i] = newIndex[nodes[i]];
    if (nodes.length > 1) {
      nodes.sort((a, b) => a - b);
      entry.nodes = nodes.filter((node, i) => i === 0 || node !== nodes[i - 1]);
    }
    vpcs.push(entry);
  }
  return { vpcs, forest };
}

function parseOrName(vpcId: string, text: string): CidrBlock {
  try {
    return parseCidr(text);
  } catch (error) {
    if (error instanceof InvalidCidrError) throw new InvalidVpcCidrError(vpcId, error.value, error.problem);
    throw error;
  }
}
