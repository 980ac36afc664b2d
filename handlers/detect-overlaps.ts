/**
 * DetectOverlaps: this VPC's CIDRs against every other VPC the operator can see — every account and
 * region of the fleet (FLEET_TARGETS, as the sweep sees it) plus the VPC's own — by the fleet-scale
 * engine. The others come from the sweep's fleet snapshot (at most one sweep period old), this VPC's
 * blocks from this run's Observe; without a usable snapshot the whole fleet is read
 * (handlers/lib/fleet/overlap-source.ts). Recorded as status (egress-proxy:overlaps); PrivateLink works
 * regardless, the report drives CIDR planning.
 */
import { ec2For } from './lib/aws-clients';
import { analyzeOverlaps, formatOverlapsTag, type VpcCidrs } from './lib/cidr';
import { overlapFleet } from './lib/fleet/overlap-source';
import { fleetTargetsFromEnv, type FleetTarget } from './lib/fleet/targets';
import { readVpcCidrs } from './lib/fleet-cidrs';
import { step } from './lib/step';

export const handler = step('DetectOverlaps', async ({ state }) => {
  const here: FleetTarget | undefined = state.account && state.region ? { account: state.account, region: state.region } : undefined;
  const targets = uniqueTargets([...(here ? [here] : []), ...fleetTargetsFromEnv()]);
  const own: VpcCidrs = state.observed
    ? { vpcId: state.vpcId, account: state.account, region: state.region, cidrs: state.observed.cidrs }
    : await readVpcCidrs(ec2For({ account: state.account, region: state.region }), state.vpcId, { account: state.account, region: state.region });
  const { fleet, source, fallback, snapshotAgeSeconds } = await overlapFleet(own, targets);
  const result = analyzeOverlaps(fleet, { detailFor: [state.vpcId], limit: 20 });
  const mine = result.vpcs.find((v) => v.vpcId === state.vpcId)!;
  return {
    count: mine.overlapCount,
    overlapsWith: (mine.overlapsWith ?? []).map((p) => p.vpcId),
    tag: formatOverlapsTag(mine),
    searched: targets.map((t) => `${t.account}:${t.region}`),
    source,
    ...(fallback ? { fallback } : {}),
    ...(snapshotAgeSeconds !== undefined ? { snapshotAgeSeconds } : {}),
  };
});

function uniqueTargets(targets: FleetTarget[]): FleetTarget[] {
  const byKey = new Map(targets.map((t) => [`${t.account}:${t.region}`, t]));
  return [...byKey.values()];
}
