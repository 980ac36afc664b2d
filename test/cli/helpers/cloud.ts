/** A local cloud for one CLI test file, and the ways the tests put VPCs into a known state. */
import { CreateTagsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from '../../../local/cloud';

export async function startCloud(opts: LocalCloudOptions = {}): Promise<LocalCloud> {
  return startLocalCloud({ proxy: 'stand-in', seedProjects: 3, endpointPendingMs: 200, timeScale: 0.01, ...opts });
}

/** Opt a VPC in through the API (the tag event starts a reconcile) and wait until everything settled. */
export async function optIn(cloud: LocalCloud, vpcId: string): Promise<void> {
  const ec2 = new EC2Client({});
  try {
    await ec2.send(new CreateTagsCommand({ Resources: [vpcId], Tags: [{ Key: 'egress', Value: 'proxy' }] }));
  } finally {
    ec2.destroy();
  }
  await cloud.awaitIdle();
}

/** Opt a VPC in without waking the operator: the tag-change rule is removed first. */
export function optInQuietly(cloud: LocalCloud, vpcId: string): void {
  cloud.bus.removeRule('egress-operator-tag-change');
  cloud.ec2State.tag(vpcId, { egress: 'proxy' });
}
