/**
 * VPC Lattice list operations through the real SDK: ListResourceGateways, ListResourceConfigurations,
 * ListResourceEndpointAssociations (paths and shapes from @aws-sdk/client-vpc-lattice's model).
 */
import { CreateVpcEndpointCommand, DescribeVpcEndpointAssociationsCommand } from '@aws-sdk/client-ec2';
import {
  ListResourceConfigurationsCommand, ListResourceEndpointAssociationsCommand, ListResourceGatewaysCommand,
  paginateListResourceConfigurations,
} from '@aws-sdk/client-vpc-lattice';
import { errorOf, startEc2OnlyCloud, type Ec2OnlyCloud } from '../helpers/ec2-only-cloud';

let cloud: Ec2OnlyCloud;
beforeAll(async () => { cloud = await startEc2OnlyCloud(); });
afterAll(() => cloud.close());

test('ListResourceGateways: the hub gateway as a summary (vpcIdentifier)', async () => {
  const hub = cloud.hub!;
  const out = await cloud.lattice().send(new ListResourceGatewaysCommand({}));
  expect(out.items).toEqual([expect.objectContaining({
    id: hub.resourceGatewayId, arn: hub.resourceGatewayArn, vpcIdentifier: hub.hubVpcId, subnetIds: hub.hubSubnetIds, status: 'ACTIVE',
  })]);
  expect(out.nextToken).toBeUndefined();
});

test('ListResourceConfigurations: all, by gateway, paged; unknown gateway → 404', async () => {
  const hub = cloud.hub!;
  for (let i = 0; i < 3; i++) {
    cloud.latticeStore.createResourceConfiguration({ name: `extra-${i}`, portRanges: ['80'], resourceGatewayId: hub.resourceGatewayId, definition: { ipResource: { ipAddress: '10.9.9.9' } } });
  }
  const lattice = cloud.lattice();
  const all = await lattice.send(new ListResourceConfigurationsCommand({ resourceGatewayIdentifier: hub.resourceGatewayArn }));
  expect(all.items!.map((c) => c.name).sort()).toEqual(['egress-squid', 'extra-0', 'extra-1', 'extra-2']);
  const pages: number[] = [];
  for await (const page of paginateListResourceConfigurations({ client: lattice, pageSize: 3 }, {})) pages.push(page.items!.length);
  expect(pages).toEqual([3, 1]);
  const gone = await errorOf(lattice.send(new ListResourceConfigurationsCommand({ resourceGatewayIdentifier: 'rgw-00000000000000000' })));
  expect([gone.name, gone.$metadata?.httpStatusCode]).toEqual(['ResourceNotFoundException', 404]);
  expect((await errorOf(lattice.send(new ListResourceGatewaysCommand({ maxResults: 101 })))).name).toBe('ValidationException');
});

test('ListResourceEndpointAssociations: the endpoints that use a configuration; the identifier is required', async () => {
  const hub = cloud.hub!;
  const vpc = cloud.ec2Store.createVpc({ cidrBlock: '10.0.0.0/16' });
  const subnet = cloud.ec2Store.createSubnet({ vpcId: vpc.id, cidrBlock: '10.0.1.0/24', availabilityZoneId: 'use1-az1' });
  const { VpcEndpoint } = await cloud.ec2().send(new CreateVpcEndpointCommand({
    VpcId: vpc.id, VpcEndpointType: 'Resource', ResourceConfigurationArn: hub.resourceConfigurationArn, SubnetIds: [subnet.id],
  }));
  const lattice = cloud.lattice();
  const out = await lattice.send(new ListResourceEndpointAssociationsCommand({ resourceConfigurationIdentifier: hub.resourceConfigurationId }));
  expect(out.items).toEqual([expect.objectContaining({
    vpcEndpointId: VpcEndpoint!.VpcEndpointId, resourceConfigurationArn: hub.resourceConfigurationArn, resourceConfigurationName: 'egress-squid',
    vpcEndpointOwner: '123456789012',
  })]);
  const filtered = await cloud.ec2().send(new DescribeVpcEndpointAssociationsCommand({
    Filters: [{ Name: 'associated-resource-id', Values: [hub.resourceConfigurationId] }, { Name: 'vpc-endpoint-id', Values: [VpcEndpoint!.VpcEndpointId!] }],
  }));
  expect(filtered.VpcEndpointAssociations!.map((a) => a.VpcEndpointId)).toEqual([VpcEndpoint!.VpcEndpointId]);
  const bad = await errorOf(cloud.ec2().send(new DescribeVpcEndpointAssociationsCommand({ Filters: [{ Name: 'dns-name', Values: ['x'] }] })));
  expect(bad.name).toBe('InvalidParameterValue'); // not a filter of the API reference
  const none = await lattice.send(new ListResourceEndpointAssociationsCommand({ resourceConfigurationIdentifier: hub.resourceConfigurationArn, vpcEndpointId: 'vpce-00000000000000000' }));
  expect(none.items).toEqual([]);
  const missing = await errorOf(lattice.send(new ListResourceEndpointAssociationsCommand({} as never)));
  expect(missing.name).toBe('ValidationException');
  expect(missing.message).toContain("'resourceConfigurationIdentifier'");
});
