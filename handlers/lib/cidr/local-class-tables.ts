import type { Fleet } from './fleet';
import { grown } from './int-arrays';
import { ProfileTable } from './profile-table';
import { keepShape } from './kept-shapes';

/** Local classes as flat arrays (CSR); see LocalClasses for what a local class is. */
export interface ClassTables {
  count: number;
  /** Blocks of class c: blocks[start[c]] … blocks[start[c + 1] - 1], ascending. */
  start: Int32Array;
  blocks: Int32Array;
  /** The sole block of a one-block class, else -1. */
  sole: Int32Array;
  component: Int32Array;
  /** Classes of VPC v: vpcList[vpcStart[v]] … vpcList[vpcStart[v + 1] - 1], in component order. */
  vpcStart: Int32Array;
  vpcList: Int32Array;
}

/**
 * Number the local classes in order of first appearance along `rankOrder`, each VPC's in component
 * order. Everything lives in typed arrays sized up front: one small array per class and per VPC,
 * grown by push, was most of the engine's garbage on fleets whose VPCs hold several blocks.
 */
export function buildClassTables(fleet: Fleet, rankOrder: ArrayLike<number>, initialSlots = 1024): ClassTables {
  const live = liveComponents(fleet);
  const vpcStart = groupsPerVpc(fleet, live);
  const builder = new TableBuilder(fleet, live, vpcStart, initialSlots);
  for (let r = 0; r < rankOrder.length; r++) builder.addVpc(rankOrder[r]);
  return builder.finish();
}

/**
 * 2 for components owned by at least two distinct VPCs ("live"), less otherwise: a component owned by
 * one VPC can create no overlap.
 */
function liveComponents({ nodeStart, nodeList, forest }: Fleet): Uint8Array {
  const component = forest.component;
  const owners = new Uint8Array(forest.componentCount);
  const seenBy = new Int32Array(forest.componentCount).fill(-1);
  for (let v = 0; v + 1 < nodeStart.length; v++) {
    for (let k = nodeStart[v]; k < nodeStart[v + 1]; k++) {
      const comp = component[nodeList[k]];
      if (seenBy[comp] !== v) { seenBy[comp] = v; if (owners[comp] < 2) owners[comp]++; }
    }
  }
  return owners;
}

/** Where each VPC's classes start in the flat list: one class per live component it touches. */
function groupsPerVpc({ nodeStart, nodeList, forest }: Fleet, live: Uint8Array): Int32Array {
  const component = forest.component;
  const vpcs = nodeStart.length - 1;
  const start = new Int32Array(vpcs + 1);
  for (let v = 0; v < vpcs; v++) {
    let groups = 0;
    let last = -1;
    // A VPC's blocks are in sweep order, so a component's blocks are contiguous in them.
    for (let k = nodeStart[v]; k < nodeStart[v + 1]; k++) {
      const comp = component[nodeList[k]];
      if (live[comp] === 2 && comp !== last) { groups++; last = comp; }
    }
    start[v + 1] = start[v] + groups;
  }
  return start;
}

class TableBuilder {
  private count = 0;
  private used = 0;
  private readonly start: Int32Array;
  private readonly blocks: Int32Array;
  private readonly sole: Int32Array;
  private readonly component: Int32Array;
  private readonly vpcList: Int32Array;
  /** The one-block class of each block, or -1: most classes, found without hashing. */
  private readonly singleClass: Int32Array;
  /** Multi-block classes as runs of nodeList, numbered by the table in order of first appearance; their classes by that number. */
  private readonly multi: ProfileTable;
  private multiClass: Int32Array;

  /** `initialSlots` (a power of two) exists for tests: a tiny table collides and grows often. */
  constructor(private readonly fleet: Fleet, private readonly live: Uint8Array, private readonly vpcStart: Int32Array, initialSlots: number) {
    keepShape(this);
    this.multi = new ProfileTable(fleet.nodeList, Math.max(1, initialSlots >> 1));
    this.multiClass = new Int32Array(Math.max(1, initialSlots >> 1));
    const most = vpcStart[vpcStart.length - 1];
    this.start = new Int32Array(most + 1);
    this.blocks = new Int32Array(fleet.nodeList.length);
    this.sole = new Int32Array(most);
    this.component = new Int32Array(most);
    this.vpcList = new Int32Array(most);
    this.singleClass = new Int32Array(fleet.forest.size).fill(-1);
  }

  addVpc(v: number): void {
    const { nodeStart, nodeList } = this.fleet;
    const component = this.fleet.forest.component;
    const first = nodeStart[v];
    const end = nodeStart[v + 1];
    let out = this.vpcStart[v];
    for (let k = first; k < end;) {
      const comp = component[nodeList[k]];
      if (this.live[comp] !== 2) { k++; continue; }
      let j = k + 1;
      while (j < end && component[nodeList[j]] === comp) j++;
      this.vpcList[out++] = j - k === 1 ? this.singleOf(k) : this.multiOf(k, j);
      k = j;
    }
  }

  private singleOf(k: number): number {
    const block = this.fleet.nodeList[k];
    const known = this.singleClass[block];
    return known >= 0 ? known : (this.singleClass[block] = this.add(k, k + 1));
  }

  private multiOf(k: number, j: number): number {
    const known = this.multi.count;
    const p = this.multi.numberOf(k, j - k);
    if (p < known) return this.multiClass[p];
    this.multiClass = grown(this.multiClass, p + 1);
    return (this.multiClass[p] = this.add(k, j));
  }

  /** A new class of the VPC's blocks nodeList[k … j). */
  private add(k: number, j: number): number {
    const { nodeList } = this.fleet;
    const c = this.count++;
    this.start[c] = this.used;
    for (let i = k; i < j; i++) this.blocks[this.used++] = nodeList[i];
    this.start[c + 1] = this.used;
    this.sole[c] = j - k === 1 ? nodeList[k] : -1;
    this.component[c] = this.fleet.forest.component[nodeList[k]];
    return c;
  }

  /** Views, not copies: the arrays were sized for the most classes possible, and copying them cost more than their unused tails. */
  finish(): ClassTables {
    const n = this.count;
    return {
      count: n,
      start: this.start.subarray(0, n + 1),
      blocks: this.blocks.subarray(0, this.used),
      sole: this.sole.subarray(0, n),
      component: this.component.subarray(0, n),
      vpcStart: this.vpcStart,
      vpcList: this.vpcList,
    };
  }
}
