/** Security groups and their rules, with AWS's duplicate/dependency rules. */
import { Ec2Error, invalidValue, missing } from './errors';
import { newId } from './ids';
import { parseCidr } from './cidr';
import { tagNewResource } from './tagging';
import type { Ec2State } from './state';
import type { SecurityGroupRecord, SgRule } from './types';
import type { QueryTag } from '../protocol/query';

export type RuleSpec = Omit<SgRule, 'ruleId'>;

const PROTOCOL_NAMES: Record<string, string> = { '6': 'tcp', '17': 'udp', '1': 'icmp', all: '-1' };

/** Normalise the protocol as AWS reports it (`6` → `tcp`, `all` → `-1`) and drop ports for `-1`. */
export function normaliseRule(spec: RuleSpec): RuleSpec {
  const protocol = PROTOCOL_NAMES[spec.protocol.toLowerCase()] ?? spec.protocol.toLowerCase();
  if (protocol === '-1') return { ...spec, protocol, fromPort: undefined, toPort: undefined };
  if ((protocol === 'tcp' || protocol === 'udp') && (spec.fromPort === undefined || spec.toPort === undefined)) {
    throw missing('FromPort/ToPort');
  }
  if (spec.cidrIp !== undefined && !parseCidr(spec.cidrIp)) throw invalidValue(`CIDR block ${spec.cidrIp} is malformed`);
  return { ...spec, protocol };
}

function samePermission(a: RuleSpec, b: RuleSpec): boolean {
  return a.protocol === b.protocol && a.fromPort === b.fromPort && a.toPort === b.toPort &&
    a.cidrIp === b.cidrIp && a.cidrIpv6 === b.cidrIpv6 && a.groupId === b.groupId;
}

function describeRule(r: RuleSpec): string {
  const peer = r.cidrIp ?? r.cidrIpv6 ?? r.groupId;
  return `peer: ${peer}, ${r.protocol === '-1' ? 'ALL' : r.protocol.toUpperCase()}, from port: ${r.fromPort ?? 'all'}, to port: ${r.toPort ?? 'all'}, ALLOW`;
}

function newGroup(state: Ec2State, vpcId: string, groupName: string, description: string): SecurityGroupRecord {
  const group: SecurityGroupRecord = {
    id: newId('sg'), seq: state.nextSeq(), tags: new Map(), vpcId, groupName, description, ingress: [],
    egress: [{ ruleId: newId('sgr'), protocol: '-1', cidrIp: '0.0.0.0/0' }],
  };
  state.securityGroups.set(group.id, group);
  return group;
}

/** The VPC's `default` group: all egress, and ingress from itself (as AWS creates it). */
export function createDefaultSecurityGroup(state: Ec2State, vpcId: string): SecurityGroupRecord {
  const group = newGroup(state, vpcId, 'default', 'default VPC security group');
  group.ingress.push({ ruleId: newId('sgr'), protocol: '-1', groupId: group.id });
  return group;
}

export interface CreateSecurityGroupInput {
  vpcId?: string;
  groupName?: string;
  description?: string;
  tags?: QueryTag[];
}

export function createSecurityGroup(state: Ec2State, input: CreateSecurityGroupInput): SecurityGroupRecord {
  if (!input.groupName) throw missing('GroupName');
  if (!input.description) throw missing('GroupDescription');
  if (!input.vpcId) throw new Ec2Error('VPCIdNotSpecified', 'No default VPC for this user');
  state.requireVpc(input.vpcId);
  if (input.groupName.toLowerCase().startsWith('sg-')) throw invalidValue("Group names may not be in the format sg-*");
  if (input.groupName.length > 255) throw invalidValue('Group name exceeds 255 characters');
  for (const g of state.securityGroups.values()) {
    if (g.vpcId === input.vpcId && g.groupName === input.groupName) {
      throw new Ec2Error('InvalidGroup.Duplicate', `The security group '${input.groupName}' already exists for VPC '${input.vpcId}'`);
    }
  }
  const group = newGroup(state, input.vpcId, input.groupName, input.description);
  tagNewResource(state, group, input.tags);
  return group;
}

/** Add ingress rules atomically: any duplicate (description aside) rejects the whole call. */
export function authorizeIngress(state: Ec2State, groupId: string, specs: RuleSpec[]): SgRule[] {
  const group = state.requireSecurityGroup(groupId);
  if (specs.length === 0) throw missing('IpPermissions');
  const rules = specs.map(normaliseRule);
  for (const [i, r] of rules.entries()) {
    if (r.groupId !== undefined) state.requireSecurityGroup(r.groupId);
    const clash = group.ingress.some((g) => samePermission(g, r)) || rules.slice(0, i).some((o) => samePermission(o, r));
    if (clash) throw new Ec2Error('InvalidPermission.Duplicate', `the specified rule "${describeRule(r)}" already exists`);
  }
  const added = rules.map((r) => ({ ...r, ruleId: newId('sgr') }));
  group.ingress.push(...added);
  return added;
}

/** Remove ingress rules by permission or by rule ID; reports the ones that matched nothing. */
export function revokeIngress(
  state: Ec2State,
  groupId: string,
  specs: RuleSpec[],
  ruleIds: string[] = [],
): { revoked: SgRule[]; unknown: RuleSpec[] } {
  const group = state.requireSecurityGroup(groupId);
  const rules = specs.map(normaliseRule);
  const revoked = group.ingress.filter((g) => ruleIds.includes(g.ruleId) || rules.some((r) => samePermission(g, r)));
  const unknown = rules.filter((r) => !group.ingress.some((g) => samePermission(g, r)));
  const unknownIds = ruleIds.filter((id) => !group.ingress.some((g) => g.ruleId === id));
  if (unknownIds.length > 0) throw new Ec2Error('InvalidSecurityGroupRuleId.NotFound', `The security group rule ID '${unknownIds[0]}' does not exist`);
  if (revoked.length === 0) {
    throw new Ec2Error('InvalidPermission.NotFound', 'The specified rule does not exist in this security group.');
  }
  group.ingress = group.ingress.filter((g) => !revoked.includes(g));
  return { revoked, unknown };
}

export function deleteSecurityGroup(state: Ec2State, groupId: string): void {
  const group = state.requireSecurityGroup(groupId);
  if (group.groupName === 'default') {
    throw new Ec2Error('CannotDelete', `the specified group: "${groupId}" name: "default" cannot be deleted by a user`);
  }
  const usedByEni = [...state.networkInterfaces.values()].some((e) => e.groupIds.includes(groupId));
  const usedByEndpoint = [...state.endpoints.values()].some((e) => e.securityGroupIds.includes(groupId));
  const referenced = [...state.securityGroups.values()].some(
    (g) => g.id !== groupId && [...g.ingress, ...g.egress].some((r) => r.groupId === groupId),
  );
  if (usedByEni || usedByEndpoint || referenced) {
    throw new Ec2Error('DependencyViolation', `resource ${groupId} has a dependent object`);
  }
  state.securityGroups.delete(groupId);
}
