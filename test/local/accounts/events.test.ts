/**
 * Tag events across accounts, as the Member stack wires them: a member account's default bus forwards
 * `aws.tag` events to the operator's `egress-operator` bus, unchanged (still the member's account).
 * And `pauseTagEvents`, which loses them on purpose, everywhere, for as long as its function runs.
 */
import { CreateTagsCommand } from '@aws-sdk/client-ec2';
import { TAG_CHANGE_PATTERN } from '../../../handlers/lib/event-patterns';
import { FORWARD_RULE, MEMBER_RULE, OPERATOR_BUS_NAME } from '../../../local/accounts-events';
import { startLocalCloud, type LocalCloud } from '../../../local/cloud';
import type { CloudEvent } from '../../../local/service';
import { clientsFor } from './helpers';

let cloud: LocalCloud;
const received: CloudEvent[] = [];
beforeAll(async () => {
  cloud = await startLocalCloud({ proxy: 'stand-in', endpointPendingMs: 0 });
  // Record what reaches the operator's bus instead of starting the dispatcher.
  cloud.busFor(cloud.accountId, cloud.region, OPERATOR_BUS_NAME).addRule({ name: MEMBER_RULE, pattern: TAG_CHANGE_PATTERN, target: (e) => { received.push(e); } });
});
afterAll(async () => { await cloud?.stop(); });
beforeEach(() => { received.length = 0; });

async function optIn(accountId: string, vpcId: string, value = 'proxy') {
  await clientsFor(cloud, accountId).ec2.send(new CreateTagsCommand({ Resources: [vpcId], Tags: [{ Key: 'egress', Value: value }] }));
  await cloud.awaitIdle();
}

it('a member VPC\'s owner tag change reaches the operator bus with the member\'s account, Region and VPC ARN', async () => {
  const member = cloud.memberAccountIds[1];
  const vpc = cloud.memberProjectVpcIds[member][0];
  await optIn(member, vpc);
  expect(received).toHaveLength(1);
  expect(received[0]).toMatchObject({
    source: 'aws.tag', account: member, region: 'us-east-1', resources: [`arn:aws:ec2:us-east-1:${member}:vpc/${vpc}`],
    detail: { 'changed-tag-keys': ['egress'], tags: { egress: 'proxy' } },
  });
  const forward = cloud.busFor(member).listRules().find((r) => r.name === FORWARD_RULE)!;
  expect(forward.targetArn).toBe(`arn:aws:events:us-east-1:${cloud.accountId}:event-bus/${OPERATOR_BUS_NAME}`);
});

it('pauseTagEvents drops tag events while its function runs, and restores delivery after, even when it throws', async () => {
  const member = cloud.memberAccountIds[0];
  const [vpc] = cloud.memberProjectVpcIds[member];
  await cloud.pauseTagEvents(() => optIn(member, vpc, 'proxy'));
  expect(received).toEqual([]);
  await expect(cloud.pauseTagEvents(async () => { await optIn(member, vpc, 'none'); throw new Error('boom'); })).rejects.toThrow('boom');
  expect(received).toEqual([]);
  await optIn(member, vpc, 'proxy');
  expect(received.map((e) => e.detail.tags)).toEqual([{ egress: 'proxy', Name: 'member1-project-1' }]);
});
