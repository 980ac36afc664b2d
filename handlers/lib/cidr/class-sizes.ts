import type { LocalClasses } from './local-classes';
import type { NodeOwners } from './node-owners';
import { keepShape } from './kept-shapes';

/**
 * |N(c)| — the distinct VPCs overlapping class c through its component, c's own members included —
 * for every class of the `wanted` VPCs, at sizes[c].
 *
 * A one-block class: NodeOwners.distinctOverlapping, O(1). A class with several maximal blocks
 * x1 < … < xk (maxList[maxStart[c]] …, see ComponentPairBuckets) took a direct count of its whole
 * neighbourhood, most of the class-size time on fleets at the CIDR quota. Instead:
 * - NodeOwners.regionsOverlapping counts each VPC once per region it meets: each xi's subtree, and
 *   each block on the xi's ancestor chains (one VPC's maximal blocks are disjoint, so it has at most
 *   one on a chain, and none on a chain and in that block's subtree both);
 * - a VPC meeting r ≥ 2 regions is counted r − 1 times too often. It has two maximal blocks or more in
 *   the component, so it is a member of such a class c': per such class, its members × (regions met
 *   − 1) are taken back. The classes meeting a region are found from the blocks of such classes: those
 *   on the chains (each its own region) and those in each xi's subtree (a contiguous range).
 * That visits at most the blocks a direct count visits, one entry per class rather than per VPC.
 * `method: 'direct'` counts every neighbourhood instead (NodeOwners.countNeighbours, what this
 * replaced), for tests to hold the two against each other.
 */
export function classSizes(
  local: LocalClasses, owners: NodeOwners, maxStart: Int32Array, maxList: Int32Array, wanted: readonly number[],
  method?: 'regions' | 'direct',
): Float64Array {
  const { classStart, classBlocks } = local;
  const sizes = new Float64Array(local.count).fill(-1);
  const several = oneBlockSizes(local.classBlock, askedClasses(local, wanted), owners, sizes);
  if (several.length === 0) return sizes;
  if (method === 'direct') {
    const seen = new Int32Array(local.vpcClassStart.length - 1);
    let stamp = 0;
    for (const c of several) sizes[c] = owners.countNeighbours(classBlocks, seen, ++stamp, classStart[c], classStart[c + 1]);
    return sizes;
  }
  const repeats = new RegionRepeats(local, maxStart, maxList);
  for (const c of several) sizes[c] = owners.regionsOverlapping(maxList, maxStart[c], maxStart[c + 1]) - repeats.of(c);
  return sizes;
}

/** The repeats regionsOverlapping counts for a class with several maximal blocks: VPCs meeting two regions or more. */
class RegionRepeats {
  /**
   * Classes with two maximal blocks or more, numbered 0 … (`ids`, small arrays that stay in cache),
   * by block (CSR over blocks in sweep order): idAt[start[x]] … own block x. Per id, its members (VPCs).
   */
  private readonly start: Int32Array;
  private readonly idAt: Int32Array;
  private readonly members: Int32Array;
  /** Per id met, MET ints: the stamp of the class counted for, regions met, the last region met in. */
  private readonly met: Int32Array;
  private readonly metIds: Int32Array;
  private readonly parent: Int32Array;
  private readonly end: Int32Array;
  private readonly blockMark: Int32Array;
  private metCount = 0;
  private stamp = 0;
  private region = 0;

  constructor(local: LocalClasses, private readonly maxStart: Int32Array, private readonly maxList: Int32Array) {
    keepShape(this);
    this.parent = local.parent;
    this.end = local.subtreeEnd;
    const { id, ids } = numberSeveral(maxStart, local.count);
    this.members = memberCounts(local.vpcClassList, id, ids);
    ({ start: this.start, idAt: this.idAt } = blocksOfSeveral(maxStart, maxList, id, this.parent.length));
    this.met = new Int32Array(MET * ids);
    this.metIds = new Int32Array(ids);
    this.blockMark = new Int32Array(this.parent.length);
  }

  /** Σ over VPCs meeting r ≥ 2 of class c's regions of r − 1. */
  of(c: number): number {
    const { start, idAt, parent, end, blockMark, maxList } = this;
    const stamp = ++this.stamp;
    this.metCount = 0;
    for (let i = this.maxStart[c]; i < this.maxStart[c + 1]; i++) {
      const x = maxList[i];
      // The chains: each block once (a block seen before has its whole chain seen), each its own region.
      for (let a = parent[x]; a >= 0 && blockMark[a] !== stamp; a = parent[a]) {
        blockMark[a] = stamp;
        for (let k = start[a]; k < start[a + 1]; k++) this.meet(idAt[k], stamp, ++this.region);
      }
      // x's subtree: one region, however many blocks of a class lie in it.
      const region = ++this.region;
      for (let k = start[x]; k < start[end[x]]; k++) this.meet(idAt[k], stamp, region);
    }
    let repeats = 0;
    for (let i = 0; i < this.metCount; i++) {
      const other = this.metIds[i];
      const regions = this.met[MET * other + 1];
      if (regions > 1) repeats += this.members[other] * (regions - 1);
    }
    return repeats;
  }

  private meet(other: number, stamp: number, region: number): void {
    const { met } = this;
    const at = MET * other;
    if (met[at] !== stamp) { met[at] = stamp; met[at + 1] = 0; met[at + 2] = 0; this.metIds[this.metCount++] = other; }
    if (met[at + 2] !== region) { met[at + 2] = region; met[at + 1]++; }
  }
}

/** Ints per class in RegionRepeats.met. */
const MET = 3;

// One function per pass: a long function entered once per run is optimized mid-loop and then
// deoptimized at its next loop (see fleet-entries.ts).

/** 1 for each class of a wanted VPC. */
function askedClasses(local: LocalClasses, wanted: readonly number[]): Uint8Array {
  const { vpcClassStart, vpcClassList } = local;
  const asked = new Uint8Array(local.count);
  for (const v of wanted) for (let i = vpcClassStart[v]; i < vpcClassStart[v + 1]; i++) asked[vpcClassList[i]] = 1;
  return asked;
}

/** Sizes of the asked one-block classes into `sizes`; the asked classes with several blocks, returned. In class order: each class once, one read each. */
function oneBlockSizes(classBlock: Int32Array, asked: Uint8Array, owners: NodeOwners, sizes: Float64Array): number[] {
  const several: number[] = [];
  for (let c = 0; c < asked.length; c++) {
    if (asked[c] === 0) continue;
    if (classBlock[c] >= 0) sizes[c] = owners.distinctOverlapping(classBlock[c]); else several.push(c);
  }
  return several;
}

/** Numbers 0, 1, … the classes with two maximal blocks or more (id -1: fewer). */
function numberSeveral(maxStart: Int32Array, count: number): { id: Int32Array; ids: number } {
  const id = new Int32Array(count);
  let ids = 0;
  for (let c = 0; c < count; c++) id[c] = maxStart[c + 1] - maxStart[c] > 1 ? ids++ : -1;
  return { id, ids };
}

/** VPCs per numbered class. */
function memberCounts(vpcClassList: Int32Array, id: Int32Array, ids: number): Int32Array {
  const members = new Int32Array(ids);
  for (let i = 0; i < vpcClassList.length; i++) {
    const k = id[vpcClassList[i]];
    if (k >= 0) members[k]++;
  }
  return members;
}

/** The numbered classes owning each block as a maximal block: idAt[start[x]] … (CSR over blocks in sweep order). */
function blocksOfSeveral(maxStart: Int32Array, maxList: Int32Array, id: Int32Array, blocks: number): { start: Int32Array; idAt: Int32Array } {
  const start = new Int32Array(blocks + 1);
  for (let c = 0; c < id.length; c++) if (id[c] >= 0) for (let k = maxStart[c]; k < maxStart[c + 1]; k++) start[maxList[k] + 1]++;
  for (let x = 0; x < blocks; x++) start[x + 1] += start[x];
  const cursor = start.slice(0, blocks);
  const idAt = new Int32Array(start[blocks]);
  for (let c = 0; c < id.length; c++) if (id[c] >= 0) for (let k = maxStart[c]; k < maxStart[c + 1]; k++) idAt[cursor[maxList[k]]++] = id[c];
  return { start, idAt };
}
