import { formatIpv4 } from './address';
import { parseCidr } from './block';
import { keepShape } from './kept-shapes';

/**
 * In a list of blocks ascending in sweep order, is block x inside an earlier block of the list?
 * `lastMaximal` is the list's last maximal block before x (-1: none yet). Maximal blocks are disjoint
 * and come in order, so any earlier block holding x lies in that one: one test, not a scan.
 */
export function insideLastMaximal(x: number, lastMaximal: number, subtreeEnd: Int32Array): boolean {
  return lastMaximal >= 0 && x < subtreeEnd[lastMaximal];
}

/** Do blocks x and y overlap (one is the other, or lies in its subtree)? */
export function nested(x: number, y: number, subtreeEnd: Int32Array): boolean {
  return x <= y ? y < subtreeEnd[x] : x < subtreeEnd[y];
}

/** The smallest block holding both x and y, x before y in sweep order (-1: none, they are in different components). */
export function enclosingBoth(x: number, y: number, parent: Int32Array, subtreeEnd: Int32Array): number {
  let a = parent[x];
  while (a >= 0 && !(y < subtreeEnd[a])) a = parent[a];
  return a;
}

/**
 * The containment forest of distinct blocks. CIDR blocks are laminar (nested or disjoint), so after
 * sorting by (family, start asc, prefix asc) one stack sweep finds every block's parent, and each
 * block's descendants are exactly the contiguous index range (i, subtreeEnd[i]). Roots (maximal
 * blocks) split the address space into independent components. O(n log n) for the sort, O(n) after.
 * Blocks are held as typed arrays (IPv4 and IPv6 alike as four 32-bit words): no BigInt, no object
 * per block on the hot path.
 */
export class Forest {
  /** Index of the smallest enclosing block, or -1 for a root. */
  readonly parent: Int32Array;
  /** One past the last descendant: descendants of i are i+1 … subtreeEnd[i]-1. */
  readonly subtreeEnd: Int32Array;
  /** Component (= root) number of each block. */
  readonly component: Int32Array;
  readonly componentCount: number;
  /** Created on the first `text` call: most runs print a few blocks, or none. */
  private canonical: Array<string | undefined> | undefined;

  /**
   * `family`, `prefix` and `words` (4 per block, high word first; IPv4 in the last) describe distinct
   * blocks in sweep order; `written[i]` is one spelling of IPv6 block i as the input gave it (IPv4
   * text is made from the block when asked for: valid IPv4 has one spelling).
   */
  constructor(
    readonly family: Uint8Array,
    readonly prefix: Uint8Array,
    readonly words: Uint32Array,
    private readonly written: readonly string[],
  ) {
    keepShape(this);
    const n = family.length;
    this.parent = new Int32Array(n);
    this.subtreeEnd = new Int32Array(n);
    this.component = new Int32Array(n);
    const stack = new Int32Array(n + 1);
    let depth = 0;
    let componentCount = 0;
    for (let i = 0; i < n; i++) {
      // Pop every open block that does not contain this one; it cannot contain anything later either.
      while (depth > 0 && !this.contains(stack[depth - 1], i)) this.subtreeEnd[stack[--depth]] = i;
      if (depth === 0) {
        this.parent[i] = -1;
        this.component[i] = componentCount++;
      } else {
        this.parent[i] = stack[depth - 1];
        this.component[i] = this.component[this.parent[i]];
      }
      stack[depth++] = i;
    }
    while (depth > 0) this.subtreeEnd[stack[--depth]] = n;
    this.componentCount = componentCount;
  }

  get size(): number {
    return this.family.length;
  }

  /** Canonical text of block i (RFC 5952 for IPv6), computed on first use. */
  text(i: number): string {
    const canonical = (this.canonical ??= new Array(this.family.length));
    return (canonical[i] ??= this.family[i] === 4 ? `${formatIpv4(this.words[i * 4 + 3])}/${this.prefix[i]}` : parseCidr(this.written[i]).text);
  }

  /** Blocks a and b share an address: one is the other or contains it. */
  overlaps(a: number, b: number): boolean {
    return nested(a, b, this.subtreeEnd);
  }

  /** Does block `outer` contain block `inner` (or equal it)? */
  private contains(outer: number, inner: number): boolean {
    if (this.family[outer] !== this.family[inner]) return false;
    const bits = this.prefix[outer];
    if (bits > this.prefix[inner]) return false;
    const w = this.words;
    // IPv4 lives in the last word alone; IPv6 spans all four.
    for (let k = this.family[outer] === 4 ? 3 : 0, left = bits; left > 0; k++, left -= 32) {
      const x = (w[outer * 4 + k] ^ w[inner * 4 + k]) >>> 0;
      if (left >= 32 ? x !== 0 : x >>> (32 - left) !== 0) return false;
    }
    return true;
  }
}
