/**
 * Which fleet DetectOverlaps analyzes (docs/design.md#tag-contract, egress-proxy:overlaps): the fleet
 * snapshot the sweep wrote, with this run's fresh read of the VPC being reconciled — exact for its own
 * CIDRs, at most one sweep period stale for the others. A missing, unreadable, stale or incomplete
 * snapshot falls back to reading every fleet target (the design before snapshots) and writes a new
 * snapshot from that read, so the next reconciles use it. No bucket, or FLEET_SNAPSHOT=off: always the read.
 */
import { ENV } from '../../catalog';
import { ec2For } from '../aws-clients';
import { readSnapshot, snapshotBucket, writeSnapshot } from '../aws/snapshot';
import type { VpcCidrs } from '../cidr';
import { readWholeFleet } from '../fleet-cidrs';
import { logger } from '../logger';
import { buildSnapshot, decideSnapshotUse, fleetFromSnapshot, snapshotMaxAgeMs } from './snapshot-plan';
import type { FleetTarget } from './targets';

const DEFAULT_SWEEP_INTERVAL_SECONDS = 900;

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
  const sweepSeconds = Number(process.env[ENV.sweepIntervalSeconds]) || DEFAULT_SWEEP_INTERVAL_SECONDS;
  const maxAgeMs = snapshotMaxAgeMs(process.env[ENV.fleetSnapshotMaxAgeSeconds], sweepSeconds);
  const decision = decideSnapshotUse(await readSnapshot(bucket), { now, maxAgeMs, targets });
  if (decision.use) {
    return { fleet: fleetFromSnapshot(decision.snapshot, own), source: 'snapshot', snapshotAgeSeconds: Math.round(decision.ageMs / 1000) };
  }
  logger.info('fleet snapshot not used: reading the fleet', { why: decision.why, detail: decision.detail });
  const read = await readWholeFleet(targets, ec2For);
  const written = await writeSnapshot(bucket, buildSnapshot(read, targets, now, 'fallback'));
  if (!written.written) logger.warn('fleet snapshot not written', { reason: written.reason });
  return { fleet: withOwn(read, own), source: 'fleet-read', fallback: decision.why };
}

/** The fleet with this VPC's fresh read in place of whatever the fleet held for it. */
function withOwn(fleet: VpcCidrs[], own: VpcCidrs): VpcCidrs[] {
  return [...fleet.filter((v) => v.vpcId !== own.vpcId), own];
}
