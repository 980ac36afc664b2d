import { columnEntries, describeBlocks, Entries, numberBlocks, parseEntries } from './fleet-entries';
import { Forest } from './forest';
import { identifyVpcs, VpcIds } from './vpc-ids';
import { listOf } from './int-arrays';
import { keepShape } from './kept-shapes';

export { InvalidVpcCidrError } from './fleet-entries';

/** One VPC as the engine sees it: every associated CIDR block, IPv4 and IPv6 alike. */
export interface VpcCidrs {
  vpcId: string;
  account?: string;
  region?: string;
  cidrs: readonly string[];
}

/**
 * The same input as a VpcCidrs[], held as columns: `egress overlaps` reads `--input` files into this
 * (cli/lib/fleet-scan.ts) without an object, an array and a string per CIDR for each VPC. Entry i is
 * vpcIds[i], accounts[i], regions[i]; its CIDRs are the IPv4 blocks k with v4In[k] = i, read already,
 * and the texts k with textIn[k] = i, parsed by the engine (which names an invalid one). Which entry a
 * CIDR belongs to matters, not its place in the list.
 */
export interface FleetColumns {
  readonly vpcIds: readonly string[];
  readonly accounts: ReadonlyArray<string | undefined>;
  readonly regions: ReadonlyArray<string | undefined>;
  /** IPv4 blocks, k < v4Count: address (host bits clear), prefix (≤ 32), entry. The engine takes these arrays over (it may write past v4Count). */
  readonly v4Start: Uint32Array;
  readonly v4Prefix: Uint8Array;
  readonly v4In: Int32Array;
  readonly v4Count: number;
  /** Every other CIDR as written, in input order, and its entry. */
  readonly texts: readonly string[];
  readonly textIn: Int32Array;
}

/** A VPC after merging duplicate entries; `nodes` are distinct forest indices, ascending. */
export interface FleetVpc {
  readonly vpcId: string;
  readonly account?: string;
  readonly region?: string;
  readonly nodes: number[];
}

export interface Fleet {
  /** Each VPC's vpcId, account and region, VPC v being the v-th to appear in the input. */
  readonly vpcIds: readonly string[];
  readonly accounts: ReadonlyArray<string | undefined>;
  readonly regions: ReadonlyArray<string | undefined>;
  /**
   * The same VPCs as objects with their `nodes`, made on first read: the engine reads the columns and
   * the flat block lists (100k objects made for nothing were young garbage a cold run paid for).
   */
  readonly vpcs: readonly FleetVpc[];
  /** VPC numbers in vpcId order. */
  readonly rankOrder: Int32Array;
  readonly forest: Forest;
  /**
   * Every VPC's `nodes` in one flat array: VPC v's are nodeList[nodeStart[v]] … nodeList[nodeStart[v + 1] - 1]
   * (the same values as vpcs[v].nodes), for loops that would otherwise visit 100k small arrays.
   */
  readonly nodeStart: Int32Array;
  readonly nodeList: Int32Array;
}

/**
 * Parse and merge the input, and build the containment forest of its distinct blocks.
 * A VPC listed twice is one VPC with the union of its blocks. Blocks are deduplicated by value, not
 * text (IPv6 has many spellings): IPv4 on (start, prefix) put in order by a radix sort, IPv6 on four
 * 32-bit words — no BigInt, no Map of texts.
 */
export function buildFleet(input: readonly VpcCidrs[] | FleetColumns): Fleet {
  const columns = isColumns(input);
  const vpcIds = columns ? input.vpcIds : input.map((vpc) => vpc.vpcId);
  const ids = identifyVpcs(vpcIds);
  const entries = columns ? columnEntries(input) : parseEntries(input);
  const { v4Id, v6Id, count } = numberBlocks(entries);
  const { family, prefix, words, written } = describeBlocks(entries, v4Id, v6Id, count);
  const { nodeStart, nodeList } = vpcBlocks(ids, entries, v4Id, v6Id);
  const perVpc = columns
    ? vpcColumns(vpcIds, input.accounts, input.regions, ids)
    : vpcColumns(vpcIds, input.map((vpc) => vpc.account), input.map((vpc) => vpc.region), ids);
  return new FleetTables(perVpc, ids.rankOrder, new Forest(family, prefix, words, written), nodeStart, nodeList);
}

function isColumns(input: readonly VpcCidrs[] | FleetColumns): input is FleetColumns {
  return !Array.isArray(input);
}

/** Each VPC's distinct blocks, ascending, flat: placed per VPC, then sorted and deduplicated in place. */
function vpcBlocks(ids: VpcIds, e: Entries, v4Id: Int32Array, v6Id: Int32Array) {
  const start = entryStarts(e.cidrCount, ids);
  const cursor = start.slice(0, ids.count);
  const flat = new Int32Array(start[ids.count]);
  place(flat, cursor, ids.vpcOf, e.v4In, v4Id, e.v4Count);
  place(flat, cursor, ids.vpcOf, e.v6In, v6Id, e.v6Count);
  const used = compact(flat, start);
  return { nodeStart: start, nodeList: flat.slice(0, used) };
}

/** Where each VPC's entries start in one flat array (duplicate entries of a VPC merged). */
function entryStarts(cidrCount: Int32Array, ids: VpcIds): Int32Array {
  const start = new Int32Array(ids.count + 1);
  for (let i = 0; i < cidrCount.length; i++) start[ids.vpcOf[i] + 1] += cidrCount[i];
  for (let v = 0; v < ids.count; v++) start[v + 1] += start[v];
  return start;
}

function place(flat: Int32Array, cursor: Int32Array, vpcOf: Int32Array, entryIn: Int32Array, id: Int32Array, count: number): void {
  for (let k = 0; k < count; k++) flat[cursor[vpcOf[entryIn[k]]]++] = id[k];
}

/** Each VPC's run sorted and without repeats, moved down over the repeats removed before it; `start` updated. */
function compact(flat: Int32Array, start: Int32Array): number {
  let out = 0;
  for (let v = 0; v + 1 < start.length; v++) {
    const from = start[v];
    start[v] = out;
    out = distinctAscending(flat, from, start[v + 1], out);
  }
  start[start.length - 1] = out;
  return out;
}

/** Sort flat[from … to) (by insertion for the usual handful), write it without repeats at `out`; the new end. */
function distinctAscending(flat: Int32Array, from: number, to: number, out: number): number {
  if (to - from > 16) flat.subarray(from, to).sort();
  else {
    for (let i = from + 1; i < to; i++) {
      const x = flat[i];
      let j = i;
      for (; j > from && flat[j - 1] > x; j--) flat[j] = flat[j - 1];
      flat[j] = x;
    }
  }
  for (let i = from; i < to; i++) if (i === from || flat[i] !== flat[i - 1]) flat[out++] = flat[i];
  return out;
}

interface VpcColumns {
  vpcIds: readonly string[];
  accounts: ReadonlyArray<string | undefined>;
  regions: ReadonlyArray<string | undefined>;
}

/** Per VPC, its first entry's vpcId, account and region; a VPC listed again lends what its first entry lacked. */
function vpcColumns(
  vpcIds: readonly string[], accounts: ReadonlyArray<string | undefined>, regions: ReadonlyArray<string | undefined>, ids: VpcIds,
): VpcColumns {
  // Every entry its own VPC (nearly every input): VPC v is entry v.
  if (ids.count === vpcIds.length) return { vpcIds, accounts, regions };
  const ofVpc = { vpcIds: new Array<string>(ids.count), accounts: new Array<string | undefined>(ids.count), regions: new Array<string | undefined>(ids.count) };
  for (let v = 0; v < ids.count; v++) {
    const first = ids.firstOf[v];
    ofVpc.vpcIds[v] = vpcIds[first];
    ofVpc.accounts[v] = accounts[first];
    ofVpc.regions[v] = regions[first];
  }
  for (let i = 0; i < vpcIds.length; i++) {
    const v = ids.vpcOf[i];
    ofVpc.accounts[v] ??= accounts[i];
    ofVpc.regions[v] ??= regions[i];
  }
  return ofVpc;
}

class FleetTables implements Fleet {
  readonly vpcIds: readonly string[];
  readonly accounts: ReadonlyArray<string | undefined>;
  readonly regions: ReadonlyArray<string | undefined>;
  private vpcObjects: FleetVpc[] | undefined;

  constructor(
    columns: VpcColumns,
    readonly rankOrder: Int32Array,
    readonly forest: Forest,
    readonly nodeStart: Int32Array,
    readonly nodeList: Int32Array,
  ) {
    keepShape(this);
    ({ vpcIds: this.vpcIds, accounts: this.accounts, regions: this.regions } = columns);
  }

  get vpcs(): readonly FleetVpc[] {
    return (this.vpcObjects ??= this.vpcIds.map((vpcId, v) => ({
      vpcId,
      account: this.accounts[v],
      region: this.regions[v],
      nodes: listOf(this.nodeList, this.nodeStart[v], this.nodeStart[v + 1]),
    })));
  }
}
