/**
 * Org-wide rollout benchmark: N VPCs across A accounts tagged `egress=proxy` at once, with AWS's
 * request throttling on and endpoint provisioning scaled (bench/lib/rollout-run.ts), for today's design
 * (fleet snapshot, endpoint creation paced per account) and, in the same run, the design before it
 * ("before": a whole-fleet read per reconcile and no pacing — FLEET_SNAPSHOT=off, ROLLOUT_PACING=off).
 * Each design runs in its own process (one local cloud per process). Progress every ~30 s on stderr. Prints time
 * to all Ready in units of the endpoint provisioning time, AWS calls per VPC by operation, throttled
 * calls, failed executions, reconciles started by the dispatcher and by the sweep, state transitions and
 * Lambda invocations per VPC, the longest Pace wait, and cost per onboarded VPC, as ratios, and the targets.
 * Run: npx tsx bench/rollout.ts [--quick] [--vpcs N] [--accounts A] [--speedup K] [--parallel] [--json]
 *   default: N = 1,000 and 2,000, A = 10, AWS time = wall time (--speedup 1: at higher speedups local CPU,
 *   which is not sped up, paces the calls and hides throttling); --quick: N = 100, A = 3, --speedup 10.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { printComparison, targetsOf } from './lib/rollout-report';
import { DESIGN_LABELS, runRollout, type RolloutDesign, type RolloutFigures } from './lib/rollout-run';

process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
const argv = process.argv.slice(2);

function flag(name: string): string | undefined {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

function positive(name: string, fallback: number): number {
  const raw = flag(name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) { console.error(`${name} must be a positive integer, got ${JSON.stringify(raw)}`); process.exit(2); }
  return n;
}

if (argv.includes('--help')) {
  console.log([
    'usage: npx tsx bench/rollout.ts [--quick] [--vpcs N] [--accounts A] [--speedup K] [--parallel] [--json]',
    '  --vpcs N       one fleet size (default: 1,000 and 2,000)',
    '  --accounts A   accounts the VPCs are spread over (default 10)',
    '  --speedup K    AWS time runs K times faster than the wall clock (default 1)',
    '  --quick        100 VPCs in 3 accounts at --speedup 10',
    '  --parallel     run both designs at once (they share the CPU)',
    '  --json         one JSON document on stdout instead of the table',
    'Compares today\'s design (fleet snapshot, paced endpoint creation) with the design before it (a fleet',
    'read per reconcile, no pacing: FLEET_SNAPSHOT=off, ROLLOUT_PACING=off). Progress every ~30 s on stderr.',
    'Exit 0 all targets met, 1 a target missed or a run failed, 2 bad arguments.',
  ].join('\n'));
  process.exit(0);
}

const quick = argv.includes('--quick');
const accounts = positive('--accounts', quick ? 3 : 10);
const sizes = flag('--vpcs') !== undefined ? [positive('--vpcs', 0)] : quick ? [100] : [1000, 2000];
// --quick runs AWS time 10× faster: its 100 VPCs keep the local CPU from pacing the calls even so.
const speedup = positive('--speedup', quick ? 10 : 1);
const parallel = argv.includes('--parallel');

/** Child mode: one design, one size, figures as the last line of JSON. */
async function child(design: RolloutDesign): Promise<void> {
  const figures = await runRollout({ vpcs: sizes[0], accounts, design, speedup, progress: (l) => console.error(l) });
  console.log(JSON.stringify(figures));
  process.exit(0); // executions still waiting out a Retry after the deadline are not waited for
}

function runChild(design: RolloutDesign, vpcs: number): Promise<RolloutFigures> {
  const tsx = join(__dirname, '..', 'node_modules', '.bin', 'tsx');
  const child = spawn(tsx, [__filename, '--child', design, '--vpcs', String(vpcs), '--accounts', String(accounts), '--speedup', String(speedup)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
  return new Promise((resolve, reject) => {
    child.on('close', (code, signal) => {
      const last = stdout.trim().split('\n').pop() ?? '';
      if (code !== 0 || !last.startsWith('{')) reject(new Error(`${design} run failed (exit ${code ?? signal}): ${last.slice(0, 400)}`));
      else resolve(JSON.parse(last) as RolloutFigures);
    });
  });
}

async function main(): Promise<void> {
  const childDesign = flag('--child');
  if (childDesign) {
    if (!Object.hasOwn(DESIGN_LABELS, childDesign)) { console.error(`--child must be one of ${Object.keys(DESIGN_LABELS).join(', ')}, got ${JSON.stringify(childDesign)}`); process.exit(2); }
    return child(childDesign as RolloutDesign);
  }
  const json = argv.includes('--json');
  const results: { now: RolloutFigures; before: RolloutFigures }[] = [];
  if (!json) {
    console.log(`rollout benchmark — AWS time runs ${speedup}× faster than the wall clock (endpoint provisioning 120 s, sweep period 900 s, Retry pauses and token-bucket refill alike); local CPU is not scaled`);
  }
  for (const vpcs of sizes) {
    // --parallel: both designs at once (each in its own process and local cloud; they share the CPU).
    const [now, before] = parallel
      ? await Promise.all([runChild('snapshot', vpcs), runChild('fleet-read', vpcs)])
      : [await runChild('snapshot', vpcs), await runChild('fleet-read', vpcs)];
    results.push({ now, before });
    if (json) continue;
    console.log(`\n== ${vpcs.toLocaleString()} VPCs in ${accounts} accounts, tagged at once — ${DESIGN_LABELS.snapshot} vs ${DESIGN_LABELS['fleet-read']} ==`);
    printComparison(now, before);
  }
  if (json) console.log(JSON.stringify(results));
  const missed = results.flatMap((r) => targetsOf(r.now).filter((t) => !t.ok));
  if (missed.length) process.exitCode = 1;
}

main().catch((err) => { console.error(err); process.exit(1); });
