/**
 * Eventual consistency of EC2 reads, seeded and on an injected clock
 * (https://docs.aws.amazon.com/ec2/latest/devguide/eventual-consistency.html).
 */
import {
  CreateTagsCommand, CreateVpcCommand, CreateVpcEndpointCommand, DeleteVpcEndpointsCommand, DescribeTagsCommand,
  DescribeVpcEndpointsCommand, DescribeVpcsCommand,
} from '@aws-sdk/client-ec2';
import { EventualConsistency, parseSeed } from '../../../local/consistency';
import { mulberry32 } from '../../../local/random';
import { errorOf, startEc2OnlyCloud, type Ec2OnlyCloud } from '../helpers/ec2-only-cloud';

let clock = 1_000_000;
let cloud: Ec2OnlyCloud;

/** Every effect always on, with fixed-length windows, so the test can step the clock across them. */
const alwaysLate = (seed = 7) => new EventualConsistency({
  seed, notFoundChance: 1, notFoundMaxMs: 1000, tagLagChance: 1, tagLagMaxMs: 1000, vpcPendingMaxMs: 1000, deletedLingerMs: 5000,
});

beforeAll(async () => {
  cloud = await startEc2OnlyCloud({ now: () => clock, endpointPendingMs: 0, endpointDeletingMs: 100, consistency: alwaysLate() });
});
afterAll(() => cloud.close());

test('the PRNG is seeded: the same seed replays the same windows', () => {
  const a = mulberry32(42);
  const b = mulberry32(42);
  expect(Array.from({ length: 5 }, a)).toEqual(Array.from({ length: 5 }, b));
  const x = new EventualConsistency({ seed: 9 });
  const y = new EventualConsistency({ seed: 9 });
  expect([x.invisibleForMs(), x.tagLagMs(), x.vpcPendingMs()]).toEqual([y.invisibleForMs(), y.tagLagMs(), y.vpcPendingMs()]);
  expect(parseSeed('123')).toBe(123);
  expect(parseSeed(undefined)).toBeUndefined();
  expect(() => parseSeed('abc')).toThrow(/non-negative integer/);
});

test('a new VPC may answer NotFound by ID and be absent from lists, then shows pending, then available', async () => {
  const ec2 = cloud.ec2();
  const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
  const id = Vpc!.VpcId!;
  // Seed 7 with chance 1: the draws give this VPC a NotFound window shorter than its pending time.
  expect(cloud.ec2Store.vpcs.has(id)).toBe(true); // the store is exact
  expect((await errorOf(ec2.send(new DescribeVpcsCommand({ VpcIds: [id] })))).name).toBe('InvalidVpcID.NotFound');
  expect((await ec2.send(new DescribeVpcsCommand({}))).Vpcs!.map((v) => v.VpcId)).not.toContain(id);
  const stateAt = async (ms: number) => {
    clock = created + ms;
    return (await ec2.send(new DescribeVpcsCommand({ VpcIds: [id] }))).Vpcs?.[0]?.State;
  };
  const created = clock;
  const timeline = [];
  for (let ms = 0; ms <= 1100; ms += 50) timeline.push(await stateAt(ms).catch(() => 'NotFound'));
  const firstSeen = timeline.findIndex((s) => s !== 'NotFound');
  expect(firstSeen).toBeGreaterThan(0);
  expect(timeline.slice(firstSeen)).toContain('pending');
  expect(timeline.at(-1)).toBe('available');
  // once visible, it never disappears again, and pending never follows available
  expect(timeline.slice(firstSeen)).not.toContain('NotFound');
  expect(timeline.slice(timeline.indexOf('available'))).not.toContain('pending');
});

test('new tags show late in Describe* and DescribeTags, then appear', async () => {
  const vpc = cloud.ec2Store.createVpc({ cidrBlock: '10.0.0.0/16' }); // store-level: visible at once
  const ec2 = cloud.ec2();
  await ec2.send(new CreateTagsCommand({ Resources: [vpc.id], Tags: [{ Key: 'egress', Value: 'proxy' }] }));
  expect(cloud.ec2Store.tagsOf(vpc.id)).toEqual({ egress: 'proxy' }); // the store is exact
  const seen = async () => (await ec2.send(new DescribeVpcsCommand({ VpcIds: [vpc.id] }))).Vpcs![0].Tags ?? [];
  // Seed 7 with chance 1 draws a lag > 0 for this write: reads still show no tags.
  expect(await seen()).toEqual([]);
  expect((await ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'resource-id', Values: [vpc.id] }] }))).Tags).toEqual([]);
  expect((await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'tag:egress', Values: ['proxy'] }] }))).Vpcs!.map((v) => v.VpcId)).not.toContain(vpc.id);
  clock += 1001;
  expect(await seen()).toEqual([{ Key: 'egress', Value: 'proxy' }]);
  expect((await ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'resource-id', Values: [vpc.id] }] }))).Tags).toHaveLength(1);
});

test('a deleted endpoint goes Deleting → Deleted and stays listed as Deleted for a while', async () => {
  const rcfg = cloud.latticeStore; // no hub in this cloud: seed one small gateway and configuration
  const vpc = cloud.ec2Store.createVpc({ cidrBlock: '10.1.0.0/16' });
  const hubVpc = cloud.ec2Store.createVpc({ cidrBlock: '10.2.0.0/16' });
  const hubSubnet = cloud.ec2Store.createSubnet({ vpcId: hubVpc.id, cidrBlock: '10.2.1.0/24', availabilityZoneId: 'use1-az1' });
  const subnet = cloud.ec2Store.createSubnet({ vpcId: vpc.id, cidrBlock: '10.1.1.0/24', availabilityZoneId: 'use1-az1' });
  const gw = rcfg.gateways.size ? [...rcfg.gateways.values()][0] : rcfg.createResourceGateway({
    name: 'gw', vpcId: hubVpc.id, subnetIds: [hubSubnet.id], securityGroupIds: [], azIds: ['use1-az1'],
  });
  const cfg = rcfg.createResourceConfiguration({ name: 'c', portRanges: ['3128'], resourceGatewayId: gw.id, definition: { ipResource: { ipAddress: '10.2.1.10' } } });
  const ec2 = cloud.ec2();
  const { VpcEndpoint } = await ec2.send(new CreateVpcEndpointCommand({ VpcId: vpc.id, VpcEndpointType: 'Resource', ResourceConfigurationArn: cfg.arn, SubnetIds: [subnet.id] }));
  const id = VpcEndpoint!.VpcEndpointId!;
  clock += 1001;
  await ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [id] }));
  const stateOf = async () => (await ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc.id] }] }))).VpcEndpoints!.map((e) => e.State);
  expect(await stateOf()).toEqual(['Deleting']);
  clock += 200; // deletion done (100 ms): gone from the store, still listed
  expect(await stateOf()).toEqual(['Deleted']);
  expect(cloud.ec2Store.endpoints.has(id)).toBe(false);
  expect((await ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [id] }))).VpcEndpoints![0].State).toBe('Deleted');
  clock += 5000;
  expect(await stateOf()).toEqual([]);
});

test('off (the default), every write is visible at once', async () => {
  const plain = await startEc2OnlyCloud({ hub: false });
  try {
    const ec2 = plain.ec2();
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'a', Value: 'b' }] }] }));
    const out = await ec2.send(new DescribeVpcsCommand({ VpcIds: [Vpc!.VpcId!] }));
    expect(out.Vpcs![0]).toMatchObject({ State: 'available', Tags: [{ Key: 'a', Value: 'b' }] });
  } finally {
    await plain.close();
  }
});
