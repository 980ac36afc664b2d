/** CreateSecurityGroup, DeleteSecurityGroup, DescribeSecurityGroups, Authorize/RevokeSecurityGroupIngress. */
import { parseTagSpecifications, type QueryParams } from '../../protocol/query';
import type { XmlObject } from '../../protocol/xml';
import { Ec2Error, missing } from '../errors';
import { creationTags } from '../tagging';
import {
  authorizeIngress, createSecurityGroup, deleteSecurityGroup, revokeIngress, type RuleSpec,
} from '../security-groups';
import { renderPermissions, renderRule, renderSecurityGroup } from '../render';
import { describe } from './describe';
import type { Ec2State } from '../state';
import type { FilterFields } from '../filters';
import type { SecurityGroupRecord, SgRule } from '../types';

const peers = (rules: SgRule[], pick: (r: SgRule) => string | number | undefined) => rules.map((r) => (pick(r) === undefined ? undefined : String(pick(r))));

const sgFields = (state: Ec2State): FilterFields<SecurityGroupRecord> => ({
  'group-id': (g) => g.id,
  'group-name': (g) => g.groupName,
  description: (g) => g.description,
  'vpc-id': (g) => g.vpcId,
  'owner-id': () => state.accountId,
  'ip-permission.cidr': (g) => peers(g.ingress, (r) => r.cidrIp),
  'ip-permission.ipv6-cidr': (g) => peers(g.ingress, (r) => r.cidrIpv6),
  'ip-permission.from-port': (g) => peers(g.ingress, (r) => r.fromPort),
  'ip-permission.to-port': (g) => peers(g.ingress, (r) => r.toPort),
  'ip-permission.protocol': (g) => peers(g.ingress, (r) => r.protocol),
  'ip-permission.group-id': (g) => peers(g.ingress, (r) => r.groupId),
  'egress.ip-permission.cidr': (g) => peers(g.egress, (r) => r.cidrIp),
  'egress.ip-permission.protocol': (g) => peers(g.egress, (r) => r.protocol),
});

function optionalInt(p: QueryParams, name: string): number | undefined {
  const n = p.int(name);
  if (Number.isNaN(n)) throw new Ec2Error('InvalidParameterValue', `Invalid value for parameter ${name}`);
  return n;
}

/** `IpPermissions.N.*` (and the legacy top-level CidrIp/IpProtocol/FromPort/ToPort) as one spec per peer. */
export function parseRuleSpecs(p: QueryParams): RuleSpec[] {
  const specs: RuleSpec[] = [];
  for (const perm of p.structs('IpPermissions')) {
    const base = {
      protocol: perm.get('IpProtocol') ?? '',
      fromPort: optionalInt(perm, 'FromPort'),
      toPort: optionalInt(perm, 'ToPort'),
    };
    if (!base.protocol) throw missing('IpPermissions.IpProtocol');
    for (const r of perm.structs('IpRanges')) specs.push({ ...base, cidrIp: r.get('CidrIp'), description: r.get('Description') });
    for (const r of perm.structs('Ipv6Ranges')) specs.push({ ...base, cidrIpv6: r.get('CidrIpv6'), description: r.get('Description') });
    for (const r of perm.structs('Groups')) specs.push({ ...base, groupId: r.get('GroupId'), description: r.get('Description') });
  }
  const legacyProtocol = p.get('IpProtocol');
  if (legacyProtocol && p.get('CidrIp')) {
    specs.push({ protocol: legacyProtocol, fromPort: optionalInt(p, 'FromPort'), toPort: optionalInt(p, 'ToPort'), cidrIp: p.get('CidrIp') });
  }
  return specs;
}

function groupIdOf(p: QueryParams): string {
  const id = p.get('GroupId');
  if (!id) throw missing('GroupId');
  return id;
}

export const securityGroupOps = {
  CreateSecurityGroup(state: Ec2State, p: QueryParams): XmlObject {
    const g = createSecurityGroup(state, {
      vpcId: p.get('VpcId'),
      groupName: p.get('GroupName'),
      description: p.get('GroupDescription'),
      tags: creationTags(parseTagSpecifications(p), 'security-group'),
    });
    const rendered = renderSecurityGroup(state, g);
    return { return: true, groupId: g.id, securityGroupArn: rendered.securityGroupArn, tagSet: rendered.tagSet };
  },

  DeleteSecurityGroup(state: Ec2State, p: QueryParams): XmlObject {
    const id = groupIdOf(p);
    deleteSecurityGroup(state, id);
    return { return: true, groupId: id };
  },

  DescribeSecurityGroups(state: Ec2State, p: QueryParams): XmlObject {
    const names = p.list('GroupName');
    let records = [...state.securityGroups.values()];
    if (names.length > 0) {
      const unknown = names.find((n) => !records.some((g) => g.groupName === n));
      if (unknown) throw new Ec2Error('InvalidGroup.NotFound', `The security group '${unknown}' does not exist`);
      records = records.filter((g) => names.includes(g.groupName));
    }
    const page = describe(p, { records, idParam: 'GroupId', kind: 'security-group', fields: sgFields(state) });
    return { securityGroupInfo: page.items.map((g) => renderSecurityGroup(state, g)), nextToken: page.nextToken };
  },

  AuthorizeSecurityGroupIngress(state: Ec2State, p: QueryParams): XmlObject {
    const id = groupIdOf(p);
    const added = authorizeIngress(state, id, parseRuleSpecs(p));
    return { return: true, securityGroupRuleSet: added.map((r) => renderRule(state, id, r, false)) };
  },

  RevokeSecurityGroupIngress(state: Ec2State, p: QueryParams): XmlObject {
    const id = groupIdOf(p);
    const { revoked, unknown } = revokeIngress(state, id, parseRuleSpecs(p), p.list('SecurityGroupRuleId'));
    const vpcId = state.requireSecurityGroup(id).vpcId;
    return {
      return: true,
      unknownIpPermissionSet: unknown.length ? renderPermissions(state, unknown.map((u) => ({ ...u, ruleId: '' })), vpcId) : undefined,
      revokedSecurityGroupRuleSet: revoked.map((r) => renderRule(state, id, r, false)),
    };
  },
};
