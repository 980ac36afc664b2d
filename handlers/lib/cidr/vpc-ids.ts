import { identity } from './int-arrays';
import type { VpcCidrs } from './fleet';

/** Which VPC each input entry is: entries with one vpcId are one VPC. */
export interface VpcIds {
  /** VPC number (order of first appearance) of each input entry. */
  vpcOf: Int32Array;
  /** Input index of each VPC's first entry. */
  firstOf: Int32Array;
  count: number;
  /** VPC numbers in vpcId order. */
  rankOrder: Int32Array;
}

/**
 * VPC identity from the input sorted by vpcId (stably: a run's first entry is the first appearance)
 * rather than a Map of 100k strings; the sorted order is the rank order as well. Input already in
 * strictly ascending vpcId order (listings and files written sorted) needs no sort at all.
 */
export function identifyVpcs(input: readonly VpcCidrs[]): VpcIds {
  if (inVpcIdOrder(input)) {
    const n = input.length;
    return { vpcOf: identity(n), firstOf: identity(n), count: n, rankOrder: identity(n) };
  }
  return sortedIds(input);
}

function inVpcIdOrder(input: readonly VpcCidrs[]): boolean {
  for (let i = 1; i < input.length; i++) if (!(input[i - 1].vpcId < input[i].vpcId)) return false;
  return true;
}

function sortedIds(input: readonly VpcCidrs[]): VpcIds {
  const n = input.length;
  const byId = Array.from(identity(n));
  byId.sort((a, b) => (input[a].vpcId < input[b].vpcId ? -1 : input[a].vpcId > input[b].vpcId ? 1 : a - b));
  const firstEntry = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const i = byId[k];
    firstEntry[i] = k > 0 && input[byId[k - 1]].vpcId === input[i].vpcId ? firstEntry[byId[k - 1]] : i;
  }
  const vpcOf = new Int32Array(n);
  const firstOf = new Int32Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (firstEntry[i] === i) { firstOf[count] = i; vpcOf[i] = count++; } else vpcOf[i] = vpcOf[firstEntry[i]];
  }
  const rankOrder = new Int32Array(count);
  for (let k = 0, r = 0; k < n; k++) if (firstEntry[byId[k]] === byId[k]) rankOrder[r++] = vpcOf[byId[k]];
  return { vpcOf, firstOf: firstOf.slice(0, count), count, rankOrder };
}
