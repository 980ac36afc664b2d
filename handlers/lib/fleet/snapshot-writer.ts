/**
 * The sweep's half of the fleet snapshot: one unfiltered, paginated DescribeVpcs per fleet target
 * (every VPC, opted in or not: all of them count in overlaps) and one PutObject. A target that cannot be
 * read is left out of the snapshot's `targets`, so DetectOverlaps falls back to reading the fleet rather
 * than miss its VPCs; a failed write is reported, never fatal to the sweep. docs/design.md#workflows
 */
import type { EC2Client } from '@aws-sdk/client-ec2';
import { snapshotBucket, writeSnapshot } from '../aws/snapshot';
import { toOperatorError } from '../aws/call';
import type { VpcCidrs } from '../cidr';
import { readFleetCidrs } from '../fleet-cidrs';
import { buildSnapshot } from './snapshot-plan';
import type { FleetTarget } from './targets';

export interface SnapshotSummary {
  written: boolean;
  vpcs: number;
  /** Targets covered, `account:region`. */
  targets: string[];
  /** Why it was not written, or which targets it lacks. */
  problem?: string;
}

export async function refreshSnapshot(targets: FleetTarget[], clientFor: (t: FleetTarget) => EC2Client, now: number): Promise<SnapshotSummary | undefined> {
  const bucket = snapshotBucket();
  if (!bucket) return undefined;
  const covered: FleetTarget[] = [];
  const missed: string[] = [];
  const seen = new Set<string>();
  const vpcs: VpcCidrs[] = [];
  const reads = await Promise.all(targets.map(async (t) => {
    try {
      return { t, vpcs: await readFleetCidrs(clientFor(t), t.account || undefined, t.region) };
    } catch (err) {
      return { t, error: toOperatorError(err, `DescribeVpcs ${t.account}:${t.region}`).message };
    }
  }));
  for (const r of reads) {
    if (!r.vpcs) { missed.push(`${r.t.account}:${r.t.region} (${r.error})`); continue; }
    covered.push(r.t);
    for (const v of r.vpcs) if (!seen.has(v.vpcId)) { seen.add(v.vpcId); vpcs.push(v); }
  }
  const names = covered.map((t) => `${t.account}:${t.region}`);
  if (!covered.length) return { written: false, vpcs: 0, targets: [], problem: `no target readable: ${missed.join('; ')}`.slice(0, 400) };
  const out = await writeSnapshot(bucket, buildSnapshot(vpcs, covered, now, 'sweep'));
  if (!out.written) return { written: false, vpcs: vpcs.length, targets: names, problem: out.reason };
  return { written: true, vpcs: vpcs.length, targets: names, ...(missed.length ? { problem: `not covered: ${missed.join('; ')}`.slice(0, 400) } : {}) };
}
