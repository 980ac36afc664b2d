/**
 * The fleet snapshot, purely: its format (one versioned JSON object with the time it was taken, the
 * targets it covers and each VPC's account, Region and CIDRs), whether DetectOverlaps may use one it
 * read (use / stale / fallback), and the fleet it then analyzes — the snapshot's other VPCs with this
 * run's fresh read of the VPC being reconciled. docs/design.md#tag-contract (egress-proxy:overlaps)
 */
import { z } from 'zod';
import { ENV } from '../../catalog';
import { secondsSetting } from '../settings';
import type { VpcCidrs } from '../cidr';
import type { FleetTarget } from './targets';

export const SNAPSHOT_FORMAT_VERSION = 1;
/** The object's key in the snapshot bucket (the functions' grants name this one object). */
export const SNAPSHOT_KEY = 'fleet/snapshot.json';
/** Used unless FLEET_SNAPSHOT_MAX_AGE_SECONDS says otherwise: two sweep periods. */
export const DEFAULT_MAX_AGE_SWEEP_PERIODS = 2;

const vpcSchema = z.object({ vpcId: z.string().min(1), account: z.string(), region: z.string(), cidrs: z.array(z.string()) });
export const snapshotSchema = z.object({
  formatVersion: z.literal(SNAPSHOT_FORMAT_VERSION),
  takenAt: z.iso.datetime(),
  /** Who wrote it: `sweep` (ScanFleet) or `fallback` (a DetectOverlaps that read the whole fleet). */
  takenBy: z.enum(['sweep', 'fallback']),
  targets: z.array(z.object({ account: z.string(), region: z.string() })),
  vpcs: z.array(vpcSchema),
});
export type FleetCidrSnapshot = z.infer<typeof snapshotSchema>;

/** What the adapter found in the bucket. */
export type SnapshotRead =
  | { kind: 'found'; body: string }
  | { kind: 'missing' }
  | { kind: 'unreadable'; reason: string };

export type SnapshotDecision =
  | { use: true; snapshot: FleetCidrSnapshot; ageMs: number }
  | { use: false; why: 'missing' | 'unreadable' | 'stale' | 'targets-changed'; detail: string };

export interface DecisionContext { now: number; maxAgeMs: number; targets: FleetTarget[] }

const key = (t: FleetTarget) => `${t.account}:${t.region}`;

export type SnapshotParse = { ok: true; snapshot: FleetCidrSnapshot } | { ok: false; why: 'missing' | 'unreadable'; detail: string };

/** A read turned into a snapshot, or why it is none (missing, not JSON, not the schema). */
export function parseSnapshot(read: SnapshotRead): SnapshotParse {
  if (read.kind === 'missing') return { ok: false, why: 'missing', detail: 'no fleet snapshot yet' };
  if (read.kind === 'unreadable') return { ok: false, why: 'unreadable', detail: read.reason };
  let json: unknown;
  try {
    json = JSON.parse(read.body);
  } catch (e) {
    return { ok: false, why: 'unreadable', detail: `not JSON: ${(e as Error).message}` };
  }
  const parsed = snapshotSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, why: 'unreadable', detail: `not a fleet snapshot: ${issue?.path.join('.') || '(root)'}: ${issue?.message}` };
  }
  return { ok: true, snapshot: parsed.data };
}

/** A parsed snapshot judged now: used only while younger than the bound and covering every target. */
export function judgeSnapshot(snapshot: FleetCidrSnapshot, ctx: DecisionContext): SnapshotDecision {
  const ageMs = ctx.now - Date.parse(snapshot.takenAt);
  if (ageMs > ctx.maxAgeMs) {
    return { use: false, why: 'stale', detail: `taken ${Math.round(ageMs / 1000)} s ago, older than ${Math.round(ctx.maxAgeMs / 1000)} s` };
  }
  const covered = new Set(snapshot.targets.map(key));
  const absent = ctx.targets.filter((t) => !covered.has(key(t)));
  if (absent.length) return { use: false, why: 'targets-changed', detail: `does not cover ${absent.map(key).join(', ')}` };
  return { use: true, snapshot, ageMs: Math.max(0, ageMs) };
}

export function decideSnapshotUse(read: SnapshotRead, ctx: DecisionContext): SnapshotDecision {
  const parsed = parseSnapshot(read);
  return parsed.ok ? judgeSnapshot(parsed.snapshot, ctx) : { use: false, why: parsed.why, detail: parsed.detail };
}

/** Staleness bound: FLEET_SNAPSHOT_MAX_AGE_SECONDS when set (a positive number of seconds, else InvalidSetting), else two sweep periods. */
export function snapshotMaxAgeMs(maxAgeSeconds: string | undefined, sweepIntervalSeconds: number): number {
  return secondsSetting(maxAgeSeconds, ENV.fleetSnapshotMaxAgeSeconds, DEFAULT_MAX_AGE_SWEEP_PERIODS * sweepIntervalSeconds, 'positive') * 1000;
}

/** The fleet to analyze: every VPC of the snapshot but `own`, and `own` as read just now. */
export function fleetFromSnapshot(snapshot: FleetCidrSnapshot, own: VpcCidrs): VpcCidrs[] {
  const out: VpcCidrs[] = snapshot.vpcs.filter((v) => v.vpcId !== own.vpcId);
  out.push(own);
  return out;
}

export function buildSnapshot(vpcs: VpcCidrs[], targets: FleetTarget[], now: number, takenBy: FleetCidrSnapshot['takenBy']): FleetCidrSnapshot {
  return {
    formatVersion: SNAPSHOT_FORMAT_VERSION,
    takenAt: new Date(now).toISOString(),
    takenBy,
    targets: targets.map((t) => ({ account: t.account, region: t.region })),
    vpcs: vpcs.map((v) => ({ vpcId: v.vpcId, account: v.account ?? '', region: v.region ?? '', cidrs: [...v.cidrs] })),
  };
}
