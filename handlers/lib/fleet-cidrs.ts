/** Every VPC's associated CIDR blocks in one account and region (paginated DescribeVpcs). */
import { EC2Client, paginateDescribeVpcs } from '@aws-sdk/client-ec2';
import { vpcCidrs } from './vpc-cidrs';
import type { VpcCidrs } from './cidr';

export async function readFleetCidrs(client: EC2Client, account?: string, region?: string): Promise<VpcCidrs[]> {
  const fleet: VpcCidrs[] = [];
  for await (const page of paginateDescribeVpcs({ client, pageSize: 1000 }, {})) {
    for (const vpc of page.Vpcs ?? []) {
      if (!vpc.VpcId) continue;
      fleet.push({ vpcId: vpc.VpcId!, account: vpc.OwnerId ?? account, region, cidrs: vpcCidrs(vpc) });
    }
  }
  return fleet;
}
