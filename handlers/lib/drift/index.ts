/**
 * The fleet sweep's drift: for every VPC of one account and region, would the planners act on what
 * the bulk scan observed? This module keeps no rule of its own — it asks the requeue, finalize,
 * security group, endpoint, readiness and status planners (handlers/lib/plan/) and names their
 * answers as drift. docs/design.md#planners-and-drift
 */
import { planEndpoint, type EndpointPlan, type Mismatch } from '../plan/endpoint';
import { finalizeWrites, planFinalize } from '../plan/finalize';
import { isGoing, planReadiness } from '../plan/readiness';
import { errorRetry, isKnownState, isYoung, proxyRecovered, stuckDrift } from '../plan/requeue';
import { planSecurityGroup, type IngressRule, type SecurityGroupAction } from '../plan/security-group';
import { optOutStatusLeft, statusProblems } from '../plan/status-tags';
import { generationOf, parseSpec } from '../spec';
import { STATUS_KEYS } from '../tags';
import type {
  Drift, DriftContext, DriftKind, FleetSnapshot, ScannedAssociation, ScannedEndpoint, ScannedGroup, ScannedVpc, VpcDrift,
} from './types';

export * from './types';
export { READY_REASON } from '../plan/reasons';

export interface Owned { endpoints: ScannedEndpoint[]; groups: ScannedGroup[] }

const heldIds = (o: Owned) => [...o.endpoints.filter((e) => !isGoing(e.state)).map((e) => e.id), ...o.groups.map((g) => g.id)];

export function vpcDrift(vpc: ScannedVpc, owned: Owned, associations: Map<string, ScannedAssociation>, ctx: DriftContext): VpcDrift {
  const tags = vpc.tags;
  const state = tags[STATUS_KEYS.state];
  const generation = generationOf(tags);
  const result = (drift: Drift[]): VpcDrift => ({
    vpcId: vpc.vpcId, generation, drift,
    ...(state !== undefined ? { state } : {}),
    ...(tags[STATUS_KEYS.execution] ? { lastExecution: tags[STATUS_KEYS.execution] } : {}),
  });
  // Progressing/Deleting: a run is working on it, and the sweep leaves it to that run — but only while
  // one runs (the sweep skips VPCs with a running reconcile): a run that died between steps, or whose
  // last status write failed, left it behind, and the next sweep takes over instead of waiting 30 minutes.
  if (isYoung(tags, ctx.now)) return result([{ kind: 'InFlight', detail: `${state} since ${tags[STATUS_KEYS.since] ?? '(no since tag)'}` }]);
  const requeue = { now: ctx.now, hubOk: ctx.hub.ok, sweepIntervalMs: ctx.sweepIntervalMs };
  const stuck = stuckDrift(tags, ctx.now);

  const spec = parseSpec(tags).spec;
  if (!spec.optedIn) {
    const finalize = finalizeWrites(planFinalize({
      endpoints: owned.endpoints, groupIds: owned.groups.map((g) => g.id), retain: spec.deletionPolicy === 'retain',
    }));
    const statusLeft = optOutStatusLeft(tags, spec.optOutNote);
    if (!finalize.length && !statusLeft.length) return result([]);
    // An opt-out that ended in Error is requeued like any Error (transient: with backoff; terminal, e.g.
    // our group still referenced: hourly). Finalizing needs no hub, so a missing hub does not hold it.
    // Once nothing owned is left, the error is moot (what failed is gone): the leftover status is drift now.
    if (state === 'Error' && finalize.length) return result(errorRetry(tags, { ...requeue, hubOk: true }));
    return result([...stuck, { kind: 'OptedOut', detail: `egress is ${JSON.stringify(tags.egress ?? null)}; still holds ${[...heldIds(owned), ...statusLeft].join(', ')}` }]);
  }
  if (state === undefined) return result([{ kind: 'NeverReconciled', detail: 'opted in, no egress-proxy:state' }]);

  const drift: Drift[] = [...stuck];
  if (tags[STATUS_KEYS.generation] !== generation) {
    drift.push({ kind: 'SpecChanged', detail: `status describes generation ${tags[STATUS_KEYS.generation] ?? '(none)'}, the tags are ${generation}` });
  }
  if (!isKnownState(state)) {
    return result([...drift, { kind: 'StatusTampered', detail: `egress-proxy:state ${JSON.stringify(state.slice(0, 40))} is not a state` }]);
  }
  if (stuck.length) return result(drift);
  if (state === 'Error') {
    // Whatever the Error, a kept endpoint beside others the planner would delete now is drift:
    // a replacement must never leave two.
    const extra = ctx.hub.ok ? endpointDrift(planOwnedEndpoints(vpc, owned, ctx.hub, spec.subnetIds).endpoint, true) : [];
    return result([...drift, ...extra, ...errorRetry(tags, requeue)]);
  }
  // Ready or Degraded. Without a usable hub nothing else can be judged; the sweep marks them Error in bulk.
  if (!ctx.hub.ok) return result(drift);

  const { sg, endpoint } = planOwnedEndpoints(vpc, owned, ctx.hub, spec.subnetIds);
  drift.push(...endpointDrift(endpoint));
  const kept = owned.endpoints.find((e) => e.id === endpoint.keep);
  const association = kept && associations.get(kept.id);
  if (kept) {
    const readiness = planReadiness({
      endpointId: kept.id, state: kept.state, association: { accessibility: association?.accessibility, dnsNames: association?.dnsNames ?? [] },
    });
    if (readiness.kind === 'waiting' && readiness.on === 'association') drift.push({ kind: 'AssociationInaccessible', detail: readiness.why });
  }
  drift.push(...securityGroupDrift(sg.actions, sg.groupId));
  const problems = statusProblems(tags, kept && { id: kept.id, dnsNames: association?.dnsNames ?? [] }, ctx.hub.port);
  if (problems.length) drift.push({ kind: 'StatusTampered', detail: problems.join('; ') });
  drift.push(...proxyRecovered(tags, ctx.proxy?.ok));
  return result(drift);
}

/** The security group and endpoint planners asked about the bulk observation. */
function planOwnedEndpoints(vpc: ScannedVpc, owned: Owned, hub: Extract<DriftContext['hub'], { ok: true }>, subnetIds: string[] | undefined) {
  const sg = planSecurityGroup(owned.groups, { cidrs: vpc.cidrs, port: hub.port });
  const endpoint = planEndpoint({
    resourceConfigurationArn: hub.arn,
    ...(subnetIds ? { subnetIds } : {}),
    ...(sg.groupId ? { securityGroupIds: [sg.groupId] } : {}),
  }, owned.endpoints, vpc.tags[STATUS_KEYS.endpoint]);
  return { sg, endpoint };
}

const MISMATCH_KIND = { securityGroups: 'WrongSecurityGroups', subnets: 'WrongSubnets', resourceConfiguration: 'WrongResourceConfiguration' } as const;

/**
 * The endpoint planner's reasons, named: failed, missing, duplicate, or which part differs.
 * `besideKept`: only endpoints deleted now because a matching one is kept (nothing when none is).
 */
function endpointDrift(plan: EndpointPlan, besideKept = false): Drift[] {
  if (besideKept && !(plan.keep && plan.actions.some((a) => a.kind === 'DeleteEndpoints'))) return [];
  const reasons = Object.values(plan.reasons);
  const drift: Drift[] = [];
  const add = (kind: DriftKind, details: string[]) => { if (details.length) drift.push({ kind, detail: details.join(', ') }); };
  add('EndpointFailed', reasons.filter((r) => r.why === 'failed').map((r) => r.detail));
  const mismatched = reasons.flatMap((r) => (r.why === 'mismatch' ? [r] : []));
  if (plan.actions.some((a) => a.kind === 'CreateEndpoint') && !mismatched.length) {
    return [...drift, { kind: 'EndpointMissing', detail: 'no live endpoint carries our ownership tags' }];
  }
  add('DuplicateEndpoints', reasons.filter((r) => r.why === 'duplicate').map((r) => r.detail));
  for (const [aspect, kind] of Object.entries(MISMATCH_KIND)) {
    add(kind, mismatched.filter((r) => r.differs.includes(aspect as Mismatch)).map((r) => r.detail));
  }
  return drift;
}

const show = (r: IngressRule) => `${r.protocol}/${r.fromPort}${r.toPort !== r.fromPort ? `-${r.toPort}` : ''} from ${r.cidr}`;

function securityGroupDrift(actions: SecurityGroupAction[], groupId: string | undefined): Drift[] {
  if (actions.some((a) => a.kind === 'CreateSecurityGroup')) return [{ kind: 'SecurityGroupMissing', detail: 'no security group carries our ownership tags' }];
  const parts = actions.map((a) => `${a.kind === 'AuthorizeIngress' ? 'missing' : 'extra'} ${'rules' in a ? a.rules.map(show).join(', ') : ''}`);
  return parts.length ? [{ kind: 'SecurityGroupRulesChanged', detail: `${groupId}: ${parts.join('; ')}` }] : [];
}

/** Every scanned VPC's drift, plus the owners of orphans: owned resources whose VPC the scan did not return. */
export function fleetDrift(snapshot: FleetSnapshot, ctx: DriftContext): VpcDrift[] {
  const byOwner = new Map<string, Owned>();
  const ownedBy = (vpcId: string) => {
    let o = byOwner.get(vpcId);
    if (!o) byOwner.set(vpcId, (o = { endpoints: [], groups: [] }));
    return o;
  };
  for (const e of snapshot.endpoints) ownedBy(e.owner).endpoints.push(e);
  for (const g of snapshot.groups) ownedBy(g.owner).groups.push(g);
  const associations = new Map(snapshot.associations.map((a) => [a.endpointId, a]));
  const out = snapshot.vpcs.map((v) => vpcDrift(v, byOwner.get(v.vpcId) ?? { endpoints: [], groups: [] }, associations, ctx));

  const scanned = new Set(snapshot.vpcs.map((v) => v.vpcId));
  for (const [owner, o] of byOwner) {
    if (scanned.has(owner)) continue;
    const finalize = finalizeWrites(planFinalize({ endpoints: o.endpoints, groupIds: o.groups.map((g) => g.id), retain: false }));
    if (!finalize.length) continue;
    // Not opted in and without our status, or gone: reconcile-vpc's Observe → Finalize handles both.
    out.push({ vpcId: owner, generation: generationOf({}), drift: [{ kind: 'Orphaned', detail: `owned ${heldIds(o).join(', ')}; the VPC is gone or neither opted in nor carrying our status` }] });
  }
  return out;
}
