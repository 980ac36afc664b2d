/**
 * The campaign's fleet: project VPCs in the operator account, all 10.0.0.0/16 (overlaps are the point
 * of the product), each with a role that decides what its owner does during the rounds. Built through
 * the local EC2 store (setup is not under test); everything after setup goes through the AWS SDK.
 */
import type { Ec2Store } from '../local/ec2/store';
import type { Prng } from './prng';

export const ROLES = ['steady', 'flipper', 'retain', 'mover', 'invalid', 'not-opted-in', 'foreign-host'] as const;
export type Role = (typeof ROLES)[number];

export interface FleetVpc {
  vpcId: string;
  role: Role;
  /** Subnets by AZ letter: a and b are served by the hub's gateway; d is not. */
  subnets: Record<string, string>;
  /** A second subnet in AZ a (for the two-subnets-in-one-AZ invalid spec). */
  extraSubnetA: string;
}

/** Roles in turn so that small fleets still have one of each of the first kinds; the seed shuffles them. */
export function createFleet(ec2: Ec2Store, random: Prng, count: number): FleetVpc[] {
  const roles = random.sample(Array.from({ length: count }, (_, i) => ROLES[i % ROLES.length]), count);
  return roles.map((role, i) => {
    const vpc = ec2.createVpc({ cidrBlock: '10.0.0.0/16', tags: { Name: `chaos-${i + 1}-${role}` } });
    const subnets: Record<string, string> = {};
    for (const [n, letter] of ['a', 'b', 'd'].entries()) {
      subnets[letter] = ec2.createSubnet({
        vpcId: vpc.id, cidrBlock: `10.0.${n + 1}.0/24`, availabilityZone: `${ec2.region}${letter}`, tags: { Name: `chaos-${i + 1}-${letter}` },
      }).id;
    }
    const extraSubnetA = ec2.createSubnet({ vpcId: vpc.id, cidrBlock: '10.0.9.0/24', availabilityZone: `${ec2.region}a`, tags: { Name: `chaos-${i + 1}-a2` } }).id;
    return { vpcId: vpc.id, role, subnets, extraSubnetA };
  });
}
