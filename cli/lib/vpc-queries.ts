/** EC2 reads behind `status` and `reconcile`: VPCs by tag key (paginated), and one VPC by ID. */
import { DescribeVpcsCommand, paginateDescribeVpcs, type Vpc } from '@aws-sdk/client-ec2';
import { OWNER_KEYS, STATUS_KEYS } from '../../handlers/lib/tags';
import type { AwsClients } from './aws-clients';
import { callAws } from './aws-call';

export { VPC_ID } from '../../handlers/lib/names';

/** Every VPC carrying the opt-in tag or a status tag, in one region. */
export async function statusVpcs(clients: AwsClients, region?: string): Promise<Vpc[]> {
  return callAws('DescribeVpcs', async () => {
    const out: Vpc[] = [];
    const filter = { Name: 'tag-key', Values: [OWNER_KEYS.optIn, STATUS_KEYS.state] };
    for await (const page of paginateDescribeVpcs({ client: clients.ec2(region), pageSize: 200 }, { Filters: [filter] })) {
      out.push(...(page.Vpcs ?? []));
    }
    return out;
  });
}

/** One VPC, or undefined when EC2 says it does not exist. */
export async function describeVpc(clients: AwsClients, vpcId: string, region?: string): Promise<Vpc | undefined> {
  try {
    const out = await clients.ec2(region).send(new DescribeVpcsCommand({ VpcIds: [vpcId] }));
    return out.Vpcs?.[0];
  } catch (err) {
    if ((err as Error).name === 'InvalidVpcID.NotFound') return undefined;
    return callAws('DescribeVpcs', () => Promise.reject(err));
  }
}
