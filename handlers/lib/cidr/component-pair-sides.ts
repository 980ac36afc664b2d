import { CLASS_INFO, type ComponentPairBuckets } from './component-pair-buckets';
import type { LocalClasses } from './local-classes';
import { grown } from './int-arrays';
import { GROUP, MASK_HI, MASK_LO, RECORD, SCRATCH, WANTED } from './vpc-records';
import { keepShape } from './kept-shapes';

/**
 * The two sides of every bucket of one component I (its group), gathered from I's slice of the owner
 * table alone: (member, maximal block) pairs, interleaved, in sweep order of the blocks.
 * - Members: each bucket numbers its VPCs 0, 1, … as they first come in I's sweep order (bit
 *   positions of the bucket's rows), and keeps their component bits and wanted flag beside them, and
 *   their group VPC: the group numbers its VPCs too, and keeps each one's classes before I (rank, and
 *   sole block or ~class) and the excess it gathers — all read here once, while the VPC's record is at
 *   hand, so counting a bucket reaches into fleet-wide arrays only for blocks' subtree ends.
 * - I side: I's owner entries in sweep order, each copied to the buckets (I, J) of the J its VPC holds.
 * - J side: each VPC of I, once, adds its maximal blocks in every later J to bucket (I, J); a radix
 *   sort on the blocks (offsets in J's range) puts each bucket's in sweep order.
 * One group at a time in small buffers: no fleet-sized scatter, nothing to collect.
 */
export class ComponentPairSides {
  /** Side entries as (member, block) pairs; bucket b of the group (its local number l) holds pairs [startI[l], startI[l + 1]). */
  pairsI = new Int32Array(0);
  pairsJ = new Int32Array(0);
  startI = new Int32Array(1);
  startJ = new Int32Array(1);
  /** Members of bucket l: memberStart[l] + idx, for idx in 0 … its member count; each one's group VPC. */
  memberStart = new Int32Array(1);
  memberOf = new Int32Array(0);
  memberMaskLo = new Int32Array(0);
  memberMaskHi = new Int32Array(0);
  memberWanted = new Uint8Array(0);
  /** The group's VPCs (0 … groupCount - 1): the VPC, its classes before I (classInfo entries, CLASS_INFO ints each) at beforeStart[g] …, its excess so far. */
  groupCount = 0;
  groupVpc = new Int32Array(0);
  beforeStart = new Int32Array(1);
  before: Int32Array = new Int32Array(0);
  groupExcess = new Int32Array(0);
  /** J side before sorting: (member, block) pairs as they come; the sort's other buffer. */
  private rawJ = new Int32Array(0);
  /** A VPC with several blocks in I: its member numbers, bucket by bucket, for its later blocks. */
  private scratch = new Int32Array(0);
  private readonly localOf: Int32Array;
  /** Root block of each live rank's component. */
  private readonly rootOf: Int32Array;

  constructor(private readonly local: LocalClasses, private readonly buckets: ComponentPairBuckets) {
    keepShape(this);
    this.localOf = new Int32Array(buckets.count);
    this.rootOf = new Int32Array(buckets.liveCount);
    const { parent, blockComponent } = local;
    for (let x = 0; x < parent.length; x++) {
      const rank = parent[x] < 0 ? buckets.liveIndex[blockComponent[x]] : -1;
      if (rank >= 0) this.rootOf[rank] = x;
    }
  }

  /** Gathers group `rank`: buckets groups[from … to). */
  gather(rank: number, groups: Int32Array, from: number, to: number, table: { start: Int32Array; owners: Int32Array }, records: Int32Array): void {
    const { buckets, localOf } = this;
    const n = to - from;
    if (this.startI.length < n + 1) { this.startI = new Int32Array(n + 1); this.startJ = new Int32Array(n + 1); this.memberStart = new Int32Array(n + 1); }
    const { startI, startJ, memberStart } = this;
    startI[0] = 0;
    startJ[0] = 0;
    memberStart[0] = 0;
    for (let l = 0; l < n; l++) {
      const b = groups[from + l];
      localOf[b] = l;
      startI[l + 1] = startI[l] + buckets.sizeI[b];
      startJ[l + 1] = startJ[l] + buckets.sizeJ[b];
      memberStart[l + 1] = memberStart[l] + buckets.members[b];
    }
    if (this.pairsI.length < 2 * startI[n]) this.pairsI = new Int32Array(2 * startI[n]);
    if (this.rawJ.length < 2 * startJ[n]) { this.rawJ = new Int32Array(2 * startJ[n]); this.pairsJ = new Int32Array(2 * startJ[n]); }
    const members = memberStart[n];
    // The group's VPCs: at most one per owner entry of I.
    const root = this.rootOf[rank];
    const vpcs = table.start[this.local.subtreeEnd[root]] - table.start[root];
    if (this.groupVpc.length < vpcs) {
      this.groupVpc = new Int32Array(vpcs);
      this.beforeStart = new Int32Array(vpcs + 1);
      this.groupExcess = new Int32Array(vpcs);
    }
    if (this.memberOf.length < members) {
      this.memberOf = new Int32Array(members);
      this.memberMaskLo = new Int32Array(members);
      this.memberMaskHi = new Int32Array(members);
      this.memberWanted = new Uint8Array(members);
      this.scratch = new Int32Array(members);
    }
    const cursorI = startI.slice(0, n);
    const cursorJ = startJ.slice(0, n);
    const cursorMember = memberStart.slice(0, n);
    this.groupCount = 0;
    this.scan(rank, table, records, cursorI, cursorJ, cursorMember);
    for (let l = 0; l < n; l++) this.sortByBlock(startJ[l], startJ[l + 1], this.rootOf[buckets.rankJ[groups[from + l]]]);
  }

  private readonly digits = new Int32Array(257);

  /**
   * rawJ's pairs [from, to) into pairsJ, by block: an LSD radix sort on the byte digits of the block's
   * offset from J's root, as many passes as the largest offset needs (a bucket holds a few hundred).
   */
  private sortByBlock(from: number, to: number, root: number): void {
    let src = this.rawJ;
    let dst = this.pairsJ;
    let top = 0;
    for (let p = from; p < to; p++) top |= src[2 * p + 1] - root;
    let passes = 0;
    for (let shift = 0; shift === 0 || top >>> shift !== 0; shift += 8) {
      const digits = this.digits;
      digits.fill(0);
      for (let p = from; p < to; p++) digits[(((src[2 * p + 1] - root) >>> shift) & 255) + 1]++;
      digits[0] = from;
      for (let d = 0; d < 256; d++) digits[d + 1] += digits[d];
      for (let p = from; p < to; p++) {
        const at = 2 * digits[((src[2 * p + 1] - root) >>> shift) & 255]++;
        dst[at] = src[2 * p];
        dst[at + 1] = src[2 * p + 1];
      }
      const t = src; src = dst; dst = t;
      passes++;
      if (shift >= 24) break;
    }
    // An even number of passes ends in rawJ: copy the bucket over.
    if (passes % 2 === 0) this.pairsJ.set(this.rawJ.subarray(2 * from, 2 * to), 2 * from);
  }

  private scan(rank: number, { start, owners }: { start: Int32Array; owners: Int32Array }, records: Int32Array, cursorI: Int32Array, cursorJ: Int32Array, cursorMember: Int32Array): void {
    const { vpcClassStart } = this.local;
    const { buckets, localOf, pairsI, rawJ, scratch, memberStart, memberOf, memberMaskLo, memberMaskHi, memberWanted, groupVpc, beforeStart, groupExcess } = this;
    let { before } = this;
    const { classInfo: info, maxStart, maxList, liveCount } = buckets;
    const root = this.rootOf[rank];
    const rootEnd = this.local.subtreeEnd[root];
    let scratchTop = 0;
    for (let x = root; x < rootEnd; x++) {
      for (let k = start[x]; k < start[x + 1]; k++) {
        const u = owners[k];
        const at = RECORD * u;
        // From vpcClassStart (small enough to stay in cache), not the record: the VPC's record and
        // class entries are then two cache misses at once, not one waiting on the other.
        const first = vpcClassStart[u];
        const last = vpcClassStart[u + 1];
        if (last - first < 2) continue;
        let i = first;
        while (i < last && info[CLASS_INFO * i] !== rank) i++;
        const fresh = records[at + GROUP] !== rank;
        // Several blocks in I: its numbers are kept for its later blocks.
        const several = info[CLASS_INFO * i + 1] < 0;
        let kept = 0;
        let g = 0;
        if (fresh) {
          records[at + GROUP] = rank;
          if (several) records[at + SCRATCH] = kept = scratchTop;
          g = this.groupCount++;
          groupVpc[g] = u;
          groupExcess[g] = 0;
          // Its classes before I, for the counts' checks of pairs met earlier.
          let to = beforeStart[g];
          if (to + CLASS_INFO * (i - first) > before.length) before = this.before = grown(before, to + CLASS_INFO * (i - first));
          for (let k = CLASS_INFO * first, stop = CLASS_INFO * i; k < stop; k++) before[to++] = info[k];
          beforeStart[g + 1] = to;
        } else {
          kept = records[at + SCRATCH];
        }
        for (let j = i + 1; j < last; j++) {
          const b = buckets.bucketOf(rank * liveCount + info[CLASS_INFO * j]);
          if (b < 0) continue;
          const l = localOf[b];
          let idx: number;
          if (fresh) {
            const slot = cursorMember[l]++;
            idx = slot - memberStart[l];
            memberOf[slot] = g;
            memberMaskLo[slot] = records[at + MASK_LO];
            memberMaskHi[slot] = records[at + MASK_HI];
            memberWanted[slot] = records[at + WANTED];
            if (several) scratch[scratchTop++] = idx;
          } else {
            idx = scratch[kept++];
          }
          const p = 2 * cursorI[l]++;
          pairsI[p] = idx;
          pairsI[p + 1] = x;
          if (!fresh) continue;
          const y = info[CLASS_INFO * j + 1];
          if (y >= 0) { const q = 2 * cursorJ[l]++; rawJ[q] = idx; rawJ[q + 1] = y; continue; }
          for (let m = maxStart[~y]; m < maxStart[~y + 1]; m++) { const q = 2 * cursorJ[l]++; rawJ[q] = idx; rawJ[q + 1] = maxList[m]; }
        }
      }
    }
  }

  /** Adds the group's excess to its VPCs' records. */
  flush(records: Int32Array, excessAt: number): void {
    for (let g = 0; g < this.groupCount; g++) records[RECORD * this.groupVpc[g] + excessAt] += this.groupExcess[g];
  }
}
