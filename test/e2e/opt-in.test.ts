/**
 * The walking skeleton end to end: tag events on the local cloud start the real workflow file with
 * the real handlers, all through the AWS SDK.
 */
import { CreateSecurityGroupCommand, CreateVpcEndpointCommand, DescribeSubnetsCommand } from '@aws-sdk/client-ec2';
import type { LocalCloud } from '../../local/cloud';
import { startE2eCloud } from '../helpers/e2e-cloud';
import {
  ec2, executionsOf, historyOf, settledEndpoints, settledGroups, settledTags, statusTags, tagsOf, tagVpc, untagVpc,
} from '../helpers/local-cloud';

let cloud: LocalCloud;
beforeAll(async () => { cloud = await startE2eCloud({ endpointPendingMs: 300, timeScale: 0.02, seedProjects: 3 }); });
afterAll(async () => { await cloud?.stop(); });

/** Opt the VPC in unless an earlier test already did: each test stands on its own. */
async function ensureReady(vpc: string) {
  if ((await tagsOf(vpc))['egress-proxy:state'] === 'Ready') return;
  await tagVpc(vpc, { egress: 'proxy' });
  await cloud.awaitIdle();
  await settledTags(vpc, (t) => expect(t['egress-proxy:state']).toBe('Ready'));
}

describe('opting a VPC in', () => {
  it('ends Ready with the proxy URL, one owned endpoint and one owned security group', async () => {
    const vpc = cloud.projectVpcIds[0];
    await tagVpc(vpc, { egress: 'proxy' });
    await cloud.awaitIdle();
    const tags = await settledTags(vpc, (t) => expect(t['egress-proxy:state']).toBe('Ready'));
    expect(tags['egress-proxy']).toMatch(new RegExp(`^http://vpce-[0-9a-f]+-snra-.+:${cloud.proxy.port}$`));
    expect(tags['egress-proxy:reason']).toMatch(/^ProxyReachable: /);
    const endpoints = await settledEndpoints(vpc, (eps) => expect(eps.map((e) => e.VpcEndpointId)).toEqual([tags['egress-proxy:endpoint']]));
    expect(endpoints[0].VpcEndpointType).toBe('Resource');
    expect(endpoints[0].SubnetIds).toHaveLength(2);
    const groups = await settledGroups(vpc, (g) => expect(g).toHaveLength(1));
    expect(groups[0].IpPermissions).toEqual([expect.objectContaining({
      IpProtocol: 'tcp', FromPort: cloud.proxy.port, ToPort: cloud.proxy.port, IpRanges: [expect.objectContaining({ CidrIp: '10.0.0.0/16' })],
    })]);
    // The other two projects, the hub and the member accounts' four projects all use 10.0.0.0/16.
    expect(tags['egress-proxy:overlaps']).toMatch(/^7: /);
  });

  it('starts nothing new for the same event delivered twice, and keeps one endpoint', async () => {
    const vpc = cloud.projectVpcIds[1];
    await tagVpc(vpc, { egress: 'proxy' });
    const event = cloud.bus.events.filter((e) => e.source === 'aws.tag' && e.resources?.[0]?.endsWith(vpc)).at(-1)!;
    cloud.bus.publish({ ...event, id: undefined }); // EventBridge delivers at least once
    await cloud.awaitIdle();
    expect(executionsOf(cloud, vpc)).toHaveLength(1);
    await settledEndpoints(vpc, (eps) => expect(eps).toHaveLength(1));
    await settledTags(vpc, (t) => expect(t['egress-proxy:state']).toBe('Ready'));
  });

  it('keeps one endpoint when the owner writes the same tag again', async () => {
    const vpc = cloud.projectVpcIds[0];
    await ensureReady(vpc);
    const before = await tagsOf(vpc);
    await tagVpc(vpc, { egress: 'proxy' });
    await cloud.awaitIdle();
    await settledEndpoints(vpc, (eps) => expect(eps).toHaveLength(1));
    expect(statusTags(await tagsOf(vpc))).toEqual(statusTags(before));
  });

  it('goes through the Retry path while the endpoint is Pending', async () => {
    const vpc = cloud.projectVpcIds[0];
    await ensureReady(vpc);
    const [execution] = executionsOf(cloud, vpc);
    const events = await historyOf(execution.arn);
    const notReady = events.filter((e) => e.type === 'LambdaFunctionFailed' && e.lambdaFunctionFailedEventDetails?.error === 'EndpointNotReady');
    expect(notReady.length).toBeGreaterThanOrEqual(1);
    expect(events.at(-1)?.type).toBe('ExecutionSucceeded');
  });
});

describe('opting a VPC out', () => {
  it('deletes the endpoint and security group, removes the status tags, and leaves unowned resources alone', async () => {
    const vpc = cloud.projectVpcIds[0];
    await ensureReady(vpc);
    const client = ec2();
    const subnets = await client.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc] }] }));
    const foreignGroup = await client.send(new CreateSecurityGroupCommand({ VpcId: vpc, GroupName: 'team-owned', Description: 'not ours' }));
    const foreignEndpoint = await client.send(new CreateVpcEndpointCommand({
      VpcEndpointType: 'Resource', VpcId: vpc, ResourceConfigurationArn: cloud.resourceConfigurationArn,
      SubnetIds: [subnets.Subnets![0].SubnetId!], SecurityGroupIds: [foreignGroup.GroupId!],
      TagSpecifications: [{ ResourceType: 'vpc-endpoint', Tags: [{ Key: 'egress-proxy:owner', Value: vpc }] }],
    }));

    await untagVpc(vpc, ['egress']);
    await cloud.awaitIdle();

    await settledTags(vpc, (t) => expect(statusTags(t)).toEqual({}));
    await settledEndpoints(vpc, (eps) => expect(eps).toEqual([]));
    await settledGroups(vpc, (g) => expect(g).toEqual([]));
    const still = cloud.ec2State.endpoints.get(foreignEndpoint.VpcEndpoint!.VpcEndpointId!);
    expect(still).toBeDefined();
    expect(cloud.ec2State.securityGroups.get(foreignGroup.GroupId!)).toBeDefined();
    const last = executionsOf(cloud, vpc).at(0)!;
    expect(last.status).toBe('SUCCEEDED');
  });
});

describe('while the endpoint is being created', () => {
  it('the VPC says Progressing, then Ready, and subscribers get one event per state change', async () => {
    const vpc = cloud.projectVpcIds[2];
    const seen: string[] = [];
    cloud.bus.addRule({
      name: 'test-status-watch',
      pattern: { source: ['egress-operator'], detail: { vpc: [vpc] } },
      target: (e) => { seen.push(`${e.detail.previousState}→${e.detail.state}`); },
    });
    // What the operator writes, in order, from the store itself: a reader through the API may skip a
    // state that lasted less than its lag (docs/local-cloud.md#eventual-consistency).
    const states: string[] = [];
    const written = () => cloud.ec2State.vpcs.get(vpc)?.tags.get('egress-proxy:state');
    const poll = setInterval(() => { const t = written(); if (t && states.at(-1) !== t) states.push(t); }, 5);
    try {
      await tagVpc(vpc, { egress: 'proxy' });
      await cloud.awaitIdle();
    } finally {
      clearInterval(poll);
      cloud.bus.removeRule('test-status-watch');
    }
    const final = written();
    if (final && states.at(-1) !== final) states.push(final);
    expect(states).toEqual(['Progressing', 'Ready']);
    expect(seen).toEqual(['Progressing→Ready']);
    const tags = await settledTags(vpc, (t) => expect(t['egress-proxy:state']).toBe('Ready'));
    expect(tags['egress-proxy:execution']).toBe(executionsOf(cloud, vpc)[0].name);
  });
});
