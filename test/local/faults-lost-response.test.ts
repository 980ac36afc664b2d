/**
 * Lost responses (docs/local-cloud.md#api-faults): the call takes effect, the connection is reset
 * before the answer, and the AWS SDK retries it as a transient error. ClientToken makes the retried
 * CreateVpcEndpoint harmless; a call without idempotency shows the first attempt did happen.
 */
import { CreateSecurityGroupCommand, CreateVpcEndpointCommand, DescribeVpcEndpointsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { startLocalCloud, type LocalCloud } from '../../local/cloud';
import { ownedEndpoints, ownedGroups, settledTags, subnetsOf, tagVpc } from '../helpers/local-cloud';

let cloud: LocalCloud;
beforeAll(async () => { cloud = await startLocalCloud({ iam: 'off', seedProjects: 5, memberAccounts: [], endpointPendingMs: 50, timeScale: 0.01 }); });
afterAll(async () => { await cloud?.stop(); });
afterEach(() => { cloud.faults.clear(); cloud.stats.reset(); });

const ec2 = (maxAttempts = 3) => new EC2Client({ maxAttempts });
const endpointsIn = async (vpcId: string) =>
  (await ec2().send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }))).VpcEndpoints ?? [];

it('without a retry the caller sees a reset connection, and the call took effect', async () => {
  const vpc = cloud.projectVpcIds[0];
  cloud.faults.add({ operation: 'ec2:CreateVpcEndpoint', kind: 'lost-response', count: 1 });
  const err = await ec2(1).send(new CreateVpcEndpointCommand({
    VpcId: vpc, VpcEndpointType: 'Resource', ResourceConfigurationArn: cloud.resourceConfigurationArn,
    SubnetIds: [subnetsOf(cloud, vpc).a], ClientToken: 'lost-once-0',
  })).then(() => undefined, (e: Error & { code?: string }) => e);
  // Node's "socket hang up" (ECONNRESET), which the SDK's HTTP handler names TimeoutError: a transient error.
  // (Under jest the SDK wraps it: "AWS SDK error wrapper for TimeoutError: socket hang up".)
  expect(`${err?.name}: ${err?.message}`).toMatch(/TimeoutError.*socket hang up/);
  expect(await endpointsIn(vpc)).toHaveLength(1);
});

it('the SDK retries a lost CreateVpcEndpoint with the same ClientToken: one endpoint, the same ID', async () => {
  const vpc = cloud.projectVpcIds[1];
  cloud.faults.add({ operation: 'ec2:CreateVpcEndpoint', kind: 'lost-response', count: 1 });
  const out = await ec2().send(new CreateVpcEndpointCommand({
    VpcId: vpc, VpcEndpointType: 'Resource', ResourceConfigurationArn: cloud.resourceConfigurationArn,
    SubnetIds: [subnetsOf(cloud, vpc).a], ClientToken: 'lost-once-1',
  }));
  expect(cloud.stats.snapshot().apiCalls['ec2:CreateVpcEndpoint']).toBe(2); // sent twice
  const endpoints = await endpointsIn(vpc);
  expect(endpoints.map((e) => e.VpcEndpointId)).toEqual([out.VpcEndpoint?.VpcEndpointId]);
});

it('a lost CreateSecurityGroup (no ClientToken in its API) is applied: the retry meets the group it created', async () => {
  const vpc = cloud.projectVpcIds[2];
  cloud.faults.add({ operation: 'ec2:CreateSecurityGroup', kind: 'lost-response', count: 1 });
  const err = await ec2().send(new CreateSecurityGroupCommand({ VpcId: vpc, GroupName: 'lost-once', Description: 'x' }))
    .then(() => undefined, (e: Error) => e);
  expect(err?.name).toBe('InvalidGroup.Duplicate');
});

it('the operator converges through a lost CreateVpcEndpoint: Ready with exactly one endpoint', async () => {
  const vpc = cloud.projectVpcIds[3];
  cloud.faults.add({ operation: 'ec2:CreateVpcEndpoint', kind: 'lost-response', count: 1, resourceId: vpc });
  await tagVpc(vpc, { egress: 'proxy' });
  await cloud.awaitIdle();
  expect(cloud.faults.list()).toEqual([]); // the fault fired
  expect(cloud.stats.snapshot().apiCalls['ec2:CreateVpcEndpoint']).toBe(2);
  const tags = await settledTags(vpc, (t) => expect(t['egress-proxy:state']).toBe('Ready'));
  const endpoints = await ownedEndpoints(vpc);
  expect(endpoints).toHaveLength(1);
  expect(tags['egress-proxy:endpoint']).toBe(endpoints[0].VpcEndpointId);
});

it('the operator converges through a lost CreateSecurityGroup: it adopts the group the lost call created', async () => {
  const vpc = cloud.projectVpcIds[4];
  cloud.faults.add({ operation: 'ec2:CreateSecurityGroup', kind: 'lost-response', count: 1, resourceId: vpc });
  await tagVpc(vpc, { egress: 'proxy' });
  await cloud.awaitIdle();
  expect(cloud.faults.list()).toEqual([]); // the fault fired
  await settledTags(vpc, (t) => expect(t['egress-proxy:state']).toBe('Ready'));
  expect(await ownedGroups(vpc)).toHaveLength(1);
  expect(await ownedEndpoints(vpc)).toHaveLength(1);
});
