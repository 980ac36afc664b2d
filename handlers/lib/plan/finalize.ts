/**
 * The finalize planner: reconcile to an empty desired state. Deletes what the operator owns for the
 * VPC — or, with `egress:deletion-policy=retain`, keeps it and drops the ownership tags — endpoints
 * first, security groups once the endpoints are gone; only then does PublishStatus clear the status
 * (the finalizer). docs/design.md#workflows
 */
import { endpointPhase } from './readiness';

export interface FinalizeFacts {
  endpoints: { id: string; state: string }[];
  groupIds: string[];
  retain: boolean;
}

export type FinalizeAction =
  /** Say `Deleting` on the VPC; drop the address tags once no endpoint is left to serve. */
  | { kind: 'MarkDeleting'; reason: string; removeAddress: boolean }
  | { kind: 'DropOwnership'; ids: string[] }
  | { kind: 'DeleteEndpoints'; ids: string[] }
  /** Requeue (DeletionInProgress) until these endpoints are gone. */
  | { kind: 'AwaitEndpointsGone'; ids: string[] }
  | { kind: 'DeleteSecurityGroups'; ids: string[] };

export const RETAINING_REASON = 'Retaining: egress:deletion-policy=retain keeps the endpoint';
export const DELETING_REASON = 'Deleting: removing the endpoint and security group';

export function planFinalize(f: FinalizeFacts): FinalizeAction[] {
  const present = f.endpoints.filter((e) => endpointPhase(e.state) !== 'going' || e.state.toLowerCase() === 'deleting');
  const deleting = present.filter((e) => endpointPhase(e.state) === 'going').map((e) => e.id);
  const held = present.filter((e) => endpointPhase(e.state) !== 'going').map((e) => e.id);
  if (!held.length && !f.groupIds.length) return deleting.length ? [{ kind: 'AwaitEndpointsGone', ids: deleting }] : [];
  const actions: FinalizeAction[] = [{ kind: 'MarkDeleting', reason: f.retain ? RETAINING_REASON : DELETING_REASON, removeAddress: !present.length }];
  if (f.retain) return [...actions, { kind: 'DropOwnership', ids: [...held, ...deleting, ...f.groupIds] }];
  if (held.length) actions.push({ kind: 'DeleteEndpoints', ids: held });
  if (present.length) return [...actions, { kind: 'AwaitEndpointsGone', ids: present.map((e) => e.id) }];
  return [...actions, { kind: 'DeleteSecurityGroups', ids: f.groupIds }];
}

/** Actions that change something in AWS (waiting for AWS to finish a deletion does not). */
export function finalizeWrites(actions: FinalizeAction[]): FinalizeAction[] {
  return actions.filter((a) => a.kind !== 'AwaitEndpointsGone');
}
