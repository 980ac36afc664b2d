import type { LocalClasses } from './local-classes';
import type { NodeOwners } from './node-owners';
import { ComponentPairIndex, FlatClasses } from './component-pair-index';
import { lowerBound } from './int-arrays';

/** Entries inside a block's subtree past which the join looks up the J side instead. */
const LOOK_IN_J_FROM = 128;

/**
 * Distinct-VPC overlap counts for VPCs spread over several components (VPCs at the CIDR quota over
 * shared blocks), without visiting their neighbourhoods.
 *
 * Let m(v, u) be the number of components in which VPCs v and u overlap (their local classes there
 * are adjacent). Then the VPCs overlapping v, v itself included, number
 *     Σ over v's classes c of |N(c)|  −  Σ over u with m(v, u) ≥ 2 of (m(v, u) − 1),
 * where |N(c)| (VPCs overlapping class c through its component) comes from prefix sums (one-block
 * classes) or one direct count per class. The second sum needs only the pairs overlapping in two
 * components or more — a small fraction of all overlapping pairs. They are found per pair of
 * components (I, J): the VPCs holding a class in both, sorted by their maximal blocks in I, so those
 * overlapping one entry's block in I are the following entries up to its subtree's end; each is tested
 * for adjacency in J. An entry whose block holds many (a shared /16) looks the other way instead: the
 * entries whose J block overlaps its own (a range and its ancestors in the J order), tested in I.
 * A pair overlapping in the components S is kept only in the buckets (first of S, J): m − 1 of them,
 * one each; and a pair of VPCs with several blocks in I or J only at its first overlapping block pair
 * on that side.
 */
export class ComponentPairCounter {
  private readonly index: ComponentPairIndex;
  private readonly sole: Int32Array;
  /** Classes with more than one block. */
  private readonly several: Uint8Array;
  /** The flat views of the classes (the VPCs' lists, components) and each class's maximal blocks. */
  private readonly flat: FlatClasses;
  private readonly classStart: Int32Array;
  private readonly classList: Int32Array;
  private readonly componentOf: Int32Array;

  /**
   * `wanted`: the VPCs to be counted this way; `scanCost` tells the join's cost before `count`.
   * `lookInJFrom` exists for tests of both join directions.
   */
  constructor(
    private readonly local: LocalClasses,
    private readonly owners: NodeOwners,
    private readonly wanted: readonly number[],
    private readonly lookInJFrom = LOOK_IN_J_FROM,
  ) {
    const L = local.count;
    const { classStart: blockStart, classBlocks, subtreeEnd: end } = local;
    this.sole = local.classBlock;
    this.several = new Uint8Array(L);
    const maxStart = new Int32Array(L + 1);
    const maxList = new Int32Array(classBlocks.length);
    let maxCount = 0;
    for (let c = 0; c < L; c++) {
      const from = blockStart[c];
      const to = blockStart[c + 1];
      this.several[c] = to - from > 1 ? 1 : 0;
      // A class's blocks ascend in sweep order: a block inside an earlier one falls in its range.
      for (let k = from; k < to; k++) {
        let inner = false;
        for (let j = from; j < k && !inner; j++) inner = classBlocks[k] < end[classBlocks[j]];
        if (!inner) maxList[maxCount++] = classBlocks[k];
      }
      maxStart[c + 1] = maxCount;
    }
    this.componentOf = local.componentOfClass;
    this.classStart = local.vpcClassStart;
    this.classList = local.vpcClassList;
    this.flat = { classStart: this.classStart, classList: this.classList, componentOf: this.componentOf, maxStart, maxList, several: this.several };
    this.index = new ComponentPairIndex(local, owners, wanted, this.flat);
  }

  /** Entries indexed plus entry pairs the join tests in I at most: its cost in the units of a direct count. */
  scanCost(): number {
    const { scanEnd } = this.index;
    let cost = scanEnd.length;
    for (let k = 0; k < scanEnd.length; k++) cost += scanEnd[k] - k - 1;
    return cost;
  }

  /** Overlap counts (other VPCs) of the wanted VPCs, into `counts`. */
  count(counts: Float64Array): void {
    const { local } = this;
    const excess = this.join(counts.length);
    const sizes = new Float64Array(local.count).fill(-1);
    const seen = new Int32Array(counts.length);
    let stamp = 0;
    const { vpcClassStart, vpcClassList, classStart: blockStart, classBlocks } = local;
    for (const v of this.wanted) {
      let total = 0;
      for (let i = vpcClassStart[v]; i < vpcClassStart[v + 1]; i++) {
        const c = vpcClassList[i];
        if (sizes[c] < 0) {
          sizes[c] = this.sole[c] >= 0
            ? this.owners.distinctOverlapping(this.sole[c])
            : this.owners.countNeighbours(classBlocks, seen, ++stamp, blockStart[c], blockStart[c + 1]);
        }
        total += sizes[c];
      }
      // v is in each of its k classes' neighbourhoods and overlaps itself in k components: k − 1 extra.
      counts[v] = total - excess[v] - (vpcClassStart[v + 1] - vpcClassStart[v] - 1) - 1;
    }
  }

  /** Σ over u of (m(v, u) − 1) for every VPC v, over the pairs overlapping in two components or more. */
  private join(vpcCount: number): Float64Array {
    // Each phase in its own function (see ComponentPairIndex's constructor on why).
    const entryExcess = this.joinEntries(otherEnds(this.index.blockOther, this.local.subtreeEnd));
    const excess = new Float64Array(vpcCount);
    const { vpcOf } = this.index;
    for (let k = 0; k < entryExcess.length; k++) excess[vpcOf[k]] += entryExcess[k];
    return excess;
  }

  /** Per entry, the pairs it finds (its own count) and is found in, over all buckets. */
  private joinEntries(otherEnd: Int32Array): Int32Array {
    const { blockOther, vpcOf, scanEnd, jStart, jEntry, jBlock, bucketStart, flags: many, maskLo, maskHi, preLo, preHi } = this.index;
    const { parent } = this.local;
    const entries = vpcOf.length;
    const entryExcess = new Int32Array(entries);
    for (let k = 0, b = 0; k < entries; k++) {
      while (k >= bucketStart[b + 1]) b++;
      const yv = blockOther[k];
      const yEnd = otherEnd[k];
      // v's components before I as bits: u holding none of them shares none with v.
      const beforeLo = maskLo[vpcOf[k]] & preLo[b];
      const beforeHi = maskHi[vpcOf[k]] & preHi[b];
      const plain = many[k] === 0 && beforeLo === 0 && beforeHi === 0;
      let own = 0;
      const stop = scanEnd[k];
      if (stop - k > this.lookInJFrom) {
        // Many entries inside x's subtree: those overlapping in J are fewer. y's subtree's range, then each ancestor's.
        const lo = jStart[b];
        const hi = jStart[b + 1];
        for (let p = lowerBound(jBlock, yv, lo, hi), to = lowerBound(jBlock, yEnd, p, hi); p < to; p++) {
          const q = jEntry[p];
          if (q > k && q < stop && ((plain && many[q] === 0) || this.counts(b, k, q, beforeLo, beforeHi))) { own++; entryExcess[q]++; }
        }
        for (let a = parent[yv]; a >= 0; a = parent[a]) {
          for (let p = lowerBound(jBlock, a, lo, hi); p < hi && jBlock[p] === a; p++) {
            const q = jEntry[p];
            if (q > k && q < stop && ((plain && many[q] === 0) || this.counts(b, k, q, beforeLo, beforeHi))) { own++; entryExcess[q]++; }
          }
        }
      } else {
        for (let q = k + 1; q < stop; q++) {
          const yu = blockOther[q];
          if (!(yv <= yu ? yu < yEnd : yv < otherEnd[q])) continue;
          if ((plain && many[q] === 0) || this.counts(b, k, q, beforeLo, beforeHi)) { own++; entryExcess[q]++; }
        }
      }
      entryExcess[k] += own;
    }
    return entryExcess;
  }

  /**
   * Entries k < q overlapping in I and in J: do they count? Not when a duplicate (several maximal
   * blocks on a side: only the first overlapping block pair counts) or when I is not the first
   * component the two VPCs overlap in.
   */
  private counts(b: number, k: number, q: number, beforeLo: number, beforeHi: number): boolean {
    const { blockIn, blockOther, vpcOf, flags, maskLo, maskHi, bucketI, bucketJ } = this.index;
    const both = flags[k] | flags[q];
    const v = vpcOf[k];
    const u = vpcOf[q];
    if ((both & 1) !== 0 && !this.firstBlockPair(this.classIn(v, bucketI[b]), this.classIn(u, bucketI[b]), blockIn[k], blockIn[q])) return false;
    if ((both & 2) !== 0 && !this.firstBlockPair(this.classIn(v, bucketJ[b]), this.classIn(u, bucketJ[b]), blockOther[k], blockOther[q])) return false;
    if ((beforeLo & maskLo[u]) === 0 && (beforeHi & maskHi[u]) === 0) return true;
    return !this.overlapBefore(v, u, bucketI[b]);
  }

  /** VPC v's class in component `comp` (v has one). */
  private classIn(v: number, comp: number): number {
    const { classList, componentOf } = this;
    let i = this.classStart[v];
    while (componentOf[classList[i]] !== comp) i++;
    return classList[i];
  }

  /** Are classes a and c adjacent (same component, some block of one overlapping some block of the other)? */
  private adjacent(a: number, c: number): boolean {
    const x = this.sole[a];
    const y = this.sole[c];
    if (x < 0 || y < 0) return this.local.related(a, c);
    const end = this.local.subtreeEnd;
    return x <= y ? y < end[x] : x < end[y];
  }

  /** Is (x, y) the first overlapping pair of maximal blocks of classes a and b, lowest block first? */
  private firstBlockPair(a: number, b: number, x: number, y: number): boolean {
    const end = this.local.subtreeEnd;
    const { maxStart, maxList } = this.flat;
    const lo = Math.min(x, y);
    const hi = Math.max(x, y);
    for (let i = maxStart[a]; i < maxStart[a + 1]; i++) {
      const p = maxList[i];
      for (let j = maxStart[b]; j < maxStart[b + 1]; j++) {
        const q = maxList[j];
        if (!(p <= q ? q < end[p] : p < end[q])) continue;
        const l = p < q ? p : q;
        if (l < lo || (l === lo && (p < q ? q : p) < hi)) return false;
      }
    }
    return true;
  }

  /** Do v and u overlap in a component before component compI? */
  private overlapBefore(v: number, u: number, compI: number): boolean {
    const { classStart, classList, componentOf } = this;
    for (let i = classStart[v], j = classStart[u], iEnd = classStart[v + 1], jEnd = classStart[u + 1]; i < iEnd && j < jEnd;) {
      const a = classList[i];
      const b = classList[j];
      const ca = componentOf[a];
      const cb = componentOf[b];
      if (ca >= compI || cb >= compI) return false;
      if (ca < cb) i++;
      else if (cb < ca) j++;
      else if (this.adjacent(a, b)) return true;
      else { i++; j++; }
    }
    return false;
  }
}

/** Each entry's J block's subtree end, read in order by the join rather than at random. */
function otherEnds(blockOther: Int32Array, end: Int32Array): Int32Array {
  const otherEnd = new Int32Array(blockOther.length);
  for (let k = 0; k < blockOther.length; k++) otherEnd[k] = end[blockOther[k]];
  return otherEnd;
}
