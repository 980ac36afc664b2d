/** SDK clients acting as one account of a running local cloud (a 12-digit access key ID acts as that account). */
import { EC2Client } from '@aws-sdk/client-ec2';
import { RAMClient } from '@aws-sdk/client-ram';
import { VPCLatticeClient } from '@aws-sdk/client-vpc-lattice';
import type { LocalCloud } from '../../../local/cloud';

export function clientsFor(cloud: LocalCloud, accountId: string, region = cloud.region) {
  const config = {
    endpoint: cloud.url, region, maxAttempts: 1,
    credentials: { accessKeyId: accountId, secretAccessKey: 'local' },
  };
  return { ec2: new EC2Client(config), ram: new RAMClient(config), lattice: new VPCLatticeClient(config) };
}
