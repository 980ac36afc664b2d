/** CreateVpcEndpoint, DeleteVpcEndpoints, DescribeVpcEndpoints, DescribeVpcEndpointAssociations, DescribeNetworkInterfaces. */
import { parseTagSpecifications, type QueryParams } from '../../protocol/query';
import type { XmlObject } from '../../protocol/xml';
import { creationTags } from '../tagging';
import { createVpcEndpoint, deleteVpcEndpoints } from '../endpoints';
import { renderAssociation, renderEndpoint, renderNetworkInterface } from '../render';
import { describe } from './describe';
import type { Ec2State } from '../state';
import type { FilterFields } from '../filters';
import type { EndpointRecord, EniRecord } from '../types';

const endpointFields: FilterFields<EndpointRecord> = {
  'vpc-endpoint-id': (e) => e.id,
  'vpc-id': (e) => e.vpcId,
  'vpc-endpoint-type': (e) => e.type,
  'vpc-endpoint-state': (e) => e.state,
  'ip-address-type': (e) => e.ipAddressType,
  'service-name': () => undefined,
};

/** Exactly the filters of the API reference (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcEndpointAssociations.html). */
const associationFields = (_state: Ec2State): FilterFields<EndpointRecord> => ({
  'vpc-endpoint-id': (e) => e.id,
  'associated-resource-accessibility': (e) => (e.state === 'Available' ? 'Accessible' : 'Inaccessible'),
  'association-id': (e) => e.associationId,
  'associated-resource-id': (e) => e.resourceConfigurationId,
  'service-network-arn': () => undefined,
  'resource-configuration-group-arn': () => undefined,
});

const eniFields = (state: Ec2State): FilterFields<EniRecord> => ({
  'network-interface-id': (n) => n.id,
  'vpc-id': (n) => n.vpcId,
  'subnet-id': (n) => n.subnetId,
  'availability-zone': (n) => n.availabilityZone,
  'availability-zone-id': (n) => n.availabilityZoneId,
  description: (n) => n.description,
  'interface-type': (n) => n.interfaceType,
  'requester-managed': (n) => n.requesterManaged,
  status: (n) => n.status,
  'group-id': (n) => n.groupIds,
  'private-ip-address': (n) => n.privateIpAddress,
  'addresses.private-ip-address': (n) => n.privateIpAddress,
  'mac-address': (n) => n.macAddress,
  'owner-id': () => state.accountId,
});

export const endpointOps = {
  CreateVpcEndpoint(state: Ec2State, p: QueryParams): XmlObject {
    const ep = createVpcEndpoint(state, {
      vpcId: p.get('VpcId'),
      vpcEndpointType: p.get('VpcEndpointType'),
      resourceConfigurationArn: p.get('ResourceConfigurationArn'),
      subnetIds: p.list('SubnetId'),
      securityGroupIds: p.list('SecurityGroupId'),
      clientToken: p.get('ClientToken'),
      privateDnsEnabled: p.bool('PrivateDnsEnabled'),
      ipAddressType: p.get('IpAddressType'),
      tags: creationTags(parseTagSpecifications(p), 'vpc-endpoint'),
    });
    return { vpcEndpoint: renderEndpoint(state, ep), clientToken: p.get('ClientToken') };
  },

  DeleteVpcEndpoints(state: Ec2State, p: QueryParams): XmlObject {
    const failed = deleteVpcEndpoints(state, p.list('VpcEndpointId'));
    return { unsuccessful: failed.map((f) => ({ error: { code: f.code, message: f.message }, resourceId: f.resourceId })) };
  },

  DescribeVpcEndpoints(state: Ec2State, p: QueryParams): XmlObject {
    const page = describe(p, {
      records: state.endpoints.values(), idParam: 'VpcEndpointId', kind: 'vpc-endpoint', fields: endpointFields,
      // Endpoint state casing differs by endpoint type in AWS (docs/design.md#local-cloud): match either spelling.
      caseInsensitive: ['vpc-endpoint-state'],
    });
    return { vpcEndpointSet: page.items.map((e) => renderEndpoint(state, e)), nextToken: page.nextToken };
  },

  DescribeVpcEndpointAssociations(state: Ec2State, p: QueryParams): XmlObject {
    const page = describe(p, {
      records: state.endpoints.values(), idParam: 'VpcEndpointId', kind: 'vpc-endpoint', fields: associationFields(state),
    });
    return { vpcEndpointAssociationSet: page.items.map((e) => renderAssociation(state, e)), nextToken: page.nextToken };
  },

  DescribeNetworkInterfaces(state: Ec2State, p: QueryParams): XmlObject {
    const page = describe(p, {
      records: state.networkInterfaces.values(), idParam: 'NetworkInterfaceId', kind: 'network-interface', fields: eniFields(state),
    });
    return { networkInterfaceSet: page.items.map((n) => renderNetworkInterface(state, n)), nextToken: page.nextToken };
  },
};
