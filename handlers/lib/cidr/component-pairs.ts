import type { LocalClasses } from './local-classes';
import type { NodeOwners } from './node-owners';
import type { CountTuning } from './overlap-counts';
import { classSizes } from './class-sizes';
import { CLASS_INFO, ComponentPairBuckets } from './component-pair-buckets';
import { ComponentPairSides } from './component-pair-sides';
import { nested } from './forest';
import { popcount } from './int-arrays';
import { SideRows } from './side-rows';
import { EXCESS, RECORD, vpcRecords } from './vpc-records';
import { keepShape } from './kept-shapes';

/**
 * Distinct-VPC overlap counts for VPCs spread over several components (VPCs at the CIDR quota over
 * shared blocks), without visiting their neighbourhoods.
 *
 * Let m(v, u) be the number of components in which VPCs v and u overlap (their local classes there
 * are adjacent). Then the VPCs overlapping v, v itself included, number
 *     Σ over v's classes c of |N(c)|  −  Σ over u with m(v, u) ≥ 2 of (m(v, u) − 1),
 * where |N(c)| (VPCs overlapping class c through its component) comes from class-sizes.ts. The
 * second sum needs only pairs overlapping in two components or more. They are counted per bucket —
 * a pair of components (I, J) and the VPCs holding both — with bit sets over the bucket's members:
 * the members overlapping v in I (SideRows) ANDed with those overlapping it in J. A pair overlapping
 * in the components S counts in the buckets (first of S, J): m − 1 of them. So a member u also in v's
 * set is taken back when v and u overlap in a component before I — checked only for the few members
 * holding such a component with v.
 * Work: the buckets' (members + side entries) × words of their rows, plus the taken-back checks.
 */
export class ComponentPairCounter {
  private readonly buckets: ComponentPairBuckets;
  private heldBuffer = new Int32Array(0);
  private readonly heldOf = new Int32Array(64);
  private readonly leafMark: Int32Array;
  private leafStamp = 0;
  private readonly end: Int32Array;

  /**
   * `wanted`: the VPCs to be counted this way; `cost` tells the count's cost before `count`.
   * `tuning` exists for tests of each form: leafListUpTo (members a leaf block lists before it gets a
   * row; default: its row's words), classSizes (see class-sizes.ts; default: by regions).
   */
  constructor(
    private readonly local: LocalClasses,
    private readonly owners: NodeOwners,
    private readonly wanted: readonly number[],
    private readonly tuning: Pick<CountTuning, 'leafListUpTo' | 'classSizes'> = {},
  ) {
    keepShape(this);
    this.end = local.subtreeEnd;
    this.buckets = new ComponentPairBuckets(local, wanted);
    this.leafMark = new Int32Array(local.vpcClassStart.length);
  }

  /** Row words the count touches (each side entry and member once per word of its bucket), in the units of a direct count. */
  cost(): number {
    const { members, sizeI, sizeJ, count } = this.buckets;
    let cost = 0;
    for (let b = 0; b < count; b++) cost += (sizeI[b] + sizeJ[b] + members[b]) * ((members[b] + 31) >>> 5);
    return cost;
  }

  /** Overlap counts (other VPCs) of the wanted VPCs, into `counts`. */
  count(counts: Float64Array): void {
    const { local } = this;
    const records = this.join();
    const sizes = classSizes(local, this.owners, this.buckets.maxStart, this.buckets.maxList, this.wanted, this.tuning.classSizes);
    const { vpcClassStart, vpcClassList } = local;
    for (const v of this.wanted) {
      let total = 0;
      for (let i = vpcClassStart[v]; i < vpcClassStart[v + 1]; i++) total += sizes[vpcClassList[i]];
      // v is in each of its k classes' neighbourhoods and overlaps itself in k components: k − 1 extra.
      counts[v] = total - records[RECORD * v + EXCESS] - (vpcClassStart[v + 1] - vpcClassStart[v] - 1) - 1;
    }
  }

  /** Σ over u of (m(v, u) − 1) for every VPC v (at EXCESS in its record), over the pairs overlapping in two components or more. */
  private join(): Int32Array {
    const { buckets } = this;
    const records = vpcRecords(this.local.vpcClassStart, buckets.classInfo, this.wanted);
    const sides = new ComponentPairSides(this.local, buckets);
    const sideI = new SideRows(this.local.subtreeEnd);
    const sideJ = new SideRows(this.local.subtreeEnd);
    const table = this.owners.table();
    const { groupStart, groups } = buckets.groups();
    for (let rank = 0; rank < buckets.liveCount; rank++) {
      const from = groupStart[rank];
      const to = groupStart[rank + 1];
      if (from === to) continue;
      sides.gather(rank, groups, from, to, table, records);
      // v's components before I as bits (rank mod 64): u holding none of them shares none with v.
      const preLo = rank >= 32 ? -1 : (1 << rank) - 1;
      const preHi = rank >= 64 ? -1 : rank > 32 ? (1 << (rank - 32)) - 1 : 0;
      for (let l = 0; l < to - from; l++) {
        const m = buckets.members[groups[from + l]];
        const words = (m + 31) >>> 5;
        const leafListUpTo = this.tuning.leafListUpTo ?? words;
        sideI.walk(sides.pairsI, sides.startI[l], sides.startI[l + 1], words, leafListUpTo, m);
        sideJ.walk(sides.pairsJ, sides.startJ[l], sides.startJ[l + 1], words, leafListUpTo, m);
        this.countBucket(sides.memberStart[l], m, words, sides, sideI, sideJ, preLo, preHi);
      }
      sides.flush(records, EXCESS);
    }
    return records;
  }

  /**
   * Each wanted member's pairs in this bucket (less itself). In the same pass, a member that holds a
   * component before I with v, and overlaps v there, is taken back from both: that pair counts in an
   * earlier bucket. Each such pair is checked once, from its lower-numbered member.
   */
  private countBucket(
    base: number, m: number, words: number, sides: ComponentPairSides, sideI: SideRows, sideJ: SideRows, preLo: number, preHi: number,
  ): void {
    const { memberOf, memberMaskLo, memberMaskHi, memberWanted, groupExcess } = sides;
    const held = this.heldBefore(base, m, words, memberMaskLo, memberMaskHi, preLo, preHi);
    const heldOf = this.heldOf;
    const { rows: rowsI, rowOf: rowOfI, leafFrom: fromI, leafTo: toI, atNode: atI } = sideI;
    const { rows: rowsJ, rowOf: rowOfJ, leafFrom: fromJ, leafTo: toJ, atNode: atJ } = sideJ;
    for (let idx = 0; idx < m; idx++) {
      const v = memberOf[base + idx];
      const wanted = memberWanted[base + idx] !== 0;
      // v's components before I: which held rows a member must be in to be checked.
      let heldRows = 0;
      for (let lo = memberMaskLo[base + idx] & preLo; lo !== 0;) { const t = lo & -lo; lo ^= t; heldOf[heldRows++] = (31 - Math.clz32(t)) * words; }
      for (let hi = memberMaskHi[base + idx] & preHi; hi !== 0;) { const t = hi & -hi; hi ^= t; heldOf[heldRows++] = (63 - Math.clz32(t)) * words; }
      if (!wanted && heldRows === 0) continue;
      const ri = rowOfI[idx];
      const rj = rowOfJ[idx];
      const first = idx >>> 5;
      let own = -1;
      if (ri >= 0 && rj >= 0) {
        for (let w = 0; w < words; w++) {
          let x = rowsI[ri + w] & rowsJ[rj + w];
          if (x === 0) continue;
          own += popcount(x);
          if (heldRows === 0 || w < first) continue;
          if (w === first) x &= ~((2 << (idx & 31)) - 1);
          let any = 0;
          for (let r = 0; r < heldRows; r++) any |= held[heldOf[r] + w];
          for (x &= any; x !== 0;) {
            const t = x & -x;
            x ^= t;
            this.giveBack(v, memberOf[base + (w << 5) + 31 - Math.clz32(t)], sides);
          }
        }
      }
      // v's leaf lists: a member there is in v's set when the other side's row or list holds it.
      for (let a = fromJ[idx]; a < toJ[idx]; a++) {
        const w = atJ[a];
        if (ri < 0 || !has(rowsI, ri, w)) continue;
        own++;
        if (heldRows > 0 && w > idx && shares(held, heldOf, heldRows, w)) this.giveBack(v, memberOf[base + w], sides);
      }
      if (toI[idx] > fromI[idx]) {
        const mark = this.markLeafJ(idx, sideJ);
        for (let a = fromI[idx]; a < toI[idx]; a++) {
          const w = atI[a];
          if (!this.inJ(w, rj, sideJ, mark)) continue;
          own++;
          if (heldRows > 0 && w > idx && shares(held, heldOf, heldRows, w)) this.giveBack(v, memberOf[base + w], sides);
        }
      }
      if (wanted) groupExcess[v] += own;
    }
  }

  /** Marks the members of v's J leaf list (member idx); returns the mark. */
  private markLeafJ(idx: number, sideJ: SideRows): number {
    const mark = ++this.leafStamp;
    for (let a = sideJ.leafFrom[idx]; a < sideJ.leafTo[idx]; a++) this.leafMark[sideJ.atNode[a]] = mark;
    return mark;
  }

  /** Does v's J set (row rj, leaf list marked `mark`) hold member w? */
  private inJ(w: number, rj: number, sideJ: SideRows, mark: number): boolean {
    return (rj >= 0 && has(sideJ.rows, rj, w)) || this.leafMark[w] === mark;
  }

  /** Per live-component bit below I's: the members holding that component, as a row of `words`. */
  private heldBefore(base: number, m: number, words: number, maskLo: Int32Array, maskHi: Int32Array, preLo: number, preHi: number): Int32Array {
    if (this.heldBuffer.length < 64 * words) this.heldBuffer = new Int32Array(64 * words);
    const held = this.heldBuffer;
    held.fill(0, 0, 64 * words);
    for (let idx = 0; idx < m; idx++) {
      const bit = 1 << (idx & 31);
      const word = idx >>> 5;
      for (let lo = maskLo[base + idx] & preLo; lo !== 0;) { const t = lo & -lo; lo ^= t; held[(31 - Math.clz32(t)) * words + word] |= bit; }
      for (let hi = maskHi[base + idx] & preHi; hi !== 0;) { const t = hi & -hi; hi ^= t; held[(63 - Math.clz32(t)) * words + word] |= bit; }
    }
    return held;
  }

  /** Group VPCs g and h overlap in a component before I: the pair counts in an earlier bucket, so both give it back. */
  private giveBack(g: number, h: number, sides: ComponentPairSides): void {
    if (this.metBefore(g, h, sides)) { sides.groupExcess[g]--; sides.groupExcess[h]--; }
  }

  /** Do group VPCs g and h overlap in a component before I? Their classes there, merged by rank. */
  private metBefore(g: number, h: number, sides: ComponentPairSides): boolean {
    const { beforeStart: start, before: info } = sides;
    const end = start[h + 1];
    for (let i = start[g], j = start[h], iEnd = start[g + 1]; i < iEnd && j < end;) {
      const ri = info[i];
      const rj = info[j];
      if (ri < rj) i += CLASS_INFO;
      else if (rj < ri) j += CLASS_INFO;
      else {
        // Sole blocks x and y overlap when one lies in the other's subtree; else compare the classes' blocks.
        const x = info[i + 1];
        const y = info[j + 1];
        if (x >= 0 && y >= 0 ? nested(x, y, this.end) : this.meets(x, y)) return true;
        i += CLASS_INFO;
        j += CLASS_INFO;
      }
    }
    return false;
  }

  /** Do x and y overlap, each a sole block or ~class (see ComponentPairBuckets.classInfo), one at least a class? */
  private meets(x: number, y: number): boolean {
    if (x < 0 && y < 0) return this.local.related(~x, ~y);
    return x < 0 ? this.local.relatedToBlock(~x, y) : this.local.relatedToBlock(~y, x);
  }
}

/** Does member w hold one of the components whose held rows start at heldOf[0 … rows)? */
function shares(held: Int32Array, heldOf: Int32Array, rows: number, w: number): boolean {
  let any = 0;
  for (let r = 0; r < rows; r++) any |= held[heldOf[r] + (w >>> 5)];
  return (any & (1 << (w & 31))) !== 0;
}

function has(rows: Int32Array, row: number, w: number): boolean {
  return (rows[row + (w >>> 5)] & (1 << (w & 31))) !== 0;
}
