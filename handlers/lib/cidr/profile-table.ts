import { listOf } from './int-arrays';
import { keepShape } from './kept-shapes';

/**
 * Distinct short lists of integers (VPC profiles: their local classes; a multi-block local class: its
 * blocks, local-class-tables.ts), numbered in order of first appearance. The lists are ranges of one
 * flat array (the VPCs' class lists, the fleet's node list), kept as ranges: a list is built as an
 * array only when asked for. Open addressing over a typed array: a
 * Map keyed by hash, with 100k distinct profiles at the CIDR quota, was a twentieth of the engine's
 * time on such fleets.
 */
export class ProfileTable {
  /** Profile p's list is items[first[p]] … items[first[p] + size[p] - 1]. */
  private first: Int32Array;
  private size: Int32Array;
  private built: Array<number[] | undefined> = [];
  private slots: Int32Array;
  private mask: number;
  count = 0;

  constructor(private readonly items: Int32Array, expected: number) {
    keepShape(this);
    // As small as asked: tests start tiny tables so that they collide and grow.
    let size = 2;
    while (size < expected * 2) size *= 2;
    this.slots = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    this.first = new Int32Array(Math.max(expected, 4));
    this.size = new Int32Array(this.first.length);
  }

  /** The number of the list items[at] … items[at + length - 1] (equal contents, same number), adding it when new. */
  numberOf(at: number, length: number): number {
    if (this.count * 2 >= this.slots.length) this.grow();
    for (let slot = this.hash(at, length) & this.mask; ; slot = (slot + 1) & this.mask) {
      const p = this.slots[slot];
      if (p < 0) {
        if (this.count === this.first.length) this.growLists();
        this.slots[slot] = this.count;
        this.first[this.count] = at;
        this.size[this.count] = length;
        return this.count++;
      }
      if (this.same(p, at, length)) return p;
    }
  }

  /** Profile p's length, and where its list starts in the items. */
  lengthOf(p: number): number { return this.size[p]; }
  startOf(p: number): number { return this.first[p]; }

  /** Profile p's list as an array (built once). */
  list(p: number): number[] {
    return (this.built[p] ??= listOf(this.items, this.first[p], this.first[p] + this.size[p]));
  }

  /**
   * A 31-bit hash of items[at … at + length), mixed at the end so that linear probing spreads: lists
   * differing only in their last item (runs of nearby block numbers) would otherwise take neighbouring slots.
   */
  private hash(at: number, length: number): number {
    let h = length;
    for (let i = at; i < at + length; i++) h = (Math.imul(h, 0x01000193) ^ this.items[i]) | 0;
    h ^= h >>> 15;
    return Math.imul(h, 0x2c1b3c6d) & 0x7fffffff;
  }

  private same(p: number, at: number, length: number): boolean {
    if (this.size[p] !== length) return false;
    const from = this.first[p];
    for (let i = 0; i < length; i++) if (this.items[from + i] !== this.items[at + i]) return false;
    return true;
  }

  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    this.mask = this.slots.length - 1;
    for (let p = 0; p < this.count; p++) {
      let slot = this.hash(this.first[p], this.size[p]) & this.mask;
      while (this.slots[slot] >= 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = p;
    }
  }

  private growLists(): void {
    const first = new Int32Array(this.first.length * 2);
    const size = new Int32Array(first.length);
    first.set(this.first);
    size.set(this.size);
    this.first = first;
    this.size = size;
  }
}
