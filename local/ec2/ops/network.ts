/**
 * DescribeRouteTables and DescribeNetworkAcls over each VPC's main route table and default network
 * ACL (network-defaults.ts), with the filters of their API references
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeRouteTables.html,
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeNetworkAcls.html) and MaxResults 5–100.
 * Implicit subnet associations with the main route table are not listed, as in AWS.
 */
import { parseFilters, type QueryParams } from '../../protocol/query';
import type { XmlObject } from '../../protocol/xml';
import { readView } from '../consistency-view';
import { networkAclsOf, routeTablesOf, type NetworkAclRecord, type RouteTableRecord } from '../network-defaults';
import { toTagSet } from '../tagging';
import { describe } from './describe';
import type { Ec2State } from '../state';
import type { FilterFields } from '../filters';
import type { VpcRecord } from '../types';

const LIMITS = { min: 5, max: 100, default: 100 };

const routeTableFields = (state: Ec2State): FilterFields<RouteTableRecord> => ({
  'route-table-id': (t) => t.id,
  'vpc-id': (t) => t.vpcId,
  'owner-id': () => state.accountId,
  'association.main': () => true,
  'association.route-table-association-id': (t) => t.mainAssociationId,
  'association.route-table-id': (t) => t.id,
  'association.subnet-id': () => [],
  'route.destination-cidr-block': (t) => t.routes.map((r) => r.destinationCidrBlock),
  'route.destination-ipv6-cidr-block': (t) => t.routes.map((r) => r.destinationIpv6CidrBlock),
  'route.gateway-id': (t) => t.routes.map((r) => r.gatewayId),
  'route.origin': (t) => t.routes.map((r) => r.origin),
  'route.state': (t) => t.routes.map((r) => r.state),
});

const aclFields = (state: Ec2State): FilterFields<NetworkAclRecord> => ({
  'network-acl-id': (a) => a.id,
  'vpc-id': (a) => a.vpcId,
  'owner-id': () => state.accountId,
  default: (a) => a.isDefault,
  'association.association-id': (a) => a.associations.map((x) => x.associationId),
  'association.network-acl-id': (a) => a.associations.map(() => a.id),
  'association.subnet-id': (a) => a.associations.map((x) => x.subnetId),
  'entry.cidr': (a) => a.entries.map((e) => e.cidrBlock),
  'entry.ipv6-cidr': (a) => a.entries.map((e) => e.ipv6CidrBlock),
  'entry.egress': (a) => a.entries.map((e) => String(e.egress)),
  'entry.protocol': (a) => a.entries.map((e) => e.protocol),
  'entry.rule-action': (a) => a.entries.map((e) => e.ruleAction),
  'entry.rule-number': (a) => a.entries.map((e) => String(e.ruleNumber)),
});

/**
 * VPCs a read can see now (a VPC still invisible after its create has no visible route table either).
 * A `vpc-id` filter without wildcards narrows them before the tables are derived (the filter would drop
 * the others anyway): a read for one VPC does not derive every VPC's table.
 */
function visibleVpcs(state: Ec2State, p: QueryParams): VpcRecord[] {
  const named = parseFilters(p).filter((f) => f.name === 'vpc-id');
  const plain = named.length > 0 && named.every((f) => f.values.every((v) => !/[*?]/.test(v)));
  const candidates = plain
    ? [...state.vpcs.values()].filter((v) => named.every((f) => f.values.includes(v.id)))
    : [...state.vpcs.values()];
  return candidates.filter((v) => readView(v) !== undefined);
}

export const networkOps = {
  DescribeRouteTables(state: Ec2State, p: QueryParams): XmlObject {
    const page = describe(p, {
      records: routeTablesOf(state, visibleVpcs(state, p)), idParam: 'RouteTableId', kind: 'route-table', fields: routeTableFields(state), limits: LIMITS,
    });
    return {
      routeTableSet: page.items.map((t) => ({
        routeTableId: t.id, vpcId: t.vpcId, ownerId: state.accountId,
        associationSet: [{ main: true, routeTableAssociationId: t.mainAssociationId, routeTableId: t.id, associationState: { state: 'associated' } }],
        propagatingVgwSet: [],
        routeSet: t.routes.map((r) => ({ ...r })),
        tagSet: t.tags.size ? toTagSet(t.tags) : [],
      })),
      nextToken: page.nextToken,
    };
  },

  DescribeNetworkAcls(state: Ec2State, p: QueryParams): XmlObject {
    const page = describe(p, {
      records: networkAclsOf(state, visibleVpcs(state, p)), idParam: 'NetworkAclId', kind: 'network-acl', fields: aclFields(state), limits: LIMITS,
    });
    return {
      networkAclSet: page.items.map((a) => ({
        networkAclId: a.id, vpcId: a.vpcId, ownerId: state.accountId, default: a.isDefault,
        entrySet: a.entries.map((e) => ({ ...e })),
        associationSet: a.associations.map((x) => ({ networkAclAssociationId: x.associationId, networkAclId: a.id, subnetId: x.subnetId })),
        tagSet: a.tags.size ? toTagSet(a.tags) : [],
      })),
      nextToken: page.nextToken,
    };
  },
};
