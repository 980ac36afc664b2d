/**
 * What the reachability planner (handlers/lib/plan/reachability.ts) judges, read from the project's
 * account: the endpoint's association, groups and subnets, the groups' ingress rules, the network
 * ACL of each endpoint subnet, and the VPC's DNS attributes when private DNS is used. Reads only, and
 * only what this run's earlier steps did not already read (KnownReachability).
 */
import {
  DescribeNetworkAclsCommand, DescribeSecurityGroupsCommand, DescribeVpcAttributeCommand, DescribeVpcEndpointAssociationsCommand,
  DescribeVpcEndpointsCommand, type EC2Client, type NetworkAcl,
} from '@aws-sdk/client-ec2';
import type { ReachabilityFacts, SecurityGroupFacts, SubnetAcl } from '../plan/reachability';
import type { IngressRule } from '../plan/security-group';
import { callAws, hasCode, toOperatorError } from './call';
import { readUntilSettled } from './settle';
import type { VpcDnsAttributes } from '../plan/spec-checks';

export interface ReachabilityTarget {
  vpcId: string;
  endpointId: string;
  proxyPort: number;
  vpcCidrs: string[];
  /** The endpoint uses private DNS (a custom domain name): the DNS attributes matter. */
  privateDns: boolean;
}

/**
 * What this run's earlier steps already read, seconds ago: the endpoint as AwaitEndpoint saw it ready,
 * and the rules of groups EnsureSecurityGroup left. Passed in, they are not read again; the network ACLs
 * (and DNS attributes) always are, as no earlier step reads them.
 */
export interface KnownReachability {
  endpoint?: { groupIds: string[]; subnetIds: string[]; association: ReachabilityFacts['association'] };
  /** Groups whose rules are known; a group of the endpoint's not among them is read. */
  securityGroups?: SecurityGroupFacts[];
}

export async function readReachability(client: EC2Client, t: ReachabilityTarget, known: KnownReachability = {}): Promise<ReachabilityFacts> {
  const endpoint = known.endpoint ?? await readEndpoint(client, t.endpointId);
  const knownGroups = (known.securityGroups ?? []).filter((g) => endpoint.groupIds.includes(g.groupId));
  const allKnown = endpoint.groupIds.every((id) => knownGroups.some((g) => g.groupId === id));
  const [association, securityGroups, subnetAcls, dns] = await Promise.all([
    endpoint.association ?? readAssociation(client, t.endpointId),
    allKnown ? knownGroups : readGroups(client, endpoint.groupIds),
    readSubnetAcls(client, t.vpcId, endpoint.subnetIds),
    t.privateDns ? readVpcDns(client, t.vpcId) : Promise.resolve(undefined),
  ]);
  return {
    vpcId: t.vpcId,
    endpointId: t.endpointId,
    proxyPort: t.proxyPort,
    vpcCidrs: t.vpcCidrs,
    association,
    ...(dns ? { dns } : {}),
    securityGroups,
    subnetAcls,
  };
}

/** The endpoint's groups and subnets; its association is read beside the rest (undefined here). */
async function readEndpoint(client: EC2Client, endpointId: string) {
  const endpoint = (await callAws('DescribeVpcEndpoints', () =>
    client.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [endpointId] })))).VpcEndpoints?.[0];
  return {
    groupIds: (endpoint?.Groups ?? []).map((g) => g.GroupId!).filter(Boolean),
    subnetIds: endpoint?.SubnetIds ?? [],
    association: undefined as ReachabilityFacts['association'] | undefined,
  };
}

async function readAssociation(client: EC2Client, endpointId: string): Promise<ReachabilityFacts['association']> {
  const out = await callAws('DescribeVpcEndpointAssociations', () =>
    client.send(new DescribeVpcEndpointAssociationsCommand({ VpcEndpointIds: [endpointId] })));
  const a = out.VpcEndpointAssociations?.[0];
  return { accessibility: a?.AssociatedResourceAccessibility, failureReason: a?.FailureReason };
}

/** Our rule shape (handlers/lib/aws/owned.ts) as the planner's: IPv4 CIDR rules only, as readGroups maps them. */
export function toSecurityGroupFacts(groupId: string, rules: IngressRule[]): SecurityGroupFacts {
  const ipv4 = rules.filter((r) => !r.cidr.startsWith('group:') && !r.cidr.startsWith('prefix-list:') && !r.cidr.includes(':'));
  return {
    groupId,
    ingress: ipv4.map((r) => ({
      protocol: r.protocol,
      ...(r.fromPort !== -1 ? { fromPort: r.fromPort } : {}),
      ...(r.toPort !== -1 ? { toPort: r.toPort } : {}),
      cidrs: [r.cidr],
    })),
  };
}

async function readGroups(client: EC2Client, groupIds: string[]): Promise<SecurityGroupFacts[]> {
  if (!groupIds.length) return [];
  // A group this run just created may answer NotFound by ID for a moment (handlers/lib/aws/settle.ts): read again.
  const read = async () => {
    try {
      return { out: await client.send(new DescribeSecurityGroupsCommand({ GroupIds: groupIds })), notFound: undefined };
    } catch (err) {
      if (hasCode(err, 'InvalidGroup.NotFound')) return { out: undefined, notFound: err };
      throw toOperatorError(err, 'DescribeSecurityGroups');
    }
  };
  const { value } = await readUntilSettled(read, (v) => v.out !== undefined);
  if (!value.out) throw toOperatorError(value.notFound, 'DescribeSecurityGroups');
  const { out } = value;
  return (out.SecurityGroups ?? []).map((g) => ({
    groupId: g.GroupId!,
    ingress: (g.IpPermissions ?? []).map((p) => ({
      protocol: p.IpProtocol ?? '',
      fromPort: p.FromPort,
      toPort: p.ToPort,
      cidrs: (p.IpRanges ?? []).map((r) => r.CidrIp!).filter(Boolean),
    })),
  }));
}

/** Each subnet's ACL: the one listing its association (every subnet has exactly one; the default ACL lists the implicit ones). */
async function readSubnetAcls(client: EC2Client, vpcId: string, subnetIds: string[]): Promise<SubnetAcl[]> {
  if (!subnetIds.length) return [];
  const acls: NetworkAcl[] = [];
  let NextToken: string | undefined;
  do {
    const out = await callAws('DescribeNetworkAcls', () => client.send(new DescribeNetworkAclsCommand({
      Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'association.subnet-id', Values: subnetIds }], NextToken,
    })));
    acls.push(...(out.NetworkAcls ?? []));
    NextToken = out.NextToken;
  } while (NextToken);
  return subnetIds.flatMap((subnetId) => {
    const acl = acls.find((a) => (a.Associations ?? []).some((x) => x.SubnetId === subnetId));
    return acl ? [{
      subnetId,
      aclId: acl.NetworkAclId!,
      entries: (acl.Entries ?? []).map((e) => ({
        ruleNumber: e.RuleNumber ?? 0,
        protocol: e.Protocol ?? '',
        ruleAction: e.RuleAction ?? '',
        egress: Boolean(e.Egress),
        cidrBlock: e.CidrBlock,
        ...(e.PortRange ? { portRange: { from: e.PortRange.From ?? 0, to: e.PortRange.To ?? 65535 } } : {}),
      })),
    }] : [];
  });
}

/** Both DNS attributes (one DescribeVpcAttribute each). Not vpc-facts.ts's: that module also reads subnets, which VerifyProxy may not. */
async function readVpcDns(client: EC2Client, vpcId: string): Promise<VpcDnsAttributes> {
  const read = (Attribute: 'enableDnsSupport' | 'enableDnsHostnames') =>
    callAws('DescribeVpcAttribute', () => client.send(new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute })));
  const [support, hostnames] = await Promise.all([read('enableDnsSupport'), read('enableDnsHostnames')]);
  return { enableDnsSupport: Boolean(support.EnableDnsSupport?.Value), enableDnsHostnames: Boolean(hostnames.EnableDnsHostnames?.Value) };
}
