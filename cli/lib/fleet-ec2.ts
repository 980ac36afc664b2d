import { paginateDescribeVpcs, Vpc } from '@aws-sdk/client-ec2';
import type { VpcCidrs } from '../../handlers/lib/cidr';
import { awsClients } from './aws-clients';
import { describeAwsFailure } from './aws-failures';
import { CliError } from './errors';

/**
 * The fleet as EC2 reports it: every VPC visible to the default credentials in the default region
 * (or the local cloud when AWS_ENDPOINT_URL is set), with all CIDR associations in `associated` state.
 */
export async function readFleetFromEc2(): Promise<VpcCidrs[]> {
  const clients = awsClients();
  try {
    const region = await clients.region();
    const fleet: VpcCidrs[] = [];
    for await (const page of paginateDescribeVpcs({ client: clients.ec2() }, {})) {
      for (const vpc of page.Vpcs ?? []) if (vpc.VpcId) fleet.push(vpcCidrs(vpc, region));
    }
    return fleet;
  } catch (error) {
    const failure = describeAwsFailure(error, 'DescribeVpcs');
    throw new CliError(failure.message, failure.exitCode);
  } finally {
    clients.destroy();
  }
}

/** Pure: the CIDR blocks of one DescribeVpcs entry that count (associated, IPv4 and IPv6). */
export function vpcCidrs(vpc: Vpc, region?: string): VpcCidrs {
  const v4 = (vpc.CidrBlockAssociationSet ?? [])
    .filter((a) => a.CidrBlockState?.State === 'associated' && a.CidrBlock)
    .map((a) => a.CidrBlock!);
  const v6 = (vpc.Ipv6CidrBlockAssociationSet ?? [])
    .filter((a) => a.Ipv6CidrBlockState?.State === 'associated' && a.Ipv6CidrBlock)
    .map((a) => a.Ipv6CidrBlock!);
  // Without an association set (some emulators) the primary block is the only one we know of.
  const cidrs = vpc.CidrBlockAssociationSet === undefined && vpc.CidrBlock ? [vpc.CidrBlock, ...v6] : [...v4, ...v6];
  return { vpcId: vpc.VpcId!, account: vpc.OwnerId, region, cidrs };
}
