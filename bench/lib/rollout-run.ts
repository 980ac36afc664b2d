/**
 * One rollout, measured: a local cloud with AWS's request throttling on, N VPCs across A accounts,
 * one sweep before the rollout (the operator is deployed and its schedule has run), then every VPC
 * tagged `egress=proxy` at once, the sweep schedule running, until every VPC is Ready or the deadline.
 * AWS time runs `speedup` times faster than the wall clock — endpoint provisioning, the sweep period,
 * Retry pauses and the token buckets' refill alike — so figures in AWS time are wall time × speedup.
 * `design`: `snapshot` (today's design: DetectOverlaps reads the sweep's fleet snapshot, endpoint creation
 * paced per account) or `fleet-read` (the design before: FLEET_SNAPSHOT=off, every DetectOverlaps reads
 * the whole fleet, and ROLLOUT_PACING=off, no pacing).
 */
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { ENV } from '../../handlers/catalog';
import { startLocalCloud, type LocalCloud } from '../../local/cloud';
import { measure } from './sweep-cost';
import { memberAccountIds, seedRolloutFleet, stateOf, tagAll, type SeededVpc } from './rollout-fleet';
import { rolloutCost, type RolloutCost } from './rollout-cost';
import { dispatcherInvocations, executionFigures } from './rollout-executions';

export type RolloutDesign = 'snapshot' | 'fleet-read';

/** How the printout names each design. */
export const DESIGN_LABELS: Record<RolloutDesign, string> = {
  snapshot: 'snapshot + pacing',
  'fleet-read': 'before (fleet read per reconcile, no pacing)',
};

/** The environment each design runs its handlers under (they run in this process). */
export const DESIGN_ENV: Record<RolloutDesign, Record<string, string | undefined>> = {
  snapshot: { [ENV.fleetSnapshot]: undefined, [ENV.rolloutPacing]: undefined },
  'fleet-read': { [ENV.fleetSnapshot]: 'off', [ENV.rolloutPacing]: 'off' },
};

/** Progress lines on stderr this often (wall time). */
const PROGRESS_EVERY_MS = 30_000;

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
  executions: {
    started: number; failed: number; failures: string[];
    /** reconcile-vpc executions by trigger: `tag-event` (started by the dispatcher), `sweep`, … */
    startedBy: Record<string, number>;
    /** reconcile-fleet executions (the schedule's sweeps) during the rollout. */
    sweeps: number;
  };
  /** Where each reconcile's DetectOverlaps took the fleet from: `snapshot`, `fleet-read`. */
  overlapSources: Record<string, number>;
  /** Standard-workflow state transitions AWS bills: every state entered (Wait, Choice, Succeed, Fail too) and every Retry attempt. */
  transitions: number;
  /** Every Lambda invocation: the workflows' Lambda tasks and the tag-event dispatcher's. */
  lambdaInvocations: number;
  /** Of lambdaInvocations, the dispatcher's (one per tag-change event delivered to it). */
  dispatcherInvocations: number;
  /** reconcile-vpc executions that waited in the `Pace` state, and the longest such wait in AWS seconds. */
  pacing: { paced: number; longestWaitSeconds?: number };
  cost: RolloutCost;
}

export async function runRollout(opts: RolloutOptions): Promise<RolloutFigures> {
  const speedup = opts.speedup ?? 30;
  const provisioningSeconds = opts.provisioningSeconds ?? 120;
  const sweepSeconds = opts.sweepSeconds ?? 900;
  const log = opts.progress ?? (() => {});
  for (const [name, value] of Object.entries(DESIGN_ENV[opts.design])) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
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
    await warmReconcileHandlers(cloud, sfn, fleet[0]);
    await cloud.awaitIdle();
    cloud.stats.reset();
    cloud.throttling.requests.reset();
    const dispatchedBefore = dispatcherInvocations(cloud);
    const since = Date.now();
    tagAll(cloud, fleet);
    log(`${DESIGN_LABELS[opts.design]}: ${opts.vpcs} VPCs in ${opts.accounts} accounts tagged`);
    const deadlineMs = ((provisioningSeconds + (opts.deadlineSweeps ?? 1) * sweepSeconds) * 1000) / speedup;
    const allReadyMs = await untilAllReady(cloud, fleet, since, deadlineMs, (l) => log(`${opts.design}: ${l}`));
    // All Ready: let the last executions close. Otherwise measure now: runs still retrying are not failures yet.
    if (allReadyMs !== undefined) await cloud.awaitIdle();
    return figuresOf(cloud, opts, fleet, since, { allReadyMs, speedup, provisioningSeconds, sweepSeconds, dispatchedBefore });
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

/**
 * Loads reconcile-vpc's handler modules before the clock starts, with a dry run that writes nothing.
 * In Lambda a cold start costs a fraction of a second; loading a module here costs about a second of
 * this process's CPU, which the speed-up turns into 30 s of AWS time at 30×: the first runs would
 * bunch behind it and meet CreateVpcEndpoint together — an artifact of the local cloud, not of pacing.
 * The VPC is opted in without a tag event for the run and opted out again, so nothing is left to reconcile.
 */
async function warmReconcileHandlers(cloud: LocalCloud, sfn: SFNClient, vpc: SeededVpc): Promise<void> {
  const ec2 = cloud.ec2StoreFor(vpc.account);
  await cloud.pauseTagEvents(async () => ec2.tag(vpc.vpcId, { egress: 'proxy' }));
  try {
    const out = await sfn.send(new StartExecutionCommand({
      stateMachineArn: cloud.stateMachineArn('reconcile-vpc'), name: 'rollout-warm-up',
      input: JSON.stringify({ vpcId: vpc.vpcId, account: vpc.account, region: cloud.region, trigger: 'cli', dryRun: true }),
    }));
    await cloud.stepFunctions.awaitExecution(out.executionArn!);
  } finally {
    await cloud.pauseTagEvents(async () => ec2.untag(vpc.vpcId, ['egress']));
  }
}

async function untilAllReady(cloud: LocalCloud, fleet: SeededVpc[], since: number, deadlineMs: number, log: (l: string) => void): Promise<number | undefined> {
  let lastLog = 0;
  // Only the VPCs not yet seen Ready are polled: the poll stays O(pending), not O(fleet), every 200 ms.
  let pending = fleet;
  for (;;) {
    pending = pending.filter((v) => stateOf(cloud, v) !== 'Ready');
    const elapsed = Date.now() - since;
    if (pending.length === 0) return elapsed;
    if (elapsed > deadlineMs) return undefined;
    if (elapsed - lastLog >= PROGRESS_EVERY_MS) {
      lastLog = elapsed;
      const running = cloud.stepFunctions.executions.list('reconcile-vpc').filter((e) => e.status === 'RUNNING').length;
      const throttled = Object.entries(cloud.stats.snapshot().throttled).filter(([k]) => k !== 'lambda:Invoke').reduce((n, [, c]) => n + c, 0);
      log(`${(elapsed / 1000).toFixed(0)} s wall: ${fleet.length - pending.length}/${fleet.length} Ready, ${running} running, ${throttled} calls throttled so far`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

function figuresOf(cloud: LocalCloud, opts: RolloutOptions, fleet: SeededVpc[], since: number,
  t: { allReadyMs?: number; speedup: number; provisioningSeconds: number; sweepSeconds: number; dispatchedBefore: number }): RolloutFigures {
  const measured = measure(cloud, since, 0);
  const dispatched = dispatcherInvocations(cloud) - t.dispatchedBefore;
  const f = { ...measured, lambdaInvocations: measured.lambdaInvocations + dispatched };
  const snap = cloud.stats.snapshot();
  const notReady: Record<string, number> = {};
  let ready = 0;
  for (const v of fleet) {
    const state = stateOf(cloud, v);
    if (state === 'Ready') ready += 1;
    else notReady[state ?? '(none)'] = (notReady[state ?? '(none)'] ?? 0) + 1;
  }
  const ex = executionFigures(cloud, since, t.speedup);
  const throttledByOperation = snap.throttled;
  return {
    design: opts.design, vpcs: opts.vpcs, accounts: opts.accounts, ready, notReady,
    allReadySeconds: t.allReadyMs === undefined ? undefined : (t.allReadyMs / 1000) * t.speedup,
    provisioningSeconds: t.provisioningSeconds, sweepSeconds: t.sweepSeconds,
    apiCalls: f.apiCalls, apiByOperation: f.apiByOperation,
    // Lambda refusals are not API calls (they are in apiCalls neither): counted apart, in throttledByOperation.
    throttled: Object.entries(throttledByOperation).filter(([k]) => k !== 'lambda:Invoke').reduce((n, [, c]) => n + c, 0),
    throttledByOperation,
    executions: { started: ex.started, failed: ex.failed, failures: ex.failures, startedBy: ex.startedBy, sweeps: ex.sweeps },
    overlapSources: ex.overlapSources,
    transitions: f.transitions, lambdaInvocations: f.lambdaInvocations, dispatcherInvocations: dispatched,
    pacing: { paced: ex.paced, ...(ex.longestPaceSeconds === undefined ? {} : { longestWaitSeconds: ex.longestPaceSeconds }) },
    cost: rolloutCost(f, fleet.length),
  };
}
