/**
 * Status as a small fixed set of states with a reason (DESIGN.md §7.7), decided by pure functions:
 * decideStatus (workflow state → the change to make) and applyChange (current tags + change → the
 * tags wanted). status-writer.ts reads, applies and writes the diff.
 */
import { READY_REASON } from './drift/proxy-reasons';
import { STATUS_KEYS, StatusState, TagMap, fitTagValue } from './tags';
import type { WorkflowState } from './workflow-state';

/**
 * How the VPC's status tags should change:
 * - `replace`: exactly these keys (plus generation/since/execution), the rest removed — a full status;
 * - `patch`: set these, remove those, keep the rest — what an error knows (it must not wipe the
 *   proxy address of an endpoint that still serves);
 * - `clear`: remove the operator's status, except `keep`;
 * - `skip`: write nothing (the VPC is gone, or a newer spec superseded this run).
 */
export type StatusChange =
  | { kind: 'replace'; tags: TagMap }
  | { kind: 'patch'; set: TagMap; remove?: string[] }
  | { kind: 'clear'; keep?: string[] }
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

const ADDRESS_KEYS = [STATUS_KEYS.proxy, STATUS_KEYS.endpoint];

export function decideStatus(s: WorkflowState): StatusDecision {
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
    return {
      state, reason, failed: true,
      change: { kind: 'patch', set: { [STATUS_KEYS.state]: state, [STATUS_KEYS.reason]: reason, ...overlaps, ...address }, remove },
    };
  }
  if (s.observed?.desired === 'absent') {
    // With deletion-policy=retain the endpoint keeps serving: its address stays for the owner.
    const keep = (s.finalized?.retained.length ?? 0) > 0 ? ADDRESS_KEYS : [];
    return { change: { kind: 'clear', keep }, failed: false };
  }
  const hub = s.observed!.hub!;
  const endpoint = s.endpoint!;
  return {
    state: 'Ready',
    reason: READY_REASON,
    change: {
      kind: 'replace',
      tags: {
        [STATUS_KEYS.state]: 'Ready',
        [STATUS_KEYS.reason]: READY_REASON,
        [STATUS_KEYS.proxy]: proxyUrl(endpoint.proxyHost!, hub.proxyPort),
        [STATUS_KEYS.endpoint]: endpoint.endpointId,
        ...overlaps,
      },
    },
    failed: false,
  };
}

export function proxyUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * The status tags wanted after `change`, given the current ones (status keys only) and the VPC's
 * current spec generation; undefined = write nothing. `since` moves only when the state changes.
 */
export function applyChange(current: TagMap, change: StatusChange, ctx: { generation: string; now: Date }): TagMap | undefined {
  let target: TagMap;
  switch (change.kind) {
    case 'skip': return undefined;
    case 'clear': return Object.fromEntries(Object.entries(current).filter(([k]) => change.keep?.includes(k)));
    case 'patch':
      target = { ...current, ...change.set };
      for (const k of change.remove ?? []) delete target[k];
      break;
    case 'replace': target = { ...change.tags }; break;
  }
  target[STATUS_KEYS.generation] = ctx.generation;
  const sameState = current[STATUS_KEYS.state] === target[STATUS_KEYS.state];
  target[STATUS_KEYS.since] = sameState && current[STATUS_KEYS.since] ? current[STATUS_KEYS.since] : ctx.now.toISOString();
  if (current[STATUS_KEYS.execution]) target[STATUS_KEYS.execution] = current[STATUS_KEYS.execution];
  return target;
}

export interface TagDiff { set: TagMap; remove: string[] }

/** What to write so `current` becomes `desired` (both: status keys only). Unchanged tags stay unwritten. */
export function diffTags(current: TagMap, desired: TagMap): TagDiff {
  const set: TagMap = {};
  for (const [k, v] of Object.entries(desired)) if (current[k] !== v) set[k] = v;
  const remove = Object.keys(current).filter((k) => !(k in desired));
  return { set, remove };
}
