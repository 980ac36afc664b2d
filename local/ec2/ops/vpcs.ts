/** CreateVpc, DeleteVpc, DescribeVpcs, CreateSubnet, DeleteSubnet, DescribeSubnets. */
import { parseTagSpecifications, type QueryParams } from '../../protocol/query';
import type { XmlObject } from '../../protocol/xml';
import { missing } from '../errors';
import { creationTags } from '../tagging';
import { createSubnet, createVpc, deleteSubnet, deleteVpc } from '../vpcs';
import { renderSubnet, renderVpc } from '../render';
import { describe } from './describe';
import type { Ec2State } from '../state';
import type { FilterFields } from '../filters';
import type { SubnetRecord, VpcRecord } from '../types';

const vpcFields = (state: Ec2State): FilterFields<VpcRecord> => ({
  'vpc-id': (v) => v.id,
  cidr: (v) => v.cidrBlock,
  'cidr-block-association.cidr-block': (v) => v.cidrBlock,
  'cidr-block-association.association-id': (v) => v.cidrAssociationId,
  'cidr-block-association.state': () => 'associated',
  'ipv6-cidr-block-association.ipv6-cidr-block': (v) => v.ipv6CidrBlock,
  'dhcp-options-id': (v) => v.dhcpOptionsId,
  'is-default': (v) => v.isDefault,
  'owner-id': () => state.accountId,
  state: (v) => v.state,
});

const subnetFields = (state: Ec2State): FilterFields<SubnetRecord> => ({
  'subnet-id': (s) => s.id,
  'vpc-id': (s) => s.vpcId,
  'availability-zone': (s) => s.availabilityZone,
  availabilityZone: (s) => s.availabilityZone,
  'availability-zone-id': (s) => s.availabilityZoneId,
  availabilityZoneId: (s) => s.availabilityZoneId,
  'cidr-block': (s) => s.cidrBlock,
  cidrBlock: (s) => s.cidrBlock,
  cidr: (s) => s.cidrBlock,
  'default-for-az': () => false,
  defaultForAz: () => false,
  'owner-id': () => state.accountId,
  state: (s) => s.state,
});

export const vpcOps = {
  CreateVpc(state: Ec2State, p: QueryParams): XmlObject {
    const vpc = createVpc(state, {
      cidrBlock: p.get('CidrBlock'),
      amazonProvidedIpv6CidrBlock: p.bool('AmazonProvidedIpv6CidrBlock'),
      instanceTenancy: p.get('InstanceTenancy'),
      tags: creationTags(parseTagSpecifications(p), 'vpc'),
    });
    return { vpc: renderVpc(state, vpc) };
  },

  DeleteVpc(state: Ec2State, p: QueryParams): XmlObject {
    deleteVpc(state, p.get('VpcId') ?? failMissing('VpcId'));
    return { return: true };
  },

  DescribeVpcs(state: Ec2State, p: QueryParams): XmlObject {
    const page = describe(p, { records: state.vpcs.values(), idParam: 'VpcId', kind: 'vpc', fields: vpcFields(state) });
    return { vpcSet: page.items.map((v) => renderVpc(state, v)), nextToken: page.nextToken };
  },

  CreateSubnet(state: Ec2State, p: QueryParams): XmlObject {
    const subnet = createSubnet(state, {
      vpcId: p.get('VpcId'),
      cidrBlock: p.get('CidrBlock'),
      availabilityZone: p.get('AvailabilityZone'),
      availabilityZoneId: p.get('AvailabilityZoneId'),
      tags: creationTags(parseTagSpecifications(p), 'subnet'),
    });
    return { subnet: renderSubnet(state, subnet) };
  },

  DeleteSubnet(state: Ec2State, p: QueryParams): XmlObject {
    deleteSubnet(state, p.get('SubnetId') ?? failMissing('SubnetId'));
    return { return: true };
  },

  DescribeSubnets(state: Ec2State, p: QueryParams): XmlObject {
    const page = describe(p, { records: state.subnets.values(), idParam: 'SubnetId', kind: 'subnet', fields: subnetFields(state) });
    return { subnetSet: page.items.map((s) => renderSubnet(state, s)), nextToken: page.nextToken };
  },
};

function failMissing(param: string): never {
  throw missing(param);
}

