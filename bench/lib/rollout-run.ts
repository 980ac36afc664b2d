/**
 * One rollout, measured: a local cloud with AWS's request throttling on, N VPCs across A accounts,
 * one sweep before the rollout (the operator is deployed and its schedule has run), then every VPC
 * tagged `egress=proxy` at once, the sweep schedule running, until every VPC is Ready or the deadline.
 * AWS time runs `speedup` times faster than the wall clock — endpoint provisioning, the sweep period,
 * Retry pauses and the token buckets' refill alike — so figures in AWS time are wall time × speedup.
 * `design`: `snapshot` (DetectOverlaps reads the sweep's fleet snapshot) or `fleet-read` (FLEET_SNAPSHOT=off:
 * every DetectOverlaps reads the whole fleet, the design before snapshots).
 */
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { startLocalCloud, type LocalCloud } from '../../local/cloud';
import { measure } from './sweep-cost';
import { memberAccountIds, seedRolloutFleet, stateOf, tagAll, type SeededVpc } from './rollout-fleet';
import { rolloutCost, type RolloutCost } from './rollout-cost';

export type RolloutDesign = 'snapshot' | 'fleet-read';

export interface RolloutOptions {
  vpcs: number;
  accounts: number;
  design: RolloutDesign;
  /** AWS seconds per wall-clock second (default 30). */
  speedup?: number;
  /** Endpoint provisioning time in AWS seconds (default 120). */
  provisioningSeconds?: number;
  /** Sweep period in AWS seconds (default 900, the Operator stack's rate(15 minutes)). */
  sweepSeconds?: number;
  /** Stop measuring after provisioning + this many sweep periods (default 1: the target's bound). */
  deadlineSweeps?: number;
  iam?: 'off' | 'enforce';
  progress?: (line: string) => void;
}

export interface RolloutFigures {
  design: RolloutDesign;
  vpcs: number;
  accounts: number;
  ready: number;
  /** Final states of the VPCs that did not reach Ready, counted. */
  notReady: Record<string, number>;
  /** AWS seconds from tagging to the last Ready (undefined: not all Ready by the deadline). */
  allReadySeconds?: number;
  provisioningSeconds: number;
  sweepSeconds: number;
  apiCalls: number;
  apiByOperation: Record<string, number>;
  throttled: number;
  throttledByOperation: Record<string, number>;
  executions: { started: number; failed: number; failures: string[] };
  /** Where each reconcile's DetectOverlaps took the fleet from: `snapshot`, `fleet-read`. */
  overlapSources: Record<string, number>;
  transitions: number;
  lambdaInvocations: number;
  cost: RolloutCost;
}

export async function runRollout(opts: RolloutOptions): Promise<RolloutFigures> {
  const speedup = opts.speedup ?? 30;
  const provisioningSeconds = opts.provisioningSeconds ?? 120;
  const sweepSeconds = opts.sweepSeconds ?? 900;
  const log = opts.progress ?? (() => {});
  if (opts.design === 'fleet-read') process.env.FLEET_SNAPSHOT = 'off';
  else delete process.env.FLEET_SNAPSHOT;
  const t0 = Date.now();
  const cloud = await startLocalCloud({
    throttling: true, throttleClock: () => t0 + (Date.now() - t0) * speedup, timeScale: 1 / speedup,
    endpointPendingMs: (provisioningSeconds * 1000) / speedup, endpointDeletingMs: (provisioningSeconds * 1000) / speedup,
    seedProjects: 0, memberAccounts: memberAccountIds(opts.accounts - 1), memberProjects: 0,
    iam: opts.iam ?? 'off', proxy: 'stand-in', sweepIntervalSeconds: sweepSeconds / speedup,
  });
  // Lambda concurrency stays unbounded here: a local handler's duration is inflated by this process's
  // (and the machine's) CPU — seconds for what takes ~0.2 s in Lambda — so in-flight counts would be an artifact.
  cloud.throttling.lambda.enabled = false;
  const sfn = new SFNClient({});
  try {
    const fleet = seedRolloutFleet(cloud, opts.vpcs);
    await sweepOnce(cloud, sfn);
    await cloud.awaitIdle();
    cloud.stats.reset();
    cloud.throttling.requests.reset();
    const since = Date.now();
    tagAll(cloud, fleet);
    log(`${opts.design}: ${opts.vpcs} VPCs in ${opts.accounts} accounts tagged`);
    const deadlineMs = ((provisioningSeconds + (opts.deadlineSweeps ?? 1) * sweepSeconds) * 1000) / speedup;
    const allReadyMs = await untilAllReady(cloud, fleet, since, deadlineMs, log);
    // All Ready: let the last executions close. Otherwise measure now: runs still retrying are not failures yet.
    if (allReadyMs !== undefined) await cloud.awaitIdle();
    return figuresOf(cloud, opts, fleet, since, { allReadyMs, speedup, provisioningSeconds, sweepSeconds });
  } finally {
    sfn.destroy();
    // stop() waits for every execution; runs still in a long Retry wait after the deadline would hold it for minutes.
    await Promise.race([cloud.stop(), new Promise((r) => setTimeout(r, 10_000).unref())]);
  }
}

async function sweepOnce(cloud: LocalCloud, sfn: SFNClient): Promise<void> {
  const out = await sfn.send(new StartExecutionCommand({ stateMachineArn: cloud.stateMachineArn('reconcile-fleet'), name: 'rollout-first-sweep', input: '{}' }));
  const done = await cloud.stepFunctions.awaitExecution(out.executionArn!);
  if (done.Status !== 'SUCCEEDED') throw new Error(`first sweep ${done.Status}: ${done.Error} ${done.Cause}`);
}

async function untilAllReady(cloud: LocalCloud, fleet: SeededVpc[], since: number, deadlineMs: number, log: (l: string) => void): Promise<number | undefined> {
  let lastLog = 0;
  for (;;) {
    const ready = fleet.filter((v) => stateOf(cloud, v) === 'Ready').length;
    const elapsed = Date.now() - since;
    if (ready === fleet.length) return elapsed;
    if (elapsed > deadlineMs) return undefined;
    if (elapsed - lastLog > 5000) {
      lastLog = elapsed;
      const states: Record<string, number> = {};
      for (const v of fleet) { const s = stateOf(cloud, v) ?? '(none)'; states[s] = (states[s] ?? 0) + 1; }
      const running = cloud.stepFunctions.executions.list('reconcile-vpc').filter((e) => e.status === 'RUNNING').length;
      log(`  ${(elapsed / 1000).toFixed(0)} s wall: ${JSON.stringify(states)}, ${running} running, throttled ${JSON.stringify(cloud.stats.snapshot().throttled)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

function figuresOf(cloud: LocalCloud, opts: RolloutOptions, fleet: SeededVpc[], since: number,
  t: { allReadyMs?: number; speedup: number; provisioningSeconds: number; sweepSeconds: number }): RolloutFigures {
  const f = measure(cloud, since, 0);
  const snap = cloud.stats.snapshot();
  const notReady: Record<string, number> = {};
  let ready = 0;
  for (const v of fleet) {
    const state = stateOf(cloud, v);
    if (state === 'Ready') ready += 1;
    else notReady[state ?? '(none)'] = (notReady[state ?? '(none)'] ?? 0) + 1;
  }
  const failures: string[] = [];
  const overlapSources: Record<string, number> = {};
  let started = 0;
  for (const machine of ['reconcile-vpc', 'reconcile-fleet']) {
    for (const e of cloud.stepFunctions.executions.list(machine)) {
      if (e.startDate < since) continue;
      started += 1;
      if (e.status !== 'SUCCEEDED') failures.push(`${e.name} ${e.status} ${e.error ?? ''}`.trim());
      const source = machine === 'reconcile-vpc' && e.output ? (JSON.parse(e.output) as { overlaps?: { source?: string } }).overlaps?.source : undefined;
      if (source) overlapSources[source] = (overlapSources[source] ?? 0) + 1;
    }
  }
  const throttledByOperation = snap.throttled;
  return {
    design: opts.design, vpcs: opts.vpcs, accounts: opts.accounts, ready, notReady,
    allReadySeconds: t.allReadyMs === undefined ? undefined : (t.allReadyMs / 1000) * t.speedup,
    provisioningSeconds: t.provisioningSeconds, sweepSeconds: t.sweepSeconds,
    apiCalls: f.apiCalls, apiByOperation: f.apiByOperation,
    throttled: Object.entries(throttledByOperation).filter(([k]) => k !== 'lambda:Invoke').reduce((n, [, c]) => n + c, 0),
    throttledByOperation,
    executions: { started, failed: failures.length, failures: failures.slice(0, 10) }, overlapSources,
    transitions: f.transitions, lambdaInvocations: f.lambdaInvocations,
    cost: rolloutCost(f, fleet.length),
  };
}
