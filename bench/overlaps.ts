/**
 * Overlap engine benchmark: seeded fleets of 1k, 10k and 100k VPCs in every shape of
 * bench/lib/fleet-shapes.ts (the engine's own mixed fleet, AWS default blocks with nested pools, deep
 * nesting, all-distinct blocks, IPv6 /56s, and the engine's worst case), timed against a pairwise
 * baseline built on cidr-tools `overlapCidr` (every VPC against every other VPC) measured in the same
 * run, plus `egress overlaps --input FILE` wall time on the 100k fleets, start-up included.
 * The engine is timed as users run it, bundled (bench/lib/built-engine.ts says why), and from its
 * TypeScript sources through tsx beside it; both must give the same counts.
 *
 * Run: node --expose-gc --import tsx bench/overlaps.ts [--quick] [--shape NAME] [--no-cli]
 * (--expose-gc lets each timed run start from a collected heap; without it GC figures still print.)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance, PerformanceObserver } from 'node:perf_hooks';
import { analyzeOverlaps as analyzeFromSources, OverlapResult, VpcCidrs } from '../handlers/lib/cidr';
import { loadBuiltEngine } from './lib/built-engine';
import { FLEET_SHAPES, mixedFleet, prng } from './lib/fleet-shapes';

const PAIRWISE_BUDGET_MS = 60_000;
/** Rows of the sampled pairwise baseline: each row compares one VPC with every other one. */
const SAMPLED_ROWS: Record<number, number> = { 10_000: 200, 100_000: 20 };
/** A 10k run slower than this would take minutes at 100k: skipped, and said so. */
const SKIP_100K_AFTER_MS = 10 * 1_000;
const ENGINE_TARGET_MS = 1_000;
const CLI_TARGET_MS = 2_000;
const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const ONLY = args.includes('--shape') ? args[args.indexOf('--shape') + 1] : undefined;
const CLI = !args.includes('--no-cli') && !QUICK;

/** The engine's original benchmark fleet, kept under its old name. */
export const syntheticFleet = mixedFleet;

// Garbage collection pauses, as the performance hooks report them.
const gcPauses: Array<{ start: number; ms: number }> = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) gcPauses.push({ start: e.startTime, ms: e.duration }); }).observe({ entryTypes: ['gc'] });
const gcBetween = (t0: number, t1: number) => gcPauses.filter((p) => p.start >= t0 && p.start <= t1).reduce((sum, p) => sum + p.ms, 0);
const nextTick = () => new Promise((resolve) => setImmediate(resolve));
// GC entries reach observers a little later than the next turn of the event loop.
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
const forceGc = (globalThis as { gc?: () => void }).gc;

interface EngineTiming { ms: number; cpuMs: number; gcMs: number; result: OverlapResult }

type Analyze = (fleet: VpcCidrs[]) => OverlapResult;

/**
 * Median of repeated full analyses by each engine: wall, CPU of this process, and GC pauses inside
 * the run. The engines take turns, in alternating order, so neither always runs first after a fleet
 * is made or last before the next.
 */
async function timeEngines(engines: Analyze[], fleet: VpcCidrs[], runs: number): Promise<EngineTiming[]> {
  const results = engines.map((analyzeOverlaps) => analyzeOverlaps(fleet)); // warm-up (JIT), and the figures we print
  const samples = engines.map(() => [] as Array<Omit<EngineTiming, 'result'>>);
  for (let i = 0; i < runs; i++) {
    const order = engines.map((_, e) => e);
    if (i % 2 === 1) order.reverse();
    for (const e of order) {
      forceGc?.();
      await nextTick();
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      results[e] = engines[e](fleet);
      const t1 = performance.now();
      const cpu = process.cpuUsage(cpu0);
      await settle(); // let the observer deliver this run's GC entries
      samples[e].push({ ms: t1 - t0, cpuMs: (cpu.user + cpu.system) / 1000, gcMs: gcBetween(t0, t1) });
    }
  }
  return samples.map((runsOf, e) => {
    runsOf.sort((a, b) => a.ms - b.ms);
    return { ...runsOf[Math.floor(runsOf.length / 2)], result: results[e] };
  });
}

type OverlapFn = (a: string[], b: string[]) => boolean;

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
  return { ms: performance.now() - t0, counts: new Map(counts.map((c, i) => [i, c])), method: 'measured in full' };
}

/** The baseline on sampled rows (each against every other VPC), extrapolated per comparison. */
function pairwiseSampled(fleet: VpcCidrs[], overlap: OverlapFn, rowCount: number) {
  const rnd = prng(7);
  const rows = new Set<number>();
  while (rows.size < Math.min(rowCount, fleet.length)) rows.add(Math.floor(rnd() * fleet.length));
  const counts = new Map<number, number>();
  const t0 = performance.now();
  for (const i of rows) {
    let count = 0;
    for (let j = 0; j < fleet.length; j++) {
      if (j !== i && overlap(fleet[i].cidrs as string[], fleet[j].cidrs as string[])) count++;
    }
    counts.set(i, count);
  }
  const measured = performance.now() - t0;
  const perComparison = measured / (rows.size * (fleet.length - 1));
  const ms = perComparison * ((fleet.length * (fleet.length - 1)) / 2);
  return { ms, counts, method: `EXTRAPOLATED from ${rows.size} rows × ${fleet.length - 1} comparisons, ${(measured / 1000).toFixed(1)} s measured` };
}

/** Wall time of `node bin/egress.js overlaps --input FILE` (start-up included), median of three. */
function timeCli(env: NodeJS.ProcessEnv, file: string): { ms: number; ok: boolean; firstLine: string } {
  const bin = join(__dirname, '..', 'bin', 'egress.js');
  const runs: Array<{ ms: number; ok: boolean; firstLine: string }> = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const run = spawnSync(process.execPath, [bin, 'overlaps', '--input', file], { encoding: 'utf8', env, maxBuffer: 64 << 20 });
    runs.push({ ms: performance.now() - t0, ok: run.status === 0, firstLine: (run.stdout || run.stderr || '').split('\n')[0] });
  }
  runs.sort((a, b) => a.ms - b.ms);
  return runs[1];
}

/** bin/egress.js from the TypeScript sources (tsx) always; its compiled build too when one is built. */
function cliBuilds(): Array<{ name: string; env: NodeJS.ProcessEnv; target: boolean }> {
  // The target is the build's: `npm ci` builds it, and bin/egress.js runs the sources only without one.
  const builds = [{ name: 'from sources (EGRESS_FROM_SOURCE=1, tsx)', env: { ...process.env, EGRESS_FROM_SOURCE: '1' }, target: false }];
  try {
    const { BUNDLE, INPUTS, ROOT } = require('../bin/build-paths') as { BUNDLE: string; INPUTS: string; ROOT: string };
    const built = statSync(BUNDLE).mtimeMs;
    const stale = (JSON.parse(readFileSync(INPUTS, 'utf8')) as string[]).filter((file) => statSync(join(ROOT, file)).mtimeMs > built);
    // bin/egress.js would quietly run the sources instead of a stale build: say so rather than mislabel.
    if (stale.length > 0) console.log(`\n(compiled CLI build is older than ${stale[0]}${stale.length > 1 ? ` and ${stale.length - 1} more` : ''}: run node bin/build-cli.js to time it)`);
    else builds.push({ name: 'compiled build (bin/build-cli.js)', env: { ...process.env, EGRESS_FROM_SOURCE: '' }, target: true });
  } catch {
    // No compiled build in this checkout.
  }
  return builds;
}

const pad = (text: string, width: number) => text.padEnd(width);
/** 1-minute load average: on a shared machine, wall times mean little without it. */
const load = () => loadavg()[0].toFixed(1);
const num = (n: number, width: number, digits = 0) => n.toFixed(digits).padStart(width);

async function main() {
  const { overlapCidr } = (await import('cidr-tools')) as { overlapCidr: OverlapFn };
  const built = loadBuiltEngine();
  const sizes = QUICK ? [1_000, 10_000] : [1_000, 10_000, 100_000];
  const shapes = FLEET_SHAPES.filter((s) => !ONLY || s.name === ONLY);
  if (shapes.length === 0) throw new Error(`no fleet shape ${ONLY}; have ${FLEET_SHAPES.map((s) => s.name).join(', ')}`);
  console.log(`overlap engine benchmark — node ${process.version}, ${cpus().length} CPUs, load average ${load()}${QUICK ? ' (quick)' : ''}${forceGc ? '' : ' (no --expose-gc)'}`);
  console.log('shape          size      cidrs  overlapping  pairs        engine ms  cpu ms  gc ms  sources ms   pairwise ms            speed-up');
  const cliFiles: Array<{ shape: string; file: string }> = [];
  const dir = mkdtempSync(join(tmpdir(), 'overlaps-bench-'));
  const misses: string[] = [];
  for (const shape of shapes) {
    console.log(`— ${shape.name}: ${shape.describe}`);
    let previousMs = 0;
    for (const size of sizes) {
      // The engine is at least linear: a 10k fleet slower than this would take minutes at 100k.
      if (size === 100_000 && previousMs > SKIP_100K_AFTER_MS) {
        misses.push(`${shape.name}: 100k not run (10k took ${previousMs.toFixed(0)} ms)`);
        console.log(`${pad('', 15)}${pad(String(size), 8)}not run: the 10k fleet already took ${previousMs.toFixed(0)} ms`);
        continue;
      }
      const fleet = shape.generate(size);
      const runs = size >= 100_000 ? 5 : 9;
      const [timing, fromSources] = await timeEngines([built.analyzeOverlaps, analyzeFromSources], fleet, runs);
      const s = timing.result.summary;
      let pairwise = '-';
      let ratio = '-';
      const notes: string[] = [];
      const differ = timing.result.vpcs.filter((row, i) => row.overlapCount !== fromSources.result.vpcs[i].overlapCount).length;
      if (differ > 0) {
        notes.push(`BUILT AND SOURCES DISAGREE on ${differ} rows`);
        process.exitCode = 1;
      }
      {
        // In full while it fits the budget (1k); past that a seeded sample of rows, extrapolated.
        const run = (size <= 1_000 && pairwiseFull(fleet, overlapCidr)) || pairwiseSampled(fleet, overlapCidr, SAMPLED_ROWS[size] ?? 20);
        // Cross-check: the baseline's counts must equal the engine's for every row it computed.
        const mismatches = [...run.counts].filter(([i, c]) => timing.result.vpcs[i].overlapCount !== c).length;
        pairwise = run.ms.toFixed(0) + (run.method === 'measured in full' ? '' : '*');
        ratio = `${(run.ms / timing.ms).toFixed(0)}×`;
        notes.push(`pairwise ${run.method}; counts agree on ${run.counts.size - mismatches}/${run.counts.size} rows`);
        if (mismatches > 0) process.exitCode = 1;
      }
      previousMs = timing.ms;
      if (size === 100_000 && timing.ms > ENGINE_TARGET_MS) misses.push(`${shape.name}: engine ${timing.ms.toFixed(0)} ms`);
      console.log(
        `${pad('', 15)}${pad(String(size), 8)}${num(s.cidrs, 7)} ${num(s.overlappingVpcs, 12)}  ${pad(String(s.pairs), 12)}` +
          `${num(timing.ms, 9, 1)} ${num(timing.cpuMs, 7)} ${num(timing.gcMs, 6)} ${num(fromSources.ms, 10, 1)}   ${pad(pairwise, 22)} ${ratio}`,
      );
      for (const note of notes) console.log(`${' '.repeat(23)}${note}`);
      if (size === 100_000 && CLI) {
        const file = join(dir, `${shape.name}.json`);
        writeFileSync(file, JSON.stringify(fleet));
        cliFiles.push({ shape: shape.name, file });
      }
    }
  }
  for (const build of CLI ? cliBuilds() : []) {
    console.log(`\negress overlaps --input FILE (100k VPCs), wall incl. start-up, median of 3 — ${build.name}${build.target ? '' : ', for comparison'}; load average ${load()}`);
    for (const { shape, file } of cliFiles) {
      const run = timeCli(build.env, file);
      if (!run.ok || (build.target && run.ms > CLI_TARGET_MS)) misses.push(`${shape}: ${build.name} ${run.ms.toFixed(0)} ms${run.ok ? '' : ' (failed)'}`);
      console.log(`  ${pad(shape, 14)}${num(run.ms, 6)} ms  ${run.ok ? 'ok' : 'FAILED'}  ${run.firstLine.slice(0, 90)}`);
    }
  }
  rmSync(dir, { recursive: true, force: true });
  console.log(`\nload average at the end: ${load()}`);
  console.log('engine ms = median wall of repeated full analyses (parse + forest + classes + counts + totals) by the');
  console.log('engine as built (bundled as bin/build-cli.js bundles the CLI), in a warm process as a warm Lambda runs it: the first');
  console.log('analysis of each fleet is not timed; egress overlaps below is a cold process, start-up included. cpu ms = this process\'s CPU time in that run');
  console.log('(steadier on a shared machine); gc ms = GC pauses inside it; sources ms = the same analyses from the');
  console.log('TypeScript sources through tsx (each file a module of its own; no deployed copy runs that way).');
  console.log(`* = extrapolated. Targets: 100k VPCs ≤ ${ENGINE_TARGET_MS} ms engine time on every shape; egress overlaps (compiled build) ≤ ${CLI_TARGET_MS} ms.`);
  if (!QUICK) console.log(misses.length ? `MISSED: ${misses.join('; ')}` : 'All targets met.');
}

if (require.main === module) main().catch((error) => { console.error(error); process.exit(1); });
