/** Failures end as a status with a reason (or a clean end), never as a silent red execution. */
import type { LocalCloud } from '../../local/cloud';
import { startE2eCloud } from '../helpers/e2e-cloud';
import { eventually } from '../helpers/eventually';
import { executionsOf, ownedEndpoints, ownedGroups, settledEndpoints, settledTags, statusTags, tagVpc } from '../helpers/local-cloud';

let cloud: LocalCloud;
beforeAll(async () => { cloud = await startE2eCloud({ endpointPendingMs: 100, timeScale: 0.01, seedProjects: 8 }); });
afterAll(async () => { await cloud?.stop(); });
afterEach(() => cloud.faults.clear());

it('Squid down → Degraded with the probe reason; back up → Ready on the next reconcile', async () => {
  const vpc = cloud.projectVpcIds[0];
  await cloud.proxy.stop();
  try {
    await tagVpc(vpc, { egress: 'proxy' });
    await cloud.awaitIdle();
    const tags = await settledTags(vpc, (t) => expect(t['egress-proxy:state']).toBe('Degraded'));
    expect(tags['egress-proxy:reason']).toMatch(/^ProxyUnreachable: /);
    expect(executionsOf(cloud, vpc)[0].status).toBe('FAILED');
    expect(executionsOf(cloud, vpc)[0].error).toBe('ReconcileFailed');
  } finally {
    await cloud.proxy.start();
  }
  await tagVpc(vpc, { 'egress:deletion-policy': 'delete' }); // a spec change: a new generation reconciles
  await cloud.awaitIdle();
  await settledTags(vpc, (t) => expect(t['egress-proxy:state']).toBe('Ready'));
  await settledEndpoints(vpc, (e) => expect(e).toHaveLength(1));
});

it('a VPC deleted mid-run ends cleanly, leaving nothing behind', async () => {
  const vpc = cloud.projectVpcIds[1];
  // Hold Observe on its spec check's subnet read long enough to delete the VPC under it (the hub may
  // come from the execution environment's cache, so the VPC's own DescribeSubnets is the hook).
  const subnetReads = () => cloud.stats.snapshot().apiCalls['ec2:DescribeSubnets'] ?? 0;
  const before = subnetReads();
  cloud.faults.add({ operation: 'ec2:DescribeSubnets', kind: 'slow', delayMs: 400, count: 1, resourceId: vpc });
  await tagVpc(vpc, { egress: 'proxy' });
  // Observe has read the VPC (with the owner's tags, which may take a moment to show) once it asks for its subnets.
  await eventually(async () => subnetReads(), (n) => n > before, { intervalMs: 10, what: 'Observe reading the subnets' });
  for (const s of [...cloud.ec2State.subnets.values()].filter((s) => s.vpcId === vpc)) cloud.ec2State.deleteSubnet(s.id);
  cloud.ec2State.deleteVpc(vpc);
  await cloud.awaitIdle();
  const [execution] = executionsOf(cloud, vpc);
  expect(execution.status).toBe('SUCCEEDED');
  const output = JSON.parse(execution.output!);
  expect(output.observed.exists).toBe(true); // it really vanished mid-run, after Observe saw it
  expect(output.error.Error).toBe('VpcGone');
  expect(output.status).toMatchObject({ vpcExists: false, failed: false });
  expect(await ownedEndpoints(vpc)).toEqual([]);
  expect(await ownedGroups(vpc)).toEqual([]);
});

it.each([
  [5, 'a bad deletion policy', { egress: 'proxy', 'egress:deletion-policy': 'sometimes' }, /^InvalidSpec: egress:deletion-policy must be "delete" or "retain", not "sometimes"/],
  [6, 'subnets of another VPC', { egress: 'proxy', 'egress:subnets': 'subnet-0123456789abcdef0' }, /^InvalidSpec: egress:subnets names subnet-0123456789abcdef0, not subnets of this VPC/],
  [7, 'hostile subnet text', { egress: 'proxy', 'egress:subnets': '"><img src=x>' }, /^InvalidSpec: egress:subnets holds .*not subnet IDs/],
])('project %i: %s → Error with the reason, nothing created', async (index, _name, tags, reason) => {
  const vpc = cloud.projectVpcIds[index];
  await tagVpc(vpc, tags);
  await cloud.awaitIdle();
  const status = statusTags(await settledTags(vpc, (t) => expect(t['egress-proxy:state']).toBe('Error')));
  expect(status['egress-proxy:reason']).toMatch(reason);
  expect(await ownedEndpoints(vpc)).toEqual([]);
});

it('hub resource configuration gone → Error naming it, no loop', async () => {
  const vpc = cloud.projectVpcIds[3];
  const saved = process.env.RESOURCE_CONFIGURATION_ARN!;
  process.env.RESOURCE_CONFIGURATION_ARN = saved.replace(/rcfg-[0-9a-f]+$/, 'rcfg-0000000000000000f');
  try {
    await tagVpc(vpc, { egress: 'proxy' });
    await cloud.awaitIdle();
  } finally {
    process.env.RESOURCE_CONFIGURATION_ARN = saved;
  }
  const tags = await settledTags(vpc, (t) => expect(t['egress-proxy:state']).toBe('Error'));
  expect(tags['egress-proxy:reason']).toMatch(/^HubUnavailable: resource configuration .* is gone or not shared/);
  expect(executionsOf(cloud, vpc)).toHaveLength(1);
});

it('AWS throttling is retried and the VPC still ends Ready', async () => {
  const vpc = cloud.projectVpcIds[4];
  // More throttles than the SDK's own 3 attempts absorb: the workflow's Retry takes over.
  cloud.faults.add({ operation: 'ec2:CreateVpcEndpoint', kind: 'throttle', count: 4 });
  await tagVpc(vpc, { egress: 'proxy' });
  await cloud.awaitIdle();
  await settledTags(vpc, (t) => expect(t['egress-proxy:state']).toBe('Ready'));
  await settledEndpoints(vpc, (e) => expect(e).toHaveLength(1));
});
