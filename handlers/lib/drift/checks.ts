/**
 * The per-resource drift rules for a VPC that is Ready or Degraded: its owned endpoint, its owned
 * security group, and the status tags that describe them. Pure; each rule names only drift that a
 * reconcile-vpc execution repairs (anything else would start a reconcile every sweep for nothing).
 */
import { desiredIngress, planIngress, type IngressRule } from '../plan-security-group';
import { STATUS_KEYS, type TagMap } from '../tags';
import { isProxyFailureReason, READY_REASON } from './proxy-reasons';
import type { Drift, ScannedAssociation, ScannedEndpoint, ScannedGroup } from './types';

const LIVE = new Set(['pending', 'pendingacceptance', 'available']);
const GOING = new Set(['deleting', 'deleted']);
/** Endpoint `State` casing differs by endpoint type (DESIGN.md §8). */
const stateOf = (e: ScannedEndpoint) => e.state.toLowerCase();
const sameSet = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

export const isLive = (e: ScannedEndpoint) => LIVE.has(stateOf(e));
export const isGoing = (e: ScannedEndpoint) => GOING.has(stateOf(e));

/** Oldest first, as planEndpoint keeps the oldest. */
export function liveEndpoints(endpoints: ScannedEndpoint[]): ScannedEndpoint[] {
  return endpoints.filter(isLive).sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? '') || a.id.localeCompare(b.id));
}

export interface EndpointFacts {
  endpoints: ScannedEndpoint[];
  /** The security group EnsureSecurityGroup would use (the lowest owned group ID), if any. */
  groupId?: string;
  /** `egress:subnets`, when the owner set it. */
  subnetIds?: string[];
  hubArn: string;
  associations: Map<string, ScannedAssociation>;
}

export function endpointDrift(f: EndpointFacts): Drift[] {
  const drift: Drift[] = [];
  const live = liveEndpoints(f.endpoints);
  const failed = f.endpoints.filter((e) => !isLive(e) && !isGoing(e));
  if (failed.length) drift.push({ kind: 'EndpointFailed', detail: failed.map((e) => `${e.id} is ${e.state}`).join(', ') });
  if (!live.length) return [...drift, { kind: 'EndpointMissing', detail: 'no live endpoint carries our ownership tags' }];
  if (live.length > 1) drift.push({ kind: 'DuplicateEndpoints', detail: live.map((e) => e.id).join(', ') });
  const primary = live[0];
  if (f.groupId && !sameSet(primary.securityGroupIds, [f.groupId])) {
    drift.push({ kind: 'WrongSecurityGroups', detail: `${primary.id} has ${primary.securityGroupIds.join(' ') || 'none'}, not ${f.groupId}` });
  }
  // Only checkable when the owner named the subnets: the default placement (one private subnet per
  // AZ the gateway serves) needs every VPC's subnets, a bulk read the sweep's call budget leaves out.
  if (f.subnetIds && !sameSet(primary.subnetIds, f.subnetIds)) {
    drift.push({ kind: 'WrongSubnets', detail: `${primary.id} is in ${primary.subnetIds.join(' ')}, egress:subnets says ${f.subnetIds.join(' ')}` });
  }
  if (primary.resourceConfigurationArn && primary.resourceConfigurationArn !== f.hubArn) {
    drift.push({ kind: 'WrongResourceConfiguration', detail: `${primary.id} is for ${primary.resourceConfigurationArn}` });
  }
  const association = f.associations.get(primary.id);
  if (stateOf(primary) === 'available' && association?.accessibility !== 'Accessible') {
    drift.push({ kind: 'AssociationInaccessible', detail: `${primary.id} association is ${association?.accessibility ?? 'missing'}` });
  }
  return drift;
}

/** EnsureSecurityGroup leaves rules naming groups or prefix lists alone, so they are not drift here. */
const repairable = (r: IngressRule) => !r.cidr.startsWith('group:') && !r.cidr.startsWith('prefix-list:');
const show = (r: IngressRule) => `${r.protocol}/${r.fromPort}${r.toPort !== r.fromPort ? `-${r.toPort}` : ''} from ${r.cidr}`;

/** The lowest owned group ID is the one EnsureSecurityGroup keeps; extra owned groups are left alone. */
export function securityGroupDrift(groups: ScannedGroup[], cidrs: string[], port: number): { drift: Drift[]; groupId?: string } {
  const group = [...groups].sort((a, b) => a.id.localeCompare(b.id))[0];
  if (!group) return { drift: [{ kind: 'SecurityGroupMissing', detail: 'no security group carries our ownership tags' }] };
  const plan = planIngress(desiredIngress(cidrs, port), group.rules);
  const revoke = plan.revoke.filter(repairable);
  if (!plan.authorize.length && !revoke.length) return { drift: [], groupId: group.id };
  const parts = [
    ...(plan.authorize.length ? [`missing ${plan.authorize.map(show).join(', ')}`] : []),
    ...(revoke.length ? [`extra ${revoke.map(show).join(', ')}`] : []),
  ];
  return { drift: [{ kind: 'SecurityGroupRulesChanged', detail: `${group.id}: ${parts.join('; ')}` }], groupId: group.id };
}

const PROXY_URL = /^http:\/\/([^\s/:[\]]+|\[[0-9A-Fa-f:.]+\]):(\d{1,5})$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** Status tags of a Ready or Degraded VPC against what is really there. */
export function statusDrift(tags: TagMap, primary: ScannedEndpoint | undefined, association: ScannedAssociation | undefined,
  port: number): Drift[] {
  const problems: string[] = [];
  const state = tags[STATUS_KEYS.state];
  const reason = tags[STATUS_KEYS.reason];
  // A VPC Degraded before it ever got an address has no endpoint tag yet; that is not tampering.
  const endpointTag = tags[STATUS_KEYS.endpoint];
  if (primary && (endpointTag !== undefined || state === 'Ready') && endpointTag !== primary.id) {
    problems.push(`egress-proxy:endpoint is ${JSON.stringify(tags[STATUS_KEYS.endpoint] ?? null)}, the endpoint is ${primary.id}`);
  }
  const url = tags[STATUS_KEYS.proxy];
  if (url === undefined) {
    if (state === 'Ready') problems.push('Ready without an egress-proxy address');
  } else {
    const m = PROXY_URL.exec(url);
    if (!m) problems.push(`egress-proxy ${JSON.stringify(url.slice(0, 60))} is not http://HOST:PORT`);
    else if (Number(m[2]) !== port) problems.push(`egress-proxy port ${m[2]} is not the proxy port ${port}`);
    else if (association?.dnsNames.length && !association.dnsNames.includes(m[1]) && !IPV4.test(m[1])) {
      problems.push(`egress-proxy host ${m[1]} is not the endpoint's DNS name`);
    }
  }
  if (state === 'Ready' && reason !== READY_REASON) problems.push(`Ready with reason ${JSON.stringify((reason ?? '').slice(0, 60))}`);
  if (state === 'Degraded' && !isProxyFailureReason(reason)) problems.push(`Degraded with reason ${JSON.stringify((reason ?? '').slice(0, 60))}`);
  return problems.length ? [{ kind: 'StatusTampered', detail: problems.join('; ') }] : [];
}
