/**
 * The other half of "one decision, one place", on the local cloud: when the sweep finds no drift for a
 * VPC, a reconcile-vpc run on it writes nothing to EC2 — the steps and the sweep ask the same planners.
 */
import { CreateTagsCommand } from '@aws-sdk/client-ec2';
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { startFleetHarness, type FleetHarness } from './harness';

let h: FleetHarness;
beforeAll(async () => {
  h = await startFleetHarness({ timeScale: 0, endpointPendingMs: 0, seedProjects: 3 });
  const vpcs = h.cloud.projectVpcIds;
  await h.ec2.send(new CreateTagsCommand({ Resources: [vpcs[0]], Tags: [{ Key: 'egress', Value: 'proxy' }] }));
  await h.ec2.send(new CreateTagsCommand({
    Resources: [vpcs[1]], Tags: [{ Key: 'egress', Value: 'proxy' }, { Key: 'egress:deletion-policy', Value: 'retain' }],
  }));
  await h.cloud.awaitIdle();
});
afterAll(async () => { await h?.stop(); });

/** EC2 calls that change something, by `ec2:Operation` (the local cloud counts every call it answers). */
function ec2Writes(): Record<string, number> {
  const calls = h.cloud.stats.snapshot().apiCalls;
  return Object.fromEntries(Object.entries(calls).filter(([k]) => /^ec2:(Create|Delete|Authorize|Revoke|Modify|Associate|Disassociate)/.test(k)));
}

test.each([0, 1])('project %i: no drift → a reconcile run makes zero EC2 writes', async (index) => {
  const vpcId = h.cloud.projectVpcIds[index];
  const { scan } = await h.sweep();
  expect(scan.work.filter((w) => w.vpcId === vpcId)).toEqual([]);
  expect((await h.tags(vpcId))['egress-proxy:state']).toBe('Ready');

  h.cloud.stats.reset();
  const { executionArn } = await h.sfn.send(new StartExecutionCommand({
    stateMachineArn: h.cloud.stateMachineArn('reconcile-vpc'), name: `${vpcId}-no-writes`,
    input: JSON.stringify({ vpcId, trigger: 'cli' }),
  }));
  const done = await h.cloud.stepFunctions.awaitExecution(executionArn!);
  expect(done.Status).toBe('SUCCEEDED');
  expect(ec2Writes()).toEqual({});
  expect(h.cloud.stats.snapshot().apiCalls['ec2:DescribeVpcs']).toBeGreaterThan(0); // it did look
});

test('and a run on a VPC with drift does write (the count is real)', async () => {
  const vpcId = h.cloud.projectVpcIds[2];
  h.cloud.stats.reset();
  await h.withoutTagEvents(() => h.ec2.send(new CreateTagsCommand({ Resources: [vpcId], Tags: [{ Key: 'egress', Value: 'proxy' }] })));
  const { scan } = await h.sweep();
  expect(scan.work.map((w) => w.vpcId)).toEqual([vpcId]);
  expect(ec2Writes()).toMatchObject({ 'ec2:CreateVpcEndpoint': 1, 'ec2:CreateSecurityGroup': 1 });
});
