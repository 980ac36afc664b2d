/**
 * Status as a small fixed set of states with a reason (DESIGN.md §7.7), decided by a pure function
 * from the workflow state, and written as a diff of the VPC's status tags.
 */
import { READY_REASON } from './drift/proxy-reasons';
import { STATUS_KEYS, StatusState, TagMap, fitTagValue } from './tags';
import type { WorkflowState } from './workflow-state';

export interface StatusDecision {
  /** undefined = the operator's status is removed (finalized, or the VPC is gone). */
  state?: StatusState;
  reason?: string;
  /** Desired status tags, except `execution` and `since`, which writeStatus adds with the diff. */
  tags: TagMap;
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

export function decideStatus(s: WorkflowState): StatusDecision {
  const previous = s.observed?.statusTags ?? {};
  const generation = s.observed?.generation;
  const base = (state: StatusState, reason: string): TagMap => ({
    ...previous,
    [STATUS_KEYS.state]: state,
    [STATUS_KEYS.reason]: reason,
    ...(generation ? { [STATUS_KEYS.generation]: generation } : {}),
    ...(s.overlaps ? { [STATUS_KEYS.overlaps]: s.overlaps.tag } : {}),
  });

  if (s.error?.Error === 'VpcGone' || (s.observed && !s.observed.exists)) return { tags: {}, failed: false };
  if (s.error) {
    const state: StatusState = s.error.Error === 'ProxyCheckFailed' ? 'Degraded' : 'Error';
    return { state, reason: reasonOf(s.error), tags: base(state, reasonOf(s.error)), failed: true };
  }
  if (s.observed?.desired === 'absent') return { tags: {}, failed: false };

  const hub = s.observed!.hub!;
  const endpoint = s.endpoint!;
  const reason = READY_REASON;
  return {
    state: 'Ready',
    reason,
    tags: {
      ...base('Ready', reason),
      [STATUS_KEYS.proxy]: `http://${endpoint.proxyHost}:${hub.proxyPort}`,
      [STATUS_KEYS.endpoint]: endpoint.endpointId,
    },
    failed: false,
  };
}

export interface TagDiff { set: TagMap; remove: string[] }

/** What to write so `current` becomes `desired` (both: status keys only). Unchanged tags stay unwritten. */
export function diffTags(current: TagMap, desired: TagMap): TagDiff {
  const set: TagMap = {};
  for (const [k, v] of Object.entries(desired)) if (current[k] !== v) set[k] = v;
  const remove = Object.keys(current).filter((k) => !(k in desired));
  return { set, remove };
}
