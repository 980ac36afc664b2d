/**
 * CreateNetworkAclEntry, ReplaceNetworkAclEntry, DeleteNetworkAclEntry on the VPCs' default network
 * ACLs (local/ec2/network-acls.ts holds the rules). Query names as the SDK sends them: `PortRange.From`,
 * `Icmp.Type` (IcmpTypeCode's wire name is `Icmp`). Each answers `<return>true</return>`.
 */
import type { QueryParams } from '../../protocol/query';
import type { XmlObject } from '../../protocol/xml';
import { Ec2Error } from '../errors';
import { createAclEntry, deleteAclEntry, replaceAclEntry, type AclEntryInput } from '../network-acls';
import { defaultNetworkAcl } from '../network-defaults';
import type { Ec2State } from '../state';

function intOf(p: QueryParams, name: string): number | undefined {
  const n = p.int(name);
  if (Number.isNaN(n)) throw new Ec2Error('InvalidParameterValue', `Invalid value '${p.get(name)}' for parameter ${name}`);
  return n;
}

function entryInput(p: QueryParams): AclEntryInput {
  const port = p.struct('PortRange');
  const icmp = p.struct('Icmp');
  return {
    ruleNumber: intOf(p, 'RuleNumber'),
    protocol: p.get('Protocol'),
    ruleAction: p.get('RuleAction'),
    egress: p.bool('Egress'),
    cidrBlock: p.get('CidrBlock'),
    ipv6CidrBlock: p.get('Ipv6CidrBlock'),
    ...(port.size ? { portRange: { from: intOf(port, 'From'), to: intOf(port, 'To') } } : {}),
    ...(icmp.size ? { icmpTypeCode: { type: intOf(icmp, 'Type'), code: intOf(icmp, 'Code') } } : {}),
  };
}

/** Every VPC's default ACL: a write sees what exists, not what a lagging read shows. */
const aclsOf = (state: Ec2State) => {
  const subnets = [...state.subnets.values()];
  return [...state.vpcs.values()].map((v) => defaultNetworkAcl(v, subnets));
};

export const networkAclOps = {
  CreateNetworkAclEntry(state: Ec2State, p: QueryParams): XmlObject {
    createAclEntry(state, aclsOf(state), p.get('NetworkAclId'), entryInput(p));
    return { return: true };
  },

  ReplaceNetworkAclEntry(state: Ec2State, p: QueryParams): XmlObject {
    replaceAclEntry(state, aclsOf(state), p.get('NetworkAclId'), entryInput(p));
    return { return: true };
  },

  DeleteNetworkAclEntry(state: Ec2State, p: QueryParams): XmlObject {
    deleteAclEntry(state, aclsOf(state), p.get('NetworkAclId'), intOf(p, 'RuleNumber'), p.bool('Egress'));
    return { return: true };
  },
};
