import { InvalidCidrError, parseCidr } from './block';
import { fromBlock, newParsedCidr, parseCidrFast, ParsedCidr } from './fast-cidr';
import { Forest } from './forest';
import { ipv4SweepOrder } from './radix-order';

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
  /** Indices into `vpcs` in vpcId order. */
  readonly rankOrder: Int32Array;
  readonly forest: Forest;
}

/**
 * Parse and merge the input, and build the containment forest of its distinct blocks.
 * A VPC listed twice is one VPC with the union of its blocks. Blocks are deduplicated by value, not
 * text (IPv6 has many spellings): IPv4 on (start, prefix) put in order by a radix sort, IPv6 on four
 * 32-bit words — no BigInt, no Map of texts.
 */
export function buildFleet(input: readonly VpcCidrs[]): Fleet {
  const vpcs: Array<{ vpcId: string; account?: string; region?: string; nodes: number[] }> = [];
  // One slot per CIDR entry, presized: growing arrays of 100k+ numbers was much of the engine's GC.
  let entries = 0;
  for (const vpc of input) entries += vpc.cidrs.length;
  const v4Start = new Uint32Array(entries);
  const v4Prefix = new Uint8Array(entries);
  const v4Vpc = new Int32Array(entries);
  const v6Words = new Uint32Array(entries * 4);
  const v6Prefix = new Uint8Array(entries);
  const v6Vpc = new Int32Array(entries);
  // Where each entry's text is (input index, position in its cidrs): 500k-slot arrays of strings cost more.
  const v4In = new Int32Array(entries);
  const v4At = new Int32Array(entries);
  const v6In = new Int32Array(entries);
  const v6At = new Int32Array(entries);
  let v4Entries = 0;
  let v6Entries = 0;
  const parsed = newParsedCidr();
  const nodeCount = new Int32Array(input.length);
  // VPC identity from the input sorted by vpcId (stably: a run's first entry is the first
  // appearance) rather than a Map of 100k strings; the sorted order is the rank order as well.
  const byId = Array.from({ length: input.length }, (_, i) => i)
    .sort((a, b) => (input[a].vpcId < input[b].vpcId ? -1 : input[a].vpcId > input[b].vpcId ? 1 : a - b));
  const firstOf = new Int32Array(input.length);
  for (let k = 0; k < byId.length; k++) {
    const i = byId[k];
    firstOf[i] = k > 0 && input[byId[k - 1]].vpcId === input[i].vpcId ? firstOf[byId[k - 1]] : i;
  }
  const vpcOfEntry = new Int32Array(input.length);
  for (let i = 0; i < input.length; i++) {
    const vpc = input[i];
    let v;
    let entry;
    if (firstOf[i] === i) {
      v = vpcs.length;
      entry = { vpcId: vpc.vpcId, account: vpc.account, region: vpc.region, nodes: NO_NODES };
      vpcs.push(entry);
    } else {
      v = vpcOfEntry[firstOf[i]];
      entry = vpcs[v];
      entry.account ??= vpc.account;
      entry.region ??= vpc.region;
    }
    vpcOfEntry[i] = v;
    const cidrs = vpc.cidrs;
    nodeCount[v] += cidrs.length;
    for (let at = 0; at < cidrs.length; at++) {
      const text = cidrs[at];
      if (!parseCidrFast(text, parsed)) fromBlock(parseOrName(vpc.vpcId, text), parsed);
      const w = parsed.words;
      if (parsed.family === 4) {
        v4Start[v4Entries] = w[3];
        v4Prefix[v4Entries] = parsed.prefix;
        v4Vpc[v4Entries] = v;
        v4In[v4Entries] = i;
        v4At[v4Entries++] = at;
      } else {
        v6Words.set(w, v6Entries * 4);
        v6Prefix[v6Entries] = parsed.prefix;
        v6Vpc[v6Entries] = v;
        v6In[v6Entries] = i;
        v6At[v6Entries++] = at;
      }
    }
  }

  // IPv4: entries in sweep order; equal neighbours are one block, numbered from 0.
  const v4Order = ipv4SweepOrder(v4Start, v4Prefix, v4Entries);
  const v4Id = new Int32Array(v4Entries);
  let v4Count = 0;
  for (let k = 0; k < v4Entries; k++) {
    const e = v4Order[k];
    const p = k > 0 ? v4Order[k - 1] : -1;
    if (k > 0 && (v4Start[e] !== v4Start[p] || v4Prefix[e] !== v4Prefix[p])) v4Count++;
    v4Id[e] = v4Count;
  }
  if (v4Entries > 0) v4Count++;
  // IPv6: entries sorted by (words, prefix); equal neighbours are one block.
  const v6Order = new Uint32Array(v6Entries).map((_, i) => i).sort((a, b) => compareV6(v6Words, v6Prefix, a, b));
  const v6Id = new Int32Array(v6Entries);
  let v6Count = 0;
  for (let k = 0; k < v6Order.length; k++) {
    if (k > 0 && compareV6(v6Words, v6Prefix, v6Order[k - 1], v6Order[k]) !== 0) v6Count++;
    v6Id[v6Order[k]] = v4Count + v6Count;
  }
  if (v6Order.length > 0) v6Count++;

  const n = v4Count + v6Count;
  const family = new Uint8Array(n);
  const prefix = new Uint8Array(n);
  const words = new Uint32Array(n * 4);
  const written = new Array<string>(n);
  // Each VPC's blocks in one flat array first, then one exactly sized list per VPC.
  const nodeStart = new Int32Array(vpcs.length + 1);
  for (let v = 0; v < vpcs.length; v++) nodeStart[v + 1] = nodeStart[v] + nodeCount[v];
  const cursor = nodeStart.slice(0, vpcs.length);
  const flat = new Int32Array(nodeStart[vpcs.length]);
  for (let e = 0; e < v4Entries; e++) {
    const id = v4Id[e];
    if (written[id] === undefined) {
      written[id] = input[v4In[e]].cidrs[v4At[e]];
      family[id] = 4;
      prefix[id] = v4Prefix[e];
      words[id * 4 + 3] = v4Start[e];
    }
    flat[cursor[v4Vpc[e]]++] = id;
  }
  for (let e = 0; e < v6Entries; e++) {
    const id = v6Id[e];
    if (written[id] === undefined) {
      written[id] = input[v6In[e]].cidrs[v6At[e]];
      family[id] = 6;
      prefix[id] = v6Prefix[e];
      for (let k = 0; k < 4; k++) words[id * 4 + k] = v6Words[e * 4 + k];
    }
    flat[cursor[v6Vpc[e]]++] = id;
  }
  for (let v = 0; v < vpcs.length; v++) vpcs[v].nodes = distinctAscending(flat, nodeStart[v], nodeStart[v + 1]);
  const rankOrder = new Int32Array(vpcs.length);
  for (let k = 0, r = 0; k < byId.length; k++) if (firstOf[byId[k]] === byId[k]) rankOrder[r++] = vpcOfEntry[byId[k]];
  return { vpcs, rankOrder, forest: new Forest(family, prefix, words, written) };
}

const NO_NODES: number[] = [];

/** flat[from … to) without repeats, ascending: by insertion for the usual handful, else by sorting. */
function distinctAscending(flat: Int32Array, from: number, to: number): number[] {
  if (to === from) return NO_NODES;
  if (to - from > 16) {
    const sorted = flat.subarray(from, to).sort();
    const nodes = [sorted[0]];
    for (let i = 1; i < sorted.length; i++) if (sorted[i] !== sorted[i - 1]) nodes.push(sorted[i]);
    return nodes;
  }
  const nodes = [flat[from]];
  for (let i = from + 1; i < to; i++) {
    const x = flat[i];
    let j = nodes.length;
    while (j > 0 && nodes[j - 1] > x) j--;
    if (j > 0 && nodes[j - 1] === x) continue;
    nodes.push(x);
    for (let m = nodes.length - 1; m > j; m--) nodes[m] = nodes[m - 1];
    nodes[j] = x;
  }
  return nodes;
}

function compareV6(words: Uint32Array, prefix: Uint8Array, a: number, b: number): number {
  for (let k = 0; k < 4; k++) {
    const d = words[a * 4 + k] - words[b * 4 + k];
    if (d !== 0) return d;
  }
  return prefix[a] - prefix[b];
}

function parseOrName(vpcId: string, text: string) {
  try {
    return parseCidr(text);
  } catch (error) {
    if (error instanceof InvalidCidrError) throw new InvalidVpcCidrError(vpcId, error.value, error.problem);
    throw error;
  }
}
