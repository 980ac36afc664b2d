/**
 * Accounts and Regions through the real SDK: the access key picks the account, the credential scope
 * the Region; each account and Region has its own state (docs/local-cloud.md#accounts-and-principals).
 */
import { CreateVpcCommand, DescribeAvailabilityZonesCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { GetResourceConfigurationCommand } from '@aws-sdk/client-vpc-lattice';
import { startLocalCloud, type LocalCloud } from '../../../local/cloud';
import { errorOf } from '../helpers/ec2-only-cloud';
import { clientsFor } from './helpers';

let cloud: LocalCloud;
beforeAll(async () => { cloud = await startLocalCloud({ proxy: 'stand-in', endpointPendingMs: 0 }); });
afterAll(async () => { await cloud?.stop(); });

const vpcIdsOf = async (accountId: string, region?: string) =>
  ((await clientsFor(cloud, accountId, region).ec2.send(new DescribeVpcsCommand({}))).Vpcs ?? []).map((v) => v.VpcId!).sort();

describe('accounts', () => {
  it('seeds the operator and two member accounts, each with project VPCs on 10.0.0.0/16', async () => {
    expect(cloud.accountId).toBe('123456789012');
    expect(cloud.memberAccountIds).toHaveLength(2);
    for (const member of cloud.memberAccountIds) {
      const { Vpcs } = await clientsFor(cloud, member).ec2.send(new DescribeVpcsCommand({}));
      expect(Vpcs!.map((v) => v.VpcId).sort()).toEqual([...cloud.memberProjectVpcIds[member]].sort());
      expect(Vpcs!.every((v) => v.CidrBlock === '10.0.0.0/16' && v.OwnerId === member)).toBe(true);
    }
  });

  it('a 12-digit access key acts as that account; any other key as the operator account', async () => {
    const [member] = cloud.memberAccountIds;
    expect(await vpcIdsOf(member)).toEqual([...cloud.memberProjectVpcIds[member]].sort());
    const asOperator = await vpcIdsOf('AKIAIOSFODNN7EXAMPLE');
    expect(asOperator).toEqual(await vpcIdsOf(cloud.accountId));
    expect(asOperator).toEqual(expect.arrayContaining([cloud.hub.hubVpcId, ...cloud.projectVpcIds]));
    expect(asOperator).not.toContain(cloud.memberProjectVpcIds[member][0]);
  });

  it('envFor gives a subprocess the environment of any account', () => {
    expect(cloud.envFor(cloud.memberAccountIds[1], 'eu-west-1')).toEqual({
      AWS_ENDPOINT_URL: cloud.url, AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: cloud.memberAccountIds[1], AWS_SECRET_ACCESS_KEY: 'local',
    });
  });

  it("a resource ID names a resource of the caller's own account: another account does not find the hub configuration by ID", async () => {
    const err = await errorOf(clientsFor(cloud, cloud.memberAccountIds[0]).lattice.send(
      new GetResourceConfigurationCommand({ resourceConfigurationIdentifier: cloud.hub.resourceConfigurationId })));
    expect(err.name).toBe('ResourceNotFoundException');
  });
});

describe('regions', () => {
  it('keeps state per Region: eu-west-1 does not list the us-east-1 VPCs, and its VPCs carry eu-west-1', async () => {
    const member = cloud.memberAccountIds[0];
    expect(await vpcIdsOf(member, 'eu-west-1')).toEqual([]);
    const { ec2 } = clientsFor(cloud, member, 'eu-west-1');
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
    expect(Vpc!.OwnerId).toBe(member);
    expect(await vpcIdsOf(member, 'eu-west-1')).toEqual([Vpc!.VpcId]);
    expect(await vpcIdsOf(member, 'us-east-1')).not.toContain(Vpc!.VpcId);
    expect(cloud.ec2StoreFor(member, 'eu-west-1').vpcArn(Vpc!.VpcId!)).toBe(`arn:aws:ec2:eu-west-1:${member}:vpc/${Vpc!.VpcId}`);
  });

  // A signature scoped to a Region AWS does not have is refused (HTTP 403, "Credential should be scoped
  // to a valid region"): https://github.com/aws/aws-sdk-js-v3/issues/5576
  it('refuses a request signed for an unknown Region, as AWS does (EC2 AuthFailure, JSON services InvalidSignatureException)', async () => {
    const { ec2, lattice } = clientsFor(cloud, cloud.accountId, 'mars-1');
    const e1 = await errorOf(ec2.send(new DescribeVpcsCommand({})));
    expect(e1.name).toBe('AuthFailure');
    expect(e1.message).toBe("Credential should be scoped to a valid region, not 'mars-1'.");
    expect(e1.$metadata?.httpStatusCode).toBe(403);
    const e2 = await errorOf(lattice.send(new GetResourceConfigurationCommand({ resourceConfigurationIdentifier: cloud.hub.resourceConfigurationId })));
    expect(e2.name).toBe('InvalidSignatureException');
    expect(e2.message).toContain("not 'mars-1'");
  });
});

// https://docs.aws.amazon.com/global-infrastructure/latest/regions/az-ids.html: in the older Regions each
// account maps AZ names to AZ IDs independently; AZ IDs are the same physical zone everywhere.
describe('availability zones', () => {
  const zonesOf = async (accountId: string, region?: string) =>
    (await clientsFor(cloud, accountId, region).ec2.send(new DescribeAvailabilityZonesCommand({}))).AvailabilityZones!;

  it('DescribeAvailabilityZones lists every zone name in order with this account\'s AZ ID', async () => {
    const zones = await zonesOf(cloud.accountId);
    expect(zones.map((z) => z.ZoneName)).toEqual(['a', 'b', 'c', 'd', 'e', 'f'].map((l) => `us-east-1${l}`));
    expect(zones.map((z) => z.ZoneId).sort()).toEqual([1, 2, 3, 4, 5, 6].map((n) => `use1-az${n}`));
    expect(zones[0]).toMatchObject({ State: 'available', RegionName: 'us-east-1', ZoneType: 'availability-zone', OptInStatus: 'opt-in-not-required' });
    expect((await zonesOf(cloud.accountId, 'eu-west-1')).map((z) => z.ZoneId).sort()).toEqual(['euw1-az1', 'euw1-az2', 'euw1-az3']);
  });

  it('maps the same AZ names to different AZ IDs in different accounts, the same way on every call', async () => {
    const mappings = await Promise.all([cloud.accountId, ...cloud.memberAccountIds].map(async (a) => (await zonesOf(a)).map((z) => z.ZoneId).join(',')));
    expect(new Set(mappings).size).toBe(3);
    expect((await zonesOf(cloud.accountId)).map((z) => z.ZoneId).join(',')).toBe(mappings[0]);
  });

  it('subnets carry the AZ ID their account maps the AZ name to', async () => {
    const member = cloud.memberAccountIds[1];
    const zones = await zonesOf(member);
    const subnets = [...cloud.ec2StoreFor(member).subnets.values()].filter((s) => s.vpcId === cloud.memberProjectVpcIds[member][0]);
    expect(subnets).toHaveLength(6);
    for (const s of subnets) expect(s.availabilityZoneId).toBe(zones.find((z) => z.ZoneName === s.availabilityZone)!.ZoneId);
  });

  it('filters by zone-id and names the zones asked for; an unknown zone is InvalidParameterValue', async () => {
    const { ec2 } = clientsFor(cloud, cloud.accountId);
    const out = await ec2.send(new DescribeAvailabilityZonesCommand({ Filters: [{ Name: 'zone-id', Values: ['use1-az4'] }] }));
    expect(out.AvailabilityZones!.map((z) => z.ZoneId)).toEqual(['use1-az4']);
    const named = await ec2.send(new DescribeAvailabilityZonesCommand({ ZoneNames: ['us-east-1b'] }));
    expect(named.AvailabilityZones!.map((z) => z.ZoneName)).toEqual(['us-east-1b']);
    const err = await errorOf(ec2.send(new DescribeAvailabilityZonesCommand({ ZoneNames: ['us-east-1z'] })));
    expect(err.name).toBe('InvalidParameterValue');
    expect(err.message).toBe('Invalid availability zone: [us-east-1z]');
  });
});
