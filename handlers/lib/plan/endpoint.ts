/**
 * The endpoint planner: which owned resource endpoint to keep, whether to create one, which to delete
 * now and which to retire only after the successor is verified (a replaced endpoint keeps serving
 * meanwhile). Duplicates: the oldest matching live endpoint is kept. docs/design.md#planners-and-drift
 */
import { createHash } from 'node:crypto';
import type { ObservedEndpoint } from '../workflow-state';
import { endpointPhase, isGoing, isLive } from './readiness';

export interface DesiredEndpoint {
  resourceConfigurationArn: string;
  /** undefined: any placement will do (the sweep cannot compute the default placement in bulk). */
  subnetIds?: string[];
  /** undefined: any security group will do (there is no owned group to compare with yet). */
  securityGroupIds?: string[];
}

export type Mismatch = 'subnets' | 'securityGroups' | 'resourceConfiguration';

export type EndpointReason =
  | { why: 'failed'; detail: string }
  | { why: 'duplicate'; detail: string }
  | { why: 'mismatch'; differs: Mismatch[]; detail: string };

export type EndpointAction =
  | { kind: 'CreateEndpoint' }
  | { kind: 'DeleteEndpoints'; ids: string[] }
  /** Delete these once the new endpoint is verified (RetireReplaced). */
  | { kind: 'RetireAfterVerify'; ids: string[] };

export interface EndpointPlan {
  keep?: string;
  actions: EndpointAction[];
  /** Why each endpoint that is not kept goes (logged with the plan). */
  reasons: Record<string, EndpointReason>;
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

export function mismatches(e: ObservedEndpoint, d: DesiredEndpoint): Mismatch[] {
  const out: Mismatch[] = [];
  if (d.subnetIds && !sameSet(e.subnetIds, d.subnetIds)) out.push('subnets');
  if (d.securityGroupIds && !sameSet(e.securityGroupIds, d.securityGroupIds)) out.push('securityGroups');
  if (e.resourceConfigurationArn !== d.resourceConfigurationArn) out.push('resourceConfiguration');
  return out;
}

const oldestFirst = (endpoints: ObservedEndpoint[]) =>
  [...endpoints].sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? '') || a.id.localeCompare(b.id));

/**
 * `serving`: the endpoint the VPC's status names (`egress-proxy:endpoint`), the one clients use. When a
 * replacement is needed while an earlier, unverified replacement is still live (the owner changed the
 * spec twice quickly), only the serving one waits for the new endpoint's verification; the others go
 * now — so a VPC never holds more than two live owned endpoints.
 */
export function planEndpoint(desired: DesiredEndpoint, observed: ObservedEndpoint[], serving?: string): EndpointPlan {
  const ordered = oldestFirst(observed);
  const keep = ordered.find((e) => isLive(e.state) && !mismatches(e, desired).length);
  const reasons: Record<string, EndpointReason> = {};
  for (const e of ordered) {
    if (e === keep || isGoing(e.state)) continue;
    const differs = mismatches(e, desired);
    if (endpointPhase(e.state) === 'failed') reasons[e.id] = { why: 'failed', detail: `${e.id} is ${e.state}` };
    else if (differs.length) reasons[e.id] = { why: 'mismatch', differs, detail: `${e.id}: ${differs.join(', ')} differ from the spec` };
    else reasons[e.id] = { why: 'duplicate', detail: `${e.id} duplicates ${keep!.id}` };
  }
  const going = Object.keys(reasons);
  const actions: EndpointAction[] = [];
  // Without a kept endpoint, a live one being replaced still serves until its successor is verified.
  const liveGoing = keep ? [] : going.filter((id) => isLive(ordered.find((e) => e.id === id)!.state));
  const serves = liveGoing.find((id) => id === serving)
    ?? liveGoing.find((id) => endpointPhase(ordered.find((e) => e.id === id)!.state) === 'available') ?? liveGoing[0];
  const retire = serves ? [serves] : [];
  const deleteNow = going.filter((id) => !retire.includes(id));
  // Deletes first: what goes now serves nobody, and the new endpoint never makes a third live one.
  if (deleteNow.length) actions.push({ kind: 'DeleteEndpoints', ids: deleteNow });
  if (!keep) actions.push({ kind: 'CreateEndpoint' });
  if (retire.length) actions.push({ kind: 'RetireAfterVerify', ids: retire });
  return { ...(keep ? { keep: keep.id } : {}), actions, reasons };
}

/** Idempotency token: the same VPC, configuration, generation and placement → the same endpoint. */
export function clientToken(vpcId: string, desired: Required<DesiredEndpoint>, generation: string, salt = ''): string {
  const basis = [vpcId, desired.resourceConfigurationArn, generation, ...desired.subnetIds, '|', ...desired.securityGroupIds, salt];
  return createHash('sha256').update(basis.join('\n')).digest('hex').slice(0, 32);
}
