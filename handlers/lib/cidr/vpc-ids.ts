import { identity } from './int-arrays';

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
export function identifyVpcs(vpcIds: readonly string[]): VpcIds {
  if (inVpcIdOrder(vpcIds)) {
    const n = vpcIds.length;
    return { vpcOf: identity(n), firstOf: identity(n), count: n, rankOrder: identity(n) };
  }
  return sortedIds(vpcIds);
}

function inVpcIdOrder(vpcIds: readonly string[]): boolean {
  for (let i = 1; i < vpcIds.length; i++) if (!(vpcIds[i - 1] < vpcIds[i])) return false;
  return true;
}

function sortedIds(vpcIds: readonly string[]): VpcIds {
  const n = vpcIds.length;
  const byId = Array.from(identity(n));
  byId.sort((a, b) => (vpcIds[a] < vpcIds[b] ? -1 : vpcIds[a] > vpcIds[b] ? 1 : a - b));
  const firstEntry = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const i = byId[k];
    firstEntry[i] = k > 0 && vpcIds[byId[k - 1]] === vpcIds[i] ? firstEntry[byId[k - 1]] : i;
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
