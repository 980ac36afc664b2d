/**
 * The EC2 read APIs people use, through the real SDK: DescribeTags, Describe/ModifyVpcAttribute,
 * DescribeRegions, DescribeRouteTables, DescribeNetworkAcls, and Malformed IDs.
 */
import {
  CreateSubnetCommand, CreateTagsCommand, CreateVpcCommand, DescribeNetworkAclsCommand, DescribeRegionsCommand,
  DescribeRouteTablesCommand, DescribeSecurityGroupsCommand, DescribeSubnetsCommand, DescribeTagsCommand,
  DescribeVpcAttributeCommand, DescribeVpcEndpointsCommand, DescribeVpcsCommand, ModifyVpcAttributeCommand,
  paginateDescribeTags,
} from '@aws-sdk/client-ec2';
import { KNOWN_REGIONS } from '../../../local/regions';
import { errorOf, startEc2OnlyCloud, type Ec2OnlyCloud } from '../helpers/ec2-only-cloud';

let cloud: Ec2OnlyCloud;
beforeAll(async () => { cloud = await startEc2OnlyCloud({ hub: false }); });
afterAll(() => cloud.close());

async function newVpc(tags: Record<string, string> = {}, ipv6 = false): Promise<string> {
  const Tags = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
  const { Vpc } = await cloud.ec2().send(new CreateVpcCommand({
    CidrBlock: '10.0.0.0/16', AmazonProvidedIpv6CidrBlock: ipv6,
    TagSpecifications: Tags.length ? [{ ResourceType: 'vpc', Tags }] : undefined,
  }));
  return Vpc!.VpcId!;
}

describe('DescribeTags (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeTags.html)', () => {
  test('one item per tag, filtered by resource-id, resource-type, key and value (wildcards)', async () => {
    const vpcId = await newVpc({ Name: 'tags-a', team: 'red' });
    const { Subnet } = await cloud.ec2().send(new CreateSubnetCommand({
      VpcId: vpcId, CidrBlock: '10.0.1.0/24', TagSpecifications: [{ ResourceType: 'subnet', Tags: [{ Key: 'team', Value: 'red' }] }],
    }));
    const ec2 = cloud.ec2();
    const byId = await ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'resource-id', Values: [vpcId] }] }));
    expect(byId.Tags).toEqual([
      { ResourceId: vpcId, ResourceType: 'vpc', Key: 'Name', Value: 'tags-a' },
      { ResourceId: vpcId, ResourceType: 'vpc', Key: 'team', Value: 'red' },
    ]);
    const subnetsOfRed = await ec2.send(new DescribeTagsCommand({
      Filters: [{ Name: 'resource-type', Values: ['subnet'] }, { Name: 'key', Values: ['te*'] }, { Name: 'value', Values: ['red'] }],
    }));
    expect(subnetsOfRed.Tags!.map((t) => t.ResourceId)).toContain(Subnet!.SubnetId);
    expect(subnetsOfRed.Tags!.every((t) => t.ResourceType === 'subnet')).toBe(true);
    const byTag = await ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'tag:Name', Values: ['tags-a'] }] }));
    expect(byTag.Tags!.map((t) => t.Key).sort()).toEqual(['Name', 'team']);
  });

  test('pages with MaxResults/NextToken, every tag exactly once', async () => {
    const vpcId = await newVpc(Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`k${i}`, `v${i}`])));
    const seen: string[] = [];
    for await (const page of paginateDescribeTags({ client: cloud.ec2(), pageSize: 5 }, { Filters: [{ Name: 'resource-id', Values: [vpcId] }] })) {
      expect(page.Tags!.length).toBeLessThanOrEqual(5);
      seen.push(...page.Tags!.map((t) => t.Key!));
    }
    expect(seen.sort()).toEqual(Array.from({ length: 12 }, (_, i) => `k${i}`).sort());
  });

  test('an unknown filter and an out-of-range MaxResults are refused', async () => {
    expect((await errorOf(cloud.ec2().send(new DescribeTagsCommand({ Filters: [{ Name: 'colour', Values: ['x'] }] })))).name).toBe('InvalidParameterValue');
    expect((await errorOf(cloud.ec2().send(new DescribeTagsCommand({ MaxResults: 2 })))).name).toBe('InvalidParameterValue');
  });
});

describe('VPC attributes (https://docs.aws.amazon.com/vpc/latest/userguide/AmazonDNS-concepts.html)', () => {
  test('a new VPC resolves DNS but has no DNS hostnames; ModifyVpcAttribute changes one attribute', async () => {
    const vpcId = await newVpc();
    const ec2 = cloud.ec2();
    const support = await ec2.send(new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: 'enableDnsSupport' }));
    expect(support).toMatchObject({ VpcId: vpcId, EnableDnsSupport: { Value: true } });
    const hostnames = await ec2.send(new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: 'enableDnsHostnames' }));
    expect(hostnames.EnableDnsHostnames).toEqual({ Value: false });
    await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: true } }));
    expect((await ec2.send(new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: 'enableDnsHostnames' }))).EnableDnsHostnames).toEqual({ Value: true });
  });

  test('two attributes in one ModifyVpcAttribute, a missing Attribute, an unknown one, an unknown VPC', async () => {
    const vpcId = await newVpc();
    const ec2 = cloud.ec2();
    const both = await errorOf(ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: true }, EnableDnsSupport: { Value: true } })));
    expect(both.name).toBe('InvalidParameterCombination');
    const missing = await errorOf(ec2.send(new DescribeVpcAttributeCommand({ VpcId: vpcId } as never)));
    expect([missing.name, missing.message]).toEqual(['MissingParameter', 'The request must contain the parameter Attribute']);
    const unknown = await errorOf(ec2.send(new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: 'enableTeleport' as never })));
    expect(unknown.name).toBe('InvalidParameterValue');
    expect(unknown.message).toContain('enableDnsSupport');
    const gone = await errorOf(ec2.send(new DescribeVpcAttributeCommand({ VpcId: 'vpc-0123456789abcdef0', Attribute: 'enableDnsSupport' })));
    expect(gone.name).toBe('InvalidVpcID.NotFound');
  });
});

test('DescribeRegions lists the local Regions and refuses an unknown name', async () => {
  const out = await cloud.ec2().send(new DescribeRegionsCommand({}));
  expect(out.Regions!.map((r) => r.RegionName)).toEqual([...KNOWN_REGIONS]);
  expect(out.Regions![0]).toEqual({ RegionName: KNOWN_REGIONS[0], Endpoint: `ec2.${KNOWN_REGIONS[0]}.amazonaws.com`, OptInStatus: 'opt-in-not-required' });
  const one = await cloud.ec2().send(new DescribeRegionsCommand({ RegionNames: ['eu-west-1'] }));
  expect(one.Regions!.map((r) => r.RegionName)).toEqual(['eu-west-1']);
  expect((await errorOf(cloud.ec2().send(new DescribeRegionsCommand({ RegionNames: ['mars-1'] })))).name).toBe('InvalidParameterValue');
});

describe('the main route table and the default network ACL of a new VPC', () => {
  test('main route table: one local route per CIDR block, the main association, stable ID', async () => {
    const vpcId = await newVpc({}, true);
    const ec2 = cloud.ec2();
    const { RouteTables } = await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }));
    expect(RouteTables).toHaveLength(1);
    const [table] = RouteTables!;
    expect(table.RouteTableId).toMatch(/^rtb-[0-9a-f]{17}$/);
    expect(table.Associations).toEqual([expect.objectContaining({ Main: true, RouteTableId: table.RouteTableId, AssociationState: { State: 'associated' } })]);
    expect(table.Routes).toEqual([
      expect.objectContaining({ DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', State: 'active', Origin: 'CreateRouteTable' }),
      expect.objectContaining({ DestinationIpv6CidrBlock: expect.stringMatching(/::\/56$/), GatewayId: 'local' }),
    ]);
    const again = await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [table.RouteTableId!] }));
    expect(again.RouteTables![0].VpcId).toBe(vpcId);
    const main = await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'association.main', Values: ['true'] }, { Name: 'vpc-id', Values: [vpcId] }] }));
    expect(main.RouteTables).toHaveLength(1);
  });

  test('default ACL: allow-all then deny-all both ways, associated with every subnet', async () => {
    const vpcId = await newVpc();
    const ec2 = cloud.ec2();
    const subnetIds: string[] = [];
    for (const cidr of ['10.0.1.0/24', '10.0.2.0/24']) {
      subnetIds.push((await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr }))).Subnet!.SubnetId!);
    }
    const { NetworkAcls } = await ec2.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'default', Values: ['true'] }] }));
    expect(NetworkAcls).toHaveLength(1);
    const [acl] = NetworkAcls!;
    expect(acl.IsDefault).toBe(true);
    const rules = acl.Entries!.map((e) => `${e.Egress ? 'out' : 'in'} ${e.RuleNumber} ${e.RuleAction} ${e.Protocol} ${e.CidrBlock}`);
    expect(rules).toEqual([
      'in 100 allow -1 0.0.0.0/0', 'in 32767 deny -1 0.0.0.0/0', 'out 100 allow -1 0.0.0.0/0', 'out 32767 deny -1 0.0.0.0/0',
    ]);
    expect(acl.Associations!.map((a) => a.SubnetId).sort()).toEqual([...subnetIds].sort());
    const bySubnet = await ec2.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'association.subnet-id', Values: [subnetIds[0]] }] }));
    expect(bySubnet.NetworkAcls!.map((a) => a.NetworkAclId)).toEqual([acl.NetworkAclId]);
  });
});

describe('malformed IDs answer Invalid…ID.Malformed, as EC2 does', () => {
  test.each([
    ['vpc', () => new DescribeVpcsCommand({ VpcIds: ['vpc-xyz'] }), 'InvalidVpcID.Malformed'],
    ['subnet', () => new DescribeSubnetsCommand({ SubnetIds: ['subnet-nothex'] }), 'InvalidSubnetID.Malformed'],
    ['security group', () => new DescribeSecurityGroupsCommand({ GroupIds: ['sg-12'] }), 'InvalidGroupId.Malformed'],
    ['endpoint', () => new DescribeVpcEndpointsCommand({ VpcEndpointIds: ['vpc-0123456789abcdef0'] }), 'InvalidVpcEndpointId.Malformed'],
    ['route table', () => new DescribeRouteTablesCommand({ RouteTableIds: ['rtb-?'] }), 'InvalidRouteTableID.Malformed'],
  ])('%s', async (_kind, command, code) => {
    const err = await errorOf(cloud.ec2().send(command() as never));
    expect(err.name).toBe(code);
    expect(err.message).toMatch(/^Invalid id: "/);
  });

  test('a well-formed unknown ID is still NotFound, and CreateTags on a malformed VPC ID is Malformed', async () => {
    expect((await errorOf(cloud.ec2().send(new DescribeVpcsCommand({ VpcIds: ['vpc-0123456789abcdef0'] })))).name).toBe('InvalidVpcID.NotFound');
    expect((await errorOf(cloud.ec2().send(new DescribeVpcsCommand({ VpcIds: ['vpc-01234567'] })))).name).toBe('InvalidVpcID.NotFound');
    const tagging = await errorOf(cloud.ec2().send(new CreateTagsCommand({ Resources: ['vpc-xyz'], Tags: [{ Key: 'a', Value: 'b' }] })));
    expect(tagging.name).toBe('InvalidVpcID.Malformed');
  });
});
