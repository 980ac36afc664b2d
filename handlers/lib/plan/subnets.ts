/**
 * Where the resource endpoint goes: one subnet per AZ that the resource gateway also serves, compared
 * by AZ ID — AZ names map to other physical zones in every account, AZ IDs do not
 * (https://docs.aws.amazon.com/global-infrastructure/latest/regions/az-ids.html). Every message names
 * the AZ IDs on both sides. https://docs.aws.amazon.com/vpc/latest/privatelink/use-resource-endpoint.html
 */
export interface SubnetFacts { id: string; azId: string; az?: string; mapPublicIpOnLaunch?: boolean }

export type SubnetChoice = { ok: true; subnetIds: string[] } | { ok: false; problem: string };

const list = (ids: Iterable<string>) => [...new Set(ids)].sort().join(', ') || 'none';
const served = (gatewayAzIds: string[]) => `the resource gateway serves AZ IDs ${list(gatewayAzIds)}`;

/**
 * Requested subnets (`egress:subnets`) must all exist in the VPC, be one per AZ ID and all be in AZ
 * IDs the gateway serves. Unrequested: the first private-looking subnet per served AZ ID; subnets in
 * other AZ IDs are left out of the desired state (the endpoint would report only the served ones).
 */
export function chooseSubnets(vpcSubnets: SubnetFacts[], gatewayAzIds: string[], requested?: string[]): SubnetChoice {
  const servedIds = new Set(gatewayAzIds);
  if (requested) {
    const byId = new Map(vpcSubnets.map((s) => [s.id, s]));
    const missing = requested.filter((id) => !byId.has(id));
    if (missing.length) return { ok: false, problem: `egress:subnets names ${missing.join(', ')}, not subnets of this VPC (it has ${list(byId.keys())})` };
    const perAz = new Map<string, string[]>();
    for (const id of requested) perAz.set(byId.get(id)!.azId, [...(perAz.get(byId.get(id)!.azId) ?? []), id]);
    const crowded = [...perAz].filter(([, ids]) => ids.length > 1);
    if (crowded.length) {
      return { ok: false, problem: `egress:subnets has more than one subnet in AZ ID ${crowded.map(([az, ids]) => `${az} (${ids.join(', ')})`).join('; ')}; an endpoint takes one subnet per AZ` };
    }
    const unserved = requested.filter((id) => !servedIds.has(byId.get(id)!.azId));
    if (unserved.length) {
      return { ok: false, problem: `egress:subnets names ${unserved.map((id) => `${id} (${byId.get(id)!.azId})`).join(', ')} in AZ IDs the gateway does not serve; ${served(gatewayAzIds)}` };
    }
    return { ok: true, subnetIds: [...requested].sort() };
  }
  const chosen = new Map<string, SubnetFacts>();
  const ordered = [...vpcSubnets].sort((a, b) =>
    Number(Boolean(a.mapPublicIpOnLaunch)) - Number(Boolean(b.mapPublicIpOnLaunch)) || a.id.localeCompare(b.id));
  for (const s of ordered) if (servedIds.has(s.azId) && !chosen.has(s.azId)) chosen.set(s.azId, s);
  if (!chosen.size) {
    return {
      ok: false,
      problem: `the VPC's subnets are in AZ IDs ${list(vpcSubnets.map((s) => s.azId))} and ${served(gatewayAzIds)}; add a subnet in one of those AZ IDs (AZ names differ between accounts)`,
    };
  }
  return { ok: true, subnetIds: [...chosen.values()].map((s) => s.id).sort() };
}
