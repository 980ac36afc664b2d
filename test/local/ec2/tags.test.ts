import {
  CreateSecurityGroupCommand, CreateSubnetCommand, CreateTagsCommand, CreateVpcCommand, DeleteTagsCommand,
  DescribeSubnetsCommand, DescribeVpcsCommand,
} from '@aws-sdk/client-ec2';
import { TAG_CHANGE_PATTERN } from '../../../handlers/lib/event-patterns';
import { errorOf, startEc2OnlyCloud, type Ec2OnlyCloud } from '../helpers/ec2-only-cloud';

let cloud: Ec2OnlyCloud;
beforeAll(async () => { cloud = await startEc2OnlyCloud({ hub: false }); });
afterAll(() => cloud.close());
beforeEach(() => { cloud.events.length = 0; });

async function newVpc(tags: Record<string, string> = {}): Promise<string> {
  const Tags = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
  const spec = Tags.length ? [{ ResourceType: 'vpc' as const, Tags }] : undefined;
  const { Vpc } = await cloud.ec2().send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16', TagSpecifications: spec }));
  return Vpc!.VpcId!;
}

const tagsOf = async (vpcId: string) =>
  Object.fromEntries(((await cloud.ec2().send(new DescribeVpcsCommand({ VpcIds: [vpcId] }))).Vpcs![0].Tags ?? []).map((t) => [t.Key, t.Value]));

describe('aws.tag events', () => {
  test('CreateVpc with tags emits one event shaped like AWS', async () => {
    const vpcId = await newVpc({ Name: 'evt', egress: 'proxy' });
    expect(cloud.events).toHaveLength(1);
    expect(cloud.events[0]).toMatchObject({
      source: 'aws.tag',
      'detail-type': 'Tag Change on Resource',
      account: '123456789012',
      region: 'us-east-1',
      resources: [`arn:aws:ec2:us-east-1:123456789012:vpc/${vpcId}`],
      detail: { 'changed-tag-keys': ['Name', 'egress'], service: 'ec2', 'resource-type': 'vpc', version: 1, tags: { Name: 'evt', egress: 'proxy' } },
    });
    expect(cloud.events[0].time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  test('CreateTags/DeleteTags list only changed keys, carry the full tag set, and bump version', async () => {
    const vpcId = await newVpc({ Name: 'v' });
    const ec2 = cloud.ec2();
    await ec2.send(new CreateTagsCommand({ Resources: [vpcId], Tags: [{ Key: 'Name', Value: 'v' }, { Key: 'egress', Value: 'proxy' }] }));
    await ec2.send(new CreateTagsCommand({ Resources: [vpcId], Tags: [{ Key: 'egress', Value: 'proxy' }] })); // no change: no event
    await ec2.send(new DeleteTagsCommand({ Resources: [vpcId], Tags: [{ Key: 'egress' }] }));
    const details = cloud.events.map((e) => e.detail);
    expect(details).toEqual([
      expect.objectContaining({ 'changed-tag-keys': ['Name'], version: 1, tags: { Name: 'v' } }),
      expect.objectContaining({ 'changed-tag-keys': ['egress'], version: 2, tags: { Name: 'v', egress: 'proxy' } }),
      expect.objectContaining({ 'changed-tag-keys': ['egress'], version: 3, tags: { Name: 'v' } }),
    ]);
  });

  test('the operator rule pattern matches owner-key changes only', async () => {
    const vpcId = await newVpc();
    const ec2 = cloud.ec2();
    await ec2.send(new CreateTagsCommand({ Resources: [vpcId], Tags: [{ Key: 'egress-proxy:state', Value: 'Ready' }] }));
    await ec2.send(new CreateTagsCommand({ Resources: [vpcId], Tags: [{ Key: 'egress', Value: 'proxy' }] }));
    const matching = cloud.events.filter((e) =>
      (e.detail['changed-tag-keys'] as string[]).some((k) => TAG_CHANGE_PATTERN.detail['changed-tag-keys'].includes(k as never)));
    expect(matching).toHaveLength(1);
  });

  test('no events for subnets or security groups', async () => {
    const vpcId = await newVpc();
    const ec2 = cloud.ec2();
    const { Subnet } = await ec2.send(new CreateSubnetCommand({
      VpcId: vpcId, CidrBlock: '10.0.0.0/24', TagSpecifications: [{ ResourceType: 'subnet', Tags: [{ Key: 'a', Value: 'b' }] }],
    }));
    const sg = await ec2.send(new CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: 'g', Description: 'd' }));
    await ec2.send(new CreateTagsCommand({ Resources: [Subnet!.SubnetId!, sg.GroupId!], Tags: [{ Key: 'egress', Value: 'proxy' }] }));
    expect(cloud.events).toEqual([]);
    const subnets = await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'tag:egress', Values: ['proxy'] }] }));
    expect(subnets.Subnets!.map((s) => s.SubnetId)).toEqual([Subnet!.SubnetId]);
  });
});

describe('tag semantics', () => {
  test('DeleteTags: key+value deletes only on match, key alone always, no tags deletes all', async () => {
    const vpcId = await newVpc({ a: '1', b: '2', c: '', d: '4' });
    const ec2 = cloud.ec2();
    await ec2.send(new DeleteTagsCommand({ Resources: [vpcId], Tags: [{ Key: 'a', Value: 'other' }, { Key: 'b' }, { Key: 'c', Value: '' }] }));
    expect(await tagsOf(vpcId)).toEqual({ a: '1', d: '4' });
    await ec2.send(new DeleteTagsCommand({ Resources: [vpcId] }));
    expect(await tagsOf(vpcId)).toEqual({});
  });

  test('hostile values round-trip through XML', async () => {
    const hostile = `<&>"' ]]> <![CDATA[x]]> \r\n\t ü ✓ 😀 &amp; ${'z'.repeat(200)}`;
    const vpcId = await newVpc();
    await cloud.ec2().send(new CreateTagsCommand({ Resources: [vpcId], Tags: [{ Key: 'k<&>"\'ü', Value: hostile }] }));
    expect(await tagsOf(vpcId)).toEqual({ 'k<&>"\'ü': hostile });
    expect(cloud.events.at(-1)!.detail.tags).toEqual({ 'k<&>"\'ü': hostile });
  });

  test.each([
    ['aws: prefix', [{ Key: 'aws:cloudformation:x', Value: 'v' }], 'InvalidParameterValue'],
    ['key over 128', [{ Key: 'k'.repeat(129), Value: 'v' }], 'InvalidParameterValue'],
    ['value over 256', [{ Key: 'k', Value: 'v'.repeat(257) }], 'InvalidParameterValue'],
    ['more than 50 tags', Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })), 'TagLimitExceeded'],
  ])('CreateTags rejects %s', async (_n, Tags, code) => {
    const vpcId = await newVpc();
    expect((await errorOf(cloud.ec2().send(new CreateTagsCommand({ Resources: [vpcId], Tags }))))).toHaveProperty('name', code);
    expect(await tagsOf(vpcId)).toEqual({});
  });

  test('50 tags are fine, the 51st is not', async () => {
    const vpcId = await newVpc();
    const Tags = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await cloud.ec2().send(new CreateTagsCommand({ Resources: [vpcId], Tags }));
    const err = await errorOf(cloud.ec2().send(new CreateTagsCommand({ Resources: [vpcId], Tags: [{ Key: 'one-more', Value: 'v' }] })));
    expect(err.name).toBe('TagLimitExceeded');
  });

  test.each([
    ['vpc-0123456789abcdef0', 'InvalidVpcID.NotFound'],
    ['subnet-0123456789abcdef0', 'InvalidSubnetID.NotFound'],
    ['sg-0123456789abcdef0', 'InvalidGroup.NotFound'],
    ['vpce-0123456789abcdef0', 'InvalidVpcEndpointId.NotFound'],
    ['eni-0123456789abcdef0', 'InvalidNetworkInterfaceID.NotFound'],
    ['i-0123456789abcdef0', 'InvalidID'],
  ])('CreateTags on unknown %s → %s', async (id, code) => {
    expect((await errorOf(cloud.ec2().send(new CreateTagsCommand({ Resources: [id], Tags: [{ Key: 'a', Value: 'b' }] }))))).toHaveProperty('name', code);
  });

  test('TagSpecification for the wrong resource type is rejected', async () => {
    const err = await errorOf(cloud.ec2().send(new CreateVpcCommand({
      CidrBlock: '10.0.0.0/16', TagSpecifications: [{ ResourceType: 'subnet', Tags: [{ Key: 'a', Value: 'b' }] }],
    })));
    expect(err.name).toBe('InvalidParameterValue');
  });
});
