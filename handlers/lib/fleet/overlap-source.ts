/**
 * Which fleet DetectOverlaps analyzes (docs/design.md#tag-contract, egress-proxy:overlaps): the fleet
 * snapshot the sweep wrote, with this run's fresh read of the VPC being reconciled — exact for its own
 * CIDRs, at most one sweep period stale for the others. A missing, unreadable, stale or incomplete
 * snapshot falls back to reading every fleet target (the design before snapshots) and writes a new
 * snapshot from that read, so the next reconciles use it. No bucket, or FLEET_SNAPSHOT=off: always the read.
 *
 * An execution environment keeps the snapshot it read (or wrote) for a minute (FLEET_SNAPSHOT_CACHE_SECONDS):
 * in a rollout one environment serves many reconciles, and each would otherwise GetObject and parse the
 * same object. A kept snapshot is judged again on every use, so the age bound above still holds; what a
 * reconcile can miss is a newer snapshot written within that minute — the others' CIDRs are a sweep
 * period stale by design anyway (docs/design.md#tag-contract).
 */
import { ENV } from '../../catalog';
import { ec2For } from '../aws-clients';
import { readSnapshot, snapshotBucket, writeSnapshot } from '../aws/snapshot';
import type { VpcCidrs } from '../cidr';
import { createTtlCache } from '../cache';
import { readWholeFleet } from '../fleet-cidrs';
import { logger } from '../logger';
import { secondsSetting, sweepIntervalSeconds } from '../settings';
import {
  buildSnapshot, fleetFromSnapshot, judgeSnapshot, parseSnapshot, snapshotMaxAgeMs,
  type DecisionContext, type FleetCidrSnapshot, type SnapshotDecision,
} from './snapshot-plan';
import type { FleetTarget } from './targets';

const DEFAULT_CACHE_SECONDS = 60;

let kept: ReturnType<typeof createTtlCache<FleetCidrSnapshot>> | undefined;
let keptFor: number | undefined;

/** The environment's kept snapshots, by bucket (FLEET_SNAPSHOT_CACHE_SECONDS; 0 keeps none). */
function keptSnapshots() {
  const seconds = secondsSetting(process.env[ENV.fleetSnapshotCacheSeconds], ENV.fleetSnapshotCacheSeconds, DEFAULT_CACHE_SECONDS, 0);
  if (!kept || keptFor !== seconds) { kept = createTtlCache<FleetCidrSnapshot>(seconds * 1000); keptFor = seconds; }
  return kept;
}

/** Forget the kept snapshot (tests; the next DetectOverlaps reads the object again). */
export function forgetKeptSnapshot(): void {
  kept?.clear();
}

async function snapshotDecision(bucket: string, ctx: DecisionContext): Promise<SnapshotDecision> {
  const cache = keptSnapshots();
  const held = keptFor ? cache.get(bucket) : undefined;
  if (held) {
    const judged = judgeSnapshot(held, ctx);
    if (judged.use) return judged;
    cache.delete(bucket);
  }
  const parsed = parseSnapshot(await readSnapshot(bucket));
  if (!parsed.ok) return { use: false, why: parsed.why, detail: parsed.detail };
  const judged = judgeSnapshot(parsed.snapshot, ctx);
  if (judged.use && keptFor) cache.set(bucket, parsed.snapshot);
  return judged;
}

export interface OverlapFleet {
  fleet: VpcCidrs[];
  /** `snapshot`: the sweep's snapshot plus this VPC; `fleet-read`: every target read now. */
  source: 'snapshot' | 'fleet-read';
  /** Why the snapshot was not used (missing, unreadable, stale, targets-changed, off). */
  fallback?: string;
  /** Age of the snapshot used, in seconds. */
  snapshotAgeSeconds?: number;
}

export async function overlapFleet(own: VpcCidrs, targets: FleetTarget[], now = Date.now()): Promise<OverlapFleet> {
  const bucket = snapshotBucket();
  if (!bucket) return { fleet: withOwn(await readWholeFleet(targets, ec2For), own), source: 'fleet-read', fallback: 'off' };
  const maxAgeMs = snapshotMaxAgeMs(process.env[ENV.fleetSnapshotMaxAgeSeconds], sweepIntervalSeconds());
  const decision = await snapshotDecision(bucket, { now, maxAgeMs, targets });
  if (decision.use) {
    return { fleet: fleetFromSnapshot(decision.snapshot, own), source: 'snapshot', snapshotAgeSeconds: Math.round(decision.ageMs / 1000) };
  }
  logger.info('fleet snapshot not used: reading the fleet', { why: decision.why, detail: decision.detail });
  const read = await readWholeFleet(targets, ec2For);
  const rebuilt = buildSnapshot(read, targets, now, 'fallback');
  const written = await writeSnapshot(bucket, rebuilt);
  if (!written.written) logger.warn('fleet snapshot not written', { reason: written.reason });
  else if (keptFor) keptSnapshots().set(bucket, rebuilt);
  return { fleet: withOwn(read, own), source: 'fleet-read', fallback: decision.why };
}

/** The fleet with this VPC's fresh read in place of whatever the fleet held for it. */
function withOwn(fleet: VpcCidrs[], own: VpcCidrs): VpcCidrs[] {
  return [...fleet.filter((v) => v.vpcId !== own.vpcId), own];
}
