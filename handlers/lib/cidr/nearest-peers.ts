import type { Fleet } from './fleet';
import { insideLastMaximal } from './forest';

/**
 * Pure: the `limit` VPCs of lowest rank overlapping v (v itself left out), lowest first. They own a
 * block on the ancestor chain or in the subtree of one of v's blocks; the owner table lists each VPC
 * by its maximal blocks, which overlap whatever its inner blocks do. O(owner entries visited × log limit).
 */
export function nearestPeers(fleet: Fleet, table: { start: Int32Array; owners: Int32Array }, rank: Int32Array, v: number, limit: number): number[] {
  const { parent, subtreeEnd } = fleet.forest;
  const { start, owners } = table;
  const best: number[] = [];
  if (!(limit > 0)) return best;
  // Past a short list, inserting each candidate would cost up to `limit` moves: collect, then sort.
  const all = limit > 64 ? new Set<number>() : undefined;
  const consider = (from: number, to: number) => {
    for (let k = from; k < to; k++) {
      const u = owners[k];
      if (u === v) continue;
      if (all) { all.add(u); continue; }
      const r = rank[u];
      if (best.length === limit && r >= rank[best[limit - 1]]) continue;
      let lo = 0;
      let hi = best.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (rank[best[mid]] < r) lo = mid + 1; else hi = mid;
      }
      if (best[lo] === u) continue;
      best.splice(lo, 0, u);
      if (best.length > limit) best.pop();
    }
  };
  // v's blocks ascend in sweep order: one inside an earlier one adds nothing to its neighbourhood.
  let last = -1;
  for (let i = fleet.nodeStart[v]; i < fleet.nodeStart[v + 1]; i++) {
    const x = fleet.nodeList[i];
    if (insideLastMaximal(x, last, subtreeEnd)) continue;
    last = x;
    for (let a = parent[x]; a >= 0; a = parent[a]) consider(start[a], start[a + 1]);
    consider(start[x], start[subtreeEnd[x]]);
  }
  return all ? [...all].sort((a, b) => rank[a] - rank[b]).slice(0, limit) : best;
}
