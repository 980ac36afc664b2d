/**
 * The fleet sweep against the local cloud, through the real SDK: each kind of drift,
 * introduced the way people and AWS introduce it, is repaired by one sweep that starts exactly the
 * drifted VPCs' reconciles; nothing unowned is touched; the proxy's health moves states both ways.
 */
import {
  AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, CreateTagsCommand, CreateVpcEndpointCommand,
  DeleteSecurityGroupCommand, DeleteTagsCommand, DeleteVpcEndpointsCommand, DescribeSecurityGroupsCommand,
  DescribeVpcEndpointsCommand,
} from '@aws-sdk/client-ec2';
import { ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { ownershipTags, toAwsTags } from '../../handlers/lib/tags';
import { seedReadyFleet } from '../../local/seed-fleet';
import { startFleetHarness, type FleetHarness } from './harness';

jest.setTimeout(60_000);

let h: FleetHarness;
let vpcs: string[];
const vpc = (i: number) => vpcs[i];

beforeAll(async () => {
  h = await startFleetHarness({ timeScale: 0, endpointPendingMs: 0, seedProjects: 16 });
  vpcs = h.cloud.projectVpcIds;
  // Opt every project VPC in through the SDK: tag events → dispatcher → real reconciles.
  await h.ec2.send(new CreateTagsCommand({ Resources: vpcs.slice(0, 12), Tags: [{ Key: 'egress', Value: 'proxy' }] }));
  await h.cloud.awaitIdle();
});
afterAll(async () => { await h?.stop(); });

async function expectHealthy(vpcId: string) {
  const tags = await h.tags(vpcId);
  const owned = await h.owned(vpcId);
  expect(tags['egress-proxy:state']).toBe('Ready');
  expect(owned.endpoints.filter((e) => e.state.toLowerCase() !== 'deleting')).toHaveLength(1);
  expect(tags['egress-proxy:endpoint']).toBe(owned.endpoints[0].id);
  expect(owned.groups).toHaveLength(1);
}

/** One sweep repairs it: it starts exactly `expected`, and the sweep after it starts nothing. */
async function sweepRepairs(expected: string[], kinds: string[]) {
  const first = await h.sweep();
  expect(first.scan.work.map((w) => w.vpcId).sort()).toEqual([...expected].sort());
  for (const k of kinds) expect(first.scan.byKind[k]).toBeGreaterThan(0);
  expect(first.executionsStarted).toBe(expected.length);
  const second = await h.sweep();
  expect(second.scan.work).toEqual([]);
  expect(second.executionsStarted).toBe(0);
  return first;
}

/** Accounts and Regions the sweep reads (the local cloud sets FLEET_TARGETS like the Operator stack does). */
const targetCount = () => (process.env.FLEET_TARGETS ?? '').split(',').filter(Boolean).length || 1;

test('a fleet without drift: 3 state transitions, a handful of API calls, no execution', async () => {
  h.cloud.stats.reset();
  const { scan, executionsStarted } = await h.sweep();
  expect(scan).toMatchObject({ workCount: 0, proxyMarkCount: 0, drifted: 0 });
  expect(executionsStarted).toBe(0);
  const stats = h.cloud.stats.snapshot();
  expect(stats.stateTransitions['reconcile-fleet']).toBe(3);
  const calls = Object.entries(stats.apiCalls).filter(([k]) => k !== 'states:StartExecution').reduce((n, [, c]) => n + c, 0);
  // Per account and Region: DescribeVpcs (unfiltered: it also feeds the fleet snapshot), DescribeVpcEndpoints,
  // DescribeSecurityGroups; the associations only where we own endpoints (the operator account's projects
  // here); one hub read per sweep; the fleet snapshot's one PutObject.
  expect(calls).toBe(3 * targetCount() + 1 + 1 + 1);
  expect(stats.apiCalls['s3:PutObject']).toBe(1);
});

test('owned endpoint deleted by hand → EndpointMissing, repaired', async () => {
  const { endpoints } = await h.owned(vpc(0));
  await h.ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: endpoints.map((e) => e.id) }));
  await sweepRepairs([vpc(0)], ['EndpointMissing']);
  await expectHealthy(vpc(0));
  expect((await h.owned(vpc(0))).endpoints[0].id).not.toBe(endpoints[0].id);
});

test('endpoint failed → EndpointFailed, replaced', async () => {
  const [endpoint] = (await h.owned(vpc(1))).endpoints;
  h.cloud.ec2State.setEndpointState(endpoint.id, 'Failed', { code: 'Server.InternalError', message: 'failed by the test' });
  await sweepRepairs([vpc(1)], ['EndpointFailed']);
  await expectHealthy(vpc(1));
});

test('security group rules edited (added and revoked) → SecurityGroupRulesChanged, put back', async () => {
  const [groupId] = (await h.owned(vpc(2))).groups;
  await h.ec2.send(new AuthorizeSecurityGroupIngressCommand({
    GroupId: groupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
  }));
  await sweepRepairs([vpc(2)], ['SecurityGroupRulesChanged']);
  const group = (await h.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }))).SecurityGroups![0];
  expect(group.IpPermissions!.map((p) => p.FromPort)).toEqual([h.cloud.proxy.port]);
  await expectHealthy(vpc(2));
});

test('endpoint and security group deleted → EndpointMissing + SecurityGroupMissing, recreated', async () => {
  const owned = await h.owned(vpc(3));
  await h.ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: owned.endpoints.map((e) => e.id) }));
  await h.ec2.send(new DeleteSecurityGroupCommand({ GroupId: owned.groups[0] }));
  await sweepRepairs([vpc(3)], ['EndpointMissing', 'SecurityGroupMissing']);
  await expectHealthy(vpc(3));
});

test('status tags edited by hand → StatusTampered, rewritten', async () => {
  const before = await h.tags(vpc(4));
  await h.ec2.send(new CreateTagsCommand({ Resources: [vpc(4)], Tags: [{ Key: 'egress-proxy', Value: 'http://proxy.example.com:8080' }] }));
  await h.ec2.send(new CreateTagsCommand({ Resources: [vpc(5)], Tags: [{ Key: 'egress-proxy:state', Value: 'Fine' }] }));
  await sweepRepairs([vpc(4), vpc(5)], ['StatusTampered']);
  expect((await h.tags(vpc(4)))['egress-proxy']).toBe(before['egress-proxy']);
  await expectHealthy(vpc(5));
});

test('a duplicate owned endpoint → DuplicateEndpoints, the oldest kept', async () => {
  const owned = await h.owned(vpc(6));
  const subnets = h.cloud.ec2State.tagsOf(vpc(6)) && [...h.cloud.ec2State.subnets.values()].filter((s) => s.vpcId === vpc(6)).map((s) => s.id);
  await h.ec2.send(new CreateVpcEndpointCommand({
    VpcEndpointType: 'Resource', VpcId: vpc(6), ResourceConfigurationArn: h.cloud.resourceConfigurationArn,
    SubnetIds: subnets, SecurityGroupIds: owned.groups,
    TagSpecifications: [{ ResourceType: 'vpc-endpoint', Tags: toAwsTags(ownershipTags(vpc(6))) }],
  }));
  await sweepRepairs([vpc(6)], ['DuplicateEndpoints']);
  await expectHealthy(vpc(6));
  expect((await h.owned(vpc(6))).endpoints.map((e) => e.id)).toContain(owned.endpoints[0].id);
});

test('endpoint moved to another security group (a console edit) → WrongSecurityGroups, replaced', async () => {
  const [endpoint] = (await h.owned(vpc(11))).endpoints;
  // The local EC2 has no ModifyVpcEndpoint: the edit is made in the store, as the console would make it.
  const record = h.cloud.ec2State.endpoints.get(endpoint.id)!;
  record.securityGroupIds = [h.cloud.ec2State.vpcs.get(vpc(11))!.defaultSecurityGroupId];
  await sweepRepairs([vpc(11)], ['WrongSecurityGroups']);
  await expectHealthy(vpc(11));
});

test('spec changed while the tag event was lost → SpecChanged (WrongSubnets), endpoint moved', async () => {
  const subnetA = [...h.cloud.ec2State.subnets.values()].find((s) => s.vpcId === vpc(7) && s.availabilityZone.endsWith('a'))!.id;
  await h.withoutTagEvents(() => h.ec2.send(new CreateTagsCommand({ Resources: [vpc(7)], Tags: [{ Key: 'egress:subnets', Value: subnetA }] })));
  await sweepRepairs([vpc(7)], ['SpecChanged', 'WrongSubnets']);
  await expectHealthy(vpc(7));
  const [endpoint] = (await h.owned(vpc(7))).endpoints.filter((e) => e.state.toLowerCase() !== 'deleting');
  const described = await h.ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [endpoint.id] }));
  expect(described.VpcEndpoints![0].SubnetIds).toEqual([subnetA]);
});

test('opted in while the tag event was lost → NeverReconciled, reconciled', async () => {
  await h.withoutTagEvents(() => h.ec2.send(new CreateTagsCommand({ Resources: [vpc(12)], Tags: [{ Key: 'egress', Value: 'proxy' }] })));
  expect((await h.tags(vpc(12)))['egress-proxy:state']).toBeUndefined();
  await sweepRepairs([vpc(12)], ['NeverReconciled']);
  await expectHealthy(vpc(12));
});

test('opted out while the tag event was lost → OptedOut, finalized; retain keeps the endpoint unowned', async () => {
  const kept = (await h.owned(vpc(9))).endpoints[0].id;
  await h.withoutTagEvents(async () => {
    await h.ec2.send(new DeleteTagsCommand({ Resources: [vpc(8)], Tags: [{ Key: 'egress' }] }));
    await h.ec2.send(new CreateTagsCommand({ Resources: [vpc(9)], Tags: [{ Key: 'egress', Value: 'off' }, { Key: 'egress:deletion-policy', Value: 'retain' }] }));
  });
  await sweepRepairs([vpc(8), vpc(9)], ['OptedOut']);
  for (const id of [vpc(8), vpc(9)]) expect(await h.owned(id)).toEqual({ endpoints: [], groups: [] });
  expect(Object.keys(await h.tags(vpc(8))).filter((k) => k.startsWith('egress-proxy'))).toEqual([]);
  // retain: the endpoint keeps serving, so its address stays for the owner; the operator's status goes.
  const retainedTags = await h.tags(vpc(9));
  // `egress=off` is not an accepted value: the reason says so (docs/design.md#tag-contract).
  expect(Object.keys(retainedTags).filter((k) => k.startsWith('egress-proxy')).sort()).toEqual(['egress-proxy', 'egress-proxy:endpoint', 'egress-proxy:reason']);
  expect(retainedTags['egress-proxy:reason']).toMatch(/^NotOptedIn: egress="off" is not accepted/);
  expect(retainedTags['egress-proxy:endpoint']).toBe(kept);
  const retained = await h.ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [kept] }));
  expect(retained.VpcEndpoints![0].State!.toLowerCase()).toBe('available');
  expect((retained.VpcEndpoints![0].Tags ?? []).map((t) => t.Key)).not.toContain('egress-proxy:managed-by');
});

test('orphans are removed; resources without our ownership tags are untouched', async () => {
  const stranger = vpc(13);
  const orphan = await h.ec2.send(new CreateSecurityGroupCommand({
    VpcId: stranger, GroupName: 'orphaned', Description: 'owned, but its VPC never opted in',
    TagSpecifications: [{ ResourceType: 'security-group', Tags: toAwsTags(ownershipTags(stranger)) }],
  }));
  const foreign = await h.ec2.send(new CreateSecurityGroupCommand({
    VpcId: stranger, GroupName: 'egress-proxy-lookalike', Description: 'named like ours, owner tag only',
    TagSpecifications: [{ ResourceType: 'security-group', Tags: [{ Key: 'egress-proxy:owner', Value: stranger }] }],
  }));
  const opted = vpc(10);
  const subnets = [...h.cloud.ec2State.subnets.values()].filter((s) => s.vpcId === opted).map((s) => s.id);
  const unowned = await h.ec2.send(new CreateVpcEndpointCommand({
    VpcEndpointType: 'Resource', VpcId: opted, ResourceConfigurationArn: h.cloud.resourceConfigurationArn, SubnetIds: subnets,
  }));
  await sweepRepairs([stranger], ['Orphaned']);
  const left = await h.ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [stranger] }] }));
  const ids = left.SecurityGroups!.map((g) => g.GroupId);
  expect(ids).not.toContain(orphan.GroupId);
  expect(ids).toContain(foreign.GroupId);
  const stillThere = await h.ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [unowned.VpcEndpoint!.VpcEndpointId!] }));
  expect(stillThere.VpcEndpoints![0].State!.toLowerCase()).toBe('available');
});

test('a sweep racing a tag-event execution: the sweep leaves the VPC to it — one endpoint, one execution', async () => {
  const id = vpc(14);
  h.cloud.faults.add({ operation: 'ec2:DescribeNetworkInterfaces', kind: 'slow', delayMs: 1500, count: 1 });
  await h.ec2.send(new CreateTagsCommand({ Resources: [id], Tags: [{ Key: 'egress', Value: 'proxy' }] }));
  for (let i = 0; i < 100; i++) {
    const running = await h.sfn.send(new ListExecutionsCommand({ stateMachineArn: h.cloud.stateMachineArn('reconcile-vpc'), statusFilter: 'RUNNING' }));
    if (running.executions?.some((e) => e.name!.startsWith(id))) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  const { scan, executionsStarted } = await h.sweep({ settleFirst: false });
  expect(scan.byKind.NeverReconciled).toBe(1);
  expect(scan.skippedRunning).toBe(1);
  expect(scan.work).toEqual([]);
  expect(executionsStarted).toBe(0);
  expect(await h.reconcileExecutions(id)).toHaveLength(1);
  await expectHealthy(id);
  expect((await h.sweep()).scan.work).toEqual([]);
});

const statusEvents = () => h.cloud.bus.events.filter((e) => e['detail-type'] === 'Egress Proxy Status Changed');
const readyVpcs = async () => {
  const out: string[] = [];
  for (const id of vpcs) if ((await h.tags(id))['egress-proxy:state'] === 'Ready') out.push(id);
  return out;
};

test('Squid down → every Ready VPC Degraded in bulk; back up → Ready again; no reconcile either way', async () => {
  const ready = await readyVpcs();
  expect(ready.length).toBeGreaterThanOrEqual(10);
  const eventsBefore = statusEvents().length;
  await h.cloud.proxy.stop();
  try {
    const down = await h.sweep();
    expect(down.scan.proxy).toMatch(/^ProxyUnreachable: /);
    expect(down.scan.proxyMarks.map((m) => m.to)).toEqual(['Degraded']);
    expect(down.executionsStarted).toBe(0);
    for (const id of ready) {
      const tags = await h.tags(id);
      expect(tags['egress-proxy:state']).toBe('Degraded');
      expect(tags['egress-proxy:reason']).toMatch(/^ProxyUnreachable: /);
      expect(tags['egress-proxy:execution']).toMatch(/^test-sweep-/);
    }
    expect(statusEvents().length - eventsBefore).toBe(ready.length);
    expect((await h.sweep()).scan).toMatchObject({ workCount: 0, proxyMarkCount: 0 });
  } finally {
    await h.cloud.proxy.start();
  }
  const up = await h.sweep();
  expect(up.scan.proxyMarks.map((m) => m.to)).toEqual(['Ready']);
  expect(up.executionsStarted).toBe(0);
  for (const id of ready) expect(await h.tags(id)).toMatchObject({ 'egress-proxy:state': 'Ready', 'egress-proxy:reason': 'ProxyReachable: CONNECT through the proxy succeeded' });
  expect(statusEvents().length - eventsBefore).toBe(2 * ready.length);
});

test('hub resource configuration gone → VPCs say Error with the reason, without looping; back → Ready', async () => {
  const ready = await readyVpcs();
  const fault = h.cloud.faults.add({ operation: 'vpc-lattice:GetResourceConfiguration', kind: 'error', status: 404, code: 'ResourceNotFoundException', message: 'not found' });
  try {
    const gone = await h.sweep();
    expect(gone.scan.proxyMarks.map((m) => m.to)).toEqual(['Error']);
    expect(gone.executionsStarted).toBe(0);
    for (const id of ready) expect((await h.tags(id))['egress-proxy:reason']).toMatch(/^HubUnavailable: /);
    const again = await h.sweep();
    expect(again.scan).toMatchObject({ workCount: 0, proxyMarkCount: 0 });
  } finally {
    h.cloud.faults.clear();
    void fault;
  }
  const back = await h.sweep();
  expect(back.scan.byKind.HubRecovered).toBe(ready.length);
  expect(back.executionsStarted).toBe(ready.length);
  for (const id of ready) await expectHealthy(id);
});

test('2,000 more Ready VPCs (seeded in the store) and nothing to do: no execution, a handful of calls', async () => {
  seedReadyFleet(h.cloud.ec2State, h.cloud.latticeState, { count: 2000, resourceConfigurationArn: h.cloud.resourceConfigurationArn });
  h.cloud.stats.reset();
  const { scan, executionsStarted } = await h.sweep();
  expect(scan.vpcs).toBeGreaterThanOrEqual(2012);
  expect(scan).toMatchObject({ workCount: 0, drifted: 0, proxyMarkCount: 0 });
  expect(executionsStarted).toBe(0);
  const stats = h.cloud.stats.snapshot();
  expect(stats.stateTransitions['reconcile-fleet']).toBe(3);
  const calls = Object.entries(stats.apiCalls).filter(([k]) => k !== 'states:StartExecution').reduce((n, [, c]) => n + c, 0);
  // One page per 1,000 of each: every VPC (one unfiltered read serves the scan and the fleet snapshot),
  // owned endpoints, owned groups, associations; plus one hub read; the other accounts and Regions,
  // without owned resources, one page of the three describes each; and the snapshot's one PutObject.
  const allVpcs = h.cloud.ec2State.vpcs.size;
  expect(calls).toBe(Math.ceil(allVpcs / 1000) + 3 * Math.ceil(scan.vpcs / 1000) + 1 + 3 * (targetCount() - 1) + 1);
}, 180_000); // 2,000 VPCs on a shared machine
