import {
  CreateSubnetCommand, CreateVpcCommand, DeleteSubnetCommand, DeleteVpcCommand, DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand, DescribeVpcsCommand, paginateDescribeVpcs, CreateSecurityGroupCommand, DeleteSecurityGroupCommand,
} from '@aws-sdk/client-ec2';
import { errorOf, startEc2OnlyCloud, type Ec2OnlyCloud } from '../helpers/ec2-only-cloud';
import { zonesOf } from '../../../local/ec2/az';

let cloud: Ec2OnlyCloud;
beforeAll(async () => { cloud = await startEc2OnlyCloud({ hub: false }); });
afterAll(() => cloud.close());

const vpcTags = (Name: string, extra: Record<string, string> = {}) => [
  { ResourceType: 'vpc' as const, Tags: Object.entries({ Name, ...extra }).map(([Key, Value]) => ({ Key, Value })) },
];

describe('VPCs and subnets', () => {
  test('create, describe and delete a VPC with subnets', async () => {
    const ec2 = cloud.ec2();
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16', AmazonProvidedIpv6CidrBlock: true, TagSpecifications: vpcTags('crud') }));
    expect(Vpc!.VpcId).toMatch(/^vpc-[0-9a-f]{17}$/);
    expect(Vpc!.CidrBlockAssociationSet![0]).toMatchObject({ CidrBlock: '10.0.0.0/16', CidrBlockState: { State: 'associated' } });
    expect(Vpc!.Ipv6CidrBlockAssociationSet![0].Ipv6CidrBlockState!.State).toBe('associated');
    expect(Vpc!.Tags).toEqual([{ Key: 'Name', Value: 'crud' }]);

    const a = await ec2.send(new CreateSubnetCommand({ VpcId: Vpc!.VpcId, CidrBlock: '10.0.1.0/24', AvailabilityZone: 'us-east-1a' }));
    const b = await ec2.send(new CreateSubnetCommand({ VpcId: Vpc!.VpcId, CidrBlock: '10.0.2.0/24', AvailabilityZoneId: 'use1-az2' }));
    // This account's own AZ name ↔ AZ ID mapping, whichever way the subnet named its zone.
    const zones = zonesOf('us-east-1', '123456789012');
    expect(a.Subnet).toMatchObject({ AvailabilityZone: 'us-east-1a', AvailabilityZoneId: zones.find((z) => z.name === 'us-east-1a')!.id, AvailableIpAddressCount: 251 });
    expect(b.Subnet).toMatchObject({ AvailabilityZone: zones.find((z) => z.id === 'use1-az2')!.name, AvailabilityZoneId: 'use1-az2' });
    expect(a.Subnet!.SubnetId).toMatch(/^subnet-[0-9a-f]{17}$/);

    const subnets = await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [Vpc!.VpcId!] }] }));
    expect(subnets.Subnets!.map((s) => s.CidrBlock).sort()).toEqual(['10.0.1.0/24', '10.0.2.0/24']);
    const byAz = await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'availability-zone', Values: [b.Subnet!.AvailabilityZone!] }, { Name: 'vpc-id', Values: [Vpc!.VpcId!] }] }));
    expect(byAz.Subnets!.map((s) => s.SubnetId)).toEqual([b.Subnet!.SubnetId]);

    // The default security group exists and does not block deletion; subnets and other groups do.
    const groups = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [Vpc!.VpcId!] }] }));
    expect(groups.SecurityGroups!.map((g) => g.GroupName)).toEqual(['default']);
    expect((await errorOf(ec2.send(new DeleteVpcCommand({ VpcId: Vpc!.VpcId })))).name).toBe('DependencyViolation');
    await ec2.send(new DeleteSubnetCommand({ SubnetId: a.Subnet!.SubnetId }));
    await ec2.send(new DeleteSubnetCommand({ SubnetId: b.Subnet!.SubnetId }));
    const sg = await ec2.send(new CreateSecurityGroupCommand({ VpcId: Vpc!.VpcId, GroupName: 'extra', Description: 'x' }));
    expect((await errorOf(ec2.send(new DeleteVpcCommand({ VpcId: Vpc!.VpcId })))).name).toBe('DependencyViolation');
    await ec2.send(new DeleteSecurityGroupCommand({ GroupId: sg.GroupId }));
    await ec2.send(new DeleteVpcCommand({ VpcId: Vpc!.VpcId }));
    expect((await errorOf(ec2.send(new DescribeVpcsCommand({ VpcIds: [Vpc!.VpcId!] })))).name).toBe('InvalidVpcID.NotFound');
    const left = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [Vpc!.VpcId!] }] }));
    expect(left.SecurityGroups).toEqual([]);
  });

  test.each([
    ['malformed CIDR', { CidrBlock: '10.0.0.0/33' }, 'InvalidParameterValue'],
    ['too large', { CidrBlock: '10.0.0.0/8' }, 'InvalidVpc.Range'],
    ['missing CIDR', {}, 'MissingParameter'],
  ])('CreateVpc rejects %s', async (_name, input, code) => {
    expect((await errorOf(cloud.ec2().send(new CreateVpcCommand(input)))).name).toBe(code);
  });

  test('subnet CIDR must be inside the VPC and not overlap; AZ must exist', async () => {
    const ec2 = cloud.ec2();
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.9.0.0/16' }));
    await ec2.send(new CreateSubnetCommand({ VpcId: Vpc!.VpcId, CidrBlock: '10.9.0.0/24' }));
    const cases: [object, string][] = [
      [{ CidrBlock: '10.8.0.0/24' }, 'InvalidSubnet.Range'],
      [{ CidrBlock: '10.9.0.128/25' }, 'InvalidSubnet.Conflict'],
      [{ CidrBlock: '10.9.5.0/24', AvailabilityZone: 'us-east-1z' }, 'InvalidParameterValue'],
    ];
    for (const [input, code] of cases) {
      expect((await errorOf(ec2.send(new CreateSubnetCommand({ VpcId: Vpc!.VpcId, ...input } as never))))).toHaveProperty('name', code);
    }
    expect((await errorOf(ec2.send(new CreateSubnetCommand({ VpcId: 'vpc-00000000000000000', CidrBlock: '10.0.0.0/24' })))).name).toBe('InvalidVpcID.NotFound');
  });
});

describe('filters', () => {
  let ids: string[];
  beforeAll(async () => {
    const ec2 = cloud.ec2();
    ids = [];
    for (const [name, extra] of [['f-alpha', { egress: 'proxy' }], ['f-beta', { egress: 'off' }], ['f-gamma', {}]] as const) {
      const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '172.16.0.0/16', TagSpecifications: vpcTags(name, extra) }));
      ids.push(Vpc!.VpcId!);
    }
  });
  const names = async (Filters: { Name: string; Values: string[] }[]) =>
    ((await cloud.ec2().send(new DescribeVpcsCommand({ Filters }))).Vpcs ?? [])
      .map((v) => v.Tags?.find((t) => t.Key === 'Name')?.Value).filter((n) => n?.startsWith('f-')).sort();

  test.each([
    ['tag:KEY exact', [{ Name: 'tag:egress', Values: ['proxy'] }], ['f-alpha']],
    ['tag:KEY several values OR', [{ Name: 'tag:egress', Values: ['proxy', 'off'] }], ['f-alpha', 'f-beta']],
    ['tag:KEY wildcard *', [{ Name: 'tag:Name', Values: ['f-*a'] }], ['f-alpha', 'f-beta', 'f-gamma']],
    ['tag:KEY wildcard ?', [{ Name: 'tag:Name', Values: ['f-bet?'] }], ['f-beta']],
    ['tag-key', [{ Name: 'tag-key', Values: ['egress'] }], ['f-alpha', 'f-beta']],
    ['filters AND', [{ Name: 'tag-key', Values: ['egress'] }, { Name: 'tag:Name', Values: ['*gamma', '*beta'] }], ['f-beta']],
    ['cidr', [{ Name: 'cidr', Values: ['172.16.0.0/16'] }], ['f-alpha', 'f-beta', 'f-gamma']],
  ])('%s', async (_name, filters, expected) => {
    expect(await names(filters)).toEqual(expected);
  });

  test('unknown filter name is InvalidParameterValue', async () => {
    const err = await errorOf(cloud.ec2().send(new DescribeVpcsCommand({ Filters: [{ Name: 'colour', Values: ['red'] }] })));
    expect(err.name).toBe('InvalidParameterValue');
    expect(err.message).toContain("'colour'");
  });

  test('VpcIds restricts, and filters apply on top', async () => {
    const out = await cloud.ec2().send(new DescribeVpcsCommand({ VpcIds: ids.slice(0, 2), Filters: [{ Name: 'tag:egress', Values: ['off'] }] }));
    expect(out.Vpcs!.map((v) => v.VpcId)).toEqual([ids[1]]);
  });
});

describe('pagination', () => {
  test('NextToken walks every page once, in creation order', async () => {
    const ec2 = cloud.ec2();
    const created: string[] = [];
    for (let i = 0; i < 12; i++) {
      const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '192.168.0.0/16', TagSpecifications: vpcTags(`page-${i}`, { paged: 'yes' }) }));
      created.push(Vpc!.VpcId!);
    }
    const pages: string[][] = [];
    for await (const page of paginateDescribeVpcs({ client: ec2, pageSize: 5 }, { Filters: [{ Name: 'tag:paged', Values: ['yes'] }] })) {
      pages.push(page.Vpcs!.map((v) => v.VpcId!));
    }
    expect(pages.map((p) => p.length)).toEqual([5, 5, 2]);
    expect(pages.flat()).toEqual(created);
  });

  test('a deletion between pages does not shift the next page', async () => {
    const ec2 = cloud.ec2();
    const filter = [{ Name: 'tag:paged', Values: ['yes'] }];
    const first = await ec2.send(new DescribeVpcsCommand({ Filters: filter, MaxResults: 5 }));
    await ec2.send(new DeleteVpcCommand({ VpcId: first.Vpcs![0].VpcId }));
    const second = await ec2.send(new DescribeVpcsCommand({ Filters: filter, MaxResults: 5, NextToken: first.NextToken }));
    expect(second.Vpcs![0].Tags).toContainEqual({ Key: 'Name', Value: 'page-5' });
  });

  test.each([
    ['MaxResults below 5', { MaxResults: 4 }, 'InvalidParameterValue'],
    ['MaxResults above 1000', { MaxResults: 1001 }, 'InvalidParameterValue'],
    ['garbage NextToken', { NextToken: 'not-a-token' }, 'InvalidPaginationToken'],
  ])('%s', async (_name, input, code) => {
    expect((await errorOf(cloud.ec2().send(new DescribeVpcsCommand(input))))).toHaveProperty('name', code);
  });
});
