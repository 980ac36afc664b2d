import type { Fleet } from './fleet';

const EMPTY = new Int32Array(0);

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
  private above = new Float64Array(0);
  /**
   * Prefix sums, in sweep order, of "twin" pairs: two consecutive blocks of one VPC whose smallest
   * common enclosing block sits at that index. A block's subtree holds both blocks of a pair exactly
   * when it holds that enclosing block.
   */
  private twinsBefore = new Float64Array(0);
  private built = false;

  /** Cheap: the arrays are built on first use (a fleet with nothing shared never needs them). */
  constructor(private readonly fleet: Fleet) {}

  private build(): void {
    if (this.built) return;
    this.built = true;
    const { vpcs, forest } = this.fleet;
    const n = forest.size;
    const { parent, subtreeEnd } = forest;
    // `nodes` ascend in sweep order, so a block nested in an earlier one of the VPC falls in its range.
    const maximal = (nodes: readonly number[], k: number) => {
      for (let j = k - 1; j >= 0; j--) if (nodes[k] < subtreeEnd[nodes[j]]) return false;
      return true;
    };
    const start = new Int32Array(n + 1);
    const twins = new Float64Array(n + 1);
    for (const { nodes } of vpcs) {
      let last = -1;
      for (let k = 0; k < nodes.length; k++) {
        if (k > 0 && !maximal(nodes, k)) continue;
        start[nodes[k] + 1]++;
        if (last >= 0) {
          // The smallest block holding both neighbours: walk up from the first until it holds the second.
          let a = parent[last];
          while (a >= 0 && !(nodes[k] < subtreeEnd[a])) a = parent[a];
          if (a >= 0) twins[a + 1]++;
        }
        last = nodes[k];
      }
    }
    for (let i = 0; i < n; i++) { start[i + 1] += start[i]; twins[i + 1] += twins[i]; }
    const owners = new Int32Array(start[n]);
    const cursor = start.slice(0, n);
    vpcs.forEach(({ nodes }, v) => { for (let k = 0; k < nodes.length; k++) if (k === 0 || maximal(nodes, k)) owners[cursor[nodes[k]]++] = v; });
    const above = new Float64Array(n);
    // Sweep order puts every parent before its children.
    for (let i = 0; i < n; i++) {
      const p = parent[i];
      if (p >= 0) above[i] = above[p] + start[p + 1] - start[p];
    }
    this.start = start;
    this.owners = owners;
    this.above = above;
    this.twinsBefore = twins;
  }

  /** The owner table: owners of block i (each VPC by its maximal blocks) are owners[start[i]] … owners[start[i + 1] - 1]. */
  table(): { start: Int32Array; owners: Int32Array } {
    this.build();
    return { start: this.start, owners: this.owners };
  }

  /**
   * Distinct VPCs owning a block that overlaps block b (contains it, equals it or lies inside it),
   * O(1): one owner at most per VPC along b's ancestor chain (its blocks are disjoint), plus the
   * entries strictly inside b less the twin pairs inside b (a VPC with j blocks there has j - 1).
   */
  distinctOverlapping(b: number): number {
    this.build();
    const end = this.fleet.forest.subtreeEnd[b];
    const { start, twinsBefore } = this;
    return this.above[b] + (start[end] - start[b]) - (twinsBefore[end] - twinsBefore[b]);
  }

  /** Owner entries a direct count of the VPCs overlapping `nodes` visits (an upper bound on their number). */
  neighbourhoodSize(nodes: readonly number[]): number {
    this.build();
    const { subtreeEnd } = this.fleet.forest;
    let size = 0;
    for (const b of nodes) size += this.above[b] + this.start[subtreeEnd[b]] - this.start[b];
    return size;
  }

  /**
   * Distinct VPCs owning a block that contains, equals or lies inside one of `nodes` — the VPC itself
   * included when `nodes` are its own. `seen` holds one stamp per VPC; `stamp` must be new.
   */
  countNeighbours(nodes: readonly number[], seen: Int32Array, stamp: number): number {
    this.build();
    const { parent, subtreeEnd } = this.fleet.forest;
    const { start, owners } = this;
    let total = 0;
    for (const b of nodes) {
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
