import {
  AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, CreateVpcCommand, DeleteSecurityGroupCommand,
  DescribeSecurityGroupsCommand, RevokeSecurityGroupIngressCommand, type IpPermission,
} from '@aws-sdk/client-ec2';
import { errorOf, startEc2OnlyCloud, type Ec2OnlyCloud } from '../helpers/ec2-only-cloud';

let cloud: Ec2OnlyCloud;
let vpcId: string;
beforeAll(async () => {
  cloud = await startEc2OnlyCloud({ hub: false });
  vpcId = (await cloud.ec2().send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
});
afterAll(() => cloud.close());

const proxyRule = (cidr = '10.0.0.0/16', description?: string): IpPermission => ({
  IpProtocol: 'tcp', FromPort: 3128, ToPort: 3128, IpRanges: [{ CidrIp: cidr, Description: description }],
});

async function newGroup(name: string): Promise<string> {
  const out = await cloud.ec2().send(new CreateSecurityGroupCommand({
    VpcId: vpcId, GroupName: name, Description: `group ${name}`,
    TagSpecifications: [{ ResourceType: 'security-group', Tags: [{ Key: 'egress-proxy:managed-by', Value: 'egress-operator' }] }],
  }));
  expect(out.GroupId).toMatch(/^sg-[0-9a-f]{17}$/);
  expect(out.Tags).toEqual([{ Key: 'egress-proxy:managed-by', Value: 'egress-operator' }]);
  return out.GroupId!;
}

const describeGroup = async (id: string) => (await cloud.ec2().send(new DescribeSecurityGroupsCommand({ GroupIds: [id] }))).SecurityGroups![0];

test('a new group allows all egress and no ingress', async () => {
  const g = await describeGroup(await newGroup('fresh'));
  expect(g).toMatchObject({ GroupName: 'fresh', Description: 'group fresh', VpcId: vpcId, OwnerId: '123456789012', IpPermissions: [] });
  expect(g.IpPermissionsEgress).toEqual([expect.objectContaining({ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] })]);
});

test('group names are unique per VPC', async () => {
  await newGroup('dup');
  const err = await errorOf(cloud.ec2().send(new CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: 'dup', Description: 'again' })));
  expect(err.name).toBe('InvalidGroup.Duplicate');
  const other = (await cloud.ec2().send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16' }))).Vpc!.VpcId!;
  await cloud.ec2().send(new CreateSecurityGroupCommand({ VpcId: other, GroupName: 'dup', Description: 'other vpc' }));
});

test('authorize, describe with descriptions, duplicate, revoke', async () => {
  const id = await newGroup('rules');
  const ec2 = cloud.ec2();
  const added = await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: [proxyRule('10.0.0.0/16', 'proxy clients')] }));
  expect(added.Return).toBe(true);
  expect(added.SecurityGroupRules![0]).toMatchObject({ GroupId: id, IsEgress: false, IpProtocol: 'tcp', FromPort: 3128, CidrIpv4: '10.0.0.0/16', Description: 'proxy clients' });
  expect(added.SecurityGroupRules![0].SecurityGroupRuleId).toMatch(/^sgr-/);
  await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: [proxyRule('192.168.0.0/24')] }));

  const g = await describeGroup(id);
  expect(g.IpPermissions).toEqual([expect.objectContaining({
    IpProtocol: 'tcp', FromPort: 3128, ToPort: 3128,
    IpRanges: [{ CidrIp: '10.0.0.0/16', Description: 'proxy clients' }, { CidrIp: '192.168.0.0/24' }],
  })]);

  // Same permission with a different description is still a duplicate (AWS ignores descriptions).
  const dup = await errorOf(ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: [proxyRule('10.0.0.0/16', 'other')] })));
  expect(dup.name).toBe('InvalidPermission.Duplicate');

  await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: [proxyRule('192.168.0.0/24')] }));
  expect((await describeGroup(id)).IpPermissions![0].IpRanges).toEqual([{ CidrIp: '10.0.0.0/16', Description: 'proxy clients' }]);
  const gone = await errorOf(ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: [proxyRule('192.168.0.0/24')] })));
  expect(gone.name).toBe('InvalidPermission.NotFound');
});

test('protocol numbers are normalised and filters see rules', async () => {
  const id = await newGroup('numbers');
  await cloud.ec2().send(new AuthorizeSecurityGroupIngressCommand({
    GroupId: id, IpPermissions: [{ IpProtocol: '6', FromPort: 8080, ToPort: 8080, IpRanges: [{ CidrIp: '10.2.0.0/16' }] }],
  }));
  expect((await describeGroup(id)).IpPermissions![0].IpProtocol).toBe('tcp');
  const found = await cloud.ec2().send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'ip-permission.cidr', Values: ['10.2.0.0/16'] }] }));
  expect(found.SecurityGroups!.map((s) => s.GroupId)).toEqual([id]);
  const byName = await cloud.ec2().send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['numb*'] }, { Name: 'vpc-id', Values: [vpcId] }] }));
  expect(byName.SecurityGroups!.map((s) => s.GroupId)).toEqual([id]);
});

test('the default group cannot be deleted; unknown groups are NotFound', async () => {
  const def = (await cloud.ec2().send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'group-name', Values: ['default'] }] }))).SecurityGroups![0];
  expect(def.IpPermissions![0].UserIdGroupPairs![0].GroupId).toBe(def.GroupId);
  expect((await errorOf(cloud.ec2().send(new DeleteSecurityGroupCommand({ GroupId: def.GroupId })))).name).toBe('CannotDelete');
  expect((await errorOf(cloud.ec2().send(new DeleteSecurityGroupCommand({ GroupId: 'sg-0000000000000000a' })))).name).toBe('InvalidGroup.NotFound');
  expect((await errorOf(cloud.ec2().send(new DescribeSecurityGroupsCommand({ GroupIds: ['sg-0000000000000000a'] })))).name).toBe('InvalidGroup.NotFound');
});

test('pagination over security groups', async () => {
  const ec2 = cloud.ec2();
  const first = await ec2.send(new DescribeSecurityGroupsCommand({ MaxResults: 5 }));
  expect(first.SecurityGroups).toHaveLength(5);
  expect(first.NextToken).toBeDefined();
  const rest = await ec2.send(new DescribeSecurityGroupsCommand({ MaxResults: 1000, NextToken: first.NextToken }));
  const all = await ec2.send(new DescribeSecurityGroupsCommand({}));
  expect([...first.SecurityGroups!, ...rest.SecurityGroups!].map((g) => g.GroupId)).toEqual(all.SecurityGroups!.map((g) => g.GroupId));
});
