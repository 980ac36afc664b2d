/** Reading one VPC: undefined when EC2 no longer knows it (InvalidVpcID.NotFound). */
import { DescribeVpcsCommand, type EC2Client, type Vpc } from '@aws-sdk/client-ec2';
import { hasCode, toOperatorError } from './call';

export async function describeVpc(client: EC2Client, vpcId: string): Promise<Vpc | undefined> {
  try {
    const out = await client.send(new DescribeVpcsCommand({ VpcIds: [vpcId] }));
    return out.Vpcs?.[0];
  } catch (err) {
    if (hasCode(err, 'InvalidVpcID.NotFound')) return undefined;
    throw toOperatorError(err, 'DescribeVpcs');
  }
}
