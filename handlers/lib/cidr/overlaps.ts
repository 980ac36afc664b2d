import { buildFleet, Fleet, FleetColumns, VpcCidrs } from './fleet';
import { LocalClasses } from './local-classes';
import { NodeOwners } from './node-owners';
import { nearestPeers } from './nearest-peers';
import { countOverlaps, type CountTuning } from './overlap-counts';
import { keepShape, keepShapesOnce } from './kept-shapes';
import { WARM_UP_FLEET, WARM_UP_TUNINGS } from './engine-warm-up';

/** Another VPC that overlaps, with every overlapping block pair as [this VPC's block, its block]. */
export interface OverlapPeer {
  vpcId: string;
  account?: string;
  region?: string;
  blocks: Array<[string, string]>;
}

export interface VpcOverlaps {
  vpcId: string;
  account?: string;
  region?: string;
  /** Distinct other VPCs this VPC overlaps. */
  overlapCount: number;
  /** Present only for VPCs asked for in `detailFor`: at most `limit` peers, by vpcId. */
  overlapsWith?: OverlapPeer[];
  truncated?: boolean;
}

export interface OverlapSummary {
  vpcs: number;
  cidrs: number;
  /** VPCs that overlap at least one other VPC. */
  overlappingVpcs: number;
  /** Distinct unordered overlapping VPC pairs. */
  pairs: number;
}

export interface OverlapResult {
  summary: OverlapSummary;
  /** Every input VPC once, in order of first appearance. */
  vpcs: VpcOverlaps[];
}

export interface AnalyzeOptions {
  /** VPC IDs whose peer list is wanted, or 'all'. Default: none (counts only). */
  detailFor?: readonly string[] | 'all';
  /** Most peers listed per VPC. Default 20. */
  limit?: number;
}

export const DEFAULT_PEER_LIMIT = 20;

/**
 * The first count of at least this many VPCs in a process is preceded by the engine's warm-up
 * (kept-shapes.ts): about 20 ms once, cold, within the noise of a first 10k or 100k count (measured).
 * Smaller counts take milliseconds, little of them optimized, and would pay more than they save.
 */
export const WARM_UP_FROM_VPCS = 10_000;

/**
 * VPCs given to OverlapIndex to take once: a caller done with them (the CLI's parsed input file,
 * ~1M objects at 100k VPCs) lets them be collected while the index counts, instead of being
 * traversed by every garbage collection until it ends (measured 5–10% of the counting time).
 */
export interface HandedOverFleet {
  take(): readonly VpcCidrs[];
}

/** What OverlapIndex counts: VPCs, VPCs handed over, or the same as columns (see FleetColumns). */
export type FleetInput = readonly VpcCidrs[] | HandedOverFleet | FleetColumns;

/**
 * In a frame of its own: an interpreter frame keeps every value it held alive until it returns.
 * The first large fleet is preceded by the engine's warm-up (kept-shapes.ts), before its blocks are
 * parsed: parsing learns from the warm-up's fleet too.
 */
function fleetOf(input: FleetInput): Fleet {
  const vpcs = isHandedOver(input) ? input.take() : input;
  // Entries, before a VPC listed twice is merged.
  const entries = Array.isArray(vpcs) ? vpcs.length : (vpcs as FleetColumns).vpcIds.length;
  if (entries >= WARM_UP_FROM_VPCS) keepShapesOnce(warmUp);
  return buildFleet(vpcs);
}

/** The engine's warm-up (kept-shapes.ts): the tiny fleet counted once per path, with a peer list, so each path's objects are made. */
function warmUp(): void {
  for (const tuning of WARM_UP_TUNINGS) new OverlapIndex(WARM_UP_FLEET, tuning).peers(0, 3);
}

function isHandedOver(input: FleetInput): input is HandedOverFleet {
  return typeof (input as HandedOverFleet).take === 'function';
}

/**
 * Exact fleet-wide overlap analysis. Counts and totals come from class weights, never from pairs:
 * O(n log n) for typical fleets (see LocalClasses and countOverlaps for the degenerate cases), plus the size of the
 * peer lists and pairs actually requested.
 */
export class OverlapIndex {
  private readonly fleet: Fleet;
  private readonly local: LocalClasses;
  private readonly owners: NodeOwners;
  /** VPC indices in vpcId order, and each VPC's position in it. */
  private readonly rankOrder: Int32Array;
  private readonly rank: Int32Array;
  private readonly counts: Float64Array;
  private readonly peerStamp: Int32Array;
  private stamp = 0;
  /** Per local class, its first VPCs by rank (v's own included) for peer lists of `classTopSize`. */
  private readonly classTop = new Map<number, number[]>();
  private classTopSize = -1;
  private classStamp = new Int32Array(0);
  private classStampValue = 0;

  /**
   * `input` as VPCs, handed over (see HandedOverFleet) to let it be collected while counting, or as
   * columns. `tuning` exists for tests of each counting path; leave it alone otherwise.
   */
  constructor(input: FleetInput, tuning: CountTuning = {}) {
    keepShape(this);
    this.fleet = fleetOf(input);
    const vpcCount = this.fleet.vpcIds.length;
    this.rankOrder = this.fleet.rankOrder;
    this.rank = new Int32Array(vpcCount);
    for (let r = 0; r < this.rankOrder.length; r++) this.rank[this.rankOrder[r]] = r;
    this.local = new LocalClasses(this.fleet, this.rankOrder);
    this.owners = new NodeOwners(this.fleet);
    this.counts = countOverlaps(this.local, this.owners, vpcCount, tuning);
    this.peerStamp = new Int32Array(vpcCount);
  }

  /** VPCs in the input, repeats merged: v in overlapCount(v) and vpcIdAt(v) runs over 0 … size - 1, in order of first appearance. */
  get size(): number {
    return this.fleet.vpcIds.length;
  }

  overlapCount(v: number): number {
    return this.counts[v];
  }

  vpcIdAt(v: number): string {
    return this.fleet.vpcIds[v];
  }

  /** Fleet totals alone: no row per VPC (a table of the worst few needs no 100k rows). */
  summary(): OverlapSummary {
    const { vpcIds, nodeStart } = this.fleet;
    let cidrs = 0;
    let overlapping = 0;
    let twicePairs = 0;
    for (let v = 0; v < vpcIds.length; v++) {
      cidrs += nodeStart[v + 1] - nodeStart[v];
      twicePairs += this.counts[v];
      if (this.counts[v] > 0) overlapping++;
    }
    return { vpcs: vpcIds.length, cidrs, overlappingVpcs: overlapping, pairs: twicePairs / 2 };
  }

  analyze(options: AnalyzeOptions = {}): OverlapResult {
    const limit = options.limit ?? DEFAULT_PEER_LIMIT;
    const wanted = options.detailFor === 'all' ? undefined : new Set(options.detailFor ?? []);
    const { vpcIds, accounts, regions } = this.fleet;
    const vpcs = vpcIds.map((vpcId, v): VpcOverlaps => {
      const overlapCount = this.overlapCount(v);
      const row: VpcOverlaps = { vpcId, account: accounts[v], region: regions[v], overlapCount };
      if (wanted === undefined || wanted.has(vpcId)) {
        row.overlapsWith = this.peers(v, limit);
        row.truncated = overlapCount > row.overlapsWith.length;
      }
      return row;
    });
    return { summary: this.summary(), vpcs };
  }

  /**
   * One VPC's counts and its first `limit` peers; undefined for a VPC not in the input. Found by
   * binary search in vpcId order, its peers read from the owners of the blocks it overlaps: for the
   * few rows of a table, building class adjacency for the fleet-wide peer lists cost more than the rows.
   */
  describe(vpcId: string, limit = DEFAULT_PEER_LIMIT): VpcOverlaps | undefined {
    const v = this.indexOf(vpcId);
    if (v < 0) return undefined;
    const overlapsWith = this.blockPairs(v, nearestPeers(this.fleet, this.owners.table(), this.rank, v, limit));
    const overlapCount = this.overlapCount(v);
    const { accounts, regions } = this.fleet;
    return { vpcId, account: accounts[v], region: regions[v], overlapCount, overlapsWith, truncated: overlapCount > overlapsWith.length };
  }

  /** Each overlapping pair once, [lower vpcId, higher vpcId], in vpcId order. Output-sensitive. */
  *pairs(): Generator<[string, string]> {
    const { vpcIds } = this.fleet;
    for (const v of this.rankOrder) {
      for (const u of this.peerIndices(v, Infinity, this.rank[v])) yield [vpcIds[v], vpcIds[u]];
    }
  }

  /** The first `limit` overlapping VPCs by vpcId, with their block pairs. */
  peers(v: number, limit: number): OverlapPeer[] {
    return this.blockPairs(v, this.peerIndices(v, limit, -1));
  }

  /** The index of the VPC with this vpcId, or -1. */
  private indexOf(vpcId: string): number {
    const { vpcIds } = this.fleet;
    let lo = 0;
    let hi = this.rankOrder.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (vpcIds[this.rankOrder[mid]] < vpcId) lo = mid + 1; else hi = mid;
    }
    const v = this.rankOrder[lo];
    return v !== undefined && vpcIds[v] === vpcId ? v : -1;
  }

  /** Each peer of v with every overlapping block pair. */
  private blockPairs(v: number, peers: readonly number[]): OverlapPeer[] {
    const { vpcIds, accounts, regions, forest, nodeStart, nodeList } = this.fleet;
    return peers.map((u) => {
      const blocks: Array<[string, string]> = [];
      for (let i = nodeStart[v]; i < nodeStart[v + 1]; i++) {
        for (let j = nodeStart[u]; j < nodeStart[u + 1]; j++) {
          const a = nodeList[i];
          const b = nodeList[j];
          if (forest.overlaps(a, b)) blocks.push([forest.text(a), forest.text(b)]);
        }
      }
      return { vpcId: vpcIds[u], account: accounts[u], region: regions[u], blocks };
    });
  }

  /** Overlapping VPCs ranked above `minRank`, smallest rank first, at most `limit`. */
  private peerIndices(v: number, limit: number, minRank: number): number[] {
    if (limit <= 0) return [];
    const stamp = ++this.stamp;
    this.peerStamp[v] = stamp;
    const found: number[] = [];
    if (minRank < 0 && Number.isFinite(limit)) {
      // The first limit+1 of a union lie among the first limit+1 of its parts: one cached list per class.
      for (const c of this.local.ofVpc[v]) {
        for (const u of this.topOfClass(c, limit + 1)) if (this.peerStamp[u] !== stamp) { this.peerStamp[u] = stamp; found.push(u); }
      }
      found.sort((a, b) => this.rank[a] - this.rank[b]);
      return found.length > limit ? found.slice(0, limit) : found;
    }
    for (const c of this.local.ofVpc[v]) {
      for (const a of this.local.adjacent(c)) {
        const members = this.local.members[a];
        // Members are rank-sorted: skip to minRank, and take at most limit (+ v itself) from each:
        // any VPC in the overall first `limit` is among the first limit+1 of a list it appears in.
        let taken = 0;
        for (let i = this.firstAbove(members, minRank); i < members.length && taken <= limit; i++, taken++) {
          const u = members[i];
          if (this.peerStamp[u] !== stamp) { this.peerStamp[u] = stamp; found.push(u); }
        }
      }
    }
    found.sort((a, b) => this.rank[a] - this.rank[b]);
    return found.length > limit ? found.slice(0, limit) : found;
  }

  /**
   * The first `size` VPCs by rank overlapping through class c (its own members included). Computed
   * once per class: fleet-wide peer lists (`--json`) otherwise walked a big class's whole adjacency
   * for each of its thousands of members.
   */
  private topOfClass(c: number, size: number): number[] {
    if (size !== this.classTopSize) { this.classTop.clear(); this.classTopSize = size; }
    const cached = this.classTop.get(c);
    if (cached) return cached;
    if (this.classStamp.length === 0) this.classStamp = new Int32Array(this.rank.length);
    const stamp = ++this.classStampValue;
    const found: number[] = [];
    for (const a of this.local.adjacent(c)) {
      const members = this.local.members[a];
      for (let i = 0; i < members.length && i < size; i++) {
        const u = members[i];
        if (this.classStamp[u] !== stamp) { this.classStamp[u] = stamp; found.push(u); }
      }
    }
    found.sort((a, b) => this.rank[a] - this.rank[b]);
    const top = found.length > size ? found.slice(0, size) : found;
    this.classTop.set(c, top);
    return top;
  }

  private firstAbove(members: readonly number[], minRank: number): number {
    let lo = 0;
    let hi = members.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.rank[members[mid]] <= minRank) lo = mid + 1; else hi = mid;
    }
    return lo;
  }
}

/** Counts for every VPC and totals; peer lists only for `detailFor` (the DetectOverlaps API). */
export function analyzeOverlaps(vpcs: readonly VpcCidrs[], options: AnalyzeOptions = {}): OverlapResult {
  return new OverlapIndex(vpcs).analyze(options);
}

