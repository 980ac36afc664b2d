/**
 * What the executions of a rollout show, from their inputs and histories: who started each reconcile
 * (the tag-event dispatcher or the sweep), which failed, where DetectOverlaps took the fleet from, and
 * the longest `Pace` wait (the per-account pacing Wait state, when the workflow has one). The
 * dispatcher's own Lambda invocations are the tag-change rules' deliveries that reached it.
 */
import { MEMBER_RULE, OPERATOR_BUS_NAME, OWN_ACCOUNT_RULE } from '../../local/accounts-events';
import type { LocalCloud } from '../../local/cloud';

export interface ExecutionFigures {
  /** reconcile-vpc and reconcile-fleet executions started since the rollout began. */
  started: number;
  /** reconcile-vpc executions by who started them: `tag-event` (the dispatcher), `sweep`, or another trigger. */
  startedBy: Record<string, number>;
  /** reconcile-fleet executions (the sweep schedule's). */
  sweeps: number;
  failed: number;
  failures: string[];
  overlapSources: Record<string, number>;
  /** reconcile-vpc executions that went through the `Pace` Wait state, and the longest such wait in AWS seconds. */
  paced: number;
  longestPaceSeconds?: number;
}

const PACE_STATE = 'Pace';

interface HistoryLike { type: string; timestamp: number; details?: Record<string, unknown> }

/** Wall milliseconds of the longest stay in the `Pace` Wait state in one history (undefined: never entered). */
export function longestPaceMs(events: readonly HistoryLike[]): number | undefined {
  let entered: number | undefined;
  let longest: number | undefined;
  for (const e of events) {
    if ((e.details as { name?: string } | undefined)?.name !== PACE_STATE) continue;
    if (e.type === 'WaitStateEntered') entered = e.timestamp;
    if (e.type === 'WaitStateExited' && entered !== undefined) {
      longest = Math.max(longest ?? 0, e.timestamp - entered);
      entered = undefined;
    }
  }
  return longest;
}

function triggerOf(input: string): string {
  try {
    const trigger = (JSON.parse(input) as { trigger?: unknown }).trigger;
    return typeof trigger === 'string' ? trigger : '(none)';
  } catch {
    return '(unparsable input)';
  }
}

export function executionFigures(cloud: LocalCloud, since: number, speedup: number): ExecutionFigures {
  const out: ExecutionFigures = { started: 0, startedBy: {}, sweeps: 0, failed: 0, failures: [], overlapSources: {}, paced: 0 };
  let longestMs: number | undefined;
  for (const machine of ['reconcile-vpc', 'reconcile-fleet']) {
    for (const e of cloud.stepFunctions.executions.list(machine)) {
      if (e.startDate < since) continue;
      out.started += 1;
      if (e.status !== 'SUCCEEDED') {
        out.failed += 1;
        if (out.failures.length < 10) out.failures.push(`${e.name} ${e.status} ${e.error ?? ''}`.trim());
      }
      if (machine === 'reconcile-fleet') { out.sweeps += 1; continue; }
      const by = triggerOf(e.input);
      out.startedBy[by] = (out.startedBy[by] ?? 0) + 1;
      const source = e.output ? (JSON.parse(e.output) as { overlaps?: { source?: string } }).overlaps?.source : undefined;
      if (source) out.overlapSources[source] = (out.overlapSources[source] ?? 0) + 1;
      const pace = longestPaceMs(e.history.events);
      if (pace !== undefined) { out.paced += 1; longestMs = Math.max(longestMs ?? 0, pace); }
    }
  }
  if (longestMs !== undefined) out.longestPaceSeconds = (longestMs / 1000) * speedup;
  return out;
}

/** Deliveries of the operator's tag-change rules that reached the dispatcher (each one Lambda invocation). */
export function dispatcherInvocations(cloud: LocalCloud): number {
  const buses = [cloud.busFor(cloud.accountId, cloud.region), cloud.busFor(cloud.accountId, cloud.region, OPERATOR_BUS_NAME)];
  return buses.flatMap((b) => b.deliveries).filter((d) => (d.rule === OWN_ACCOUNT_RULE || d.rule === MEMBER_RULE) && d.attempt > 0).length;
}
