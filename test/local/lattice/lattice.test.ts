import { GetResourceConfigurationCommand, GetResourceGatewayCommand } from '@aws-sdk/client-vpc-lattice';
import { DescribeSubnetsCommand } from '@aws-sdk/client-ec2';
import { zonesOf } from '../../../local/ec2/az';
import { errorOf, startEc2OnlyCloud, type Ec2OnlyCloud } from '../helpers/ec2-only-cloud';

let cloud: Ec2OnlyCloud;
beforeAll(async () => { cloud = await startEc2OnlyCloud(); });
afterAll(() => cloud.close());

test.each(['id', 'arn'] as const)('GetResourceConfiguration by %s', async (by) => {
  const hub = cloud.hub!;
  const identifier = by === 'id' ? hub.resourceConfigurationId : hub.resourceConfigurationArn;
  const out = await cloud.lattice().send(new GetResourceConfigurationCommand({ resourceConfigurationIdentifier: identifier }));
  expect(out).toMatchObject({
    id: hub.resourceConfigurationId,
    arn: hub.resourceConfigurationArn,
    name: 'egress-squid',
    type: 'SINGLE',
    protocol: 'TCP',
    portRanges: ['3128'],
    resourceGatewayId: hub.resourceGatewayId,
    resourceConfigurationDefinition: { ipResource: { ipAddress: '127.0.0.1' } },
    status: 'ACTIVE',
  });
  expect(out.id).toMatch(/^rcfg-[0-9a-f]{17}$/);
  expect(out.createdAt).toBeInstanceOf(Date);
});

test('GetResourceGateway returns the hub VPC, its three subnets and security group', async () => {
  const hub = cloud.hub!;
  const out = await cloud.lattice().send(new GetResourceGatewayCommand({ resourceGatewayIdentifier: hub.resourceGatewayArn }));
  expect(out).toMatchObject({ id: hub.resourceGatewayId, arn: hub.resourceGatewayArn, vpcId: hub.hubVpcId, subnetIds: hub.hubSubnetIds, status: 'ACTIVE', ipAddressType: 'IPV4' });
  expect(out.securityGroupIds).toHaveLength(1);
  const subnets = await cloud.ec2().send(new DescribeSubnetsCommand({ SubnetIds: out.subnetIds }));
  // The hub's subnets are in us-east-1a..c of its account: whatever AZ IDs that account maps them to.
  expect(subnets.Subnets!.map((s) => s.AvailabilityZone).sort()).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
  const expected = zonesOf('us-east-1', '123456789012').slice(0, 3).map((z) => z.id).sort();
  expect(subnets.Subnets!.map((s) => s.AvailabilityZoneId).sort()).toEqual(expected);
});

test('a DNS host makes a dnsResource definition', () => {
  const gw = cloud.hub!.resourceGatewayId;
  const cfg = cloud.latticeStore.createResourceConfiguration({
    name: 'dns', portRanges: ['3128'], resourceGatewayId: gw, definition: { dnsResource: { domainName: 'squid.internal', ipAddressType: 'IPV4' } },
  });
  expect(cloud.latticeStore.resourceConfigurationView(cfg.arn)).toMatchObject({ id: cfg.id, gatewayVpcId: cloud.hub!.hubVpcId });
});

test.each([
  ['configuration', () => new GetResourceConfigurationCommand({ resourceConfigurationIdentifier: 'rcfg-00000000000000000' })],
  ['gateway', () => new GetResourceGatewayCommand({ resourceGatewayIdentifier: 'arn:aws:vpc-lattice:us-east-1:123456789012:resourcegateway/rgw-00000000000000000' })],
])('unknown %s → ResourceNotFoundException 404', async (_n, command) => {
  const err = await errorOf(cloud.lattice().send(command() as never));
  expect(err.name).toBe('ResourceNotFoundException');
  expect(err.$metadata?.httpStatusCode).toBe(404);
});
