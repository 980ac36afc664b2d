/**
 * Concurrency, through the real SDK against the local cloud with EC2 eventual consistency on
 * (docs/local-cloud.md#eventual-consistency): many triggers for one VPC at once — tag events (EventBridge
 * delivers at least once), fleet sweeps and `egress reconcile`-style StartExecution calls — end with
 * exactly one owned endpoint and Ready; an owner flipping `egress` quickly ends in the last state with
 * nothing left behind (docs/design.md#workflows: every run observes first, a superseded run writes
 * nothing, ClientToken makes creation idempotent).
 */
import { CreateTagsCommand, DeleteTagsCommand, DeleteVpcEndpointsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { WORKFLOWS } from '../../handlers/catalog';
import { executionName } from '../../handlers/lib/names';
import { generationOf } from '../../handlers/lib/spec';
import { startLocalCloud, type LocalCloud } from '../../local/cloud';
import type { CloudEvent } from '../../local/service';
import { ownedEndpoints, ownedGroups, statusTags, tagsOf } from '../helpers/local-cloud';

jest.setTimeout(120_000);

let cloud: LocalCloud;
let ec2: EC2Client;
let sfn: SFNClient;
beforeAll(async () => {
  cloud = await startLocalCloud({
    endpointPendingMs: 200, endpointDeletingMs: 100, timeScale: 0.01, seedProjects: 4, memberAccounts: [],
    eventualConsistency: { seed: 12, notFoundMaxMs: 400, tagLagMaxMs: 400, deletedLingerMs: 2000 },
  });
  ec2 = new EC2Client({});
  sfn = new SFNClient({});
});
afterAll(async () => {
  ec2?.destroy();
  sfn?.destroy();
  await cloud?.stop();
});

const live = <E extends { State?: string }>(eps: E[]) => eps.filter((e) => !['deleting', 'deleted'].includes(e.State?.toLowerCase() ?? ''));
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
let sweeps = 0;

async function runSweep(): Promise<void> {
  const { executionArn } = await sfn.send(new StartExecutionCommand({
    stateMachineArn: cloud.stateMachineArn(WORKFLOWS.reconcileFleet), name: `concurrency-sweep-${++sweeps}`, input: '{}',
  }));
  await cloud.stepFunctions.awaitExecution(executionArn!);
  await cloud.awaitIdle();
}

/**
 * Everything started has ended; then the scheduled sweep's next two periods. With eventual consistency a
 * run can read tags older than the change that started it (as in AWS); the sweep is what repairs that.
 */
async function settle(): Promise<void> {
  await cloud.awaitIdle();
  await pause(500); // longer than every consistency window
  await runSweep();
  await pause(500);
  await runSweep();
  await pause(500);
}

function startSweep(): Promise<unknown> {
  return sfn.send(new StartExecutionCommand({
    stateMachineArn: cloud.stateMachineArn(WORKFLOWS.reconcileFleet), name: `concurrency-sweep-${++sweeps}`, input: '{}',
  }));
}

/** What `egress reconcile VPC` sends, each with a name of its own (as CLI calls in different minutes would have). */
function startCliReconcile(vpcId: string, tags: Record<string, string>, n: number): Promise<unknown> {
  return sfn.send(new StartExecutionCommand({
    stateMachineArn: cloud.stateMachineArn(WORKFLOWS.reconcileVpc),
    name: executionName(vpcId, generationOf(tags), 'cli', `20260101000${n}`),
    input: JSON.stringify({ vpcId, region: cloud.region, trigger: 'cli' }),
  }));
}

/** The VPC's last tag event delivered again as a later version: EventBridge delivers at least once. */
function redeliverTagEvent(vpcId: string, bump: number): void {
  const event = cloud.bus.events.filter((e) => e.source === 'aws.tag' && e.resources?.[0]?.endsWith(vpcId)).at(-1) as CloudEvent;
  const detail = event.detail as { version: number };
  cloud.bus.publish({ ...event, id: undefined, detail: { ...detail, version: detail.version + bump } });
}

async function expectReadyWithOneEndpoint(vpcId: string) {
  const tags = await tagsOf(vpcId);
  expect(tags['egress-proxy:state']).toBe('Ready');
  const endpoints = live(await ownedEndpoints(vpcId));
  expect(endpoints.map((e) => e.VpcEndpointId)).toEqual([tags['egress-proxy:endpoint']]);
  expect(await ownedGroups(vpcId)).toHaveLength(1);
}

async function expectNothingLeft(vpcId: string) {
  expect(statusTags(await tagsOf(vpcId))).toEqual({});
  expect(live(await ownedEndpoints(vpcId))).toEqual([]);
  expect(await ownedGroups(vpcId)).toEqual([]);
}

test('ten concurrent triggers for one VPC (tag events, sweeps, CLI starts) end with one owned endpoint, Ready', async () => {
  const vpc = cloud.projectVpcIds[0];
  const spec = { egress: 'proxy' };
  await ec2.send(new CreateTagsCommand({ Resources: [vpc], Tags: [{ Key: 'egress', Value: 'proxy' }] }));
  // 1 tag event (above) + 3 redeliveries + 3 sweeps + 3 CLI starts, all in flight together.
  for (const bump of [100, 200, 300]) redeliverTagEvent(vpc, bump);
  await Promise.all([startSweep(), startSweep(), startSweep(), ...[1, 2, 3].map((n) => startCliReconcile(vpc, spec, n))]);
  await cloud.awaitIdle();
  const runs = cloud.stepFunctions.executions.list(WORKFLOWS.reconcileVpc).filter((e) => e.name.startsWith(vpc));
  expect(runs.length).toBeGreaterThanOrEqual(7);
  await pause(500);
  await expectReadyWithOneEndpoint(vpc); // without the sweep's help
  await settle();
  await expectReadyWithOneEndpoint(vpc);
});

test('ten concurrent triggers on a Ready VPC whose endpoint was deleted out of band: one new endpoint, Ready', async () => {
  const vpc = cloud.projectVpcIds[0];
  const [endpoint] = live(await ownedEndpoints(vpc));
  await ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [endpoint.VpcEndpointId!] })); // out of band
  await Promise.all([
    startSweep(), startSweep(), startSweep(), startSweep(),
    ...[4, 5, 6, 7, 8, 9].map((n) => startCliReconcile(vpc, { egress: 'proxy' }, n)),
  ]);
  await cloud.awaitIdle();
  await pause(500);
  await expectReadyWithOneEndpoint(vpc); // without the sweep's help
  await settle();
  await expectReadyWithOneEndpoint(vpc);
  expect(live(await ownedEndpoints(vpc))[0].VpcEndpointId).not.toBe(endpoint.VpcEndpointId);
});

test('in → out → in quickly ends opted in: Ready, one endpoint, one group', async () => {
  const vpc = cloud.projectVpcIds[1];
  await ec2.send(new CreateTagsCommand({ Resources: [vpc], Tags: [{ Key: 'egress', Value: 'proxy' }] }));
  await ec2.send(new DeleteTagsCommand({ Resources: [vpc], Tags: [{ Key: 'egress' }] }));
  await ec2.send(new CreateTagsCommand({ Resources: [vpc], Tags: [{ Key: 'egress', Value: 'proxy' }] }));
  await settle();
  await expectReadyWithOneEndpoint(vpc);
});

test('in → out quickly ends opted out: no owned resources, no status keys', async () => {
  const vpc = cloud.projectVpcIds[2];
  await ec2.send(new CreateTagsCommand({ Resources: [vpc], Tags: [{ Key: 'egress', Value: 'proxy' }] }));
  await new Promise((r) => setTimeout(r, 50)); // the opt-in run is under way
  await ec2.send(new DeleteTagsCommand({ Resources: [vpc], Tags: [{ Key: 'egress' }] }));
  await settle();
  await expectNothingLeft(vpc);
});

test('in → out → in → out on a Ready VPC, while sweeps run: ends opted out with nothing left', async () => {
  const vpc = cloud.projectVpcIds[3];
  await ec2.send(new CreateTagsCommand({ Resources: [vpc], Tags: [{ Key: 'egress', Value: 'proxy' }] }));
  await settle();
  await expectReadyWithOneEndpoint(vpc);
  const flips = (async () => {
    for (const optIn of [false, true, false]) {
      if (optIn) await ec2.send(new CreateTagsCommand({ Resources: [vpc], Tags: [{ Key: 'egress', Value: 'proxy' }] }));
      else await ec2.send(new DeleteTagsCommand({ Resources: [vpc], Tags: [{ Key: 'egress' }] }));
      await new Promise((r) => setTimeout(r, 30));
    }
  })();
  await Promise.all([flips, startSweep(), startSweep()]);
  await settle();
  await expectNothingLeft(vpc);
});
