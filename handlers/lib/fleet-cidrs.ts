/** VPCs' associated CIDR blocks: every VPC of one account and region (paginated DescribeVpcs), or one VPC. */
import { EC2Client, paginateDescribeVpcs, type Vpc } from '@aws-sdk/client-ec2';
import { vpcCidrs } from './vpc-cidrs';
import type { VpcCidrs } from './cidr';
import type { FleetTarget } from './fleet/targets';

/** One described VPC as the overlap engine takes it: its owner (else `account`), region and blocks. */
export function toVpcCidrs(vpc: Vpc, account?: string, region?: string): VpcCidrs & { cidrs: string[] } {
  return { vpcId: vpc.VpcId!, account: vpc.OwnerId ?? account, region, cidrs: vpcCidrs(vpc) };
}

export async function readFleetCidrs(client: EC2Client, account?: string, region?: string): Promise<VpcCidrs[]> {
  const fleet: VpcCidrs[] = [];
  for await (const page of paginateDescribeVpcs({ client, pageSize: 1000 }, {})) {
    for (const vpc of page.Vpcs ?? []) {
      if (!vpc.VpcId) continue;
      fleet.push(toVpcCidrs(vpc, account, region));
    }
  }
  return fleet;
}

/** One VPC's blocks (an unknown VPC has none: DescribeVpcs by a filter answers an empty list, not an error). */
export async function readVpcCidrs(client: EC2Client, vpcId: string, target: Partial<FleetTarget>): Promise<VpcCidrs> {
  for await (const page of paginateDescribeVpcs({ client }, { Filters: [{ Name: 'vpc-id', Values: [vpcId] }] })) {
    const vpc = page.Vpcs?.find((v) => v.VpcId === vpcId);
    if (vpc) return { vpcId, account: vpc.OwnerId ?? target.account, region: target.region, cidrs: vpcCidrs(vpc) };
  }
  return { vpcId, account: target.account, region: target.region, cidrs: [] };
}

/** Every VPC of every target, each once (a VPC shared into several targets counts once). */
export async function readWholeFleet(targets: FleetTarget[], clientFor: (t: FleetTarget) => EC2Client): Promise<VpcCidrs[]> {
  const fleet: VpcCidrs[] = [];
  const seen = new Set<string>();
  for (const target of targets) {
    for (const vpc of await readFleetCidrs(clientFor(target), target.account || undefined, target.region)) {
      if (!seen.has(vpc.vpcId)) { seen.add(vpc.vpcId); fleet.push(vpc); }
    }
  }
  return fleet;
}
