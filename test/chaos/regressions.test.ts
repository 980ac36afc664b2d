/**
 * Operator bugs the chaos campaign (chaos/) found, each pinned by a focused local-cloud test through the
 * real SDK (docs/design.md#errors, #planners-and-drift).
 */
import { CreateTagsCommand, DeleteTagsCommand } from '@aws-sdk/client-ec2';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { WORKFLOWS } from '../../handlers/catalog';
import { executionName } from '../../handlers/lib/names';
import { generationOf } from '../../handlers/lib/spec';
import { startFleetHarness, type FleetHarness } from '../fleet/harness';

jest.setTimeout(90_000);

let h: FleetHarness;
beforeAll(async () => { h = await startFleetHarness({ timeScale: 0.01, endpointPendingMs: 50, endpointDeletingMs: 50, seedProjects: 3, memberAccounts: [] }); });
afterAll(async () => { await h?.stop(); });
afterEach(() => h.cloud.faults.clear());

const statusKeys = (tags: Record<string, string>) => Object.keys(tags).filter((k) => k.startsWith('egress-proxy')).sort();
const optIn = (vpc: string, extra: Record<string, string> = {}) =>
  h.ec2.send(new CreateTagsCommand({ Resources: [vpc], Tags: Object.entries({ egress: 'proxy', ...extra }).map(([Key, Value]) => ({ Key, Value })) }));
const optOut = (vpc: string) => h.ec2.send(new DeleteTagsCommand({ Resources: [vpc], Tags: [{ Key: 'egress' }] }));

test('opt-out: DependencyViolation on DeleteSecurityGroup while nothing references the group is retried, not SecurityGroupInUse', async () => {
  const vpc = h.cloud.projectVpcIds[0];
  await optIn(vpc);
  await h.cloud.awaitIdle();
  // EC2 answers DependencyViolation for a moment after the endpoint's interfaces are gone.
  h.cloud.faults.add({ operation: 'ec2:DeleteSecurityGroup', kind: 'error', code: 'DependencyViolation', status: 400, count: 2 });
  await optOut(vpc);
  await h.cloud.awaitIdle();
  expect(h.cloud.faults.list()).toEqual([]); // both fired
  expect(await h.owned(vpc)).toEqual({ endpoints: [], groups: [] });
  expect(statusKeys(await h.tags(vpc))).toEqual([]);
});

test('retain, opt out, opt in with two runs at once: one owned group between them, under the next fixed name', async () => {
  const vpc = h.cloud.projectVpcIds[1];
  await optIn(vpc, { 'egress:deletion-policy': 'retain' });
  await h.cloud.awaitIdle();
  await optOut(vpc);
  await h.cloud.awaitIdle();
  // The retained group keeps the name egress-proxy-<vpc> without our tags; both runs must agree on the next name.
  await Promise.all([
    optIn(vpc),
    new SFNClient({}).send(new StartExecutionCommand({
      stateMachineArn: h.cloud.stateMachineArn(WORKFLOWS.reconcileVpc),
      name: executionName(vpc, generationOf({ egress: 'proxy', 'egress:deletion-policy': 'retain' }), 'cli', 'regression'),
      input: JSON.stringify({ vpcId: vpc, region: h.cloud.region, trigger: 'cli' }),
    })),
  ]);
  await h.cloud.awaitIdle();
  expect((await h.tags(vpc))['egress-proxy:state']).toBe('Ready');
  const groups = (await h.owned(vpc)).groups;
  expect(groups).toHaveLength(1);
  expect(h.cloud.ec2State.securityGroups.get(groups[0])?.groupName).toBe(`egress-proxy-${vpc}-2`);
});

test('a Progressing status whose run is gone (crashed between steps) is taken over by the next sweep, not after 30 minutes', async () => {
  const vpc = h.cloud.projectVpcIds[2];
  await optIn(vpc);
  await h.cloud.awaitIdle();
  const ready = await h.tags(vpc);
  // What a run leaves when it dies after EnsureEndpoint's Progressing write and never reaches PublishStatus.
  await h.ec2.send(new CreateTagsCommand({ Resources: [vpc], Tags: [
    { Key: 'egress-proxy:state', Value: 'Progressing' }, { Key: 'egress-proxy:reason', Value: 'CreatingEndpoint: resource endpoint in …' },
    { Key: 'egress-proxy:since', Value: new Date().toISOString() },
  ] }));
  const { scan } = await h.sweep();
  expect(scan.work.find((w) => w.vpcId === vpc)?.why).toMatch(/InFlight/);
  const after = await h.tags(vpc);
  expect(after['egress-proxy:state']).toBe('Ready');
  expect(after['egress-proxy:endpoint']).toBe(ready['egress-proxy:endpoint']);
  // Converged: the next sweep leaves it alone.
  expect((await h.sweep()).scan.work.map((w) => w.vpcId)).not.toContain(vpc);
});
