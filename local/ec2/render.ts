/**
 * Records → EC2 XML objects, with the element names of the SDK's deserializer (checked against
 * @aws-sdk/client-ec2's schemas: e.g. `securityGroupInfo`, `groupDescription`, `groups` for group pairs).
 */
import type { XmlObject } from '../protocol/xml';
import { toTagSet } from './tagging';
import { availableIpCount } from './vpcs';
import type { Ec2State } from './state';
import type { EndpointRecord, EniRecord, SecurityGroupRecord, SgRule, SubnetRecord, VpcRecord } from './types';

export function renderVpc(state: Ec2State, v: VpcRecord): XmlObject {
  return {
    vpcId: v.id,
    ownerId: state.accountId,
    state: v.state,
    cidrBlock: v.cidrBlock,
    cidrBlockAssociationSet: [{ cidrBlock: v.cidrBlock, associationId: v.cidrAssociationId, cidrBlockState: { state: 'associated' } }],
    ipv6CidrBlockAssociationSet: v.ipv6CidrBlock
      ? [{
          ipv6CidrBlock: v.ipv6CidrBlock, associationId: v.ipv6AssociationId,
          ipv6CidrBlockState: { state: 'associated' }, networkBorderGroup: state.region, ipv6Pool: 'Amazon',
        }]
      : undefined,
    dhcpOptionsId: v.dhcpOptionsId,
    instanceTenancy: v.instanceTenancy,
    isDefault: v.isDefault,
    tagSet: v.tags.size ? toTagSet(v.tags) : undefined,
  };
}

export function renderSubnet(state: Ec2State, s: SubnetRecord): XmlObject {
  return {
    subnetId: s.id,
    subnetArn: `arn:aws:ec2:${state.region}:${state.accountId}:subnet/${s.id}`,
    state: s.state,
    ownerId: state.accountId,
    vpcId: s.vpcId,
    cidrBlock: s.cidrBlock,
    availableIpAddressCount: availableIpCount(state, s),
    availabilityZone: s.availabilityZone,
    availabilityZoneId: s.availabilityZoneId,
    defaultForAz: false,
    mapPublicIpOnLaunch: false,
    assignIpv6AddressOnCreation: false,
    ipv6CidrBlockAssociationSet: [],
    tagSet: s.tags.size ? toTagSet(s.tags) : undefined,
  };
}

/** AWS groups rules by protocol and ports into one IpPermission with several peers. */
export function renderPermissions(state: Ec2State, rules: SgRule[], vpcId: string): XmlObject[] {
  const groups = new Map<string, SgRule[]>();
  for (const r of rules) {
    const key = `${r.protocol}|${r.fromPort ?? ''}|${r.toPort ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map((rs) => ({
    ipProtocol: rs[0].protocol,
    fromPort: rs[0].fromPort,
    toPort: rs[0].toPort,
    groups: rs.filter((r) => r.groupId).map((r) => ({ userId: state.accountId, groupId: r.groupId, vpcId, description: r.description })),
    ipRanges: rs.filter((r) => r.cidrIp).map((r) => ({ cidrIp: r.cidrIp, description: r.description })),
    ipv6Ranges: rs.filter((r) => r.cidrIpv6).map((r) => ({ cidrIpv6: r.cidrIpv6, description: r.description })),
    prefixListIds: [],
  }));
}

export function renderSecurityGroup(state: Ec2State, g: SecurityGroupRecord): XmlObject {
  return {
    ownerId: state.accountId,
    groupId: g.id,
    groupName: g.groupName,
    groupDescription: g.description,
    vpcId: g.vpcId,
    securityGroupArn: `arn:aws:ec2:${state.region}:${state.accountId}:security-group/${g.id}`,
    ipPermissions: renderPermissions(state, g.ingress, g.vpcId),
    ipPermissionsEgress: renderPermissions(state, g.egress, g.vpcId),
    tagSet: g.tags.size ? toTagSet(g.tags) : undefined,
  };
}

/** One flat rule as in `securityGroupRuleSet` (AuthorizeSecurityGroupIngress's answer). */
export function renderRule(state: Ec2State, groupId: string, r: SgRule, isEgress: boolean): XmlObject {
  return {
    securityGroupRuleId: r.ruleId, groupId, groupOwnerId: state.accountId, isEgress,
    ipProtocol: r.protocol, fromPort: r.fromPort ?? -1, toPort: r.toPort ?? -1,
    cidrIpv4: r.cidrIp, cidrIpv6: r.cidrIpv6,
    referencedGroupInfo: r.groupId ? { groupId: r.groupId, userId: state.accountId } : undefined,
    description: r.description,
  };
}

function groupIdentifiers(state: Ec2State, ids: string[]): XmlObject[] {
  return ids.map((id) => ({ groupId: id, groupName: state.securityGroups.get(id)?.groupName }));
}

export function renderEndpoint(state: Ec2State, e: EndpointRecord): XmlObject {
  return {
    vpcEndpointId: e.id,
    vpcEndpointType: e.type,
    vpcId: e.vpcId,
    state: e.state,
    routeTableIdSet: [],
    subnetIdSet: e.subnetIds,
    groupSet: groupIdentifiers(state, e.securityGroupIds),
    ipAddressType: e.ipAddressType,
    dnsOptions: { dnsRecordIpType: e.ipAddressType },
    privateDnsEnabled: e.privateDnsEnabled,
    requesterManaged: false,
    networkInterfaceIdSet: e.networkInterfaceIds,
    // Resource endpoints have no DNS entries here; the name is on the association (docs/design.md#architecture).
    dnsEntrySet: [],
    creationTimestamp: new Date(e.createdAt),
    tagSet: e.tags.size ? toTagSet(e.tags) : undefined,
    ownerId: state.accountId,
    lastError: e.lastError,
    resourceConfigurationArn: e.resourceConfigurationArn,
  };
}

/** Lattice's public hosted zone for resource endpoint names (a fixed, AWS-looking value). */
const LATTICE_RSC_ZONE = 'Z0852491UX2X1XFVBQWI';

export function associationDnsName(state: Ec2State, e: EndpointRecord): string {
  return `${e.id}-snra-${e.associationId.slice(-17)}.${e.resourceConfigurationId}.4232ccc.vpc-lattice-rsc.${state.region}.on.aws`;
}

export function renderAssociation(state: Ec2State, e: EndpointRecord): XmlObject {
  const privateDns = e.privateDnsEnabled && e.customDomainName
    ? { dnsName: e.customDomainName, hostedZoneId: `Z${e.associationId.slice(-17).toUpperCase()}P` }
    : undefined;
  return {
    id: e.associationId,
    vpcEndpointId: e.id,
    associatedResourceAccessibility: e.state === 'Available' ? 'Accessible' : 'Inaccessible',
    failureReason: e.lastError?.message,
    failureCode: e.lastError?.code,
    dnsEntry: { dnsName: associationDnsName(state, e), hostedZoneId: LATTICE_RSC_ZONE },
    privateDnsEntry: privateDns,
    associatedResourceArn: e.resourceConfigurationArn,
    tagSet: e.tags.size ? toTagSet(e.tags) : undefined,
  };
}

export function renderNetworkInterface(state: Ec2State, n: EniRecord): XmlObject {
  const dns = `ip-${n.privateIpAddress.replace(/\./g, '-')}.ec2.internal`;
  return {
    networkInterfaceId: n.id,
    subnetId: n.subnetId,
    vpcId: n.vpcId,
    availabilityZone: n.availabilityZone,
    availabilityZoneId: n.availabilityZoneId,
    description: n.description,
    ownerId: state.accountId,
    requesterId: n.requesterManaged ? 'AROAEXAMPLELATTICE:vpc-lattice' : undefined,
    requesterManaged: n.requesterManaged,
    status: n.status,
    macAddress: n.macAddress,
    privateIpAddress: n.privateIpAddress,
    privateDnsName: dns,
    sourceDestCheck: true,
    groupSet: groupIdentifiers(state, n.groupIds),
    privateIpAddressesSet: [{ privateIpAddress: n.privateIpAddress, privateDnsName: dns, primary: true }],
    ipv6AddressesSet: [],
    interfaceType: n.interfaceType,
    tagSet: toTagSet(n.tags),
  };
}
