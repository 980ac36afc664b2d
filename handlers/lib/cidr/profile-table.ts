/**
 * Distinct short lists of small integers (VPC profiles: their local classes), numbered in order of
 * first appearance. Open addressing over a typed array: a Map keyed by hash, with 100k distinct
 * profiles at the CIDR quota, was a twentieth of the engine's time on such fleets.
 */
export class ProfileTable {
  readonly lists: number[][] = [];
  private slots: Int32Array;
  private mask: number;

  constructor(expected: number) {
    let size = 16;
    while (size < expected * 2) size *= 2;
    this.slots = new Int32Array(size).fill(-1);
    this.mask = size - 1;
  }

  /** The number of `list` (equal contents, same number), adding it when new. Keeps `list` itself. */
  numberOf(list: number[]): number {
    if (this.lists.length * 2 >= this.slots.length) this.grow();
    for (let slot = listHash(list) & this.mask; ; slot = (slot + 1) & this.mask) {
      const p = this.slots[slot];
      if (p < 0) {
        this.slots[slot] = this.lists.length;
        this.lists.push(list);
        return this.lists.length - 1;
      }
      if (sameList(this.lists[p], list)) return p;
    }
  }

  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    this.mask = this.slots.length - 1;
    this.lists.forEach((list, p) => {
      let slot = listHash(list) & this.mask;
      while (this.slots[slot] >= 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = p;
    });
  }
}

/** A 31-bit hash of a list of small integers. */
function listHash(items: readonly number[]): number {
  let h = items.length;
  for (const x of items) h = (Math.imul(h, 0x01000193) ^ x) | 0;
  return h & 0x7fffffff;
}

function sameList(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
