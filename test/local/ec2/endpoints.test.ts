import {
  CreateSecurityGroupCommand, CreateSubnetCommand, CreateVpcEndpointCommand, DeleteSecurityGroupCommand,
  DeleteVpcEndpointsCommand, DescribeNetworkInterfacesCommand, DescribeVpcEndpointAssociationsCommand,
  DescribeVpcEndpointsCommand, DeleteSubnetCommand, DeleteVpcCommand, type CreateVpcEndpointCommandInput,
} from '@aws-sdk/client-ec2';
import { seedProjects } from '../../../local/seed';
import { errorOf, startEc2OnlyCloud, type Ec2OnlyCloud } from '../helpers/ec2-only-cloud';

const PENDING_MS = 10_000;
let clock = 1_750_000_000_000;
let cloud: Ec2OnlyCloud;
beforeAll(async () => { cloud = await startEc2OnlyCloud({ endpointPendingMs: PENDING_MS, endpointDeletingMs: 2_000, now: () => clock }); });
afterAll(() => cloud.close());

/** A fresh project VPC with its two subnets (us-east-1a, us-east-1b) and a proxy security group. */
async function project() {
  const [vpcId] = seedProjects(cloud.ec2Store, 1);
  const subnetIds = [...cloud.ec2Store.subnets.values()].filter((s) => s.vpcId === vpcId).map((s) => s.id);
  const { GroupId } = await cloud.ec2().send(new CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: 'egress-proxy', Description: 'proxy' }));
  return { vpcId, subnetIds, groupId: GroupId! };
}

function endpointInput(p: { vpcId: string; subnetIds: string[]; groupId: string }, extra: Partial<CreateVpcEndpointCommandInput> = {}): CreateVpcEndpointCommandInput {
  return {
    VpcId: p.vpcId, VpcEndpointType: 'Resource', ResourceConfigurationArn: cloud.hub!.resourceConfigurationArn,
    SubnetIds: p.subnetIds, SecurityGroupIds: [p.groupId],
    TagSpecifications: [{ ResourceType: 'vpc-endpoint', Tags: [{ Key: 'egress-proxy:owner', Value: p.vpcId }] }],
    ...extra,
  };
}

test('Pending until the delay passes, then Available; association Accessible; ENIs with subnet IPs', async () => {
  const p = await project();
  const ec2 = cloud.ec2();
  const { VpcEndpoint } = await ec2.send(new CreateVpcEndpointCommand(endpointInput(p)));
  const id = VpcEndpoint!.VpcEndpointId!;
  expect(id).toMatch(/^vpce-[0-9a-f]{17}$/);
  expect(VpcEndpoint).toMatchObject({
    VpcEndpointType: 'Resource', State: 'Pending', VpcId: p.vpcId, SubnetIds: p.subnetIds,
    Groups: [{ GroupId: p.groupId, GroupName: 'egress-proxy' }], DnsEntries: [],
    ResourceConfigurationArn: cloud.hub!.resourceConfigurationArn, Tags: [{ Key: 'egress-proxy:owner', Value: p.vpcId }],
  });
  expect(VpcEndpoint!.NetworkInterfaceIds).toHaveLength(2);

  const assocPending = await ec2.send(new DescribeVpcEndpointAssociationsCommand({ VpcEndpointIds: [id] }));
  expect(assocPending.VpcEndpointAssociations![0].AssociatedResourceAccessibility).toBe('Inaccessible');

  clock += PENDING_MS - 1;
  expect((await ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [id] }))).VpcEndpoints![0].State).toBe('Pending');
  clock += 1;
  expect((await ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [id] }))).VpcEndpoints![0].State).toBe('Available');

  const assoc = (await ec2.send(new DescribeVpcEndpointAssociationsCommand({ VpcEndpointIds: [id] }))).VpcEndpointAssociations![0];
  expect(assoc).toMatchObject({ VpcEndpointId: id, AssociatedResourceAccessibility: 'Accessible', AssociatedResourceArn: cloud.hub!.resourceConfigurationArn });
  expect(assoc.Id).toMatch(/^vpce-rsc-asc-[0-9a-f]{17}$/);
  expect(assoc.DnsEntry!.DnsName).toMatch(new RegExp(`^${id}-snra-.*\\.${cloud.hub!.resourceConfigurationId}\\..*vpc-lattice-rsc\\.us-east-1\\.on\\.aws$`));
  expect(assoc.DnsEntry!.HostedZoneId).toBeTruthy();

  const enis = (await ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: VpcEndpoint!.NetworkInterfaceIds }))).NetworkInterfaces!;
  expect(enis.map((e) => e.PrivateIpAddress).sort()).toEqual(['10.0.1.4', '10.0.2.4']);
  expect(enis[0]).toMatchObject({ InterfaceType: 'vpc_endpoint', RequesterManaged: true, Status: 'in-use', VpcId: p.vpcId, Groups: [{ GroupId: p.groupId, GroupName: 'egress-proxy' }] });
  expect(enis[0].Description).toBe(`VPC Endpoint Interface ${id}`);
  const byFilter = await ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'description', Values: [`*${id}`] }] }));
  expect(byFilter.NetworkInterfaces).toHaveLength(2);
});

test('a real clock: Pending → Available after endpointPendingMs', async () => {
  const real = await startEc2OnlyCloud({ endpointPendingMs: 40 });
  try {
    const [vpcId] = seedProjects(real.ec2Store, 1);
    const subnetIds = [...real.ec2Store.subnets.values()].filter((s) => s.vpcId === vpcId).map((s) => s.id);
    const ec2 = real.ec2();
    const { VpcEndpoint } = await ec2.send(new CreateVpcEndpointCommand({
      VpcId: vpcId, VpcEndpointType: 'Resource', ResourceConfigurationArn: real.hub!.resourceConfigurationArn, SubnetIds: subnetIds,
    }));
    expect(VpcEndpoint!.State).toBe('Pending');
    expect(VpcEndpoint!.Groups![0].GroupName).toBe('default'); // no SG given: the VPC's default group
    await new Promise((r) => setTimeout(r, 60));
    expect((await ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [VpcEndpoint!.VpcEndpointId!] }))).VpcEndpoints![0].State).toBe('Available');
  } finally {
    await real.close();
  }
});

test('ClientToken: same request returns the same endpoint, different parameters mismatch', async () => {
  const p = await project();
  const ec2 = cloud.ec2();
  const first = await ec2.send(new CreateVpcEndpointCommand(endpointInput(p, { ClientToken: `${p.vpcId}-gen1` })));
  const again = await ec2.send(new CreateVpcEndpointCommand(endpointInput(p, { ClientToken: `${p.vpcId}-gen1` })));
  expect(again.VpcEndpoint!.VpcEndpointId).toBe(first.VpcEndpoint!.VpcEndpointId);
  expect(again.ClientToken).toBe(`${p.vpcId}-gen1`);
  const mismatch = await errorOf(ec2.send(new CreateVpcEndpointCommand(endpointInput(p, { ClientToken: `${p.vpcId}-gen1`, SubnetIds: p.subnetIds.slice(0, 1) }))));
  expect(mismatch.name).toBe('IdempotentParameterMismatch');
  const all = await ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'vpc-id', Values: [p.vpcId] }] }));
  expect(all.VpcEndpoints).toHaveLength(1);
});

describe('CreateVpcEndpoint checks', () => {
  test('two subnets in one AZ → DuplicateSubnetsInSameZone', async () => {
    const p = await project();
    const { Subnet } = await cloud.ec2().send(new CreateSubnetCommand({ VpcId: p.vpcId, CidrBlock: '10.0.3.0/24', AvailabilityZone: 'us-east-1a' }));
    const err = await errorOf(cloud.ec2().send(new CreateVpcEndpointCommand(endpointInput(p, { SubnetIds: [p.subnetIds[0], Subnet!.SubnetId!] }))));
    expect(err.name).toBe('DuplicateSubnetsInSameZone');
  });

  test('no subnet AZ served by the resource gateway → InvalidParameter', async () => {
    const p = await project();
    const { Subnet } = await cloud.ec2().send(new CreateSubnetCommand({ VpcId: p.vpcId, CidrBlock: '10.0.9.0/24', AvailabilityZoneId: 'use1-az6' }));
    const err = await errorOf(cloud.ec2().send(new CreateVpcEndpointCommand(endpointInput(p, { SubnetIds: [Subnet!.SubnetId!] }))));
    expect(err.name).toBe('InvalidParameter');
    expect(err.message).toContain('use1-az6');
  });

  test.each([
    ['unknown resource configuration', { ResourceConfigurationArn: 'arn:aws:vpc-lattice:us-east-1:123456789012:resourceconfiguration/rcfg-00000000000000000' }, 'InvalidParameter'],
    ['unknown VPC', { VpcId: 'vpc-00000000000000000' }, 'InvalidVpcID.NotFound'],
    ['unknown subnet', { SubnetIds: ['subnet-00000000000000000'] }, 'InvalidSubnetID.NotFound'],
    ['unknown security group', { SecurityGroupIds: ['sg-00000000000000000'] }, 'InvalidGroup.NotFound'],
    ['not a Resource endpoint', { VpcEndpointType: 'Interface' as const, ServiceName: 'com.amazonaws.us-east-1.s3' }, 'InvalidParameter'],
  ])('%s', async (_name, extra, code) => {
    const p = await project();
    expect((await errorOf(cloud.ec2().send(new CreateVpcEndpointCommand(endpointInput(p, extra)))))).toHaveProperty('name', code);
  });

  test('the resource gateway VPC cannot hold an endpoint to it', async () => {
    const hubVpc = cloud.hub!.hubVpcId;
    const err = await errorOf(cloud.ec2().send(new CreateVpcEndpointCommand({
      VpcId: hubVpc, VpcEndpointType: 'Resource', ResourceConfigurationArn: cloud.hub!.resourceConfigurationArn, SubnetIds: cloud.hub!.hubSubnetIds,
    })));
    expect(err.name).toBe('InvalidParameter');
  });
});

test('describe filters, NotFound and pagination for endpoints and associations', async () => {
  const p = await project();
  const ec2 = cloud.ec2();
  const ids: string[] = [];
  for (let i = 0; i < 6; i++) {
    const tags = [{ Key: 'egress-proxy:managed-by', Value: 'egress-operator' }, { Key: 'batch', Value: `b${i}` }];
    const out = await ec2.send(new CreateVpcEndpointCommand(endpointInput(p, { TagSpecifications: [{ ResourceType: 'vpc-endpoint', Tags: tags }] })));
    ids.push(out.VpcEndpoint!.VpcEndpointId!);
  }
  const filters = [
    { Name: 'vpc-id', Values: [p.vpcId] }, { Name: 'vpc-endpoint-type', Values: ['Resource'] },
    { Name: 'vpc-endpoint-state', Values: ['pending'] }, { Name: 'tag:egress-proxy:managed-by', Values: ['egress-*'] }, { Name: 'tag-key', Values: ['batch'] },
  ];
  const page1 = await ec2.send(new DescribeVpcEndpointsCommand({ Filters: filters, MaxResults: 5 }));
  const page2 = await ec2.send(new DescribeVpcEndpointsCommand({ Filters: filters, MaxResults: 5, NextToken: page1.NextToken }));
  expect([...page1.VpcEndpoints!, ...page2.VpcEndpoints!].map((e) => e.VpcEndpointId)).toEqual(ids);
  expect(page2.NextToken).toBeUndefined();

  const assoc1 = await ec2.send(new DescribeVpcEndpointAssociationsCommand({ VpcEndpointIds: ids, MaxResults: 5 }));
  const assoc2 = await ec2.send(new DescribeVpcEndpointAssociationsCommand({ VpcEndpointIds: ids, MaxResults: 5, NextToken: assoc1.NextToken }));
  expect([...assoc1.VpcEndpointAssociations!, ...assoc2.VpcEndpointAssociations!].map((a) => a.VpcEndpointId)).toEqual(ids);

  const missing = 'vpce-00000000000000000';
  expect((await errorOf(ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [missing] })))).name).toBe('InvalidVpcEndpointId.NotFound');
  expect((await errorOf(ec2.send(new DescribeVpcEndpointAssociationsCommand({ VpcEndpointIds: [missing] })))).name).toBe('InvalidVpcEndpointId.NotFound');
  expect((await errorOf(ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: ['eni-00000000000000000'] })))).name).toBe('InvalidNetworkInterfaceID.NotFound');
  expect((await errorOf(ec2.send(new DescribeVpcEndpointAssociationsCommand({ MaxResults: 3 })))).name).toBe('InvalidParameterValue');
});

test('DeleteVpcEndpoints: unknown IDs reported, Deleting then gone, ENIs released, dependencies cleared', async () => {
  const p = await project();
  const ec2 = cloud.ec2();
  const { VpcEndpoint } = await ec2.send(new CreateVpcEndpointCommand(endpointInput(p)));
  const id = VpcEndpoint!.VpcEndpointId!;
  expect((await errorOf(ec2.send(new DeleteSecurityGroupCommand({ GroupId: p.groupId })))).name).toBe('DependencyViolation');
  expect((await errorOf(ec2.send(new DeleteSubnetCommand({ SubnetId: p.subnetIds[0] })))).name).toBe('DependencyViolation');

  const missing = 'vpce-0000000000000000f';
  const out = await ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [id, missing] }));
  expect(out.Unsuccessful).toEqual([{ ResourceId: missing, Error: { Code: 'InvalidVpcEndpoint.NotFound', Message: expect.stringContaining(missing) } }]);
  expect((await ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [id] }))).VpcEndpoints![0].State).toBe('Deleting');
  expect((await errorOf(ec2.send(new DeleteVpcCommand({ VpcId: p.vpcId })))).name).toBe('DependencyViolation');

  clock += 2_000;
  expect((await errorOf(ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [id] })))).name).toBe('InvalidVpcEndpointId.NotFound');
  const enis = await ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'vpc-id', Values: [p.vpcId] }] }));
  expect(enis.NetworkInterfaces).toEqual([]);
  await ec2.send(new DeleteSecurityGroupCommand({ GroupId: p.groupId }));
  for (const s of p.subnetIds) await ec2.send(new DeleteSubnetCommand({ SubnetId: s }));
  await ec2.send(new DeleteVpcCommand({ VpcId: p.vpcId }));
});

test('store API can force a failed endpoint (for drift tests)', async () => {
  const p = await project();
  const { VpcEndpoint } = await cloud.ec2().send(new CreateVpcEndpointCommand(endpointInput(p)));
  cloud.ec2Store.setEndpointState(VpcEndpoint!.VpcEndpointId!, 'Failed', { code: 'InternalFailure', message: 'lost' });
  const ep = (await cloud.ec2().send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [VpcEndpoint!.VpcEndpointId!] }))).VpcEndpoints![0];
  expect(ep).toMatchObject({ State: 'Failed', LastError: { Code: 'InternalFailure', Message: 'lost' } });
});
