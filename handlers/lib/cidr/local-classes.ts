import { Fleet } from './fleet';
import { nested } from './forest';
import { listOf } from './int-arrays';
import { buildClassTables } from './local-class-tables';
import { keepShape } from './kept-shapes';

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
 *
 * The classes are held in flat typed arrays (CSR). `nodes`, `componentOf` and `ofVpc` give the same
 * values as arrays of arrays, built on first use: half a million small arrays cost more to collect
 * than to fill, so hot loops should read the flat views instead.
 */
export class LocalClasses {
  /** Blocks of class c: classBlocks[classStart[c]] … classBlocks[classStart[c + 1] - 1], ascending (= nodes[c]). */
  readonly classStart: Int32Array;
  readonly classBlocks: Int32Array;
  /** The sole block of a one-block class (nearly every class), else -1. */
  readonly classBlock: Int32Array;
  /** Component of each local class (= componentOf). */
  readonly componentOfClass: Int32Array;
  /** Classes of VPC v: vpcClassList[vpcClassStart[v]] … vpcClassList[vpcClassStart[v + 1] - 1] (= ofVpc[v]). */
  readonly vpcClassStart: Int32Array;
  readonly vpcClassList: Int32Array;
  readonly count: number;
  private nodeLists: number[][] | undefined;
  private componentList: number[] | undefined;
  private vpcLists: number[][] | undefined;
  private memberLists: number[][] | undefined;
  /** Classes owning each block, ascending (CSR): built on the first `adjacent` call. */
  private blockClassStart = EMPTY;
  private blockClassList = EMPTY;
  private adjacency: Array<number[] | undefined> = [];
  private nodeStamp = EMPTY;
  private classStamp = EMPTY;
  private stamp = 0;

  constructor(private readonly fleet: Fleet, private readonly rankOrder: ArrayLike<number>) {
    keepShape(this);
    const tables = buildClassTables(fleet, rankOrder);
    this.count = tables.count;
    this.classStart = tables.start;
    this.classBlocks = tables.blocks;
    this.classBlock = tables.sole;
    this.componentOfClass = tables.component;
    this.vpcClassStart = tables.vpcStart;
    this.vpcClassList = tables.vpcList;
  }

  /** Blocks of each local class (all in one component), ascending. Built on first use. */
  get nodes(): number[][] {
    return (this.nodeLists ??= this.buildNodeLists());
  }

  /** Component of each local class. Built on first use. */
  get componentOf(): number[] {
    return (this.componentList ??= listOf(this.componentOfClass, 0, this.componentOfClass.length));
  }

  /** Local classes of each VPC, one per live component it touches, in component order. Built on first use. */
  get ofVpc(): number[][] {
    return (this.vpcLists ??= this.buildVpcLists());
  }

  /**
   * VPC indices of each local class, ascending by rank (vpcId order). Built on first use: only peer
   * lists need them, and growing half a million entries into 100k lists was a fifth of the classes' cost.
   */
  get members(): readonly number[][] {
    if (this.memberLists) return this.memberLists;
    const { vpcClassStart: start, vpcClassList: list } = this;
    const sizes = new Int32Array(this.count);
    for (let k = 0; k < list.length; k++) sizes[list[k]]++;
    const lists = new Array<number[]>(this.count);
    for (let c = 0; c < this.count; c++) lists[c] = new Array<number>(sizes[c]);
    sizes.fill(0);
    for (let r = 0; r < this.rankOrder.length; r++) {
      const v = this.rankOrder[r];
      for (let k = start[v]; k < start[v + 1]; k++) { const c = list[k]; lists[c][sizes[c]++] = v; }
    }
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
    if (this.componentOfClass[a] !== this.componentOfClass[c]) return false;
    const { classStart: start, classBlocks: blocks } = this;
    for (let i = start[a]; i < start[a + 1]; i++) if (this.relatedToBlock(c, blocks[i])) return true;
    return false;
  }

  /** Does a block of local class c overlap block x (contain it, equal it or lie inside it)? */
  relatedToBlock(c: number, x: number): boolean {
    const end = this.fleet.forest.subtreeEnd;
    const { classStart: start, classBlocks: blocks } = this;
    for (let j = start[c]; j < start[c + 1]; j++) if (nested(x, blocks[j], end)) return true;
    return false;
  }

  /** Local classes whose VPCs overlap this one's through its component — itself included. Cached. */
  adjacent(c: number): readonly number[] {
    const cached = this.adjacency[c];
    if (cached) return cached;
    if (this.blockClassStart === EMPTY) this.indexBlockClasses();
    const { parent, subtreeEnd } = this.fleet.forest;
    const stamp = ++this.stamp;
    const out: number[] = [];
    for (let i = this.classStart[c]; i < this.classStart[c + 1]; i++) {
      const node = this.classBlocks[i];
      for (let a = parent[node]; a >= 0; a = parent[a]) this.visit(a, stamp, out);
      for (let d = node; d < subtreeEnd[node]; d++) this.visit(d, stamp, out);
    }
    this.adjacency[c] = out;
    return out;
  }

  /** Collect the classes owning `node` (once per stamp) into `out`, in class order. */
  private visit(node: number, stamp: number, out: number[]): void {
    if (this.nodeStamp[node] === stamp) return;
    this.nodeStamp[node] = stamp;
    for (let k = this.blockClassStart[node]; k < this.blockClassStart[node + 1]; k++) {
      const q = this.blockClassList[k];
      if (this.classStamp[q] !== stamp) { this.classStamp[q] = stamp; out.push(q); }
    }
  }

  private indexBlockClasses(): void {
    const n = this.fleet.forest.size;
    const { classStart: start, classBlocks: blocks } = this;
    const at = new Int32Array(n + 1);
    for (let k = 0; k < blocks.length; k++) at[blocks[k] + 1]++;
    for (let i = 0; i < n; i++) at[i + 1] += at[i];
    const cursor = at.slice(0, n);
    const list = new Int32Array(blocks.length);
    for (let c = 0; c < this.count; c++) for (let k = start[c]; k < start[c + 1]; k++) list[cursor[blocks[k]]++] = c;
    this.blockClassStart = at;
    this.blockClassList = list;
    this.nodeStamp = new Int32Array(n);
    this.classStamp = new Int32Array(this.count);
    this.adjacency = new Array(this.count);
  }

  private buildNodeLists(): number[][] {
    const lists = new Array<number[]>(this.count);
    for (let c = 0; c < this.count; c++) lists[c] = listOf(this.classBlocks, this.classStart[c], this.classStart[c + 1]);
    return lists;
  }

  /** A VPC in one live component (most) shares its class's one-element list; lists are never mutated. */
  private buildVpcLists(): number[][] {
    const { vpcClassStart: start, vpcClassList: list } = this;
    const vpcs = start.length - 1;
    const lists = new Array<number[]>(vpcs);
    const alone = new Array<number[] | undefined>(this.count);
    for (let v = 0; v < vpcs; v++) {
      const from = start[v];
      const size = start[v + 1] - from;
      lists[v] = size === 0 ? NO_CLASSES : size === 1 ? (alone[list[from]] ??= [list[from]]) : listOf(list, from, start[v + 1]);
    }
    return lists;
  }
}

const NO_CLASSES: number[] = [];

/** A plain copy by index: Array.from walks a typed array through its iterator, several times slower. */
const EMPTY = new Int32Array(0);
