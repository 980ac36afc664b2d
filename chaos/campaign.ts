/**
 * The chaos campaign (docs/design.md#errors): a local cloud with eventual consistency and throttling
 * on and a short sweep period; a fleet whose owners act each round while random faults hit the
 * operator and drift happens out of band, beside foreign look-alikes; then the faults stop, the
 * campaign waits for the work in flight plus 3 sweep periods, and checks the invariants.
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import { WORKFLOWS } from '../handlers/catalog';
import { startLocalCloud } from '../local/cloud';
import { applyDrift } from './drift';
import { detectFaultSupport, injectRound, planRoundFaults, stopFaults, type FaultSupport, type FaultTally } from './faults';
import { createFleet } from './fleet';
import { createForeign, foreignChanges, snapshotForeign } from './foreign';
import { pickHostileEvents } from './hostile-events';
import { checkFleet, type Violation } from './invariants';
import { localApi } from './local-api';
import { act, planOwnerAction, type Expectation, type OwnerState } from './owners';
import { executionPaths } from './paths';
import { prng } from './prng';
import { startSampler } from './sampler';

export interface CampaignOptions {
  seed: number;
  vpcs: number;
  rounds: number;
  roundSeconds: number;
  sweepIntervalSeconds: number;
  /** Longest wait for the executions in flight when the faults stop (default 120 s). */
  inFlightMaxSeconds?: number;
  log?: (line: string) => void;
}

export interface CampaignResult {
  seed: number;
  vpcs: number;
  rounds: number;
  converged: number;
  violations: Violation[];
  /** The most live owned endpoints any VPC held at once. */
  maxEndpoints: number;
  elapsedMs: number;
  /** Seconds from the faults stopping to convergence (or to the deadline). */
  convergenceSeconds: number;
  calls: number;
  faults: FaultTally;
  support: FaultSupport;
  /** Execution paths of the VPCs that did not converge (for the report). */
  paths: Record<string, string[]>;
}

const TIME_SCALE = 0.02;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runCampaign(o: CampaignOptions): Promise<CampaignResult> {
  const started = Date.now();
  const log = o.log ?? (() => {});
  // Retry pauses run TIME_SCALE times AWS's; the request buckets refill as much faster, so a throttled
  // operator has the same retry budget against the documented limits as in AWS.
  const scaledFrom = Date.now();
  const cloud = await startLocalCloud({
    seedProjects: 0, memberAccounts: [], proxy: 'stand-in', throttling: true, timeScale: TIME_SCALE,
    throttleClock: () => scaledFrom + (Date.now() - scaledFrom) / TIME_SCALE,
    endpointPendingMs: 400, endpointDeletingMs: 300, sweepIntervalSeconds: o.sweepIntervalSeconds,
    eventualConsistency: { seed: o.seed, deletedLingerMs: 5000 },
  });
  const ec2 = new EC2Client({ maxAttempts: 6 });
  const since = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
  log(`${since()}: local cloud up at ${cloud.url}`);
  try {
    const random = prng(o.seed);
    const api = localApi(cloud.url);
    const fleet = createFleet(cloud.ec2State, random, o.vpcs);
    const foreign = createForeign(cloud.ec2State, fleet, random, cloud.resourceConfigurationArn, cloud.proxy.port);
    await sleep(500); // the look-alike endpoints become Available before their snapshot
    const before = snapshotForeign(cloud.ec2State, foreign);
    const support = await detectFaultSupport(api);
    const forceEndpointState = support.endpointState
      ? async (id: string, state: string) => (await api.call('POST', `/_local/endpoints/${id}/state`, { state })).status < 300
      : undefined;
    const sampler = startSampler(cloud.ec2State);
    const owners = new Map<string, OwnerState>();
    const tally: FaultTally = {};

    for (let round = 0; round < o.rounds; round += 1) {
      await stopFaults(api, support);
      await injectRound(api, planRoundFaults(support, random, fleet.map((v) => v.vpcId)), tally);
      const actions = fleet.flatMap((v) => {
        const a = planOwnerAction(v, round, owners.get(v.vpcId), random, fleet);
        return a ? [{ v, a }] : [];
      });
      const drifted = round === 0 ? [] : random.sample(fleet, Math.max(1, Math.round(o.vpcs / 5)));
      const driftRandom = prng(random.int(1, 1_000_000));
      await Promise.all([
        ...actions.map(async ({ v, a }) => { owners.set(v.vpcId, a.next); await act(ec2, v, a); }),
        ...drifted.map(async (v) => {
          const did = await applyDrift({ ec2, store: cloud.ec2State, proxyPort: cloud.proxy.port, forceEndpointState }, v.vpcId, owners.get(v.vpcId)?.expect ?? 'opted-out', driftRandom);
          if (did) log(`round ${round + 1}: drift ${v.vpcId}: ${did}`);
        }),
      ]);
      const hostile = pickHostileEvents(fleet, cloud.accountId, cloud.region, random, 2);
      for (const event of hostile) cloud.bus.publish(event);
      tally['event:malformed'] = (tally['event:malformed'] ?? 0) + hostile.length;
      log(`round ${round + 1}: ${actions.length} owner actions, ${drifted.length} drifts, ${hostile.length} malformed events`);
      await sleep(o.roundSeconds * 1000);
    }

    await stopFaults(api, support);
    const stoppedAt = Date.now();
    const expectations = new Map<string, Expectation>(fleet.map((v) => [v.vpcId, owners.get(v.vpcId)?.expect ?? 'opted-out']));
    // The work in flight when the faults stopped, then 3 sweep periods.
    const running = () => cloud.stepFunctions.executions.list(WORKFLOWS.reconcileVpc).filter((e) => e.status === 'RUNNING' && e.startDate <= stoppedAt);
    const inFlightUntil = stoppedAt + (o.inFlightMaxSeconds ?? 120) * 1000;
    log(`${since()}: faults stopped; ${running().length} reconcile runs in flight`);
    while (running().length && Date.now() < inFlightUntil) await sleep(200);
    log(`${since()}: runs in flight done${running().length ? ` (${running().length} still running: ${running().map((e) => e.name).join(', ')})` : ''}`);
    const deadline = Date.now() + 3 * o.sweepIntervalSeconds * 1000;
    let violations = checkFleet(cloud.ec2State, fleet, expectations);
    let convergedAt: number | undefined;
    while (Date.now() < deadline) {
      violations = checkFleet(cloud.ec2State, fleet, expectations);
      if (!violations.length) {
        convergedAt ??= Date.now();
        // Still so one sweep period later: converged, not passing through.
        await sleep(o.sweepIntervalSeconds * 1000);
        violations = checkFleet(cloud.ec2State, fleet, expectations);
        if (!violations.length) break;
        convergedAt = undefined;
      }
      await sleep(250);
    }
    log(`${since()}: ${violations.length ? 'not converged' : 'converged'}`);
    sampler.stop();
    const failing = new Set(violations.map((v) => v.vpcId).filter(Boolean));
    const peakViolations: Violation[] = [...sampler.peaks].filter(([, n]) => n > 2)
      .map(([vpcId, n]) => ({ kind: 'peak-endpoints', vpcId, detail: `${n} live owned endpoints at once: ${sampler.peakDetail.get(vpcId)}` }));
    for (const v of peakViolations) failing.add(v.vpcId);
    const foreignViolations: Violation[] = foreignChanges(cloud.ec2State, foreign, before).map((detail) => ({ kind: 'foreign-touched', detail }));
    const all = [...violations, ...peakViolations, ...foreignViolations];
    const calls = Object.values(cloud.stats.snapshot().apiCalls).reduce((a, b) => a + b, 0);
    return {
      seed: o.seed, vpcs: o.vpcs, rounds: o.rounds,
      converged: fleet.filter((v) => !violations.some((x) => x.vpcId === v.vpcId)).length,
      violations: all,
      maxEndpoints: Math.max(0, ...sampler.peaks.values()),
      elapsedMs: Date.now() - started,
      convergenceSeconds: ((convergedAt ?? Date.now()) - stoppedAt) / 1000,
      calls, faults: tally, support,
      paths: Object.fromEntries([...failing].map((id) => [id!, [`owner (${fleet.find((f) => f.vpcId === id)?.role}): ${owners.get(id!)?.last ?? "(never acted)"}`, ...executionPaths(cloud, id!).slice(-5)]])),
    };
  } finally {
    ec2.destroy();
    await cloud.stop();
  }
}
