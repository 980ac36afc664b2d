/**
 * Overlap engine benchmark: synthetic fleets of 1k, 10k and 100k VPCs, timed against a pairwise
 * baseline built on cidr-tools `overlapCidr` (every VPC against every other VPC), measured in the
 * same run. Run: npx tsx bench/overlaps.ts [--quick]
 *
 * Fleet shape (seeded, reproducible): about half the VPCs on a handful of default CIDRs
 * (10.0.0.0/16 above all), the rest on small blocks scattered through 10/8, 172.16/12 and
 * 192.168/16; a fifth with a secondary (100.64.0.0/16 for EKS pods, or a small CGNAT block);
 * a third with an Amazon IPv6 /56.
 */
import { performance } from 'node:perf_hooks';
import { analyzeOverlaps, VpcCidrs } from '../handlers/lib/cidr';

const PAIRWISE_BUDGET_MS = 60_000;
const QUICK = process.argv.includes('--quick');

/** mulberry32: small, fast, seeded. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const v4 = (n: number, prefix: number) => `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}/${prefix}`;
/** A random aligned /prefix inside base/basePrefix. */
const inside = (rnd: () => number, base: number, basePrefix: number, prefix: number) =>
  v4(base + Math.floor(rnd() * 2 ** (prefix - basePrefix)) * 2 ** (32 - prefix), prefix);

export function syntheticFleet(size: number, seed = 42): VpcCidrs[] {
  const rnd = prng(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rnd() * items.length)];
  const defaults = ['10.0.0.0/16', '10.0.0.0/16', '10.0.0.0/16', '172.31.0.0/16', '192.168.0.0/16', '10.1.0.0/16'];
  const accounts = Array.from({ length: Math.max(1, size / 20) }, (_, i) => String(100000000000 + i));
  const regions = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'];
  return Array.from({ length: size }, (_, i) => {
    const cidrs: string[] = [];
    const r = rnd();
    if (r < 0.5) cidrs.push(pick(defaults));
    else if (r < 0.8) cidrs.push(inside(rnd, 0x0a000000, 8, 20 + Math.floor(rnd() * 5)));
    else if (r < 0.93) cidrs.push(inside(rnd, 0xac100000, 12, 20 + Math.floor(rnd() * 5)));
    else cidrs.push(inside(rnd, 0xc0a80000, 16, 24));
    if (rnd() < 0.2) cidrs.push(rnd() < 0.5 ? '100.64.0.0/16' : inside(rnd, 0x64400000, 10, 20));
    if (rnd() < 0.33) {
      const hi = (0x26001f18n << 32n) | BigInt(Math.floor(rnd() * 2 ** 24) * 256);
      const hex = hi.toString(16).padStart(16, '0').match(/.{4}/g)!.join(':');
      cidrs.push(`${hex}::/56`);
    }
    return { vpcId: `vpc-${i.toString(16).padStart(17, '0')}`, account: pick(accounts), region: pick(regions), cidrs };
  });
}

function timeEngine(fleet: VpcCidrs[], runs: number) {
  let result = analyzeOverlaps(fleet); // warm-up (JIT), and the figures we print
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = analyzeOverlaps(fleet);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], result };
}

type OverlapFn = (a: string[], b: string[]) => boolean;

/** Pairwise baseline: every row against every other VPC. Whole if it fits the budget, else sampled rows. */
/** The baseline in full: each unordered pair compared once. Gives up (undefined) past the budget. */
function pairwiseFull(fleet: VpcCidrs[], overlap: OverlapFn) {
  const n = fleet.length;
  const counts = new Array<number>(n).fill(0);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (overlap(fleet[i].cidrs as string[], fleet[j].cidrs as string[])) { counts[i]++; counts[j]++; }
    }
    // Projected total from the comparisons done so far (rows shrink, so weigh by comparisons).
    const done = i * n - (i * (i + 1)) / 2 + (n - i - 1);
    if (i % 50 === 49 && ((performance.now() - t0) / done) * ((n * (n - 1)) / 2) > PAIRWISE_BUDGET_MS) return undefined;
  }
  return { ms: performance.now() - t0, counts: new Map(counts.map((c, i) => [i, c])) };
}

/** The baseline on sampled rows (each against every other VPC), extrapolated per comparison. */
function pairwiseSampled(fleet: VpcCidrs[], overlap: OverlapFn, rows: number[]) {
  const counts = new Map<number, number>();
  const t0 = performance.now();
  for (const i of rows) {
    let count = 0;
    for (let j = 0; j < fleet.length; j++) {
      if (j !== i && overlap(fleet[i].cidrs as string[], fleet[j].cidrs as string[])) count++;
    }
    counts.set(i, count);
  }
  const ms = performance.now() - t0;
  const perComparison = ms / (rows.length * (fleet.length - 1));
  return { ms, counts, extrapolatedMs: perComparison * ((fleet.length * (fleet.length - 1)) / 2) };
}

async function main() {
  const { overlapCidr } = (await import('cidr-tools')) as { overlapCidr: OverlapFn };
  const sizes = QUICK ? [1_000, 10_000] : [1_000, 10_000, 100_000];
  console.log(`overlap engine benchmark — node ${process.version}, ${require('node:os').cpus().length} CPUs${QUICK ? ' (quick)' : ''}`);
  console.log('size      vpcs  cidrs    overlapping  pairs          engine ms   pairwise ms              speed-up');
  for (const size of sizes) {
    const fleet = syntheticFleet(size);
    const { ms, result } = timeEngine(fleet, size >= 100_000 ? 5 : 9);
    const s = result.summary;
    let pairwise = '-';
    let ratio = '-';
    const notes: string[] = [];
    if (size <= 10_000) {
      const full = pairwiseFull(fleet, overlapCidr);
      let run: { counts: Map<number, number> };
      let total: number;
      let method: string;
      if (full) {
        run = full;
        total = full.ms;
        method = 'measured in full';
      } else {
        // Projected past the budget: time a seeded sample of distinct rows, extrapolate per comparison.
        const rnd = prng(7);
        const sample = new Set<number>();
        while (sample.size < Math.min(200, fleet.length)) sample.add(Math.floor(rnd() * fleet.length));
        const sampled = pairwiseSampled(fleet, overlapCidr, [...sample]);
        run = sampled;
        total = sampled.extrapolatedMs;
        method = `EXTRAPOLATED (full run projected over ${PAIRWISE_BUDGET_MS / 1000} s) from ${sample.size} rows × ${fleet.length - 1} comparisons, ${(sampled.ms / 1000).toFixed(1)} s measured`;
      }
      // Cross-check: the baseline's counts must equal the engine's for every row it computed.
      const mismatches = [...run.counts].filter(([i, c]) => result.vpcs[i].overlapCount !== c).length;
      pairwise = total.toFixed(0) + (method === 'measured in full' ? '' : '*');
      ratio = `${(total / ms).toFixed(0)}×`;
      notes.push(`pairwise ${method}; counts agree on ${run.counts.size - mismatches}/${run.counts.size} rows`);
      if (mismatches > 0) process.exitCode = 1;
    }
    console.log(
      `${String(size).padEnd(8)}${String(s.vpcs).padStart(6)} ${String(s.cidrs).padStart(7)} ${String(s.overlappingVpcs).padStart(12)}  ${String(s.pairs).padEnd(13)} ${ms.toFixed(1).padStart(9)}   ${pairwise.padEnd(22)} ${ratio}`,
    );
    for (const note of notes) console.log(`          ${note}`);
  }
  console.log('engine ms = median of repeated full analyses (parse + forest + classes + counts + totals).');
  console.log('* = extrapolated. Targets: 100k VPCs < 1000 ms engine time; ≥ 100× faster than pairwise at 10k.');
}

if (require.main === module) main().catch((error) => { console.error(error); process.exit(1); });
