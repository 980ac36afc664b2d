/** The owner changes their mind: re-opt-in, quick successive changes, placement changes, dry runs. */
import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand } from '@aws-sdk/client-ec2';
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { generationOf } from '../../handlers/lib/spec';
import type { LocalCloud } from '../../local/cloud';
import { startE2eCloud } from '../helpers/e2e-cloud';
import {
  ec2, executionsOf, ownedEndpoints, ownedGroups, settledEndpoints, settledGroups, settledTags, sfn, statusTags, subnetsOf, tagsOf,
  tagVpc, untagVpc, withoutTagEvents,
} from '../helpers/local-cloud';

let cloud: LocalCloud;
const statusEvents: { vpc: string; previousState: string | null; state: string | null }[] = [];
beforeAll(async () => {
  cloud = await startE2eCloud({ endpointPendingMs: 300, endpointDeletingMs: 100, timeScale: 0.01, seedProjects: 8 });
  cloud.bus.addRule({
    name: 'test-status-events', pattern: { source: ['egress-operator'] },
    target: (e) => { statusEvents.push(e.detail as never); },
  });
});
afterAll(async () => { await cloud?.stop(); });
const vpc = (i: number) => cloud.projectVpcIds[i];

async function sweep() {
  const { executionArn } = await sfn().send(new StartExecutionCommand({
    stateMachineArn: cloud.stateMachineArn('reconcile-fleet'), name: `test-sweep-${Date.now()}`, input: '{}',
  }));
  const done = await cloud.stepFunctions.awaitExecution(executionArn!);
  await cloud.awaitIdle();
  return JSON.parse(String(done.Output)) as { scan: { workCount: number; work: { vpcId: string; why: string }[] } };
}

it('retain, opt out, opt in again → Ready with a fresh endpoint and group', async () => {
  await tagVpc(vpc(0), { egress: 'proxy', 'egress:deletion-policy': 'retain' });
  await cloud.awaitIdle();
  const kept = (await settledEndpoints(vpc(0), (e) => expect(e).toHaveLength(1)))[0].VpcEndpointId!;
  await untagVpc(vpc(0), ['egress']);
  await cloud.awaitIdle();
  expect(cloud.ec2State.endpoints.get(kept)?.state).toBe('Available');
  await settledTags(vpc(0), (t) => expect(statusTags(t)).toEqual({ 'egress-proxy': expect.stringMatching(/^http:/), 'egress-proxy:endpoint': kept }));

  await tagVpc(vpc(0), { egress: 'proxy' });
  await cloud.awaitIdle();
  const tags = await settledTags(vpc(0), (t) => expect(t['egress-proxy:state']).toBe('Ready'));
  const mine = await settledEndpoints(vpc(0), (e) => {
    expect(e).toHaveLength(1);
    expect(e[0].VpcEndpointId).not.toBe(kept);
  });
  expect(tags['egress-proxy:endpoint']).toBe(mine[0].VpcEndpointId);
  expect(cloud.ec2State.endpoints.get(kept)?.state).toBe('Available'); // the retained one is the owner's now
});

it.each([0, 60, 150])('two owner changes %i ms apart → one endpoint, status at the latest spec, no Error', async (gap) => {
  const id = vpc(1 + [0, 60, 150].indexOf(gap));
  const { a } = subnetsOf(cloud, id);
  statusEvents.length = 0;
  await tagVpc(id, { egress: 'proxy' });
  await new Promise((r) => setTimeout(r, gap));
  await tagVpc(id, { 'egress:subnets': a });
  await cloud.awaitIdle();
  await settledTags(id, (tags) => {
    expect(tags['egress-proxy:state']).toBe('Ready');
    expect(tags['egress-proxy:generation']).toBe(generationOf(tags));
  });
  await settledEndpoints(id, (eps) => expect(eps.filter((e) => e.State?.toLowerCase() !== 'deleting').map((e) => e.SubnetIds)).toEqual([[a]]));
  expect(statusEvents.filter((e) => e.vpc === id && e.state === 'Error')).toEqual([]);
  expect((await sweep()).scan.work.filter((w) => w.vpcId === id)).toEqual([]);
});

it('a placement change keeps the old endpoint serving until the new one is verified', async () => {
  const id = vpc(4);
  const { a, b } = subnetsOf(cloud, id);
  await tagVpc(id, { egress: 'proxy', 'egress:subnets': a });
  await cloud.awaitIdle();
  const old = (await settledEndpoints(id, (e) => expect(e).toHaveLength(1)))[0].VpcEndpointId!;
  const seen: string[] = [];
  const poll = setInterval(() => {
    const eps = [...cloud.ec2State.endpoints.values()].filter((e) => e.vpcId === id);
    seen.push(eps.map((e) => `${e.id === old ? 'old' : 'new'}:${e.state}`).sort().join(' '));
  }, 10);
  try {
    await tagVpc(id, { 'egress:subnets': b });
    await cloud.awaitIdle();
  } finally {
    clearInterval(poll);
  }
  expect(seen).toContain('new:Pending old:Available');
  expect(seen.some((s) => s.includes('old:Deleting') && s.includes('new:Pending'))).toBe(false);
  const serving = (eps: Awaited<ReturnType<typeof ownedEndpoints>>) => eps.filter((e) => e.State !== 'Deleting');
  const now = serving(await settledEndpoints(id, (eps) => expect(serving(eps).map((e) => e.SubnetIds)).toEqual([[b]])));
  await settledTags(id, (t) => expect(t['egress-proxy:endpoint']).toBe(now[0].VpcEndpointId));

  // Back to the first placement: the same spec as before, so the same ClientToken, whose endpoint is
  // deleted by now — the operator notices and makes a fresh one.
  await new Promise((r) => setTimeout(r, 150));
  await tagVpc(id, { 'egress:subnets': a });
  await cloud.awaitIdle();
  const back = serving(await settledEndpoints(id, (eps) => expect(serving(eps).map((e) => [e.SubnetIds, e.State])).toEqual([[[a], 'Available']])));
  expect(back[0].VpcEndpointId).not.toBe(old);
  await settledTags(id, (t) => expect(t['egress-proxy:state']).toBe('Ready'));
});

it('a bad spec on a Ready VPC keeps its proxy address, and sweeps do not retry it every time', async () => {
  const id = vpc(5);
  await tagVpc(id, { egress: 'proxy' });
  await cloud.awaitIdle();
  const ready = await settledTags(id, (t) => expect(t['egress-proxy:state']).toBe('Ready'));
  await tagVpc(id, { 'egress:deletion-policy': 'keep' });
  await cloud.awaitIdle();
  const tags = await settledTags(id, (t) => expect(t['egress-proxy:state']).toBe('Error'));
  expect(tags['egress-proxy:reason']).toMatch(/^InvalidSpec: /);
  expect(tags['egress-proxy']).toBe(ready['egress-proxy']);
  expect(tags['egress-proxy:endpoint']).toBe(ready['egress-proxy:endpoint']);
  expect((await sweep()).scan.work.filter((w) => w.vpcId === id)).toEqual([]);
});

it('a dry run plans without creating or writing anything', async () => {
  const id = vpc(6);
  await withoutTagEvents(cloud, () => tagVpc(id, { egress: 'proxy' }));
  // As `egress reconcile --dry-run` after the owner's change: from tags the API already shows.
  await settledTags(id, (t) => expect(t.egress).toBe('proxy'));
  const { executionArn } = await sfn().send(new StartExecutionCommand({
    stateMachineArn: cloud.stateMachineArn('reconcile-vpc'), name: `${id}-dry-run`,
    input: JSON.stringify({ vpcId: id, account: cloud.accountId, region: cloud.region, trigger: 'cli', dryRun: true }),
  }));
  const done = await cloud.stepFunctions.awaitExecution(executionArn!);
  expect([done.Status, done.Error, done.Cause]).toEqual(['SUCCEEDED', undefined, undefined]);
  const output = JSON.parse(String(done.Output));
  expect(output.securityGroup.plan.authorize).toHaveLength(1);
  expect(output.endpoint.plan).toMatchObject({ create: true });
  expect(statusTags(await tagsOf(id))).toEqual({});
  expect(await ownedEndpoints(id)).toEqual([]);
  expect(await ownedGroups(id)).toEqual([]);
});

it('opting out while our security group is referenced → Error saying so, no dead address, no retry every sweep', async () => {
  const id = vpc(7);
  await tagVpc(id, { egress: 'proxy' });
  await cloud.awaitIdle();
  const [ours] = await settledGroups(id, (g) => expect(g).toHaveLength(1));
  const theirs = await ec2().send(new CreateSecurityGroupCommand({ VpcId: id, GroupName: 'app', Description: 'team' }));
  await ec2().send(new AuthorizeSecurityGroupIngressCommand({
    GroupId: theirs.GroupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, UserIdGroupPairs: [{ GroupId: ours.GroupId }] }],
  }));
  await untagVpc(id, ['egress']);
  await cloud.awaitIdle();
  const tags = await settledTags(id, (t) => expect(t['egress-proxy:state']).toBe('Error'));
  expect(tags['egress-proxy:reason']).toMatch(new RegExp(`^SecurityGroupInUse: security group ${ours.GroupId} is still referenced`));
  expect(tags['egress-proxy']).toBeUndefined();
  await settledEndpoints(id, (e) => expect(e).toEqual([]));
  expect(executionsOf(cloud, id)[0].status).toBe('FAILED');
  expect((await sweep()).scan.work.filter((w) => w.vpcId === id)).toEqual([]);
});
