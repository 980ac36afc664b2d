import type { LocalClasses } from './local-classes';
import type { NodeOwners } from './node-owners';

/** Flat views of the local classes (component-pairs.ts builds them once). */
export interface FlatClasses {
  /** Classes of VPC v: classList[classStart[v]] … classList[classStart[v + 1] - 1], in component order. */
  classStart: Int32Array;
  classList: Int32Array;
  componentOf: Int32Array;
  /** Maximal blocks of class c: maxList[maxStart[c]] … maxList[maxStart[c + 1] - 1], ascending. */
  maxStart: Int32Array;
  maxList: Int32Array;
}

/** Above this many live components squared, pairs of components are numbered through a Map. */
const DENSE_PAIR_TABLE = 1 << 22;

/**
 * The entries of the component-pair join (component-pairs.ts), one bucket per pair of components
 * (I, J) that a wanted VPC holds: for every VPC with classes in both, one entry per maximal block x of
 * its class in I and maximal block y of its class in J — (x, y, the VPC, its classes in I and J) — in
 * sweep order of x, so the entries whose block lies in x's subtree are the following ones up to
 * `scanEnd`. A second order per bucket (`jEntry`, by y) finds the entries overlapping in J.
 * Typed arrays throughout: a 100k-VPC fleet at the CIDR quota has about a million entries.
 */
export class ComponentPairIndex {
  readonly bucketStart: Int32Array;
  readonly blockIn: Int32Array = EMPTY;
  readonly vpcOf: Int32Array = EMPTY;
  readonly classIn: Int32Array = EMPTY;
  readonly classInOther: Int32Array = EMPTY;
  readonly blockOther: Int32Array = EMPTY;
  /** Per entry, its VPC's components before I as bits (component mod 64; low and high 32). */
  readonly beforeLo: Int32Array = EMPTY;
  readonly beforeHi: Int32Array = EMPTY;
  /** Each entry's first following entry outside its block's subtree. */
  readonly scanEnd: Int32Array;
  /** Per bucket b, jEntry[jStart[b]] … jEntry[jStart[b + 1] - 1]: its entries by J block (jBlock). */
  readonly jStart: Int32Array;
  readonly jEntry: Int32Array;
  readonly jBlock: Int32Array;
  private readonly dense: Int32Array | undefined;
  private readonly sparse = new Map<number, number>();
  private readonly liveIndex: Int32Array;
  private readonly liveCount: number;
  private buckets = 0;

  constructor(private readonly local: LocalClasses, owners: NodeOwners, wanted: readonly number[], flat: FlatClasses) {
    this.liveIndex = new Int32Array(local.componentCount).fill(-1);
    let live = 0;
    for (const comp of local.componentOf) if (this.liveIndex[comp] < 0) this.liveIndex[comp] = live++;
    this.liveCount = live;
    this.dense = live * live <= DENSE_PAIR_TABLE ? new Int32Array(live * live).fill(-1) : undefined;
    for (const v of wanted) {
      const lcs = local.ofVpc[v];
      for (let i = 0; i < lcs.length; i++) for (let j = i + 1; j < lcs.length; j++) this.addBucket(lcs[i], lcs[j]);
    }
    const B = this.buckets;
    const { start, owners: ownerList } = owners.table();
    const { blockComponent } = local;
    const sizes = new Int32Array(B + 1);
    // Blocks in sweep order, each VPC by its maximal blocks: the entries come out sorted by block.
    const { classStart, classList, componentOf, maxStart, maxList } = flat;
    const { dense, liveIndex, liveCount } = this;
    const bucketOf = (row: number, cj: number) => {
      const key = row + liveIndex[componentOf[cj]];
      return dense ? dense[key] : this.sparse.get(key) ?? -1;
    };
    // Entries per bucket, VPC by VPC (in order): u's maximal blocks in I times those in J.
    for (let u = 0; u + 1 < classStart.length; u++) {
      for (let i = classStart[u]; i < classStart[u + 1]; i++) {
        const ci = classList[i];
        const row = liveIndex[componentOf[ci]] * liveCount;
        for (let j = i + 1; j < classStart[u + 1]; j++) {
          const cj = classList[j];
          const bucket = bucketOf(row, cj);
          if (bucket >= 0) sizes[bucket + 1] += (maxStart[ci + 1] - maxStart[ci]) * (maxStart[cj + 1] - maxStart[cj]);
        }
      }
    }
    const total = prefixSums(sizes, B);
    const blockIn = new Int32Array(total);
    const vpcOf = new Int32Array(total);
    const classIn = new Int32Array(total);
    const classInOther = new Int32Array(total);
    const blockOther = new Int32Array(total);
    const beforeLo = new Int32Array(total);
    const beforeHi = new Int32Array(total);
    /** Writes the entries block by block, so each bucket comes out in sweep order of its I blocks. */
    const write = (cursor: Int32Array) => {
      for (let x = 0; x + 1 < start.length; x++) {
        const comp = blockComponent[x];
        for (let k = start[x]; k < start[x + 1]; k++) {
          const u = ownerList[k];
          const last = classStart[u + 1];
          let i = classStart[u];
          if (last - i < 2) continue;
          let lo = 0;
          let hi = 0;
          for (; i < last; i++) {
            const b = componentOf[classList[i]];
            if (b === comp) break;
            if ((b & 63) < 32) lo |= 1 << (b & 63); else hi |= 1 << ((b & 63) - 32);
          }
          if (i === last) continue;
          const ci = classList[i];
          const row = liveIndex[comp] * liveCount;
          for (let j = i + 1; j < last; j++) {
            const cj = classList[j];
            const bucket = bucketOf(row, cj);
            if (bucket < 0) continue;
            for (let m = maxStart[cj]; m < maxStart[cj + 1]; m++) {
              const at = cursor[bucket]++;
              blockIn[at] = x;
              blockOther[at] = maxList[m];
              vpcOf[at] = u;
              classIn[at] = ci;
              classInOther[at] = cj;
              beforeLo[at] = lo;
              beforeHi[at] = hi;
            }
          }
        }
      }
    };
    this.bucketStart = sizes;
    write(sizes.slice(0, B));
    this.blockIn = blockIn;
    this.vpcOf = vpcOf;
    this.classIn = classIn;
    this.classInOther = classInOther;
    this.blockOther = blockOther;
    this.beforeLo = beforeLo;
    this.beforeHi = beforeHi;
    const end = local.subtreeEnd;
    const scanEnd = new Int32Array(total);
    // Each entry's bucket, read by the J order below (a linear fill rather than a search per entry).
    const entryBucket = new Int32Array(total);
    for (let b = 0; b < B; b++) {
      const to = sizes[b + 1];
      entryBucket.fill(b, sizes[b], to);
      for (let k = sizes[b]; k < to; k++) {
        // Entries of one block (a shared /16 holds thousands) end their scan at the same place.
        scanEnd[k] = k > sizes[b] && blockIn[k] === blockIn[k - 1]
          ? scanEnd[k - 1]
          : lowerBound(blockIn, end[blockIn[k]], k + 1, to);
      }
    }
    this.scanEnd = scanEnd;
    // The J order: entries by J block (a counting sort), then by bucket.
    const n = start.length - 1;
    const byBlock = new Int32Array(n + 1);
    this.jStart = new Int32Array(B + 1);
    for (let k = 0; k < total; k++) byBlock[blockOther[k] + 1]++;
    this.jStart.set(sizes);
    for (let y = 0; y < n; y++) byBlock[y + 1] += byBlock[y];
    const sortedByBlock = new Int32Array(total);
    for (let k = 0; k < total; k++) sortedByBlock[byBlock[blockOther[k]]++] = k;
    const jEntry = new Int32Array(total);
    const jBlock = new Int32Array(total);
    const jCursor = this.jStart.slice(0, B);
    for (let s = 0; s < total; s++) {
      const k = sortedByBlock[s];
      const at = jCursor[entryBucket[k]]++;
      jEntry[at] = k;
      jBlock[at] = blockOther[k];
    }
    this.jEntry = jEntry;
    this.jBlock = jBlock;
  }

  get size(): number { return this.blockIn.length; }

  /** The bucket holding entry k. */
  bucketOf(k: number): number {
    let lo = 0;
    let hi = this.buckets;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.bucketStart[mid + 1] <= k) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /** The bucket of classes a and c (components I < J), or -1 when no wanted VPC holds that pair. */
  private bucketOfPair(a: number, c: number): number {
    const i = this.liveIndex[this.local.componentOf[a]];
    const j = this.liveIndex[this.local.componentOf[c]];
    return this.dense ? this.dense[i * this.liveCount + j] : this.sparse.get(i * this.liveCount + j) ?? -1;
  }

  private addBucket(a: number, c: number): void {
    if (this.bucketOfPair(a, c) >= 0) return;
    const key = this.liveIndex[this.local.componentOf[a]] * this.liveCount + this.liveIndex[this.local.componentOf[c]];
    if (this.dense) this.dense[key] = this.buckets++; else this.sparse.set(key, this.buckets++);
  }
}

const EMPTY = new Int32Array(0);

/** Turns counts at sizes[1 … n] into bucket starts in place; returns the total. */
function prefixSums(sizes: Int32Array, n: number): number {
  for (let b = 0; b < n; b++) sizes[b + 1] += sizes[b];
  return sizes[n];
}

/** First index in [lo, hi) whose value is ≥ key (values ascending there). */
export function lowerBound(values: Int32Array, key: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] < key) lo = mid + 1; else hi = mid;
  }
  return lo;
}
