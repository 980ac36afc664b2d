import type { LocalClasses } from './local-classes';
import type { NodeOwners } from './node-owners';
import { ComponentPairIndex, FlatClasses, lowerBound } from './component-pair-index';

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
  /** Flat copies of the VPCs' class lists, the classes' components and maximal blocks: read at random. */
  private readonly flat: FlatClasses;
  private readonly classStart: Int32Array;
  private readonly classList: Int32Array;
  private readonly componentOf: Int32Array;
  /** Per join entry: several-block classes (1: in I, 2: in J); per VPC: its components mod 64 as bits. */
  private many = new Uint8Array(0);
  private maskLo = new Int32Array(0);
  private maskHi = new Int32Array(0);

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
    this.sole = new Int32Array(L);
    this.several = new Uint8Array(L);
    const end = local.subtreeEnd;
    const maxStart = new Int32Array(L + 1);
    let blocks = 0;
    for (let c = 0; c < L; c++) blocks += local.nodes[c].length;
    const maxList = new Int32Array(blocks);
    let maxCount = 0;
    for (let c = 0; c < L; c++) {
      const nodes = local.nodes[c];
      this.sole[c] = nodes.length === 1 ? nodes[0] : -1;
      this.several[c] = nodes.length > 1 ? 1 : 0;
      // `nodes` ascend in sweep order: a block inside an earlier one falls in its range.
      for (let k = 0; k < nodes.length; k++) {
        let inner = false;
        for (let j = 0; j < k && !inner; j++) inner = nodes[k] < end[nodes[j]];
        if (!inner) maxList[maxCount++] = nodes[k];
      }
      maxStart[c + 1] = maxCount;
    }
    this.componentOf = Int32Array.from(local.componentOf);
    this.classStart = new Int32Array(local.ofVpc.length + 1);
    local.ofVpc.forEach((lcs, v) => { this.classStart[v + 1] = this.classStart[v] + lcs.length; });
    this.classList = new Int32Array(this.classStart[local.ofVpc.length]);
    local.ofVpc.forEach((lcs, v) => this.classList.set(lcs, this.classStart[v]));
    this.flat = { classStart: this.classStart, classList: this.classList, componentOf: this.componentOf, maxStart, maxList };
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
    for (const v of this.wanted) {
      const lcs = local.ofVpc[v];
      let total = 0;
      for (const c of lcs) {
        if (sizes[c] < 0) sizes[c] = this.sole[c] >= 0 ? this.owners.distinctOverlapping(this.sole[c]) : this.owners.countNeighbours(local.nodes[c], seen, ++stamp);
        total += sizes[c];
      }
      // v is in each of its k classes' neighbourhoods and overlaps itself in k components: k − 1 extra.
      counts[v] = total - excess[v] - (lcs.length - 1) - 1;
    }
  }

  /** Σ over u of (m(v, u) − 1) for every VPC v, over the pairs overlapping in two components or more. */
  private join(vpcCount: number): Float64Array {
    const { blockOther, vpcOf, classIn, classInOther, scanEnd, jStart, jEntry, jBlock, bucketStart, beforeLo: lowBits, beforeHi: highBits } = this.index;
    const { classStart, classList, componentOf, several } = this;
    const { parent } = this.local;
    const end = this.local.subtreeEnd;
    const entries = vpcOf.length;
    // Read in order by the scan rather than at random: each entry's J block's subtree end and whether
    // its classes have several blocks (1: in I, 2: in J). Each VPC's components as 64 bits (mod 64).
    const otherEnd = new Int32Array(entries);
    const many = new Uint8Array(entries);
    for (let k = 0; k < entries; k++) {
      otherEnd[k] = end[blockOther[k]];
      many[k] = several[classIn[k]] | (several[classInOther[k]] << 1);
    }
    const maskLo = new Int32Array(vpcCount);
    const maskHi = new Int32Array(vpcCount);
    for (let v = 0; v < vpcCount; v++) {
      for (let i = classStart[v]; i < classStart[v + 1]; i++) {
        const b = componentOf[classList[i]] & 63;
        if (b < 32) maskLo[v] |= 1 << b; else maskHi[v] |= 1 << (b - 32);
      }
    }
    this.many = many;
    this.maskLo = maskLo;
    this.maskHi = maskHi;
    const entryExcess = new Int32Array(entries);
    for (let k = 0, b = 0; k < entries; k++) {
      while (k >= bucketStart[b + 1]) b++;
      const yv = blockOther[k];
      const yEnd = otherEnd[k];
      // v's components before I as bits: u holding none of them shares none with v.
      const beforeLo = lowBits[k];
      const beforeHi = highBits[k];
      const plain = many[k] === 0 && beforeLo === 0 && beforeHi === 0;
      let own = 0;
      const stop = scanEnd[k];
      if (stop - k > this.lookInJFrom) {
        // Many entries inside x's subtree: those overlapping in J are fewer. y's subtree's range, then each ancestor's.
        const lo = jStart[b];
        const hi = jStart[b + 1];
        for (let p = lowerBound(jBlock, yv, lo, hi), to = lowerBound(jBlock, yEnd, p, hi); p < to; p++) {
          const q = jEntry[p];
          if (q > k && q < stop && ((plain && many[q] === 0) || this.counts(k, q, beforeLo, beforeHi))) { own++; entryExcess[q]++; }
        }
        for (let a = parent[yv]; a >= 0; a = parent[a]) {
          for (let p = lowerBound(jBlock, a, lo, hi); p < hi && jBlock[p] === a; p++) {
            const q = jEntry[p];
            if (q > k && q < stop && ((plain && many[q] === 0) || this.counts(k, q, beforeLo, beforeHi))) { own++; entryExcess[q]++; }
          }
        }
      } else {
        for (let q = k + 1; q < stop; q++) {
          const yu = blockOther[q];
          if (!(yv <= yu ? yu < yEnd : yv < otherEnd[q])) continue;
          if ((plain && many[q] === 0) || this.counts(k, q, beforeLo, beforeHi)) { own++; entryExcess[q]++; }
        }
      }
      entryExcess[k] += own;
    }
    const excess = new Float64Array(vpcCount);
    for (let k = 0; k < entries; k++) excess[vpcOf[k]] += entryExcess[k];
    return excess;
  }

  /**
   * Entries k < q overlapping in I and in J: do they count? Not when a duplicate (several maximal
   * blocks on a side: only the first overlapping block pair counts) or when I is not the first
   * component the two VPCs overlap in.
   */
  private counts(k: number, q: number, beforeLo: number, beforeHi: number): boolean {
    const { blockIn, blockOther, vpcOf, classIn, classInOther } = this.index;
    const both = this.many[k] | this.many[q];
    if ((both & 1) !== 0 && !this.firstBlockPair(classIn[k], classIn[q], blockIn[k], blockIn[q])) return false;
    if ((both & 2) !== 0 && !this.firstBlockPair(classInOther[k], classInOther[q], blockOther[k], blockOther[q])) return false;
    const u = vpcOf[q];
    if ((beforeLo & this.maskLo[u]) === 0 && (beforeHi & this.maskHi[u]) === 0) return true;
    return !this.overlapBefore(vpcOf[k], u, classIn[k]);
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

  /** Do v and u overlap in a component before class ci's? */
  private overlapBefore(v: number, u: number, ci: number): boolean {
    const { classStart, classList, componentOf } = this;
    const compI = componentOf[ci];
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
