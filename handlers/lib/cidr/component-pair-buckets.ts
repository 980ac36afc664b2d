import { insideLastMaximal } from './forest';
import type { LocalClasses } from './local-classes';
import { keepShape } from './kept-shapes';

/** Ints per entry of ComponentPairBuckets.classInfo. */
export const CLASS_INFO = 2;

/** Above this many live components squared, pairs of components are numbered through a Map. */
const DENSE_PAIR_TABLE = 1 << 22;

/**
 * The buckets of the component-pair count (component-pairs.ts): one per pair of live components
 * (I, J), I before J, that a wanted VPC holds. A bucket's members are every VPC holding a class in
 * both; its two sides list, per member, its maximal blocks in I and in J.
 *
 * Beside each VPC's class list (vpcClassList) it keeps that class's live rank and sole block, so the
 * passes read one VPC's values together rather than chasing each class.
 */
export class ComponentPairBuckets {
  /** Live components ranked in component order (-1: not live), and their number. */
  readonly liveIndex: Int32Array;
  readonly liveCount: number;
  /**
   * Beside vpcClassList, CLASS_INFO ints per entry i: the class's live rank (at CLASS_INFO·i), and its
   * sole block, or ~class (negative) for a class of several blocks (+1). A VPC at the quota's five
   * classes is then 40 bytes, one cache line most often: gathering reads one per owner entry.
   */
  readonly classInfo: Int32Array;
  /** Maximal blocks of a class with several: maxList[maxStart[c]] … maxList[maxStart[c + 1] - 1], ascending. */
  readonly maxStart: Int32Array;
  readonly maxList: Int32Array;
  /** Components I and J (live ranks) of each bucket. */
  readonly rankI: Int32Array;
  readonly rankJ: Int32Array;
  /** Per bucket: members, and side entries (a member's maximal blocks) in I and in J. */
  readonly members: Int32Array;
  readonly sizeI: Int32Array;
  readonly sizeJ: Int32Array;
  readonly count: number;
  private readonly dense: Int32Array | undefined;
  private readonly sparse = new Map<number, number>();

  constructor(private readonly local: LocalClasses, wanted: readonly number[]) {
    keepShape(this);
    // One function per pass (see fleet-entries.ts on why).
    ({ liveIndex: this.liveIndex, liveCount: this.liveCount } = liveRanks(local));
    const live = this.liveCount;
    this.classInfo = classInfoOf(local, this.liveIndex);
    ({ maxStart: this.maxStart, maxList: this.maxList } = maximalBlocks(local));
    this.dense = live * live <= DENSE_PAIR_TABLE ? new Int32Array(live * live).fill(-1) : undefined;
    const pairs = this.numberPairs(wanted);
    this.count = pairs.length / 2;
    this.rankI = new Int32Array(this.count);
    this.rankJ = new Int32Array(this.count);
    for (let b = 0; b < this.count; b++) { this.rankI[b] = pairs[2 * b]; this.rankJ[b] = pairs[2 * b + 1]; }
    this.members = new Int32Array(this.count);
    this.sizeI = new Int32Array(this.count);
    this.sizeJ = new Int32Array(this.count);
    this.countMembers();
  }

  /** Numbers the pairs of live components the wanted VPCs hold; returns them as (I, J) ranks. */
  private numberPairs(wanted: readonly number[]): number[] {
    const { vpcClassStart } = this.local;
    const { classInfo: info, liveCount: live } = this;
    const pairs: number[] = [];
    for (const v of wanted) {
      const last = vpcClassStart[v + 1];
      for (let i = vpcClassStart[v]; i < last; i++) {
        for (let j = i + 1; j < last; j++) {
          const key = info[CLASS_INFO * i] * live + info[CLASS_INFO * j];
          if (this.bucketOf(key) >= 0) continue;
          if (this.dense) this.dense[key] = pairs.length / 2; else this.sparse.set(key, pairs.length / 2);
          pairs.push(info[CLASS_INFO * i], info[CLASS_INFO * j]);
        }
      }
    }
    return pairs;
  }

  /** The bucket of live ranks i < j (key i · liveCount + j), or -1. */
  bucketOf(key: number): number {
    return this.dense ? this.dense[key] : this.sparse.get(key) ?? -1;
  }

  /** Maximal blocks of the class at vpcClassList[i]. */
  maximaAt(i: number): number {
    const sole = this.classInfo[CLASS_INFO * i + 1];
    return sole >= 0 ? 1 : this.maxStart[~sole + 1] - this.maxStart[~sole];
  }

  /** Buckets of each component I, by I's live rank (CSR): groups[groupStart[r]] …. */
  groups(): { groupStart: Int32Array; groups: Int32Array } {
    const groupStart = new Int32Array(this.liveCount + 1);
    for (let b = 0; b < this.count; b++) groupStart[this.rankI[b] + 1]++;
    for (let r = 0; r < this.liveCount; r++) groupStart[r + 1] += groupStart[r];
    const cursor = groupStart.slice(0, this.liveCount);
    const groups = new Int32Array(this.count);
    for (let b = 0; b < this.count; b++) groups[cursor[this.rankI[b]]++] = b;
    return { groupStart, groups };
  }

  private countMembers(): void {
    const { vpcClassStart } = this.local;
    const { classInfo: info, liveCount, members, sizeI, sizeJ } = this;
    for (let u = 0; u + 1 < vpcClassStart.length; u++) {
      const last = vpcClassStart[u + 1];
      for (let i = vpcClassStart[u]; i < last; i++) {
        for (let j = i + 1; j < last; j++) {
          const b = this.bucketOf(info[CLASS_INFO * i] * liveCount + info[CLASS_INFO * j]);
          if (b < 0) continue;
          members[b]++;
          sizeI[b] += this.maximaAt(i);
          sizeJ[b] += this.maximaAt(j);
        }
      }
    }
  }
}

/** Live components (held by a class) ranked in component order; -1 for the others. */
function liveRanks(local: LocalClasses): { liveIndex: Int32Array; liveCount: number } {
  const { componentOfClass } = local;
  const liveIndex = new Int32Array(local.componentCount).fill(-1);
  for (let c = 0; c < componentOfClass.length; c++) liveIndex[componentOfClass[c]] = 0;
  let live = 0;
  for (let comp = 0; comp < liveIndex.length; comp++) if (liveIndex[comp] === 0) liveIndex[comp] = live++;
  return { liveIndex, liveCount: live };
}

/** ComponentPairBuckets.classInfo: beside each entry of vpcClassList, its class's live rank, and its sole block or ~class. */
function classInfoOf(local: LocalClasses, liveIndex: Int32Array): Int32Array {
  const { componentOfClass, vpcClassList, classBlock } = local;
  const info = new Int32Array(CLASS_INFO * vpcClassList.length);
  for (let i = 0; i < vpcClassList.length; i++) {
    const c = vpcClassList[i];
    info[CLASS_INFO * i] = liveIndex[componentOfClass[c]];
    info[CLASS_INFO * i + 1] = classBlock[c] >= 0 ? classBlock[c] : ~c;
  }
  return info;
}

/**
 * Maximal blocks of each class with several blocks (a block inside another of the same class
 * overlaps nothing the outer one does not). A class's blocks ascend in sweep order.
 */
function maximalBlocks(local: LocalClasses): { maxStart: Int32Array; maxList: Int32Array } {
  const { classStart, classBlocks, classBlock, subtreeEnd: end } = local;
  const maxStart = new Int32Array(local.count + 1);
  let total = 0;
  for (let c = 0; c < local.count; c++) if (classBlock[c] < 0) total += classStart[c + 1] - classStart[c];
  const maxList = new Int32Array(total);
  let at = 0;
  for (let c = 0; c < local.count; c++) {
    if (classBlock[c] < 0) {
      let last = -1;
      for (let k = classStart[c]; k < classStart[c + 1]; k++) {
        if (!insideLastMaximal(classBlocks[k], last, end)) maxList[at++] = last = classBlocks[k];
      }
    }
    maxStart[c + 1] = at;
  }
  return { maxStart, maxList };
}
