/**
 * ScanFleet: the fleet sweep's observe-and-diff in one Lambda (docs/design.md#workflows). Per account and region a few
 * paginated bulk reads, one hub read and one Squid probe per sweep, then the pure drift function and
 * the plan: which VPCs get a reconcile-vpc execution (and under which name), which status marks the
 * proxy path needs. A fleet without drift costs ~5 API calls per 1,000 VPCs and starts nothing.
 */
import { z } from 'zod';
import { ENV } from './catalog';
import { ec2For } from './lib/aws-clients';
import { scanTarget } from './lib/aws/fleet-scan';
import { readHubView } from './lib/aws/hub';
import { runningReconciles } from './lib/aws/running-reconciles';
import { fleetDrift } from './lib/drift';
import type { DriftContext, HubView, ProxyHealth } from './lib/drift/types';
import { planSweep, type SweepPlan } from './lib/fleet/plan';
import { pacingFromEnv } from './lib/pacing';
import { reportSkipped, scanTargets, type SkippedTarget } from './lib/fleet/scan-targets';
import { snapshotBucket } from './lib/aws/snapshot';
import { writeFleetSnapshot, type SnapshotSummary, type TargetVpcs } from './lib/fleet/snapshot-writer';
import { fleetTargetsFromEnv } from './lib/fleet/targets';
import { fleetTask } from './lib/fleet/task';
import { logger } from './lib/logger';
import { probeReason } from './lib/plan/reasons';
import { checkProxy } from './lib/proxy-check';
import { sweepIntervalSeconds } from './lib/settings';

const inputSchema = z.object({ execution: z.string().min(1), startTime: z.string().optional() });

export interface ScanResult extends SweepPlan {
  vpcs: number;
  drifted: number;
  hub: string;
  proxy: string;
  /** Targets whose reads failed after retries: reported and left for the next sweep. */
  skippedTargets: SkippedTarget[];
  /** The fleet snapshot DetectOverlaps reads (absent when no snapshot bucket is configured). */
  snapshot?: SnapshotSummary;
}

export const handler = fleetTask('ScanFleet', inputSchema, async (input): Promise<ScanResult> => {
  const started = Date.parse(input.startTime ?? '');
  const now = Number.isNaN(started) ? Date.now() : started;
  const parsed = await readHubView();
  const hub: HubView = parsed.ok ? { ok: true, arn: parsed.arn, host: parsed.host, port: parsed.port } : parsed;
  const fleetTargets = fleetTargetsFromEnv();
  // With the fleet snapshot on, each target's one unfiltered DescribeVpcs serves both the scan and the snapshot.
  const bucket = snapshotBucket();
  const [proxy, scans] = await Promise.all([
    hub.ok ? probe(hub.host, hub.port) : Promise.resolve(undefined),
    scanTargets(fleetTargets, async (target) => ({ target, ...(await scanTarget(ec2For(target), target, { wholeFleet: Boolean(bucket) })) })),
  ]);
  const { skipped } = scans;
  const snapshots = scans.snapshots.map((s) => s.snapshot);
  const reads: TargetVpcs[] = [
    ...scans.snapshots.map((s) => ({ target: s.target, vpcs: s.fleet ?? [] })),
    ...skipped.map((s) => ({ target: { account: s.account, region: s.region }, error: `${s.error}: ${s.message}` })),
  ];
  const snapshot = bucket ? await writeFleetSnapshot(bucket, reads, now) : undefined;
  if (snapshot?.problem) logger.warn('fleet snapshot', { ...snapshot });
  await reportSkipped(skipped, input.execution);
  const interval = sweepIntervalSeconds();
  const ctx: DriftContext = { now, hub, proxy, sweepIntervalMs: interval * 1000 };
  const targets = snapshots.map((snapshot) => ({ snapshot, drift: fleetDrift(snapshot, ctx) }));
  const drifted = targets.flatMap((t) => t.drift.filter((d) => d.drift.length));

  const machine = process.env[ENV.reconcileStateMachineArn];
  if (drifted.length && !machine) throw new Error(`${ENV.reconcileStateMachineArn} is not set`);
  const running = drifted.length ? await runningReconciles(machine!) : new Set<string>();
  const plan = planSweep(targets, ctx, running, undefined, pacingFromEnv());

  for (const d of drifted.slice(0, 200)) logger.info('drift', { vpcId: d.vpcId, drift: d.drift });
  const result: ScanResult = {
    ...plan,
    vpcs: snapshots.reduce((n, s) => n + s.vpcs.length, 0),
    drifted: drifted.length,
    hub: hub.ok ? `ok ${hub.arn} port ${hub.port}` : hub.problem,
    proxy: proxy ? proxy.reason : 'not probed (no usable hub)',
    skippedTargets: skipped,
    ...(snapshot ? { snapshot } : {}),
  };
  logger.info('sweep plan', { ...result, work: undefined, proxyMarks: plan.proxyMarks.map((m) => ({ ...m, exclude: m.exclude.length })) });
  return result;
});

async function probe(host: string, port: number): Promise<ProxyHealth> {
  const r = await checkProxy(host, port);
  return { ok: r.outcome === 'Ok', reason: probeReason(r) };
}
