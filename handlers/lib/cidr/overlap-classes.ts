import { Fleet } from './fleet';

/**
 * VPCs grouped into classes by their *live* blocks, and class adjacency.
 *
 * Why classes: two VPCs with the same set of blocks overlap exactly the same other VPCs, so the
 * overlap count is computed once per class, not once per VPC. A component (tree of nested blocks)
 * owned by a single VPC can create no overlap, so its blocks are dropped from the class key first —
 * that collapses "10.0.0.0/16 + my own unique secondary" into the plain 10.0.0.0/16 class.
 *
 * Why adjacency is exact: blocks are laminar, so two VPCs overlap iff a block of one is an ancestor,
 * descendant or duplicate of a block of the other. For a class we visit its blocks' ancestors (parent
 * chain) and descendants (a contiguous range of the sweep order) and collect the classes owning them;
 * a stamp array makes each other class count once however many block pairs reach it.
 *
 * Cost: O(sum over classes of (related blocks + classes owning them)). Typical fleets — thousands of
 * VPCs on a handful of default CIDRs, unique small blocks, unique IPv6 /56s — have few live classes
 * and this is linear after the sort. Degenerate fleets (thousands of distinct multi-block profiles
 * that all meet in one big component, or one huge block containing thousands of others owned by many
 * classes) cost up to (live classes)² — still exact, never per VPC pair.
 */
export class OverlapClasses {
  /** Class of each VPC, -1 when the VPC has no block shared with any other VPC's component. */
  readonly classOf: Int32Array;
  /** Members of each class: VPC indices, ascending by rank (vpcId order). */
  readonly members: number[][] = [];
  /** Live blocks of each class. */
  readonly classNodes: number[][] = [];
  private readonly nodeClasses: number[][];
  private readonly nodeStamp: Int32Array;
  private readonly classStamp: Int32Array;
  private stamp = 0;

  constructor(private readonly fleet: Fleet, rankOrder: readonly number[]) {
    const { vpcs, forest } = fleet;
    const owners = countComponentOwners(fleet);
    this.classOf = new Int32Array(vpcs.length).fill(-1);
    this.nodeClasses = forest.blocks.map(() => []);
    const byKey = new Map<string, number>();
    for (const v of rankOrder) {
      const live = vpcs[v].nodes.filter((node) => owners[forest.component[node]] >= 2);
      if (live.length === 0) continue;
      const key = live.join(',');
      let c = byKey.get(key);
      if (c === undefined) {
        c = this.members.length;
        byKey.set(key, c);
        this.members.push([]);
        this.classNodes.push(live);
        for (const node of live) this.nodeClasses[node].push(c);
      }
      this.members[c].push(v);
      this.classOf[v] = c;
    }
    this.nodeStamp = new Int32Array(forest.blocks.length);
    this.classStamp = new Int32Array(this.members.length);
  }

  /** Classes whose VPCs overlap this class's VPCs — the class itself included. */
  adjacent(c: number): number[] {
    const { parent, subtreeEnd } = this.fleet.forest;
    const stamp = ++this.stamp;
    const out: number[] = [];
    const visit = (node: number) => {
      if (this.nodeStamp[node] === stamp) return;
      this.nodeStamp[node] = stamp;
      for (const q of this.nodeClasses[node]) {
        if (this.classStamp[q] !== stamp) { this.classStamp[q] = stamp; out.push(q); }
      }
    };
    for (const node of this.classNodes[c]) {
      for (let a = parent[node]; a >= 0; a = parent[a]) visit(a);
      for (let d = node; d < subtreeEnd[node]; d++) visit(d);
    }
    return out;
  }
}

/** Distinct VPCs owning at least one block of each component. */
function countComponentOwners({ vpcs, forest }: Fleet): Int32Array {
  const owners = new Int32Array(forest.componentCount);
  const seenBy = new Int32Array(forest.componentCount).fill(-1);
  vpcs.forEach((vpc, v) => {
    for (const node of vpc.nodes) {
      const comp = forest.component[node];
      if (seenBy[comp] !== v) { seenBy[comp] = v; owners[comp]++; }
    }
  });
  return owners;
}
