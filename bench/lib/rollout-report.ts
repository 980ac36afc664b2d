/**
 * The rollout benchmark's printout: both designs side by side (today's — fleet snapshot and pacing — and
 * the design before it — a fleet read per reconcile, no pacing — measured in the same run), the ratios,
 * and each target checked.
 */
import { DESIGN_LABELS, type RolloutFigures } from './rollout-run';

export interface TargetCheck { name: string; value: string; ok: boolean }

const pct = (part: number, all: number) => (all ? (100 * part) / all : 0);

export function targetsOf(f: RolloutFigures): TargetCheck[] {
  const perVpc = f.apiCalls / f.vpcs;
  const limit = f.provisioningSeconds + f.sweepSeconds;
  return [
    { name: '0 failed executions', value: String(f.executions.failed), ok: f.executions.failed === 0 },
    { name: 'every VPC Ready', value: `${f.ready}/${f.vpcs}`, ok: f.ready === f.vpcs },
    { name: 'AWS calls per onboarded VPC ≤ 15', value: perVpc.toFixed(2), ok: perVpc <= 15 },
    { name: 'throttled calls ≤ 1% of all', value: `${pct(f.throttled, f.apiCalls).toFixed(2)}%`, ok: pct(f.throttled, f.apiCalls) <= 1 },
    { name: 'state transitions per VPC ≤ 15', value: (f.transitions / f.vpcs).toFixed(2), ok: f.transitions / f.vpcs <= 15 },
    {
      name: `time to all Ready ≤ provisioning + one sweep (${(limit / f.provisioningSeconds).toFixed(1)} P)`,
      value: f.allReadySeconds === undefined ? 'not reached' : `${(f.allReadySeconds / f.provisioningSeconds).toFixed(2)} P`,
      ok: f.allReadySeconds !== undefined && f.allReadySeconds <= limit,
    },
  ];
}

const ratio = (a: number, b: number) => (b ? `${(a / b).toFixed(3)}×` : 'n/a');

export function printComparison(now: RolloutFigures, before: RolloutFigures): void {
  const rows: [string, (f: RolloutFigures) => number, (n: number) => string][] = [
    ['time to all Ready (× provisioning time)', (f) => (f.allReadySeconds ?? NaN) / f.provisioningSeconds, (n) => (Number.isNaN(n) ? 'not reached' : n.toFixed(2))],
    ['AWS calls per VPC', (f) => f.apiCalls / f.vpcs, (n) => n.toFixed(2)],
    ['throttled calls (% of all)', (f) => pct(f.throttled, f.apiCalls), (n) => `${n.toFixed(2)}%`],
    ['failed executions', (f) => f.executions.failed, String],
    ['reconciles started by the dispatcher', (f) => f.executions.startedBy?.['tag-event'] ?? 0, String],
    ['reconciles started by the sweep', (f) => f.executions.startedBy?.sweep ?? 0, String],
    ['sweeps run', (f) => f.executions.sweeps ?? 0, String],
    ['state transitions per VPC', (f) => f.transitions / f.vpcs, (n) => n.toFixed(2)],
    ['Lambda invocations per VPC', (f) => f.lambdaInvocations / f.vpcs, (n) => n.toFixed(2)],
    ['longest Pace wait (AWS s)', (f) => f.pacing?.longestWaitSeconds ?? NaN, (n) => (Number.isNaN(n) ? 'none' : n.toFixed(0))],
    ['cost per onboarded VPC (USD)', (f) => f.cost.perVpcUsd, (n) => `$${n.toFixed(6)}`],
  ];
  console.log(`  columns: now = ${DESIGN_LABELS[now.design]}; before = ${DESIGN_LABELS[before.design]}`);
  console.log(`  ${''.padEnd(42)} ${'now'.padStart(14)} ${'before'.padStart(14)} ${'ratio'.padStart(10)}`);
  for (const [label, get, fmt] of rows) {
    console.log(`  ${label.padEnd(42)} ${fmt(get(now)).padStart(14)} ${fmt(get(before)).padStart(14)} ${ratio(get(now), get(before)).padStart(10)}`);
  }
  console.log('  AWS calls per VPC by operation:');
  const ops = [...new Set([...Object.keys(now.apiByOperation), ...Object.keys(before.apiByOperation)])].sort();
  for (const op of ops) {
    const a = (now.apiByOperation[op] ?? 0) / now.vpcs;
    const b = (before.apiByOperation[op] ?? 0) / before.vpcs;
    const ta = now.throttledByOperation[op] ?? 0;
    const tb = before.throttledByOperation[op] ?? 0;
    console.log(`    ${op.padEnd(40)} ${a.toFixed(3).padStart(14)} ${b.toFixed(3).padStart(14)} ${ratio(a, b).padStart(10)}   throttled ${ta} / ${tb}`);
  }
  if (now.throttledByOperation['lambda:Invoke'] || before.throttledByOperation['lambda:Invoke']) {
    console.log(`    Lambda invocations refused at the concurrency limit: ${now.throttledByOperation['lambda:Invoke'] ?? 0} / ${before.throttledByOperation['lambda:Invoke'] ?? 0}`);
  }
  console.log(`  DetectOverlaps took the fleet from: ${JSON.stringify(now.overlapSources)} / ${JSON.stringify(before.overlapSources)}`);
  for (const f of [now, before]) {
    if (Object.keys(f.notReady).length) console.log(`  ${f.design}: not Ready at the deadline: ${JSON.stringify(f.notReady)}`);
    if (f.executions.failures.length) console.log(`  ${f.design}: failed executions (first 10): ${f.executions.failures.join('; ')}`);
  }
  const other = (f: RolloutFigures) => Object.entries(f.executions.startedBy ?? {}).filter(([k]) => k !== 'tag-event' && k !== 'sweep');
  for (const f of [now, before]) if (other(f).length) console.log(`  ${f.design}: reconciles started otherwise: ${JSON.stringify(Object.fromEntries(other(f)))}`);
  console.log(`  Lambda invocations, of which the dispatcher's: ${now.lambdaInvocations} (${now.dispatcherInvocations}) / ${before.lambdaInvocations} (${before.dispatcherInvocations}); executions paced: ${now.pacing?.paced ?? 0} / ${before.pacing?.paced ?? 0}`);
  console.log(`  targets (${DESIGN_LABELS[now.design]}):`);
  for (const t of targetsOf(now)) console.log(`    ${t.ok ? 'met   ' : 'MISSED'} ${t.name}: ${t.value}`);
}
