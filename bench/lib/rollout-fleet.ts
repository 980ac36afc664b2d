/**
 * The rollout benchmark's fleet: A accounts (the operator's and A-1 member accounts) holding N project
 * VPCs round-robin, each with a /16 from a pool of 250 (so a VPC overlaps about N/250 others, across
 * accounts) and a subnet in every AZ of its account, not opted in. Seeded at the store level: the
 * VPCs exist before the rollout, as they would in an organization adopting the operator.
 */
import type { LocalCloud } from '../../local/cloud';
import { zonesOf } from '../../local/ec2/az';

/** 12-digit member account IDs, distinct from the operator's and from the default members. */
export function memberAccountIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `4000000000${String(i + 1).padStart(2, '0')}`);
}

export interface SeededVpc { vpcId: string; account: string }

export function seedRolloutFleet(cloud: LocalCloud, vpcs: number): SeededVpc[] {
  const accounts = [cloud.accountId, ...cloud.memberAccountIds];
  const out: SeededVpc[] = [];
  for (let i = 0; i < vpcs; i++) {
    const account = accounts[i % accounts.length];
    const ec2 = cloud.ec2StoreFor(account);
    const second = i % 250;
    const vpc = ec2.createVpc({ cidrBlock: `10.${second}.0.0/16`, tags: { Name: `rollout-${i}` } });
    zonesOf(cloud.region, account).forEach((zone, k) => {
      ec2.createSubnet({ vpcId: vpc.id, cidrBlock: `10.${second}.${k + 1}.0/24`, availabilityZone: zone.name });
    });
    out.push({ vpcId: vpc.id, account });
  }
  return out;
}

/** Opt every VPC in at once (the tag a StackSet or tag policy writes): one tag event per VPC. */
export function tagAll(cloud: LocalCloud, fleet: SeededVpc[]): void {
  for (const { vpcId, account } of fleet) cloud.ec2StoreFor(account).tag(vpcId, { egress: 'proxy' });
}

/** The VPC's `egress-proxy:state` tag, read from the store directly: O(1), no API call, nothing counted. */
export function stateOf(cloud: LocalCloud, { vpcId, account }: SeededVpc): string | undefined {
  return cloud.ec2StoreFor(account).vpcs.get(vpcId)?.tags.get('egress-proxy:state');
}
