/**
 * The fleet sweep's drift function (issue #6): for every VPC of one account and region, why it needs a
 * reconcile — from bulk reads only, decided purely. A VPC with no drift costs nothing beyond the scan.
 *
 * Lifecycle rules: Progressing/Deleting younger than 30 minutes belong to the execution writing them;
 * Error is retried at most once an hour (in the first sweep period after each full hour since it was
 * written), so a terminal problem such as a missing hub is stated, not looped on. Owner-driven drift
 * (spec changed, opted out) always counts.
 */
import { parseSpec, generationOf } from '../spec';
import { ALL_STATUS_KEYS, STATES, STATUS_KEYS } from '../tags';
import { endpointDrift, isGoing, liveEndpoints, securityGroupDrift, statusDrift } from './checks';
import { isHubUnavailableReason } from './proxy-reasons';
import type {
  Drift, DriftContext, FleetSnapshot, ScannedAssociation, ScannedEndpoint, ScannedGroup, ScannedVpc, VpcDrift,
} from './types';

export * from './types';
export * from './proxy-reasons';

export const STUCK_AFTER_MS = 30 * 60_000;
export const ERROR_RETRY_MS = 60 * 60_000;

export interface Owned { endpoints: ScannedEndpoint[]; groups: ScannedGroup[] }

export function vpcDrift(vpc: ScannedVpc, owned: Owned, associations: Map<string, ScannedAssociation>, ctx: DriftContext): VpcDrift {
  const tags = vpc.tags;
  const state = tags[STATUS_KEYS.state];
  const generation = generationOf(tags);
  const result = (drift: Drift[]): VpcDrift => ({
    vpcId: vpc.vpcId, generation, drift,
    ...(state !== undefined ? { state } : {}),
    ...(tags[STATUS_KEYS.execution] ? { lastExecution: tags[STATUS_KEYS.execution] } : {}),
  });
  const since = Date.parse(tags[STATUS_KEYS.since] ?? '');
  const age = Number.isNaN(since) ? Infinity : ctx.now - since;
  const young = (state === 'Progressing' || state === 'Deleting') && age <= STUCK_AFTER_MS;
  if (young) return result([]);
  const stuck: Drift[] = state === 'Progressing' || state === 'Deleting'
    ? [{ kind: 'StuckProgressing', detail: `${state} since ${tags[STATUS_KEYS.since] ?? '(no since tag)'}` }] : [];

  const spec = parseSpec(tags).spec;
  if (!spec.optedIn) {
    const held = [...owned.endpoints.filter((e) => !isGoing(e)).map((e) => e.id), ...owned.groups.map((g) => g.id)];
    // deletion-policy=retain leaves the retained endpoint's address on purpose: that is done, not drift.
    const retainedAddress: string[] = [STATUS_KEYS.proxy, STATUS_KEYS.endpoint];
    const statusKeys = ALL_STATUS_KEYS.filter((k) => k in tags && !(state === undefined && retainedAddress.includes(k)));
    if (!held.length && !statusKeys.length) return result([]);
    // An opt-out that ended in Error (e.g. our group still referenced) is retried like any Error: hourly.
    if (state === 'Error') return result(errorDrift(tags[STATUS_KEYS.reason], tags[STATUS_KEYS.since], age, ctx));
    return result([...stuck, { kind: 'OptedOut', detail: `egress is ${JSON.stringify(tags.egress ?? null)}; still holds ${[...held, ...statusKeys].join(', ')}` }]);
  }
  if (state === undefined) return result([{ kind: 'NeverReconciled', detail: 'opted in, no egress-proxy:state' }]);

  const drift: Drift[] = [...stuck];
  if (tags[STATUS_KEYS.generation] !== generation) {
    drift.push({ kind: 'SpecChanged', detail: `status describes generation ${tags[STATUS_KEYS.generation] ?? '(none)'}, the tags are ${generation}` });
  }
  if (!(STATES as readonly string[]).includes(state)) {
    return result([...drift, { kind: 'StatusTampered', detail: `egress-proxy:state ${JSON.stringify(state.slice(0, 40))} is not a state` }]);
  }
  if (stuck.length) return result(drift);
  if (state === 'Error') return result([...drift, ...errorDrift(tags[STATUS_KEYS.reason], tags[STATUS_KEYS.since], age, ctx)]);
  // Ready or Degraded. Without a usable hub nothing else can be judged; the sweep marks them Error in bulk.
  if (!ctx.hub.ok) return result(drift);

  const sg = securityGroupDrift(owned.groups, vpc.cidrs, ctx.hub.port);
  drift.push(...endpointDrift({
    endpoints: owned.endpoints, groupId: sg.groupId, subnetIds: spec.subnetIds, hubArn: ctx.hub.arn, associations,
  }));
  drift.push(...sg.drift);
  const primary = liveEndpoints(owned.endpoints)[0];
  drift.push(...statusDrift(tags, primary, primary && associations.get(primary.id), ctx.hub.port));
  if (state === 'Degraded' && ctx.proxy?.ok && (!tags[STATUS_KEYS.proxy] || !tags[STATUS_KEYS.endpoint])) {
    drift.push({ kind: 'ProxyRecovered', detail: 'the proxy answers again and this VPC never got its address' });
  }
  return result(drift);
}

function errorDrift(reason: string | undefined, since: string | undefined, age: number, ctx: DriftContext): Drift[] {
  if (isHubUnavailableReason(reason)) {
    return ctx.hub.ok ? [{ kind: 'HubRecovered', detail: 'the resource configuration is usable again' }] : [];
  }
  if (!ctx.hub.ok) return []; // a retry could only end in HubUnavailable
  const window = age >= ERROR_RETRY_MS && (age === Infinity || age % ERROR_RETRY_MS < ctx.sweepIntervalMs);
  // The detail holds no clock reading, so overlapping sweeps name the retry alike.
  return window ? [{ kind: 'ErrorRetry', detail: `Error since ${since ?? '(no since tag)'}: ${(reason ?? '').slice(0, 80)}` }] : [];
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
    const held = [...o.endpoints.filter((e) => !isGoing(e)).map((e) => e.id), ...o.groups.map((g) => g.id)];
    if (!held.length) continue;
    // Not opted in and without our status, or gone: reconcile-vpc's Observe → Finalize handles both.
    out.push({ vpcId: owner, generation: generationOf({}), drift: [{ kind: 'Orphaned', detail: `owned ${held.join(', ')}; the VPC is gone or neither opted in nor carrying our status` }] });
  }
  return out;
}
