/**
 * From drift to the sweep's two outputs, purely: the reconcile-vpc executions to start (with names two
 * overlapping sweeps agree on) and the bulk status marks for the proxy path (Squid down or back, hub
 * configuration gone). Both stay small enough for a Step Functions payload (256 KiB) at any fleet size.
 */
import { createHash } from 'node:crypto';
import { executionName } from '../names';
import type { DriftContext, FleetSnapshot, VpcDrift } from '../drift/types';
import { hubUnavailableReason, isProxyFailureReason, PROXY_FAILURE_REASONS, READY_REASON } from '../plan/reasons';
import { DEFAULT_LANE_LIMITS, sweepLaneAction, sweepSlots, type LaneAction, type PacingConfig } from '../pacing';
import { isOptedIn, STATUS_KEYS, type StatusState } from '../tags';

/**
 * One Map item, passed whole as the reconcile-vpc execution's input: `why` is for people reading the
 * execution, `notBefore` its pacing slot when later than the sweep's start (docs/design.md#workflows, "Pacing").
 */
export interface WorkItem { vpcId: string; account: string; region: string; name: string; why: string; trigger: 'sweep'; notBefore?: string }

/**
 * A bulk status change, by selection rather than by list (a 10,000-VPC list would not fit a payload):
 * MarkProxyHealth re-reads the opted-in VPCs in `fromStates` (and, when given, with a reason starting
 * with one of `fromReasons` and a proxy address), minus `exclude`, and writes `to` with `reason`.
 */
export interface StatusMark {
  account: string;
  region: string;
  to: Extract<StatusState, 'Ready' | 'Degraded' | 'Error'>;
  reason: string;
  fromStates: StatusState[];
  fromReasons?: string[];
  requireAddress?: boolean;
  exclude: string[];
  /** How many VPCs the scan saw in that selection. */
  seen: number;
}

export interface SweepPlan {
  work: WorkItem[];
  workCount: number;
  /** Drifted VPCs left for the next sweep (over the per-sweep cap). */
  deferred: number;
  /** Drifted VPCs skipped because a reconcile-vpc execution is already running for them. */
  skippedRunning: number;
  proxyMarks: StatusMark[];
  proxyMarkCount: number;
  byKind: Record<string, number>;
}

/**
 * The plan is the Map's input, limited to 256 KiB with the rest of the sweep's state: ~215 bytes per
 * work item (with `trigger` and `notBefore`) and ~24 per excluded VPC ID, so 800 items (~172 KB) and
 * 1,000 exclusions across all targets (~24 KB) leave room for the rest. test/handlers/lib/fleet/plan.test.ts
 * builds the largest plan and measures it.
 */
const MAX_WORK_PER_SWEEP = 800;
const MAX_EXCLUDE = 1000;

/**
 * `<vpc>-<generation>-s<hash>`: the hash covers the drift observed, the execution that last wrote
 * status, and the schedule period the sweep started in. Overlapping sweeps in one period that see the
 * same drift agree on the name (Step Functions starts it once; later starts get ExecutionAlreadyExists,
 * caught); the same drift coming back after a repair — a repair that changed no status tag, such as a
 * security group rule put back — gets a new name in the next period, so it is repaired again.
 */
export function sweepExecutionName(d: VpcDrift, now: number, periodMs: number): string {
  const basis = [...d.drift.map((x) => `${x.kind}:${x.detail}`).sort(), d.lastExecution ?? '', Math.floor(now / periodMs)].join('\n');
  return executionName(d.vpcId, d.generation, 'sweep', createHash('sha256').update(basis).digest('hex').slice(0, 8));
}

export interface TargetDrift { snapshot: FleetSnapshot; drift: VpcDrift[] }

const PACED_BY_DEFAULT: PacingConfig = { enabled: true, limits: DEFAULT_LANE_LIMITS };

export function planSweep(targets: TargetDrift[], ctx: DriftContext, running: Set<string>, maxWork = MAX_WORK_PER_SWEEP,
  pacing: PacingConfig = PACED_BY_DEFAULT): SweepPlan {
  const plan: SweepPlan = { work: [], workCount: 0, deferred: 0, skippedRunning: 0, proxyMarks: [], proxyMarkCount: 0, byKind: {} };
  const actions: (LaneAction | undefined)[] = [];
  for (const { snapshot, drift } of targets) {
    const tagsOf = new Map(snapshot.vpcs.map((v) => [v.vpcId, v.tags]));
    for (const d of drift) {
      if (!d.drift.length) continue;
      for (const x of d.drift) plan.byKind[x.kind] = (plan.byKind[x.kind] ?? 0) + 1;
      if (running.has(d.vpcId)) { plan.skippedRunning += 1; continue; }
      if (plan.work.length >= maxWork) { plan.deferred += 1; continue; }
      const why = [...new Set(d.drift.map((x) => x.kind))].join(',');
      plan.work.push({ vpcId: d.vpcId, account: snapshot.account, region: snapshot.region, name: sweepExecutionName(d, ctx.now, ctx.sweepIntervalMs), why, trigger: 'sweep' });
      actions.push(sweepLaneAction(d.drift, tagsOf.get(d.vpcId) ?? {}));
    }
    const excludedSoFar = plan.proxyMarks.reduce((n, m) => n + m.exclude.length, 0);
    plan.proxyMarks.push(...marksFor(snapshot, drift, ctx, MAX_EXCLUDE - excludedSoFar));
  }
  if (pacing.enabled) {
    const slots = sweepSlots(plan.work.map((w, i) => ({ ...w, action: actions[i] })), ctx.now, pacing.limits);
    plan.work.forEach((w, i) => { if (slots[i]) w.notBefore = slots[i]; });
  }
  plan.workCount = plan.work.length;
  plan.proxyMarkCount = plan.proxyMarks.reduce((n, m) => n + m.seen, 0);
  return plan;
}

function marksFor(snapshot: FleetSnapshot, drift: VpcDrift[], ctx: DriftContext, excludeBudget: number): StatusMark[] {
  const where = { account: snapshot.account, region: snapshot.region };
  const opted = snapshot.vpcs.filter((v) => isOptedIn(v.tags));
  const inState = (...states: string[]) => opted.filter((v) => states.includes(v.tags[STATUS_KEYS.state]));
  if (!ctx.hub.ok) {
    const seen = inState('Ready', 'Degraded').length;
    return seen ? [{ ...where, to: 'Error', reason: hubUnavailableReason(ctx.hub.problem), fromStates: ['Ready', 'Degraded'], exclude: [], seen }] : [];
  }
  if (!ctx.proxy) return [];
  if (!ctx.proxy.ok) {
    // Drifted Ready VPCs are marked too: the proxy is down for them as well, and their reconcile
    // (VerifyProxy) would end in the same Degraded.
    const seen = inState('Ready').length;
    return seen ? [{ ...where, to: 'Degraded', reason: ctx.proxy.reason, fromStates: ['Ready'], exclude: [], seen }] : [];
  }
  const drifted = new Set(drift.filter((d) => d.drift.length).map((d) => d.vpcId));
  const degraded = inState('Degraded').filter((v) => isProxyFailureReason(v.tags[STATUS_KEYS.reason])
    && v.tags[STATUS_KEYS.proxy] && v.tags[STATUS_KEYS.endpoint]);
  const exclude = degraded.filter((v) => drifted.has(v.vpcId)).map((v) => v.vpcId);
  const seen = degraded.length - exclude.length;
  // Too many drifted ones to list: leave recovery to their reconciles (each ends Ready by itself).
  if (!seen || exclude.length > excludeBudget) return [];
  return [{
    ...where, to: 'Ready', reason: READY_REASON, fromStates: ['Degraded'], fromReasons: [...PROXY_FAILURE_REASONS],
    requireAddress: true, exclude, seen,
  }];
}
