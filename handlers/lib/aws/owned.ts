/**
 * Reading what the operator owns for a VPC (by ownership tags only), mapped to what the planners see:
 * one mapping for Observe, EnsureSecurityGroup, EnsureEndpoint, Finalize and the sweep.
 */
import {
  DescribeSecurityGroupsCommand, paginateDescribeVpcEndpoints, type EC2Client, type IpPermission, type VpcEndpoint,
} from '@aws-sdk/client-ec2';
import type { IngressRule, ObservedGroup } from '../plan/security-group';
import { ownedFilters } from '../tags';
import type { ObservedEndpoint } from '../workflow-state';
import { callAws } from './call';

/** Subnets and groups sorted, so plans compare them as sets. */
export function toObservedEndpoint(e: VpcEndpoint): ObservedEndpoint {
  return {
    id: e.VpcEndpointId!,
    state: e.State ?? 'unknown',
    subnetIds: [...(e.SubnetIds ?? [])].sort(),
    securityGroupIds: (e.Groups ?? []).map((g) => g.GroupId!).sort(),
    ...(e.ResourceConfigurationArn ? { resourceConfigurationArn: e.ResourceConfigurationArn } : {}),
    ...(e.CreationTimestamp ? { createdAt: e.CreationTimestamp.toISOString() } : {}),
  };
}

/** An owned endpoint with what AwaitEndpoint also judges: its last error and its interfaces. */
export interface ListedEndpoint extends ObservedEndpoint {
  lastError?: string;
  networkInterfaceIds: string[];
}

/** Owned endpoints of one VPC (paginated). */
export async function listOwnedEndpoints(client: EC2Client, vpcId: string): Promise<ObservedEndpoint[]> {
  return (await describeOwnedEndpoints(client, vpcId)).map(toObservedEndpoint);
}

/** Owned endpoints of one VPC with their last error and interfaces (the same one listing). */
export async function listOwnedEndpointDetails(client: EC2Client, vpcId: string): Promise<ListedEndpoint[]> {
  return (await describeOwnedEndpoints(client, vpcId)).map((e) => ({
    ...toObservedEndpoint(e),
    ...(e.LastError?.Message ? { lastError: e.LastError.Message } : {}),
    networkInterfaceIds: e.NetworkInterfaceIds ?? [],
  }));
}

async function describeOwnedEndpoints(client: EC2Client, vpcId: string): Promise<VpcEndpoint[]> {
  const out: VpcEndpoint[] = [];
  await callAws('DescribeVpcEndpoints', async () => {
    for await (const page of paginateDescribeVpcEndpoints({ client }, { Filters: ownedFilters(vpcId) })) out.push(...(page.VpcEndpoints ?? []));
  });
  return out;
}

/** Owned security groups of one VPC with their ingress rules. */
export async function listOwnedGroups(client: EC2Client, vpcId: string): Promise<(ObservedGroup & { name?: string })[]> {
  const out = await callAws('DescribeSecurityGroups', () =>
    client.send(new DescribeSecurityGroupsCommand({ Filters: ownedFilters(vpcId) })));
  return (out.SecurityGroups ?? []).map((g) => ({ id: g.GroupId!, name: g.GroupName, rules: rulesOf(g.IpPermissions) }));
}

/** EC2 IpPermissions (one rule per range) to our rule shape; references to groups and prefix lists are marked. */
export function rulesOf(perms: IpPermission[] | undefined): IngressRule[] {
  const rules: IngressRule[] = [];
  for (const p of perms ?? []) {
    const base = { protocol: p.IpProtocol ?? '-1', fromPort: p.FromPort ?? -1, toPort: p.ToPort ?? -1 };
    for (const r of p.IpRanges ?? []) if (r.CidrIp) rules.push({ ...base, cidr: r.CidrIp });
    for (const r of p.Ipv6Ranges ?? []) if (r.CidrIpv6) rules.push({ ...base, cidr: r.CidrIpv6 });
    for (const g of p.UserIdGroupPairs ?? []) rules.push({ ...base, cidr: `group:${JSON.stringify(g)}` });
    for (const l of p.PrefixListIds ?? []) rules.push({ ...base, cidr: `prefix-list:${JSON.stringify(l)}` });
  }
  return rules;
}

const RULE_DESCRIPTION = 'egress-operator: proxy clients in this VPC';

/** Our CIDR rules as EC2 IpPermissions (references are never written by the operator). */
export function toIpPermissions(rules: IngressRule[]): IpPermission[] {
  return rules.map((r) => ({
    IpProtocol: r.protocol,
    FromPort: r.fromPort,
    ToPort: r.toPort,
    ...(r.cidr.includes(':')
      ? { Ipv6Ranges: [{ CidrIpv6: r.cidr, Description: RULE_DESCRIPTION }] }
      : { IpRanges: [{ CidrIp: r.cidr, Description: RULE_DESCRIPTION }] }),
  }));
}
