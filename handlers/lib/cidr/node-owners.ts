import type { Fleet } from './fleet';
import { enclosingBoth, insideLastMaximal } from './forest';
import { keepShape } from './kept-shapes';

const EMPTY: Int32Array = new Int32Array(0);

/**
 * Which VPCs own each block, as one flat array in sweep order (CSR): the owners of a block's whole
 * subtree are then one contiguous slice, so a VPC's neighbourhood is a few slices (its blocks'
 * subtrees) plus the owners along their ancestor chains — no per-class adjacency lists, no objects.
 *
 * Each VPC is entered with its maximal blocks only: a block inside another block of the same VPC
 * overlaps nothing the outer one does not. Its blocks are then disjoint, which makes the number of
 * distinct VPCs overlapping one block a few prefix-sum lookups (distinctOverlapping).
 */
export class NodeOwners {
  /** Owners of block i are owners[start[i]] … owners[start[i + 1] - 1]. */
  private start = EMPTY;
  private owners = EMPTY;
  /** Owner entries on the strict ancestors of each block: the chain part of a neighbourhood's size. */
  private above: Float64Array = new Float64Array(0);
  /** distinctOverlapping of every block, worked out in one pass in sweep order: one read per question. */
  private distinct: Float64Array = new Float64Array(0);
  private built = false;

  /** Cheap: the arrays are built on first use (a fleet with nothing shared never needs them). */
  constructor(private readonly fleet: Fleet) {
    keepShape(this);
  }

  private build(): void {
    if (this.built) return;
    this.built = true;
    const { forest, nodeStart, nodeList } = this.fleet;
    const n = forest.size;
    // One function per pass: see ComponentPairIndex's constructor on why.
    const maximal = new Uint8Array(nodeList.length);
    const start = new Int32Array(n + 1);
    const twins = new Float64Array(n + 1);
    countOwners(nodeStart, nodeList, forest.parent, forest.subtreeEnd, maximal, start, twins);
    for (let i = 0; i < n; i++) { start[i + 1] += start[i]; twins[i + 1] += twins[i]; }
    this.start = start;
    this.owners = placeOwners(nodeStart, nodeList, maximal, start);
    this.above = ownersAbove(forest.parent, start);
    this.distinct = distinctOverlapping(forest.subtreeEnd, start, this.above, twins);
  }

  /** The owner table: owners of block i (each VPC by its maximal blocks) are owners[start[i]] … owners[start[i + 1] - 1]. */
  table(): { start: Int32Array; owners: Int32Array } {
    this.build();
    return { start: this.start, owners: this.owners };
  }

  /** Distinct VPCs owning a block that overlaps block b (contains it, equals it or lies inside it), O(1). */
  distinctOverlapping(b: number): number {
    this.build();
    return this.distinct[b];
  }

  /**
   * distinctOverlapping for several disjoint blocks nodes[from … to), ascending in sweep order: the
   * VPCs owning a block that overlaps one of them, each counted once per region it has blocks in — a
   * region being one block's subtree, or one block on their ancestor chains. The chains meet: above
   * the smallest block enclosing two neighbours they are one chain, counted once. So the count is exact
   * for VPCs with one maximal block in the component; class-sizes.ts takes back the others' repeats.
   */
  regionsOverlapping(nodes: ArrayLike<number>, from: number, to: number): number {
    this.build();
    const { parent, subtreeEnd } = this.fleet.forest;
    let total = 0;
    for (let i = from; i < to; i++) {
      const x = nodes[i];
      total += this.distinctOverlapping(x);
      if (i === from) continue;
      const a = enclosingBoth(nodes[i - 1], x, parent, subtreeEnd);
      if (a >= 0) total -= this.above[a] + this.start[a + 1] - this.start[a];
    }
    return total;
  }

  /** Owner entries a direct count of the VPCs overlapping nodes[from … to) visits (an upper bound on their number). */
  neighbourhoodSize(nodes: ArrayLike<number>, from: number, to: number): number {
    this.build();
    const { subtreeEnd } = this.fleet.forest;
    let size = 0;
    for (let i = from; i < to; i++) {
      const b = nodes[i];
      size += this.above[b] + this.start[subtreeEnd[b]] - this.start[b];
    }
    return size;
  }

  /**
   * Distinct VPCs owning a block that contains, equals or lies inside one of nodes[from … to) — the
   * VPC itself included when they are its own. `seen` holds one stamp per VPC; `stamp` must be new.
   */
  countNeighbours(nodes: ArrayLike<number>, seen: Int32Array, stamp: number, from: number, to: number): number {
    this.build();
    const { parent, subtreeEnd } = this.fleet.forest;
    const { start, owners } = this;
    let total = 0;
    for (let i = from; i < to; i++) {
      const b = nodes[i];
      for (let a = parent[b]; a >= 0; a = parent[a]) {
        for (let k = start[a], end = start[a + 1]; k < end; k++) {
          const u = owners[k];
          if (seen[u] !== stamp) { seen[u] = stamp; total++; }
        }
      }
      for (let k = start[b], end = start[subtreeEnd[b]]; k < end; k++) {
        const u = owners[k];
        if (seen[u] !== stamp) { seen[u] = stamp; total++; }
      }
    }
    return total;
  }
}

/**
 * Owner entries per block (at start[x + 1]) and twin pairs per enclosing block (at twins[a + 1]).
 * Only each VPC's maximal blocks are entered (flagged in `maximal` for the placing pass).
 */
function countOwners(nodeStart: Int32Array, nodeList: Int32Array, parent: Int32Array, subtreeEnd: Int32Array, maximal: Uint8Array, start: Int32Array, twins: Float64Array): void {
  for (let v = 0; v + 1 < nodeStart.length; v++) {
    let last = -1;
    for (let k = nodeStart[v]; k < nodeStart[v + 1]; k++) {
      const x = nodeList[k];
      if (insideLastMaximal(x, last, subtreeEnd)) continue;
      maximal[k] = 1;
      start[x + 1]++;
      if (last >= 0) {
        const a = enclosingBoth(last, x, parent, subtreeEnd);
        if (a >= 0) twins[a + 1]++;
      }
      last = x;
    }
  }
}

/** The owners of each block, by VPC, at start[x] …. */
function placeOwners(nodeStart: Int32Array, nodeList: Int32Array, maximal: Uint8Array, start: Int32Array): Int32Array {
  const owners = new Int32Array(start[start.length - 1]);
  const cursor = start.slice(0, start.length - 1);
  for (let v = 0; v + 1 < nodeStart.length; v++) {
    for (let k = nodeStart[v]; k < nodeStart[v + 1]; k++) if (maximal[k] === 1) owners[cursor[nodeList[k]]++] = v;
  }
  return owners;
}

/**
 * Distinct VPCs overlapping each block b: one owner at most per VPC along b's ancestor chain (its
 * blocks are disjoint), plus the entries at b and inside it less the twin pairs there (a VPC with j
 * blocks there has j - 1). `twins` are prefix sums, in sweep order, of "twin" pairs: two consecutive
 * blocks of one VPC whose smallest common enclosing block sits at that index; b's subtree holds both
 * blocks of a pair exactly when it holds that enclosing block.
 */
function distinctOverlapping(subtreeEnd: Int32Array, start: Int32Array, above: Float64Array, twins: Float64Array): Float64Array {
  const n = subtreeEnd.length;
  const distinct = new Float64Array(n);
  for (let b = 0; b < n; b++) {
    const end = subtreeEnd[b];
    distinct[b] = above[b] + (start[end] - start[b]) - (twins[end] - twins[b]);
  }
  return distinct;
}

/** Owner entries on the strict ancestors of each block (sweep order puts every parent before its children). */
function ownersAbove(parent: Int32Array, start: Int32Array): Float64Array {
  const n = parent.length;
  const above = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = parent[i];
    if (p >= 0) above[i] = above[p] + start[p + 1] - start[p];
  }
  return above;
}
