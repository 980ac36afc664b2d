/**
 * The fleet snapshot end to end on the local cloud, IAM enforced (the Operator stack's grants on the
 * snapshot bucket's `fleet/` prefix): the sweep writes every VPC of every target; a reconcile's
 * DetectOverlaps uses it with this VPC's blocks read fresh; a missing, stale or unreadable snapshot
 * falls back to the whole-fleet read once and is rewritten; FLEET_SNAPSHOT=off reads the fleet as before.
 */
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { WORKFLOWS } from '../../handlers/catalog';
import { forgetKeptSnapshot } from '../../handlers/lib/fleet/overlap-source';
import { SNAPSHOT_KEY, type FleetCidrSnapshot } from '../../handlers/lib/fleet/snapshot-plan';
import { startLocalCloud, type LocalCloud } from '../../local/cloud';

let cloud: LocalCloud;
let sfn: SFNClient;
let runs = 0;

beforeAll(async () => {
  cloud = await startLocalCloud({ proxy: 'stand-in', endpointPendingMs: 100 });
  sfn = new SFNClient({});
  // Opted in without the tag events (the dispatcher would reconcile them): the tests start each run themselves.
  await cloud.pauseTagEvents(async () => { for (const id of cloud.projectVpcIds) cloud.ec2State.tag(id, { egress: 'proxy' }); });
});
afterAll(async () => {
  sfn?.destroy();
  await cloud?.stop();
});
// These tests are about the object itself: DetectOverlaps keeps no snapshot between runs here, except in
// the test of keeping it (FLEET_SNAPSHOT_CACHE_SECONDS).
beforeEach(() => { process.env.FLEET_SNAPSHOT_CACHE_SECONDS = '0'; });
afterEach(() => {
  delete process.env.FLEET_SNAPSHOT;
  delete process.env.FLEET_SNAPSHOT_MAX_AGE_SECONDS;
  delete process.env.FLEET_SNAPSHOT_CACHE_SECONDS;
  forgetKeptSnapshot();
});

const objects = () => cloud.s3.bucket(cloud.snapshotBucket, { account: cloud.accountId, region: cloud.region }).objects;
const stored = (): FleetCidrSnapshot | undefined => {
  const o = objects().get(SNAPSHOT_KEY);
  return o && JSON.parse(o.body.toString('utf8'));
};

async function run(machine: string, input: object): Promise<Record<string, any>> {
  const out = await sfn.send(new StartExecutionCommand({ stateMachineArn: cloud.stateMachineArn(machine), name: `snapshot-test-${++runs}`, input: JSON.stringify(input) }));
  const done = await cloud.stepFunctions.awaitExecution(out.executionArn!);
  expect([done.Status, done.Error, done.Cause]).toEqual(["SUCCEEDED", undefined, undefined]);
  return JSON.parse(String(done.Output));
}

const reconcile = async (vpcId: string) => (await run(WORKFLOWS.reconcileVpc, { vpcId, trigger: 'cli', dryRun: true })).overlaps;

test('without a snapshot, DetectOverlaps reads the whole fleet once and writes the snapshot from that read', async () => {
  expect(stored()).toBeUndefined();
  const overlaps = await reconcile(cloud.projectVpcIds[0]);
  expect(overlaps).toMatchObject({ source: 'fleet-read', fallback: 'missing' });
  const snapshot = stored()!;
  expect(snapshot).toMatchObject({ formatVersion: 1, takenBy: 'fallback' });
  expect(snapshot.targets.map((t) => t.account).sort()).toEqual([cloud.accountId, ...cloud.memberAccountIds].sort());
  // hub + 3 operator projects + 2 × 2 member projects, all on 10.0.0.0/16
  expect(snapshot.vpcs).toHaveLength(8);
  expect(overlaps.count).toBe(7);
  expect((await reconcile(cloud.projectVpcIds[1]))).toMatchObject({ source: 'snapshot', count: 7 });
});

test('the sweep writes every VPC of every target, opted in or not, SSE-encrypted', async () => {
  const scan = (await run(WORKFLOWS.reconcileFleet, {})).scan;
  expect(scan.snapshot).toEqual({ written: true, vpcs: 8, targets: [cloud.accountId, ...cloud.memberAccountIds].map((a) => `${a}:${cloud.region}`) });
  expect(stored()).toMatchObject({ takenBy: 'sweep' });
  expect(objects().get(SNAPSHOT_KEY)!.serverSideEncryption).toBe('AES256');
  const member = cloud.memberProjectVpcIds[cloud.memberAccountIds[0]][0];
  expect(stored()!.vpcs).toContainEqual({ vpcId: member, account: cloud.memberAccountIds[0], region: cloud.region, cidrs: ['10.0.0.0/16'] });
});

test('a fresh snapshot is used: this VPC\'s own blocks are exact, other VPCs are as the last sweep saw them', async () => {
  await run(WORKFLOWS.reconcileFleet, {});
  // A VPC created after the sweep: its own overlaps are exact (read fresh) …
  const late = cloud.ec2State.createVpc({ cidrBlock: '10.0.0.0/16', tags: { Name: 'late' } });
  for (const zone of ['a', 'b']) cloud.ec2State.createSubnet({ vpcId: late.id, cidrBlock: `10.0.${zone === 'a' ? 1 : 2}.0/24`, availabilityZone: `us-east-1${zone}` });
  await cloud.pauseTagEvents(async () => cloud.ec2State.tag(late.id, { egress: 'proxy' }));
  expect(await reconcile(late.id)).toMatchObject({ source: 'snapshot', count: 8 });
  // … while an older VPC does not see it until the next sweep (at most one sweep period stale).
  expect(await reconcile(cloud.projectVpcIds[0])).toMatchObject({ source: 'snapshot', count: 7 });
  await run(WORKFLOWS.reconcileFleet, {});
  expect(await reconcile(cloud.projectVpcIds[0])).toMatchObject({ source: 'snapshot', count: 8 });
});

test('a stale snapshot (older than FLEET_SNAPSHOT_MAX_AGE_SECONDS) falls back once and is rewritten', async () => {
  await run(WORKFLOWS.reconcileFleet, {});
  const takenAt = stored()!.takenAt;
  await new Promise((r) => setTimeout(r, 1100));
  process.env.FLEET_SNAPSHOT_MAX_AGE_SECONDS = '1';
  expect(await reconcile(cloud.projectVpcIds[0])).toMatchObject({ source: 'fleet-read', fallback: 'stale' });
  expect(stored()!.takenAt > takenAt).toBe(true);
  process.env.FLEET_SNAPSHOT_MAX_AGE_SECONDS = '600'; // the rewritten one is fresh again (however slow this machine)
  expect(await reconcile(cloud.projectVpcIds[0])).toMatchObject({ source: 'snapshot' });
});

test('an unreadable snapshot falls back and is replaced by a valid one', async () => {
  const current = objects().get(SNAPSHOT_KEY)!;
  objects().set(SNAPSHOT_KEY, { ...current, body: Buffer.from('{"formatVersion": 99}') });
  expect(await reconcile(cloud.projectVpcIds[0])).toMatchObject({ source: 'fleet-read', fallback: 'unreadable' });
  expect(stored()).toMatchObject({ formatVersion: 1, takenBy: 'fallback' });
});

test('FLEET_SNAPSHOT=off: the whole fleet is read as before (one more DescribeVpcs per fleet target), and S3 is not called', async () => {
  const calls = async () => {
    const before = cloud.stats.snapshot().apiCalls;
    const overlaps = await reconcile(cloud.projectVpcIds[0]);
    const after = cloud.stats.snapshot().apiCalls;
    const delta = (op: string) => (after[op] ?? 0) - (before[op] ?? 0);
    return { overlaps, describeVpcs: delta('ec2:DescribeVpcs'), getObject: delta('s3:GetObject') };
  };
  await run(WORKFLOWS.reconcileFleet, {});
  const withSnapshot = await calls();
  process.env.FLEET_SNAPSHOT = 'off';
  const off = await calls();
  expect(withSnapshot).toMatchObject({ overlaps: { source: 'snapshot', count: 8 }, getObject: 1 });
  expect(off).toMatchObject({ overlaps: { source: 'fleet-read', fallback: 'off', count: 8 }, getObject: 0 });
  expect(off.describeVpcs - withSnapshot.describeVpcs).toBe(3);
});

test('the sweep reads each target\'s VPCs once: one unfiltered DescribeVpcs serves its scan and the snapshot', async () => {
  const targets = (process.env.FLEET_TARGETS ?? '').split(',').filter(Boolean).length;
  expect(targets).toBe(3);
  const sweepCalls = async () => {
    await run(WORKFLOWS.reconcileFleet, {}); // repairs what earlier tests left
    await cloud.awaitIdle();
    cloud.stats.reset();
    const scan = (await run(WORKFLOWS.reconcileFleet, {})).scan;
    expect(scan.workCount).toBe(0); // nothing else reads the VPCs meanwhile
    return { scan, calls: cloud.stats.snapshot().apiCalls };
  };
  const on = await sweepCalls();
  expect(on.scan.vpcs).toBe(4); // the operator account's 3 opted-in projects and the late VPC of an earlier test
  expect(on.scan.snapshot).toMatchObject({ written: true, vpcs: 9 });
  expect(on.calls['ec2:DescribeVpcs']).toBe(targets);
  expect(on.calls['s3:PutObject']).toBe(1);
  process.env.FLEET_SNAPSHOT = 'off';
  const off = await sweepCalls();
  expect(off.scan.vpcs).toBe(4); // the filtered read finds the same VPCs
  expect(off.scan.snapshot).toBeUndefined();
  expect(off.calls['ec2:DescribeVpcs']).toBe(targets);
  expect(off.calls['s3:PutObject']).toBeUndefined();
});

test('an environment keeps the snapshot it read for FLEET_SNAPSHOT_CACHE_SECONDS: one GetObject for many reconciles, a newer one seen after that', async () => {
  delete process.env.FLEET_SNAPSHOT_CACHE_SECONDS; // the default, 60 s
  await run(WORKFLOWS.reconcileFleet, {});
  const gets = () => cloud.stats.snapshot().apiCalls['s3:GetObject'] ?? 0;
  const before = gets();
  const counts = [];
  for (const vpc of cloud.projectVpcIds) counts.push(await reconcile(vpc));
  expect(counts.map((o) => o.source)).toEqual(cloud.projectVpcIds.map(() => 'snapshot'));
  expect(gets() - before).toBe(1);
  const seen = counts[0].count;
  // A VPC the next sweep records is not seen while the kept snapshot is under a minute old …
  const late = cloud.ec2State.createVpc({ cidrBlock: '10.0.0.0/16', tags: { Name: 'late-kept' } });
  await run(WORKFLOWS.reconcileFleet, {});
  expect(await reconcile(cloud.projectVpcIds[0])).toMatchObject({ source: 'snapshot', count: seen });
  // … and is once the minute has passed (the handlers' clock, moved by the local cloud's clock).
  cloud.clock.advance(61_000);
  expect(await reconcile(cloud.projectVpcIds[0])).toMatchObject({ source: 'snapshot', count: seen + 1 });
  expect(gets() - before).toBe(2);
  expect(late.id).toMatch(/^vpc-/);
});
