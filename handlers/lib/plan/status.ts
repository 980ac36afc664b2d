/**
 * The status planner: a small fixed set of states with a reason (docs/design.md#tag-contract), decided
 * from the workflow state. status-tags.ts turns a change into the tags wanted and says whether the
 * tags on a VPC are what this planner would write; aws/status-writer.ts reads, applies and writes the diff.
 */
import { ADDRESS_KEYS, STATUS_KEYS, type StatusState, type TagMap, fitTagValue } from '../tags';
import type { WorkflowState } from '../workflow-state';
import { READY_REASON } from './reasons';
import { isTransientFailure } from './requeue';

/** The sweep's period when FLEET_SWEEP_INTERVAL_SECONDS is not set (the Operator stack's schedule). */
export const DEFAULT_SWEEP_PERIOD_MS = 900_000;

/**
 * How the VPC's status tags should change:
 * - `replace`: exactly these keys (plus generation/since/execution), the rest removed — a full status;
 * - `patch`: set these, remove those, keep the rest — what an error knows (it must not wipe the
 *   proxy address of an endpoint that still serves); `retry` sets the requeue tag of a transient
 *   Error one attempt further (`{ periodMs }`: the sweep's period) or removes it (`'clear'`);
 * - `clear`: remove the operator's status, except `keep`, and write only `set` (no state, generation,
 *   since or execution: the opt-out is finished);
 * - `skip`: write nothing (the VPC is gone, or a newer spec superseded this run).
 */
export type StatusChange =
  | { kind: 'replace'; tags: TagMap }
  | { kind: 'patch'; set: TagMap; remove?: string[]; retry?: { periodMs: number } | 'clear' }
  | { kind: 'clear'; keep?: string[]; set?: TagMap }
  | { kind: 'skip' };

export interface StatusDecision {
  /** The state this run leaves (undefined: status removed or untouched). */
  state?: StatusState;
  reason?: string;
  change: StatusChange;
  /** The reconcile did not reach its goal (the execution then ends Failed). */
  failed: boolean;
}

/** `Reason: message` from a Catch's {Error, Cause}; Lambda Causes are JSON with errorMessage. */
export function reasonOf(error: { Error: string; Cause?: string }): string {
  let message = error.Cause ?? '';
  try {
    const parsed = JSON.parse(message) as { errorMessage?: string };
    if (parsed && typeof parsed.errorMessage === 'string') message = parsed.errorMessage;
  } catch { /* a plain-text cause */ }
  // ProxyCheckFailed already carries the probe's own reason ("ProxyUnreachable: …").
  if (error.Error === 'ProxyCheckFailed' && /^[A-Z][A-Za-z]+: /.test(message)) return fitTagValue(message);
  return fitTagValue(`${error.Error}: ${message || 'no detail'}`.replace(/\s+/g, ' ').trim());
}

export function decideStatus(s: WorkflowState, opts: { sweepPeriodMs?: number } = {}): StatusDecision {
  if (s.dryRun) {
    return { change: { kind: 'skip' }, failed: Boolean(s.error), reason: s.error ? reasonOf(s.error) : 'DryRun: planned only, nothing changed' };
  }
  const overlaps: TagMap = s.overlaps ? { [STATUS_KEYS.overlaps]: s.overlaps.tag } : {};
  if (s.error?.Error === 'VpcGone' || s.error?.Error === 'Superseded' || (s.observed && !s.observed.exists)) {
    return { change: { kind: 'skip' }, failed: false };
  }
  if (s.error) {
    const state: StatusState = s.error.Error === 'ProxyCheckFailed' ? 'Degraded' : 'Error';
    const reason = reasonOf(s.error);
    const address: TagMap = s.endpoint?.proxyHost && s.observed?.hub
      ? { [STATUS_KEYS.proxy]: proxyUrl(s.endpoint.proxyHost, s.observed.hub.proxyPort), [STATUS_KEYS.endpoint]: s.endpoint.endpointId }
      : {};
    // Opting out stopped after the endpoints were deleted: no address is left to advertise.
    const remove = s.error.Error === 'SecurityGroupInUse' ? ADDRESS_KEYS : [];
    // A transient Error is requeued by the sweep with backoff; Degraded and terminal errors are not.
    const retry = state === 'Error' && isTransientFailure(s.error.Error) ? { periodMs: opts.sweepPeriodMs ?? DEFAULT_SWEEP_PERIOD_MS } : 'clear' as const;
    return {
      state, reason, failed: true,
      change: { kind: 'patch', set: { [STATUS_KEYS.state]: state, [STATUS_KEYS.reason]: reason, ...overlaps, ...address }, remove, retry },
    };
  }
  if (s.observed?.desired === 'absent') {
    // With deletion-policy=retain the endpoint keeps serving: its address stays for the owner.
    const keep = (s.finalized?.retained.length ?? 0) > 0 ? ADDRESS_KEYS : [];
    // `egress` holds a value we do not accept: opted out, and the reason says which values are accepted.
    const note = s.observed.spec.optOutNote;
    // A finished opt-out: no state, generation, since or execution — only the note (and a retained address).
    if (note) return { change: { kind: 'clear', keep, set: { [STATUS_KEYS.reason]: fitTagValue(note) } }, failed: false };
    return { change: { kind: 'clear', keep }, failed: false };
  }
  const hub = s.observed!.hub!;
  const endpoint = s.endpoint!;
  // The successor is verified and serves: Ready. A replaced endpoint that could not be retired is said
  // in the reason; the sweep sees the extra endpoint as drift and removes it.
  const reason = s.retireError
    ? fitTagValue(`${READY_REASON}; retiring the replaced endpoint failed, the sweep retries: ${reasonOf(s.retireError)}`)
    : READY_REASON;
  return {
    state: 'Ready',
    reason,
    change: {
      kind: 'replace',
      tags: {
        [STATUS_KEYS.state]: 'Ready',
        [STATUS_KEYS.reason]: reason,
        [STATUS_KEYS.proxy]: proxyUrl(endpoint.proxyHost!, hub.proxyPort),
        [STATUS_KEYS.endpoint]: endpoint.endpointId,
        ...overlaps,
      },
    },
    failed: false,
  };
}

function proxyUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
