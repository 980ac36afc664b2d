import { LocalClasses } from './local-classes';

/** VPCs touching more live components than this are counted directly (2^k subsets otherwise). */
export const MAX_SUBSET_CLASSES = 12;

interface Combo { lcs: number[]; count: number }

/**
 * Distinct other VPCs each VPC overlaps, without materializing any pair.
 *
 * A VPC v with local classes l1…lk (one per component) overlaps u iff, for some i, u's local class in
 * component i is adjacent to li. So its overlap set is a union of k sets, sized by inclusion–exclusion:
 * |∪ Ni| = Σ over non-empty subsets T of (-1)^(|T|+1) · #{u adjacent in every component of T}.
 * Single terms are sums of local-class sizes; joint terms come from a table of how many VPCs hold
 * each combination of local classes, filled once from every VPC's subsets. k is the number of
 * components a VPC shares with others — 1 to 3 in practice — and VPCs with the same local classes
 * share one computation. VPCs with more than MAX_SUBSET_CLASSES are "heavy": kept out of the table,
 * counted by direct enumeration, and checked one by one against every other class.
 */
export function countOverlaps(local: LocalClasses, vpcCount: number, maxSubsetClasses = MAX_SUBSET_CLASSES): Float64Array {
  const light = new Float64Array(local.count);
  const heavy: number[] = [];
  const combos = new Map<string, Combo>();
  const combosByComponents = new Map<string, Combo[]>();
  for (let v = 0; v < vpcCount; v++) {
    const lcs = local.ofVpc[v];
    if (lcs.length > maxSubsetClasses) { heavy.push(v); continue; }
    for (const c of lcs) light[c]++;
    for (let mask = 1; mask < 1 << lcs.length; mask++) {
      if ((mask & (mask - 1)) === 0) continue; // single classes: `light` has them
      const subset = lcs.filter((_, i) => mask & (1 << i));
      const key = subset.join(',');
      let combo = combos.get(key);
      if (!combo) {
        combo = { lcs: subset, count: 0 };
        combos.set(key, combo);
        const componentKey = subset.map((c) => local.componentOf[c]).join(',');
        const list = combosByComponents.get(componentKey);
        if (list) list.push(combo); else combosByComponents.set(componentKey, [combo]);
      }
      combo.count++;
    }
  }

  const marked = new Int32Array(local.count);
  const vpcStamp = new Int32Array(vpcCount);
  let stamp = 0;
  const adjacentLightCache = new Float64Array(local.count).fill(-1);
  const adjacentLight = (c: number) => {
    if (adjacentLightCache[c] < 0) adjacentLightCache[c] = local.adjacent(c).reduce((sum, a) => sum + light[a], 0);
    return adjacentLightCache[c];
  };

  /** #light VPCs whose classes in the components of T are all adjacent to T's (marked) classes. */
  const joint = (subset: number[]): number => {
    const componentKey = subset.map((c) => local.componentOf[c]).join(',');
    const listed = combosByComponents.get(componentKey) ?? [];
    const choices = subset.map((c) => local.adjacent(c));
    const product = choices.reduce((n, list) => n * list.length, 1);
    let sum = 0;
    if (listed.length <= product) {
      for (const combo of listed) if (combo.lcs.every((c) => marked[c] === stamp)) sum += combo.count;
      return sum;
    }
    // Fewer choices than recorded combinations: look each choice up. Choices keep component order.
    const pick = new Array<number>(subset.length);
    const walk = (i: number) => {
      if (i === subset.length) { sum += combos.get(pick.join(','))?.count ?? 0; return; }
      for (const a of choices[i]) { pick[i] = a; walk(i + 1); }
    };
    walk(0);
    return sum;
  };

  // VPCs with the same local classes have the same count; one-class profiles skip the string key.
  const byProfile = new Map<string, number>();
  const bySingle = new Float64Array(local.count).fill(-1);
  const counts = new Float64Array(vpcCount);
  for (let v = 0; v < vpcCount; v++) {
    const lcs = local.ofVpc[v];
    if (lcs.length === 0) continue;
    const profile = lcs.length === 1 ? '' : lcs.join(',');
    const known = lcs.length === 1 ? bySingle[lcs[0]] : byProfile.get(profile) ?? -1;
    if (known >= 0) { counts[v] = known; continue; }
    stamp++;
    for (const c of lcs) for (const a of local.adjacent(c)) marked[a] = stamp;
    let total = 0;
    if (lcs.length > maxSubsetClasses) {
      // Heavy: enumerate the distinct VPCs directly — O(their number), only for rare heavy VPCs.
      for (const c of lcs) for (const a of local.adjacent(c)) for (const u of local.members[a]) {
        if (vpcStamp[u] !== stamp) { vpcStamp[u] = stamp; total++; }
      }
    } else {
      for (let mask = 1; mask < 1 << lcs.length; mask++) {
        const subset = lcs.filter((_, i) => mask & (1 << i));
        const term = subset.length === 1 ? adjacentLight(subset[0]) : joint(subset);
        total += subset.length % 2 === 1 ? term : -term;
      }
      for (const u of heavy) if (local.ofVpc[u].some((c) => marked[c] === stamp)) total++;
    }
    counts[v] = total - 1; // v itself is in its own overlap set
    if (lcs.length === 1) bySingle[lcs[0]] = total - 1; else byProfile.set(profile, total - 1);
  }
  return counts;
}
