import type { LocalClasses } from './local-classes';
import type { NodeOwners } from './node-owners';
import { lowerBound } from './int-arrays';

/** Flat views of the local classes (component-pairs.ts builds them once). */
export interface FlatClasses {
  /** Classes of VPC v: classList[classStart[v]] … classList[classStart[v + 1] - 1], in component order. */
  classStart: Int32Array;
  classList: Int32Array;
  componentOf: Int32Array;
  /** Maximal blocks of class c: maxList[maxStart[c]] … maxList[maxStart[c + 1] - 1], ascending. */
  maxStart: Int32Array;
  maxList: Int32Array;
  /** 1 for a class with more than one block. */
  several: Uint8Array;
}

/** Above this many live components squared, pairs of components are numbered through a Map. */
const DENSE_PAIR_TABLE = 1 << 22;

/**
 * The entries of the component-pair join (component-pairs.ts), one bucket per pair of components
 * (I, J) that a wanted VPC holds: for every VPC with classes in both, one entry per maximal block x of
 * its class in I and maximal block y of its class in J — (x, y, the VPC, several-block flags) — in
 * sweep order of x, so the entries whose block lies in x's subtree are the following ones up to
 * `scanEnd`. A second order per bucket (`jEntry`, by y) finds the entries overlapping in J.
 * Typed arrays throughout, and no more per entry than the join reads in its loops: a 100k-VPC fleet
 * at the CIDR quota has about a million entries.
 */
export class ComponentPairIndex {
  readonly bucketStart: Int32Array;
  /** Each bucket's components I and J, and the bits of the live components before I (low, high 32). */
  readonly bucketI: Int32Array;
  readonly bucketJ: Int32Array;
  readonly preLo: Int32Array;
  readonly preHi: Int32Array;
  /** Per VPC, its live components as bits (live rank mod 64; low and high 32). */
  readonly maskLo: Int32Array;
  readonly maskHi: Int32Array;
  /** Per entry: the blocks in I and J, the VPC, several blocks in its class (1: in I, 2: in J). */
  readonly blockIn: Int32Array;
  readonly blockOther: Int32Array;
  readonly vpcOf: Int32Array;
  readonly flags: Uint8Array;
  /** Each entry's first following entry outside its block's subtree. */
  readonly scanEnd: Int32Array;
  /** Per bucket b, jEntry[jStart[b]] … jEntry[jStart[b + 1] - 1]: its entries by J block (jBlock). */
  readonly jStart: Int32Array;
  readonly jEntry: Int32Array;
  readonly jBlock: Int32Array;
  private readonly dense: Int32Array | undefined;
  private readonly sparse = new Map<number, number>();
  /** Live components ranked in component order: the bits of ranks below I's are the components before I. */
  private readonly liveIndex: Int32Array;
  private readonly liveCount: number;
  private buckets = 0;
  /** Components I and J of each bucket, as they were added. */
  private readonly pairs: number[] = [];

  // Each hot loop is its own function: a long constructor entered once gets optimized mid-loop and
  // deoptimized at the next loop ("insufficient type feedback"), which cost the CLI's single cold run.
  constructor(private readonly local: LocalClasses, owners: NodeOwners, wanted: readonly number[], flat: FlatClasses) {
    this.liveIndex = new Int32Array(local.componentCount).fill(-1);
    for (const comp of local.componentOfClass) this.liveIndex[comp] = 0;
    let live = 0;
    for (let comp = 0; comp < this.liveIndex.length; comp++) if (this.liveIndex[comp] === 0) this.liveIndex[comp] = ++live;
    for (let comp = 0; comp < this.liveIndex.length; comp++) this.liveIndex[comp]--;
    this.liveCount = live;
    this.dense = live * live <= DENSE_PAIR_TABLE ? new Int32Array(live * live).fill(-1) : undefined;
    const { vpcClassStart, vpcClassList } = local;
    for (const v of wanted) {
      const last = vpcClassStart[v + 1];
      for (let i = vpcClassStart[v]; i < last; i++) for (let j = i + 1; j < last; j++) this.addBucket(vpcClassList[i], vpcClassList[j]);
    }
    const B = this.buckets;
    ({ bucketI: this.bucketI, bucketJ: this.bucketJ, preLo: this.preLo, preHi: this.preHi } = bucketComponents(this.pairs, this.liveIndex));
    ({ maskLo: this.maskLo, maskHi: this.maskHi } = liveMasks(flat, this.liveIndex));
    const tables: BucketTables = { dense: this.dense, sparse: this.sparse, liveIndex: this.liveIndex, liveCount: this.liveCount };
    const sizes = bucketSizes(flat, tables, B);
    const total = sizes[B];
    const entries: Entries = { blockIn: new Int32Array(total), blockOther: new Int32Array(total), vpcOf: new Int32Array(total), flags: new Uint8Array(total) };
    writeEntries(flat, tables, owners.table(), local.blockComponent, entries, sizes.slice(0, B));
    this.bucketStart = sizes;
    ({ blockIn: this.blockIn, blockOther: this.blockOther, vpcOf: this.vpcOf, flags: this.flags } = entries);
    const entryBucket = new Int32Array(total);
    for (let b = 0; b < B; b++) entryBucket.fill(b, sizes[b], sizes[b + 1]);
    this.scanEnd = scanEnds(this.blockIn, sizes, B, local.subtreeEnd);
    this.jStart = sizes.slice();
    const { jEntry, jBlock } = orderByJ(this.blockOther, entryBucket, this.jStart, B, local.subtreeEnd.length);
    this.jEntry = jEntry;
    this.jBlock = jBlock;
  }

  /** The bucket of classes a and c (components I < J), or -1 when no wanted VPC holds that pair. */
  private bucketOfPair(a: number, c: number): number {
    const i = this.liveIndex[this.local.componentOfClass[a]];
    const j = this.liveIndex[this.local.componentOfClass[c]];
    return this.dense ? this.dense[i * this.liveCount + j] : this.sparse.get(i * this.liveCount + j) ?? -1;
  }

  private addBucket(a: number, c: number): void {
    if (this.bucketOfPair(a, c) >= 0) return;
    this.pairs.push(this.local.componentOfClass[a], this.local.componentOfClass[c]);
    const key = this.liveIndex[this.local.componentOfClass[a]] * this.liveCount + this.liveIndex[this.local.componentOfClass[c]];
    if (this.dense) this.dense[key] = this.buckets++; else this.sparse.set(key, this.buckets++);
  }
}

interface BucketTables { dense: Int32Array | undefined; sparse: Map<number, number>; liveIndex: Int32Array; liveCount: number }
interface Entries { blockIn: Int32Array; blockOther: Int32Array; vpcOf: Int32Array; flags: Uint8Array }

/** Per bucket, its components and the bits of the live ranks below I's. */
function bucketComponents(pairs: readonly number[], liveIndex: Int32Array) {
  const B = pairs.length / 2;
  const bucketI = new Int32Array(B);
  const bucketJ = new Int32Array(B);
  const preLo = new Int32Array(B);
  const preHi = new Int32Array(B);
  for (let b = 0; b < B; b++) {
    bucketI[b] = pairs[2 * b];
    bucketJ[b] = pairs[2 * b + 1];
    const rank = liveIndex[bucketI[b]];
    preLo[b] = rank >= 32 ? -1 : (1 << rank) - 1;
    preHi[b] = rank >= 64 ? -1 : rank > 32 ? (1 << (rank - 32)) - 1 : 0;
  }
  return { bucketI, bucketJ, preLo, preHi };
}

/** Each VPC's live components as bits (live rank mod 64): low and high 32. */
function liveMasks({ classStart, classList, componentOf }: FlatClasses, liveIndex: Int32Array) {
  const vpcs = classStart.length - 1;
  const maskLo = new Int32Array(vpcs);
  const maskHi = new Int32Array(vpcs);
  for (let v = 0; v < vpcs; v++) {
    for (let i = classStart[v]; i < classStart[v + 1]; i++) {
      const bit = liveIndex[componentOf[classList[i]]] & 63;
      if (bit < 32) maskLo[v] |= 1 << bit; else maskHi[v] |= 1 << (bit - 32);
    }
  }
  return { maskLo, maskHi };
}

function bucketOfRow({ dense, sparse }: BucketTables, key: number): number {
  return dense ? dense[key] : sparse.get(key) ?? -1;
}

/** Bucket starts: each VPC adds its maximal blocks in I times those in J to bucket (I, J). */
function bucketSizes({ classStart, classList, componentOf, maxStart }: FlatClasses, tables: BucketTables, B: number): Int32Array {
  const { liveIndex, liveCount } = tables;
  const sizes = new Int32Array(B + 1);
  for (let u = 0; u + 1 < classStart.length; u++) {
    for (let i = classStart[u]; i < classStart[u + 1]; i++) {
      const ci = classList[i];
      const row = liveIndex[componentOf[ci]] * liveCount;
      for (let j = i + 1; j < classStart[u + 1]; j++) {
        const cj = classList[j];
        const bucket = bucketOfRow(tables, row + liveIndex[componentOf[cj]]);
        if (bucket >= 0) sizes[bucket + 1] += (maxStart[ci + 1] - maxStart[ci]) * (maxStart[cj + 1] - maxStart[cj]);
      }
    }
  }
  prefixSums(sizes, B);
  return sizes;
}

/** Writes the entries block by block (owners in sweep order), so each bucket comes out in sweep order of its I blocks. */
function writeEntries(
  { classStart, classList, componentOf, maxStart, maxList, several }: FlatClasses, tables: BucketTables,
  { start, owners }: { start: Int32Array; owners: Int32Array }, blockComponent: Int32Array, out: Entries, cursor: Int32Array,
): void {
  const { liveIndex, liveCount } = tables;
  const { blockIn, blockOther, vpcOf, flags } = out;
  for (let x = 0; x + 1 < start.length; x++) {
    const comp = blockComponent[x];
    for (let k = start[x]; k < start[x + 1]; k++) {
      const u = owners[k];
      const last = classStart[u + 1];
      let i = classStart[u];
      if (last - i < 2) continue;
      while (i < last && componentOf[classList[i]] !== comp) i++;
      if (i === last) continue;
      const severalI = several[classList[i]];
      const row = liveIndex[comp] * liveCount;
      for (let j = i + 1; j < last; j++) {
        const cj = classList[j];
        const bucket = bucketOfRow(tables, row + liveIndex[componentOf[cj]]);
        if (bucket < 0) continue;
        const f = severalI | (several[cj] << 1);
        for (let m = maxStart[cj]; m < maxStart[cj + 1]; m++) {
          const at = cursor[bucket]++;
          blockIn[at] = x;
          blockOther[at] = maxList[m];
          vpcOf[at] = u;
          flags[at] = f;
        }
      }
    }
  }
}

/** Each entry's first following entry outside its I block's subtree. */
function scanEnds(blockIn: Int32Array, bucketStart: Int32Array, B: number, end: Int32Array): Int32Array {
  const scanEnd = new Int32Array(blockIn.length);
  for (let b = 0; b < B; b++) {
    const to = bucketStart[b + 1];
    for (let k = bucketStart[b]; k < to; k++) {
      // Entries of one block (a shared /16 holds thousands) end their scan at the same place.
      scanEnd[k] = k > bucketStart[b] && blockIn[k] === blockIn[k - 1] ? scanEnd[k - 1] : lowerBound(blockIn, end[blockIn[k]], k + 1, to);
    }
  }
  return scanEnd;
}

/** The J order: entries by J block (a counting sort over blocks), then placed stably by bucket. */
function orderByJ(blockOther: Int32Array, entryBucket: Int32Array, jStart: Int32Array, B: number, blocks: number): { jEntry: Int32Array; jBlock: Int32Array } {
  const total = blockOther.length;
  const byBlock = new Int32Array(blocks + 1);
  for (let k = 0; k < total; k++) byBlock[blockOther[k] + 1]++;
  for (let y = 0; y < blocks; y++) byBlock[y + 1] += byBlock[y];
  const sortedByBlock = new Int32Array(total);
  for (let k = 0; k < total; k++) sortedByBlock[byBlock[blockOther[k]]++] = k;
  const jEntry = new Int32Array(total);
  const jBlock = new Int32Array(total);
  const cursor = jStart.slice(0, B);
  for (let s = 0; s < total; s++) {
    const k = sortedByBlock[s];
    const at = cursor[entryBucket[k]]++;
    jEntry[at] = k;
    jBlock[at] = blockOther[k];
  }
  return { jEntry, jBlock };
}

/** Turns counts at sizes[1 … n] into bucket starts in place. */
function prefixSums(sizes: Int32Array, n: number): void {
  for (let b = 0; b < n; b++) sizes[b + 1] += sizes[b];
}

