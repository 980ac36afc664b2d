/**
 * DetectOverlaps: this VPC's CIDR overlaps with every other VPC the operator can see — every
 * account and region of the fleet (FLEET_TARGETS, as the sweep sees it) plus the VPC's own — by the
 * fleet-scale engine. Recorded as status (egress-proxy:overlaps); PrivateLink works regardless, the
 * report drives CIDR planning.
 */
import { ec2For } from './lib/aws-clients';
import { analyzeOverlaps, formatOverlapsTag, type VpcCidrs } from './lib/cidr';
import { fleetTargetsFromEnv, type FleetTarget } from './lib/fleet/targets';
import { readFleetCidrs } from './lib/fleet-cidrs';
import { step } from './lib/step';

export const handler = step('DetectOverlaps', async ({ state }) => {
  const own: FleetTarget | undefined = state.account && state.region ? { account: state.account, region: state.region } : undefined;
  const targets = uniqueTargets([...(own ? [own] : []), ...fleetTargetsFromEnv()]);
  const fleet: VpcCidrs[] = [];
  const seen = new Set<string>();
  for (const target of targets) {
    for (const vpc of await readFleetCidrs(ec2For(target), target.account || undefined, target.region)) {
      if (!seen.has(vpc.vpcId)) { seen.add(vpc.vpcId); fleet.push(vpc); }
    }
  }
  if (!seen.has(state.vpcId)) fleet.push({ vpcId: state.vpcId, cidrs: state.observed?.cidrs ?? [] });
  const result = analyzeOverlaps(fleet, { detailFor: [state.vpcId], limit: 20 });
  const mine = result.vpcs.find((v) => v.vpcId === state.vpcId)!;
  return {
    count: mine.overlapCount,
    overlapsWith: (mine.overlapsWith ?? []).map((p) => p.vpcId),
    tag: formatOverlapsTag(mine),
    searched: targets.map((t) => `${t.account}:${t.region}`),
  };
});

function uniqueTargets(targets: FleetTarget[]): FleetTarget[] {
  const byKey = new Map(targets.map((t) => [`${t.account}:${t.region}`, t]));
  return [...byKey.values()];
}
