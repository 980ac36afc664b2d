/** CreateVpc, DeleteVpc, DescribeVpcs, CreateSubnet, DeleteSubnet, DescribeSubnets, DescribeAvailabilityZones. */
import { parseFilters, parseTagSpecifications, type QueryParams } from '../../protocol/query';
import { zonesOf, type AvailabilityZone } from '../az';
import { invalidValue } from '../errors';
import { validateFilters } from '../filters';
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

/**
 * Filters of DescribeAvailabilityZones
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeAvailabilityZones.html).
 */
const zoneFields = (region: string): Record<string, (z: AvailabilityZone) => string> => ({
  'zone-name': (z) => z.name,
  'zone-id': (z) => z.id,
  'region-name': () => region,
  state: () => 'available',
  'zone-type': () => 'availability-zone',
  'group-name': () => region,
  'opt-in-status': () => 'opt-in-not-required',
  'network-border-group': () => region,
});

/** The caller's own AZ name → AZ ID mapping (local/ec2/az.ts), ZoneName.N / ZoneId.N and filters applied. */
function describeAvailabilityZones(state: Ec2State, p: QueryParams): XmlObject {
  const fields = zoneFields(state.region);
  const filters = parseFilters(p);
  validateFilters(filters, fields);
  const zones = zonesOf(state.region, state.accountId);
  const names = p.list('ZoneName');
  const ids = p.list('ZoneId');
  for (const wanted of [...names, ...ids]) {
    if (!zones.some((z) => z.name === wanted || z.id === wanted)) {
      throw invalidValue(`Invalid availability zone: [${wanted}]`);
    }
  }
  const selected = zones
    .filter((z) => (names.length === 0 && ids.length === 0) || names.includes(z.name) || ids.includes(z.id))
    .filter((z) => filters.every((f) => fields[f.name] !== undefined && f.values.includes(fields[f.name](z))));
  return {
    availabilityZoneInfo: selected.map((z) => ({
      optInStatus: 'opt-in-not-required', zoneName: z.name, zoneId: z.id, groupName: state.region, networkBorderGroup: state.region,
      zoneType: 'availability-zone', zoneState: 'available', regionName: state.region, messageSet: [],
    })),
  };
}

export const vpcOps = {
  DescribeAvailabilityZones: describeAvailabilityZones,

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

