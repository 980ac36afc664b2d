import { grown } from './int-arrays';
import { keepShape } from './kept-shapes';

/**
 * One side (component) of a bucket: for each member, the set of members overlapping it there, as a
 * bit row (`words` 32-bit words) plus a short list.
 *
 * The side's (member, block) pairs come in sweep order, so a walk with a stack of the open blocks
 * sees every block after its ancestors. Per present block x:
 * - above(x): members at x's ancestors and at x — made when x's first child opens, shared by children;
 * - down(x): members strictly inside x — each child adds its own down row and members as it closes.
 * A member at x overlaps above(parent) ∪ members at x ∪ down(x). For a block with children that is one
 * row (down |= above when x closes). A leaf (most blocks) gets no row of its own: its members keep
 * the parent's above row plus the leaf's member list (atNode[leafFrom … leafTo)), which that row
 * never holds — unless the list is longer than `leafListUpTo`, when the leaf gets a full row. A member
 * with several blocks here gets one row, the union of its blocks' sets. Row -1 is the empty set.
 */
export class SideRows {
  rows: Int32Array = new Int32Array(4096);
  rowOf: Int32Array = new Int32Array(16);
  leafFrom: Int32Array = new Int32Array(16);
  leafTo: Int32Array = new Int32Array(16);
  atNode: Int32Array = new Int32Array(256);
  private used = 0;
  // The stack of open blocks: block, its members atNode[from … to), above row, down row, parent's above row.
  private sBlock: Int32Array = new Int32Array(64);
  private sFrom: Int32Array = new Int32Array(64);
  private sTo: Int32Array = new Int32Array(64);
  private sAbove: Int32Array = new Int32Array(64);
  private sDown: Int32Array = new Int32Array(64);
  private sUp: Int32Array = new Int32Array(64);
  /** Second and later blocks of a member: (member, row, leafFrom, leafTo) each. */
  private extra: number[] = [];

  constructor(private readonly subtreeEnd: Int32Array) {
    keepShape(this);
  }

  /** Walks pairs[2·from … 2·to): (member, block) in sweep order, members numbered 0 … m - 1. */
  walk(pairs: Int32Array, from: number, to: number, words: number, leafListUpTo: number, m: number): void {
    this.used = 0;
    this.extra.length = 0;
    this.reset(m);
    const end = this.subtreeEnd;
    let depth = 0;
    let block = -1;
    // Every member goes to atNode in order; a block's members are a run there, from blockFrom.
    if (this.atNode.length < to - from) this.atNode = grown(this.atNode, to - from);
    const atNode = this.atNode;
    let blockFrom = 0;
    for (let e = 2 * from, at = 0; e < 2 * to; e += 2, at++) {
      const x = pairs[e + 1];
      if (x !== block) {
        if (block >= 0) { this.sFrom[depth] = blockFrom; this.sTo[depth] = at; depth = this.open(depth, block, words, leafListUpTo, end); }
        block = x;
        blockFrom = at;
      }
      atNode[at] = pairs[e];
    }
    if (block >= 0) { this.sFrom[depth] = blockFrom; this.sTo[depth] = to - from; depth = this.open(depth, block, words, leafListUpTo, end); }
    while (depth > 0) depth = this.close(depth, words, leafListUpTo);
    this.combine(words);
  }

  /** Members 0 … m - 1 have no row yet (-2). */
  private reset(m: number): void {
    this.rowOf = grown(this.rowOf, m);
    this.leafFrom = grown(this.leafFrom, m);
    this.leafTo = grown(this.leafTo, m);
    this.rowOf.fill(-2, 0, m);
  }

  /** Pushes block x (its members at sFrom[depth] … sTo[depth]) once the blocks not holding it are closed. */
  private open(depth: number, x: number, words: number, leafListUpTo: number, end: Int32Array): number {
    const from = this.sFrom[depth];
    const to = this.sTo[depth];
    while (depth > 0 && end[this.sBlock[depth - 1]] <= x) depth = this.close(depth, words, leafListUpTo);
    const up = depth > 0 ? this.aboveRow(depth - 1, words) : -1;
    if (depth + 2 > this.sBlock.length) this.growStack();
    this.sBlock[depth] = x;
    this.sFrom[depth] = from;
    this.sTo[depth] = to;
    this.sAbove[depth] = -1;
    this.sDown[depth] = -1;
    this.sUp[depth] = up;
    return depth + 1;
  }

  /** above(x) for the block at `level`: its parent's above row and its own members. */
  private aboveRow(level: number, words: number): number {
    if (this.sAbove[level] >= 0) return this.sAbove[level];
    const r = this.newRow(words);
    this.fillRow(r, this.sUp[level], this.sFrom[level], this.sTo[level], words);
    return (this.sAbove[level] = r);
  }

  private close(depth: number, words: number, leafListUpTo: number): number {
    const top = depth - 1;
    const from = this.sFrom[top];
    const to = this.sTo[top];
    const down = this.sDown[top];
    if (top > 0) {
      // The parent's down row gains this block's members and its down row.
      let parentDown = this.sDown[top - 1];
      if (parentDown < 0) {
        parentDown = this.sDown[top - 1] = this.newRow(words);
        this.fillRow(parentDown, down, from, to, words);
      } else {
        const rows = this.rows;
        if (down >= 0) for (let w = 0; w < words; w++) rows[parentDown + w] |= rows[down + w];
        this.setBits(parentDown, from, to);
      }
    }
    const above = this.sAbove[top];
    let row: number;
    let leaf = false;
    if (above >= 0) {
      // Children came (so `down` exists): above ∪ down is the whole set.
      const rows = this.rows;
      for (let w = 0; w < words; w++) rows[down + w] |= rows[above + w];
      row = down;
    } else if (to - from > leafListUpTo) {
      row = this.newRow(words);
      this.fillRow(row, this.sUp[top], from, to, words);
    } else {
      row = this.sUp[top];
      leaf = true;
    }
    const { atNode, rowOf, leafFrom, leafTo } = this;
    const listFrom = leaf ? from : 0;
    const listTo = leaf ? to : 0;
    for (let a = from; a < to; a++) {
      const w = atNode[a];
      if (rowOf[w] === -2) {
        rowOf[w] = row;
        leafFrom[w] = listFrom;
        leafTo[w] = listTo;
      } else {
        this.extra.push(w, row, listFrom, listTo);
      }
    }
    return top;
  }

  /** Members with several blocks on this side: one full row, the union of their blocks' sets. */
  private combine(words: number): void {
    const { extra } = this;
    if (extra.length === 0) return;
    const made = new Map<number, number>();
    for (let k = 0; k < extra.length; k += 4) {
      const w = extra[k];
      let r = made.get(w);
      if (r === undefined) {
        r = this.newRow(words);
        made.set(w, r);
        this.fillRow(r, this.rowOf[w], this.leafFrom[w], this.leafTo[w], words);
      }
      const rows = this.rows;
      const src = extra[k + 1];
      if (src >= 0) for (let i = 0; i < words; i++) rows[r + i] |= rows[src + i];
      this.setBits(r, extra[k + 2], extra[k + 3]);
    }
    for (const [w, r] of made) { this.rowOf[w] = r; this.leafFrom[w] = 0; this.leafTo[w] = 0; }
  }

  /** Row r = row `src` (-1: empty) plus the members atNode[from … to). */
  private fillRow(r: number, src: number, from: number, to: number, words: number): void {
    const rows = this.rows;
    if (src >= 0) for (let w = 0; w < words; w++) rows[r + w] = rows[src + w];
    else for (let w = 0; w < words; w++) rows[r + w] = 0;
    this.setBits(r, from, to);
  }

  private setBits(r: number, from: number, to: number): void {
    const { rows, atNode } = this;
    for (let a = from; a < to; a++) { const w = atNode[a]; rows[r + (w >>> 5)] |= 1 << (w & 31); }
  }

  private newRow(words: number): number {
    const r = this.used;
    this.used += words;
    this.rows = grown(this.rows, this.used);
    return r;
  }

  private growStack(): void {
    const size = this.sBlock.length + 1;
    this.sBlock = grown(this.sBlock, size);
    this.sFrom = grown(this.sFrom, size);
    this.sTo = grown(this.sTo, size);
    this.sAbove = grown(this.sAbove, size);
    this.sDown = grown(this.sDown, size);
    this.sUp = grown(this.sUp, size);
  }
}
