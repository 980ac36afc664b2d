/**
 * Pure decisions for the resource endpoint: which subnets it belongs in, and which owned endpoints to
 * keep, create or delete (duplicates: the oldest is kept, DESIGN.md §4).
 */
import { createHash } from 'node:crypto';
import type { ObservedEndpoint } from './workflow-state';

export interface SubnetFacts { id: string; azId: string; az?: string; mapPublicIpOnLaunch?: boolean }

export type SubnetChoice = { ok: true; subnetIds: string[] } | { ok: false; problem: string };

/**
 * One subnet per AZ the gateway also serves. Requested subnets must all exist in the VPC, be one per
 * AZ, and at least one must be in a served AZ; otherwise the first private-looking subnet per AZ.
 */
export function chooseSubnets(vpcSubnets: SubnetFacts[], gatewayAzIds: string[], requested?: string[]): SubnetChoice {
  const served = new Set(gatewayAzIds);
  if (requested) {
    const byId = new Map(vpcSubnets.map((s) => [s.id, s]));
    const missing = requested.filter((id) => !byId.has(id));
    if (missing.length) return { ok: false, problem: `egress:subnets names ${missing.join(', ')}, not subnets of this VPC` };
    const perAz = new Map<string, string[]>();
    for (const id of requested) perAz.set(byId.get(id)!.azId, [...(perAz.get(byId.get(id)!.azId) ?? []), id]);
    const crowded = [...perAz].filter(([, ids]) => ids.length > 1);
    if (crowded.length) return { ok: false, problem: `egress:subnets has more than one subnet in ${crowded.map(([az, ids]) => `${az} (${ids.join(', ')})`).join('; ')}; endpoints take one per AZ` };
    if (![...perAz.keys()].some((az) => served.has(az))) {
      return { ok: false, problem: `none of egress:subnets is in an AZ the proxy serves (${gatewayAzIds.join(', ')})` };
    }
    return { ok: true, subnetIds: [...requested].sort() };
  }
  const chosen = new Map<string, SubnetFacts>();
  const ordered = [...vpcSubnets].sort((a, b) =>
    Number(Boolean(a.mapPublicIpOnLaunch)) - Number(Boolean(b.mapPublicIpOnLaunch)) || a.id.localeCompare(b.id));
  for (const s of ordered) if (served.has(s.azId) && !chosen.has(s.azId)) chosen.set(s.azId, s);
  if (!chosen.size) {
    return { ok: false, problem: `the VPC has no subnet in an AZ the proxy serves (${gatewayAzIds.join(', ')}); add one or set egress:subnets` };
  }
  return { ok: true, subnetIds: [...chosen.values()].map((s) => s.id).sort() };
}

export interface DesiredEndpoint {
  resourceConfigurationArn: string;
  subnetIds: string[];
  securityGroupIds: string[];
}

export interface EndpointPlan {
  keep?: string;
  create: boolean;
  delete: string[];
  /** Why each deletion happens (logged with the plan). */
  reasons: Record<string, string>;
  /** Deletions that are still live (pending/available): they may serve until a successor is ready. */
  serving: string[];
}

const LIVE = new Set(['pending', 'pendingacceptance', 'available']);
const GOING = new Set(['deleting', 'deleted']);

const same = (a: string[], b: string[]) => a.length === b.length && [...a].sort().every((v, i) => v === [...b].sort()[i]);

export function matchesDesired(e: ObservedEndpoint, d: DesiredEndpoint): boolean {
  return e.resourceConfigurationArn === d.resourceConfigurationArn
    && same(e.subnetIds, d.subnetIds) && same(e.securityGroupIds, d.securityGroupIds);
}

export function planEndpoint(desired: DesiredEndpoint, observed: ObservedEndpoint[]): EndpointPlan {
  const state = (e: ObservedEndpoint) => e.state.toLowerCase(); // casing differs by type (DESIGN §8)
  const oldestFirst = [...observed].sort((a, b) =>
    (a.createdAt ?? '').localeCompare(b.createdAt ?? '') || a.id.localeCompare(b.id));
  const keep = oldestFirst.find((e) => LIVE.has(state(e)) && matchesDesired(e, desired));
  const reasons: Record<string, string> = {};
  for (const e of oldestFirst) {
    if (e === keep || GOING.has(state(e))) continue;
    if (!LIVE.has(state(e))) reasons[e.id] = `endpoint is ${e.state}`;
    else if (!matchesDesired(e, desired)) reasons[e.id] = 'subnets, security groups or configuration differ from the spec';
    else reasons[e.id] = `duplicate of ${keep!.id}`;
  }
  const serving = oldestFirst.filter((e) => reasons[e.id] && LIVE.has(state(e))).map((e) => e.id);
  return { keep: keep?.id, create: !keep, delete: Object.keys(reasons), reasons, serving };
}

/** Idempotency token: the same VPC, configuration, generation and placement → the same endpoint. */
export function clientToken(vpcId: string, desired: DesiredEndpoint, generation: string, salt = ''): string {
  const basis = [vpcId, desired.resourceConfigurationArn, generation, ...desired.subnetIds, '|', ...desired.securityGroupIds, salt];
  return createHash('sha256').update(basis.join('\n')).digest('hex').slice(0, 32);
}
