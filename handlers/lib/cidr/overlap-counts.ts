import { ComponentPairCounter } from './component-pairs';
import { nested } from './forest';
import { LocalClasses } from './local-classes';
import { popcount } from './int-arrays';
import { NodeOwners } from './node-owners';
import { PairQuery } from './pair-query';
import { countsKnown, groupByProfile, pickSeveral } from './profile-groups';

/**
 * VPCs touching more live components than this are counted directly. The table holds 2^k - k - 1
 * combinations per VPC: at the quota of five blocks that was 26 Map entries per VPC, most of the
 * engine's time and garbage on such fleets, for counts the direct method gets cheaper.
 */
export const MAX_SUBSET_CLASSES = 3;
/** Relative costs, in member stamps of a direct count: one listed combination checked, one Map probe. */
const LISTED_CHECK_COST = 3;
const MAP_PROBE_COST = 15;
/** A PairQuery answer: a few dozen binary searches. */
const PAIR_QUERY_COST = 200;
/** Below this many rows a tuple is scanned: building its PairQuery would cost more. */
const PAIR_QUERY_MIN_ROWS = 64;
/** Below this many owner entries for the direct counts, gathering component pairs cannot pay off. */
const COMPONENT_PAIRS_MIN_COST = 1 << 20;

/** For tests of each path: force one method where it applies, move the heavy-VPC and PairQuery thresholds. */
export interface CountTuning {
  maxSubsetClasses?: number;
  method?: 'inclusion' | 'direct' | 'components';
  pairQueryMinRows?: number;
  /** Component pairs: members a leaf block lists before it gets a bit row of its own. */
  leafListUpTo?: number;
  /** Component pairs: sizes of classes with several blocks by regions (class-sizes.ts, the default) or by a direct count. */
  classSizes?: 'regions' | 'direct';
}

interface Combo { lcs: number[]; count: number }
interface Flat { width: number; classes: Int32Array; soles: Int32Array; counts: Float64Array; pairable: boolean; pairs?: PairQuery }

/**
 * Distinct other VPCs each VPC overlaps, without materializing any pair.
 *
 * A VPC v with local classes l1…lk (one per component) overlaps u iff, for some i, u's local class in
 * component i is adjacent to li. VPCs with the same local classes (a "profile") share one count:
 * - one class of one block (nearly every VPC of a real fleet): prefix sums over the forest
 *   (NodeOwners.distinctOverlapping), O(1), no neighbourhood built;
 * - otherwise, by whichever exact method is cheaper for the profile:
 *   - inclusion–exclusion: |∪ Ni| = Σ over non-empty subsets T of (-1)^(|T|+1) · #{u adjacent in every
 *     component of T}. Single terms are sums of local-class sizes; joint terms come from a table of
 *     how many VPCs hold each combination of local classes, answered by binary searches (PairQuery)
 *     for two one-block classes and by a scan of the tuple's combinations otherwise;
 *   - direct: stamp every owner of every related block (NodeOwners), O(their number) — cheaper when
 *     the neighbourhood is small, or the classes come in nearly unique combinations;
 *   - component pairs (ComponentPairCounter), replacing the direct count of profiles over several
 *     components when cheaper: per-class sizes less the VPCs met in two components or more, counted
 *     with bit rows per pair of components (VPCs at the quota of five CIDRs over many shared blocks).
 * VPCs with more than MAX_SUBSET_CLASSES classes ("heavy") are kept out of the table and counted
 * directly; inclusion–exclusion checks them one by one.
 * Worst case, dense multi-block fleets: the smaller of the neighbourhoods' sizes (direct) and, per pair
 * of components, its members times their row's words (component pairs).
 */
export function countOverlaps(local: LocalClasses, owners: NodeOwners, vpcCount: number, tuning: CountTuning = {}): Float64Array {
  const { maxSubsetClasses = MAX_SUBSET_CLASSES, method, pairQueryMinRows = PAIR_QUERY_MIN_ROWS } = tuning;
  const L = local.count;
  // The flat views: VPC v's classes are vpcList[vpcStart[v]] …; class c's blocks blocks[blockStart[c]] ….
  const { vpcClassStart: vpcStart, vpcClassList: vpcList, componentOfClass: componentOf, classStart: blockStart, classBlocks: blocks } = local;
  const { light, heavy, table, profileOf } = groupByProfile(vpcStart, vpcList, vpcCount, L, maxSubsetClasses);
  const profileCount = table.count;
  /** The first class of profile p. */
  const firstClass = (p: number) => vpcList[table.startOf(p)];

  const sumCache = (weight: (a: number) => number) => {
    // Made on first use: fleets counted without inclusion–exclusion never ask.
    let cache: Float64Array | undefined;
    return (c: number) => {
      cache ??= new Float64Array(L).fill(-1);
      if (cache[c] < 0) { let s = 0; for (const a of local.adjacent(c)) s += weight(a); cache[c] = s; }
      return cache[c];
    };
  };
  const adjacentLight = sumCache((a) => light[a]);
  const directCost = (c: number) => owners.neighbourhoodSize(blocks, blockStart[c], blockStart[c + 1]);

  // The combination table: how many light VPCs hold each combination of local classes.
  const tupleRadix = L;
  const combos = new Map<number | string, Combo>();
  const combosByTuple = new Map<number | string, Combo[]>();
  for (let v = 0; v < vpcCount; v++) {
    const size = vpcStart[v + 1] - vpcStart[v];
    if (size < 2 || size > maxSubsetClasses) continue;
    const lcs = table.list(profileOf[v]);
    for (let mask = 1; mask < 1 << lcs.length; mask++) {
      if ((mask & (mask - 1)) === 0) continue; // single classes: `light` has them
      const subset = pick(lcs, mask);
      const key = tupleKey(subset, L);
      let combo = combos.get(key);
      if (!combo) {
        combo = { lcs: subset, count: 0 };
        combos.set(key, combo);
        const tuple = tupleKey(subset.map((c) => componentOf[c]), tupleRadix);
        const list = combosByTuple.get(tuple);
        if (list) list.push(combo); else combosByTuple.set(tuple, [combo]);
      }
      combo.count++;
    }
  }

  // A one-block class's block (nearly every class), else -1: adjacency is then one range test.
  const sole = local.classBlock;
  const end = local.subtreeEnd;

  // Each tuple's combinations as flat arrays, scanned in a tight loop by `joint`.
  const flatByTuple = new Map<number | string, Flat>();
  for (const [tuple, list] of combosByTuple) {
    const width = list[0].lcs.length;
    const classes = new Int32Array(list.length * width);
    const counts = new Float64Array(list.length);
    list.forEach((combo, i) => { classes.set(combo.lcs, i * width); counts[i] = combo.count; });
    const soles = classes.map((c) => sole[c]);
    // Two components, one-block classes throughout, enough rows: binary searches instead of a scan.
    const pairable = width === 2 && list.length >= pairQueryMinRows && soles.every((x) => x >= 0);
    flatByTuple.set(tuple, { width, classes, soles, counts, pairable });
  }
  const pairable = (subset: number[]) => subset.length === 2 && sole[subset[0]] >= 0 && sole[subset[1]] >= 0 &&
    flatByTuple.get(tupleKey(subset.map((c) => componentOf[c]), tupleRadix))?.pairable === true;
  /** The tuple's PairQuery, built on first use, when it has one and `subset` can ask it. */
  const pairQuery = (subset: number[], flat = flatByTuple.get(tupleKey(subset.map((c) => componentOf[c]), tupleRadix))) => {
    if (!flat?.pairable || subset.length !== 2 || sole[subset[0]] < 0 || sole[subset[1]] < 0) return undefined;
    return (flat.pairs ??= new PairQuery(flat.soles.filter((_, i) => i % 2 === 0), flat.soles.filter((_, i) => i % 2 === 1), flat.counts, local.parent, end));
  };

  // Per profile, the cheaper method: table probes (each term scans its listed combinations or walks
  // the product of adjacency lists, whichever is shorter) against members stamped directly.
  const byInclusion = new Uint8Array(profileCount);
  for (let p = 0; p < profileCount; p++) {
    const size = table.lengthOf(p);
    // One class: no table probes, only the heavy VPCs checked one by one.
    if (method) { byInclusion[p] = method === 'inclusion' && size <= maxSubsetClasses ? 1 : 0; continue; }
    if (size === 1 && sole[firstClass(p)] >= 0) continue; // counted from prefix sums below
    if (size === 1) { byInclusion[p] = heavy.length * LISTED_CHECK_COST < directCost(firstClass(p)) ? 1 : 0; continue; }
    if (size > maxSubsetClasses) continue;
    const lcs = table.list(p);
    let probes = heavy.length * LISTED_CHECK_COST;
    let direct = 0;
    for (const c of lcs) direct += directCost(c);
    // Checking the heavy VPCs alone costs more: no adjacency lists built to price the rest.
    if (direct <= probes) continue;
    for (let mask = 1; mask < 1 << lcs.length; mask++) {
      if ((mask & (mask - 1)) === 0) continue;
      const subset = pick(lcs, mask);
      let product = 1;
      for (const c of subset) product *= local.adjacent(c).length;
      const listed = combosByTuple.get(tupleKey(subset.map((c) => componentOf[c]), tupleRadix))?.length ?? 0;
      probes += pairable(subset) ? PAIR_QUERY_COST : Math.min(product * MAP_PROBE_COST, listed * LISTED_CHECK_COST);
    }
    byInclusion[p] = direct <= probes ? 0 : 1;
  }

  const vpcStamp = new Int32Array(vpcCount);
  let stamp = 0;

  /** #light VPCs whose classes in the components of T are all adjacent to T's classes. */
  const joint = (subset: number[]): number => {
    const flat = flatByTuple.get(tupleKey(subset.map((c) => componentOf[c]), tupleRadix));
    if (!flat) return 0;
    const pairs = pairQuery(subset, flat);
    if (pairs) return pairs.weight(sole[subset[0]], sole[subset[1]]);
    const choices = subset.map((c) => local.adjacent(c));
    const product = choices.reduce((n, list) => n * list.length, 1);
    let sum = 0;
    const { width, classes, soles, counts } = flat;
    if (counts.length * LISTED_CHECK_COST <= product * MAP_PROBE_COST) {
      for (let i = 0, at = 0; i < counts.length; i++, at += width) {
        let all = true;
        // Combinations and subset list their classes in component order, so column w meets subset[w].
        for (let w = 0; w < width && all; w++) {
          const x = soles[at + w];
          const y = sole[subset[w]];
          all = x >= 0 && y >= 0 ? nested(x, y, end) : local.related(classes[at + w], subset[w]);
        }
        if (all) sum += counts[i];
      }
      return sum;
    }
    // Fewer choices than recorded combinations: look each choice up. Choices keep component order.
    const chosen = new Array<number>(subset.length);
    const walk = (i: number) => {
      if (i === subset.length) { sum += combos.get(tupleKey(chosen, L))?.count ?? 0; return; }
      for (const a of choices[i]) { chosen[i] = a; walk(i + 1); }
    };
    walk(0);
    return sum;
  };

  const countOfProfile = new Float64Array(profileCount).fill(-1);
  const counts = new Float64Array(vpcCount);
  // Profiles over several components left to the direct count (VPCs at the quota over shared blocks):
  // by component pairs instead when their rows hold fewer words than the neighbourhoods hold owners.
  const several: number[] = [];
  pickSeveral(profileOf, table, byInclusion, several);
  // Their direct cost from a sample of at most 4096 profiles: a cost model needs no more.
  let directTotal = 0;
  const stride = Math.max(1, Math.floor(several.length / 4096));
  if (method === undefined) {
    for (let i = 0; i < several.length; i += stride) {
      const v = several[i];
      for (let at = vpcStart[v]; at < vpcStart[v + 1]; at++) directTotal += directCost(vpcList[at]) * stride;
    }
  }
  if (several.length > 0 && (method === 'components' || (method === undefined && directTotal > COMPONENT_PAIRS_MIN_COST))) {
    const byPairs = new ComponentPairCounter(local, owners, several, tuning);
    if (method === 'components' || byPairs.cost() < directTotal) {
      byPairs.count(counts);
      for (const v of several) countOfProfile[profileOf[v]] = counts[v];
    }
  }
  for (const v of countsKnown(profileOf, countOfProfile, counts)) {
    const p = profileOf[v];
    if (countOfProfile[p] >= 0) { counts[v] = countOfProfile[p]; continue; }
    // One live block (most VPCs of most fleets): prefix sums, no neighbourhood at all.
    if (table.lengthOf(p) === 1 && sole[firstClass(p)] >= 0 && method === undefined) {
      counts[v] = countOfProfile[p] = owners.distinctOverlapping(sole[firstClass(p)]) - 1;
      continue;
    }
    stamp++;
    let total = 0;
    if (byInclusion[p] === 0) {
      // Direct: every distinct VPC in the neighbourhood, O(its size).
      for (let at = vpcStart[v]; at < vpcStart[v + 1]; at++) {
        const c = vpcList[at];
        total += owners.countNeighbours(blocks, vpcStamp, stamp, blockStart[c], blockStart[c + 1]);
      }
    } else {
      const lcs = table.list(p);
      for (let mask = 1; mask < 1 << lcs.length; mask++) {
        const single = (mask & (mask - 1)) === 0;
        const term = single ? adjacentLight(lcs[31 - Math.clz32(mask)]) : joint(pick(lcs, mask));
        total += popcount(mask) % 2 === 1 ? term : -term;
      }
      for (const u of heavy) if (relatedSomewhere(local, u, lcs)) total++;
    }
    counts[v] = countOfProfile[p] = total - 1; // v itself is in its own overlap set
  }
  return counts;
}

/** Is one of VPC u's classes adjacent to one of `classes`? */
function relatedSomewhere(local: LocalClasses, u: number, classes: readonly number[]): boolean {
  const { vpcClassStart, vpcClassList } = local;
  for (let at = vpcClassStart[u]; at < vpcClassStart[u + 1]; at++) {
    for (const c of classes) if (local.related(vpcClassList[at], c)) return true;
  }
  return false;
}

function pick(items: readonly number[], mask: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < items.length; i++) if (mask & (1 << i)) out.push(items[i]);
  return out;
}

/** A Map key for a short list of small integers: a number for pairs (exact below 2^53), else a string. */
function tupleKey(items: readonly number[], radix: number): number | string {
  return items.length === 2 && radix < 2 ** 26 ? items[0] * radix + items[1] : items.join(',');
}
