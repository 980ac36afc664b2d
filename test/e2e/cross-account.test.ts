/**
 * The cross-account path end to end, through the real SDK: VPCs of member accounts, tagged by their
 * owners, reconciled by the operator in the hub account, which reaches them only by assuming the member
 * role (docs/design.md#cross-account-and-regions). Each account maps AZ names to AZ IDs its own way
 * (https://docs.aws.amazon.com/global-infrastructure/latest/regions/az-ids.html).
 */
import {
  CreateSubnetCommand, CreateTagsCommand, CreateVpcCommand, DescribeAvailabilityZonesCommand, DescribeSecurityGroupsCommand, DescribeSubnetsCommand,
  DescribeVpcEndpointsCommand, DescribeVpcsCommand,
} from '@aws-sdk/client-ec2';
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { ownedFilters, toTagMap } from '../../handlers/lib/tags';
import type { LocalCloud } from '../../local/cloud';
import { startE2eCloud } from '../helpers/e2e-cloud';
import { clientsFor } from '../local/accounts/helpers';
import { eventually } from '../helpers/eventually';
import { executionsOf, sfn } from '../helpers/local-cloud';

let cloud: LocalCloud;
let member1: string;
let member2: string;
beforeAll(async () => {
  cloud = await startE2eCloud({ endpointPendingMs: 100, timeScale: 0.01 });
  [member1, member2] = cloud.memberAccountIds;
});
afterAll(async () => { await cloud?.stop(); });

const servedAzIds = () => cloud.latticeState.resourceConfigurationView(cloud.resourceConfigurationArn)!.gatewayAzIds;

async function tag(accountId: string, vpcId: string, tags: Record<string, string>, region?: string) {
  await clientsFor(cloud, accountId, region).ec2.send(new CreateTagsCommand({
    Resources: [vpcId], Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
  }));
  await cloud.awaitIdle();
}

async function tagsOf(accountId: string, vpcId: string, region?: string) {
  const out = await clientsFor(cloud, accountId, region).ec2.send(new DescribeVpcsCommand({ VpcIds: [vpcId] }));
  return toTagMap(out.Vpcs![0].Tags);
}

/** The VPC's tags once `check` passes: EC2 reads lag writes (../helpers/eventually). */
const settledTags = (accountId: string, vpcId: string, check: (t: Record<string, string>) => unknown, region?: string) =>
  eventually(() => tagsOf(accountId, vpcId, region), check, { what: `tags of ${vpcId} in ${accountId}` });

/** A new 10.0.0.0/16 VPC of `accountId` with one subnet in each of the given AZ names. */
async function vpcWithSubnets(accountId: string, zoneNames: string[], region?: string) {
  const { ec2 } = clientsFor(cloud, accountId, region);
  const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
  for (const [i, zone] of zoneNames.entries()) {
    await ec2.send(new CreateSubnetCommand({ VpcId: Vpc!.VpcId, CidrBlock: `10.0.${i + 1}.0/24`, AvailabilityZone: zone }));
  }
  // New subnets show late (docs/local-cloud.md#eventual-consistency); the reasons below name each one's AZ ID.
  await eventually(() => ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [Vpc!.VpcId!] }] })),
    (out) => expect(out.Subnets).toHaveLength(zoneNames.length), { what: `subnets of ${Vpc!.VpcId}` });
  return Vpc!.VpcId!;
}

it('a member VPC with subnets in every AZ name becomes Ready through the operator, its endpoint only in served AZ IDs', async () => {
  const vpc = cloud.memberProjectVpcIds[member1][0];
  const { ec2 } = clientsFor(cloud, member1);
  expect((await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc] }] }))).Subnets).toHaveLength(6);
  await tag(member1, vpc, { egress: 'proxy' });

  const tags = await settledTags(member1, vpc, (t) => expect(t['egress-proxy:state']).toBe('Ready'));
  expect(tags['egress-proxy']).toMatch(/^http:\/\/vpce-/);
  // The operator reached the member account only through the member role.
  expect(cloud.stats.snapshot().apiCalls['sts:AssumeRole']).toBeGreaterThanOrEqual(1);

  const { VpcEndpoints } = await eventually(() => ec2.send(new DescribeVpcEndpointsCommand({ Filters: ownedFilters(vpc) })),
    (out) => expect(out.VpcEndpoints).toHaveLength(1), { what: `owned endpoints of ${vpc}` });
  const { Subnets } = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: VpcEndpoints![0].SubnetIds }));
  expect(Subnets!.map((s) => s.AvailabilityZoneId).sort()).toEqual([...servedAzIds()].sort());
});

it('its overlaps tag counts the 10.0.0.0/16 VPCs of every account the operator serves', async () => {
  const vpc = cloud.memberProjectVpcIds[member1][0];
  const overlapping = [cloud.accountId, member1, member2]
    .flatMap((a) => [...cloud.ec2StoreFor(a).vpcs.values()])
    .filter((v) => v.cidrBlock === '10.0.0.0/16' && v.id !== vpc);
  const overlaps = (await tagsOf(member1, vpc))['egress-proxy:overlaps'];
  expect(overlaps.startsWith(`${overlapping.length}: `)).toBe(true);
  expect(overlaps).toContain(cloud.projectVpcIds[0]);
  expect(overlaps).toContain(cloud.memberProjectVpcIds[member2][0]);
});

describe('a member account whose AZ names map to AZ IDs the gateway does not serve', () => {
  let vpc: string;
  let unservedIds: string[];
  beforeAll(async () => {
    const zones = (await clientsFor(cloud, member2).ec2.send(new DescribeAvailabilityZonesCommand({}))).AvailabilityZones!;
    const unserved = zones.filter((z) => !servedAzIds().includes(z.ZoneId!));
    unservedIds = unserved.map((z) => z.ZoneId!);
    vpc = await vpcWithSubnets(member2, unserved.map((z) => z.ZoneName!));
    await tag(member2, vpc, { egress: 'proxy' });
  });

  it('ends in Error with a reason naming the AZ IDs the gateway serves', async () => {
    const tags = await settledTags(member2, vpc, (t) => expect(t['egress-proxy:state']).toBe('Error'));
    for (const id of servedAzIds()) expect(tags['egress-proxy:reason']).toContain(id);
  });

  it('names the VPC\'s own AZ IDs in that reason too', async () => {
    const reason = (await tagsOf(member2, vpc))['egress-proxy:reason'];
    for (const id of unservedIds) expect(reason).toContain(id);
  });
});

describe('a Region without a hub', () => {
  it('a VPC tagged in eu-west-1 is outside the operator\'s targets: no rule there, no run, its tags untouched', async () => {
    const vpc = await vpcWithSubnets(member1, ['eu-west-1a', 'eu-west-1b'], 'eu-west-1');
    await tag(member1, vpc, { egress: 'proxy' }, 'eu-west-1');
    expect(executionsOf(cloud, vpc)).toEqual([]);
    await settledTags(member1, vpc, (t) => expect(t).toEqual({ egress: 'proxy' }), 'eu-west-1');
  });

  /** Starts reconcile-vpc for a VPC the tag rule never sees, as `egress reconcile` would, and waits. */
  async function reconcileInEuWest1(vpc: string) {
    // As `egress reconcile` does, start from a VPC (and tags) the API already shows.
    await settledTags(member1, vpc, (t) => expect(t).toEqual({ egress: 'proxy' }), 'eu-west-1');
    const { executionArn } = await sfn().send(new StartExecutionCommand({
      stateMachineArn: cloud.stateMachineArn('reconcile-vpc'), name: `${vpc}-manual`,
      input: JSON.stringify({ vpcId: vpc, account: member1, region: 'eu-west-1', trigger: 'manual' }),
    }));
    await cloud.stepFunctions.awaitExecution(executionArn!);
    await cloud.awaitIdle();
    return settledTags(member1, vpc, (t) => expect(t['egress-proxy:state']).toBeDefined(), 'eu-west-1');
  }

  it('reconciling it anyway ends in Error InvalidSpec before planning anything, never a crash, nothing created', async () => {
    const vpc = await vpcWithSubnets(member1, ['eu-west-1a'], 'eu-west-1');
    await tag(member1, vpc, { egress: 'proxy' }, 'eu-west-1');
    const tags = await reconcileInEuWest1(vpc);
    expect(tags['egress-proxy:state']).toBe('Error');
    expect(tags['egress-proxy:reason']).toMatch(/^InvalidSpec: no hub in eu-west-1 /);
    const { ec2 } = clientsFor(cloud, member1, 'eu-west-1');
    expect((await ec2.send(new DescribeSecurityGroupsCommand({ Filters: ownedFilters(vpc) }))).SecurityGroups).toEqual([]);
  });

  it('that reason names the VPC\'s Region and the hub\'s', async () => {
    const vpc = await vpcWithSubnets(member1, ['eu-west-1b'], 'eu-west-1');
    await tag(member1, vpc, { egress: 'proxy' }, 'eu-west-1');
    expect((await reconcileInEuWest1(vpc))['egress-proxy:reason']).toMatch(/eu-west-1.*us-east-1|us-east-1.*eu-west-1/);
  });
});
