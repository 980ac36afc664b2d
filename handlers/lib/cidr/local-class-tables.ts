import type { Fleet } from './fleet';

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

const EMPTY_SLOT = -1;

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
  /** Open addressing over the blocks of multi-block classes (no string keys); slots hold classes. */
  private slots: Int32Array;
  private multiCount = 0;

  /** `initialSlots` (a power of two) exists for tests: a tiny table collides and grows often. */
  constructor(private readonly fleet: Fleet, private readonly live: Uint8Array, private readonly vpcStart: Int32Array, initialSlots: number) {
    this.slots = new Int32Array(initialSlots).fill(EMPTY_SLOT);
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
    const nodeList = this.fleet.nodeList;
    const mask = this.slots.length - 1;
    let slot = hashOf(nodeList, k, j) & mask;
    for (let c = this.slots[slot]; c !== EMPTY_SLOT; c = this.slots[slot]) {
      if (this.sameBlocks(c, k, j)) return c;
      slot = (slot + 1) & mask;
    }
    const c = this.add(k, j);
    this.slots[slot] = c;
    if (++this.multiCount * 2 > this.slots.length) this.grow();
    return c;
  }

  private sameBlocks(c: number, k: number, j: number): boolean {
    const from = this.start[c];
    if (this.start[c + 1] - from !== j - k) return false;
    const nodeList = this.fleet.nodeList;
    for (let i = 0; i < j - k; i++) if (this.blocks[from + i] !== nodeList[k + i]) return false;
    return true;
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(EMPTY_SLOT);
    const mask = slots.length - 1;
    for (const c of this.slots) {
      if (c === EMPTY_SLOT) continue;
      let slot = hashOf(this.blocks, this.start[c], this.start[c + 1]) & mask;
      while (slots[slot] !== EMPTY_SLOT) slot = (slot + 1) & mask;
      slots[slot] = c;
    }
    this.slots = slots;
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

/** FNV-1a over 32-bit block numbers, mixed at the end so that linear probing spreads. */
function hashOf(list: Int32Array, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ list[i], 0x01000193);
  h ^= h >>> 15;
  return Math.imul(h, 0x2c1b3c6d) >>> 0;
}
