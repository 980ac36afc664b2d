/**
 * The sweep's half of the fleet snapshot: every VPC of every fleet target (opted in or not: all of them
 * count in overlaps), taken from the scan's own unfiltered DescribeVpcs pages (handlers/lib/aws/fleet-scan.ts
 * `wholeFleet`), and one PutObject. A target that could not be read is left out of the snapshot's
 * `targets`, so DetectOverlaps falls back to reading the fleet rather than miss its VPCs; a failed write
 * is reported, never fatal to the sweep. docs/design.md#workflows
 */
import { writeSnapshot } from '../aws/snapshot';
import type { VpcCidrs } from '../cidr';
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

/** One target's read: its VPCs, or why they could not be read. */
export type TargetVpcs = { target: FleetTarget; vpcs: VpcCidrs[] } | { target: FleetTarget; error: string };

/** What would be written: the VPCs (each once), the targets covered and the targets missed. Pure. */
export function collectSnapshot(reads: TargetVpcs[]): { vpcs: VpcCidrs[]; covered: FleetTarget[]; missed: string[] } {
  const covered: FleetTarget[] = [];
  const missed: string[] = [];
  const seen = new Set<string>();
  const vpcs: VpcCidrs[] = [];
  for (const r of reads) {
    if ('error' in r) { missed.push(`${r.target.account}:${r.target.region} (${r.error})`); continue; }
    covered.push(r.target);
    for (const v of r.vpcs) if (!seen.has(v.vpcId)) { seen.add(v.vpcId); vpcs.push(v); }
  }
  return { vpcs, covered, missed };
}

export async function writeFleetSnapshot(bucket: string, reads: TargetVpcs[], now: number): Promise<SnapshotSummary> {
  const { vpcs, covered, missed } = collectSnapshot(reads);
  const names = covered.map((t) => `${t.account}:${t.region}`);
  if (!covered.length) return { written: false, vpcs: 0, targets: [], problem: `no target readable: ${missed.join('; ')}`.slice(0, 400) };
  const out = await writeSnapshot(bucket, buildSnapshot(vpcs, covered, now, 'sweep'));
  if (!out.written) return { written: false, vpcs: vpcs.length, targets: names, problem: out.reason };
  return { written: true, vpcs: vpcs.length, targets: names, ...(missed.length ? { problem: `not covered: ${missed.join('; ')}`.slice(0, 400) } : {}) };
}
