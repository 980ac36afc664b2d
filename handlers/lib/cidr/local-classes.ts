import { Fleet } from './fleet';

/**
 * Local classes: within one component (a tree of nested blocks under one root), VPCs owning the
 * same set of that component's blocks overlap exactly the same other VPCs *through that component*.
 * A VPC is then a short list of local classes, one per component it touches.
 *
 * Two VPCs overlap iff, in some shared component, a block of one is an ancestor, descendant or
 * duplicate of a block of the other (blocks are laminar). So local-class adjacency is computed per
 * local class by visiting its blocks' ancestors (parent chain) and descendants (a contiguous range in
 * sweep order), collecting the local classes that own them; a stamp counts each once.
 *
 * Components owned by a single VPC can create no overlap and are skipped ("dead").
 *
 * Cost: O(sum over local classes of related blocks + the local classes owning them). For real
 * fleets (thousands of VPCs sharing a few default blocks, a few blocks nested in them, unique blocks
 * elsewhere) that is linear. Degenerate: one huge block with thousands of distinct nested blocks
 * owned in thousands of distinct combinations — still exact, up to quadratic in local classes.
 */
export class LocalClasses {
  /** Blocks of each local class (all in one component), ascending. */
  readonly nodes: number[][] = [];
  /** Component of each local class. */
  readonly componentOf: number[] = [];
  /** Local classes of each VPC, one per live component it touches, in component order. */
  readonly ofVpc: number[][];
  /** The first local class owning each block (-1: none), and any further ones: few blocks have two. */
  private readonly firstClass: Int32Array;
  private readonly moreClasses = new Map<number, number[]>();
  private readonly adjacency: Array<number[] | undefined> = [];
  private readonly nodeStamp: Int32Array;
  private classStamp = new Int32Array(0);
  private stamp = 0;
  private memberLists: number[][] | undefined;

  constructor(private readonly fleet: Fleet, private readonly rankOrder: readonly number[]) {
    const { vpcs, forest } = fleet;
    const owners = countComponentOwners(fleet);
    // VPCs without a live component share one empty list: most VPCs of an IPAM-planned fleet.
    this.ofVpc = new Array<number[]>(vpcs.length).fill(NO_CLASSES);
    this.firstClass = new Int32Array(forest.size).fill(-1);
    const byKey = new Map<string, number>();
    // Most VPCs have one live block and most classes are one block: index those without strings.
    const singleClass = new Int32Array(forest.size).fill(-1);
    const classFor = (group: number[]): number => {
      const single = group.length === 1;
      const key = single ? '' : group.join(',');
      let c = single ? singleClass[group[0]] : byKey.get(key) ?? -1;
      if (c < 0) {
        c = this.nodes.length;
        if (single) singleClass[group[0]] = c; else byKey.set(key, c);
        this.nodes.push(group);
        this.componentOf.push(forest.component[group[0]]);
        for (const node of group) {
          if (this.firstClass[node] < 0) this.firstClass[node] = c;
          else {
            const more = this.moreClasses.get(node);
            if (more) more.push(c); else this.moreClasses.set(node, [c]);
          }
        }
      }
      return c;
    };
    const alone: number[][] = [];
    const scratch: number[] = [];
    for (const v of rankOrder) {
      const nodes = vpcs[v].nodes;
      let allLive = true;
      for (let k = 0; k < nodes.length && allLive; k++) allLive = owners[forest.component[nodes[k]]] >= 2;
      // Copies only for VPCs with a dead block: at the quota of five blocks these were 100k arrays.
      const live = allLive ? nodes : nodes.filter((node) => owners[forest.component[node]] >= 2);
      // `nodes` is in sweep order, so a component's blocks are contiguous in it.
      scratch.length = 0;
      for (let i = 0; i < live.length;) {
        let j = i + 1;
        while (j < live.length && forest.component[live[j]] === forest.component[live[i]]) j++;
        const known = j - i === 1 ? singleClass[live[i]] : -1;
        const c = known >= 0 ? known : classFor(live.length === j - i ? live : live.slice(i, j));
        scratch.push(c);
        i = j;
      }
      // A VPC in one live component (most) shares its class's one-element list; lists are never
      // mutated after, and exactly sized (grown lists kept room for 17 classes each).
      if (scratch.length === 1) this.ofVpc[v] = alone[scratch[0]] ??= [scratch[0]];
      else if (scratch.length > 1) this.ofVpc[v] = scratch.slice();
    }
    this.nodeStamp = new Int32Array(forest.size);
    this.classStamp = new Int32Array(this.nodes.length);
  }

  get count(): number { return this.nodes.length; }

  /**
   * VPC indices of each local class, ascending by rank (vpcId order). Built on first use: only peer
   * lists need them, and growing half a million entries into 100k lists was a fifth of the classes' cost.
   */
  get members(): readonly number[][] {
    if (this.memberLists) return this.memberLists;
    const sizes = new Int32Array(this.nodes.length);
    for (const lcs of this.ofVpc) for (const c of lcs) sizes[c]++;
    const lists = Array.from(sizes, (size) => new Array<number>(size));
    sizes.fill(0);
    for (const v of this.rankOrder) for (const c of this.ofVpc[v]) lists[c][sizes[c]++] = v;
    this.memberLists = lists;
    return lists;
  }

  /** Components of the forest (live and dead). */
  get componentCount(): number { return this.fleet.forest.componentCount; }
  /** The forest's component of each block. */
  get blockComponent(): Int32Array { return this.fleet.forest.component; }

  /** The forest's subtree ends: blocks x ≤ y overlap iff y < subtreeEnd[x]. */
  get subtreeEnd(): Int32Array { return this.fleet.forest.subtreeEnd; }
  /** The forest's parent of each block, -1 for a root. */
  get parent(): Int32Array { return this.fleet.forest.parent; }

  /** Are local classes a and c adjacent (VPCs of one overlap VPCs of the other)? O(blocks of a × blocks of c). */
  related(a: number, c: number): boolean {
    if (this.componentOf[a] !== this.componentOf[c]) return false;
    const end = this.fleet.forest.subtreeEnd;
    for (const x of this.nodes[a]) for (const y of this.nodes[c]) if (x <= y ? y < end[x] : x < end[y]) return true;
    return false;
  }

  /** Local classes whose VPCs overlap this one's through its component — itself included. Cached. */
  adjacent(c: number): readonly number[] {
    const cached = this.adjacency[c];
    if (cached) return cached;
    const { parent, subtreeEnd } = this.fleet.forest;
    const stamp = ++this.stamp;
    const out: number[] = [];
    const visit = (node: number) => {
      if (this.nodeStamp[node] === stamp) return;
      this.nodeStamp[node] = stamp;
      const first = this.firstClass[node];
      if (first < 0) return;
      if (this.classStamp[first] !== stamp) { this.classStamp[first] = stamp; out.push(first); }
      const more = this.moreClasses.size > 0 ? this.moreClasses.get(node) : undefined;
      if (more) for (const q of more) if (this.classStamp[q] !== stamp) { this.classStamp[q] = stamp; out.push(q); }
    };
    for (const node of this.nodes[c]) {
      for (let a = parent[node]; a >= 0; a = parent[a]) visit(a);
      for (let d = node; d < subtreeEnd[node]; d++) visit(d);
    }
    this.adjacency[c] = out;
    return out;
  }
}

const NO_CLASSES: number[] = [];

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
