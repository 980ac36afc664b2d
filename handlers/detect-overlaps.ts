/**
 * DetectOverlaps: this VPC's CIDR overlaps with every other VPC the operator can see in its account
 * and region, by the fleet-scale engine. Recorded as status (egress-proxy:overlaps); PrivateLink
 * works regardless, the report drives CIDR planning.
 */
import { ec2For } from './lib/aws-clients';
import { analyzeOverlaps, formatOverlapsTag } from './lib/cidr';
import { readFleetCidrs } from './lib/fleet-cidrs';
import { step } from './lib/step';

export const handler = step('DetectOverlaps', async ({ state }) => {
  const fleet = await readFleetCidrs(ec2For(state), state.account, state.region);
  if (!fleet.some((v) => v.vpcId === state.vpcId)) fleet.push({ vpcId: state.vpcId, cidrs: state.observed?.cidrs ?? [] });
  const result = analyzeOverlaps(fleet, { detailFor: [state.vpcId], limit: 20 });
  const mine = result.vpcs.find((v) => v.vpcId === state.vpcId)!;
  return {
    count: mine.overlapCount,
    overlapsWith: (mine.overlapsWith ?? []).map((p) => p.vpcId),
    tag: formatOverlapsTag(mine),
  };
});
