/** Endpoints the operator owns, as the decisions see them: one mapping for Observe, EnsureEndpoint and the sweep. */
import { EC2Client, paginateDescribeVpcEndpoints, VpcEndpoint } from '@aws-sdk/client-ec2';
import { ownedFilters } from './tags';
import type { ObservedEndpoint } from './workflow-state';

/** Subnets and groups sorted, so plans compare them as sets. */
export function toObservedEndpoint(e: VpcEndpoint): ObservedEndpoint {
  return {
    id: e.VpcEndpointId!,
    state: e.State ?? 'unknown',
    subnetIds: [...(e.SubnetIds ?? [])].sort(),
    securityGroupIds: (e.Groups ?? []).map((g) => g.GroupId!).sort(),
    resourceConfigurationArn: e.ResourceConfigurationArn,
    createdAt: e.CreationTimestamp?.toISOString(),
  };
}

/** Owned endpoints of one VPC (paginated). */
export async function listOwnedEndpoints(client: EC2Client, vpcId: string): Promise<ObservedEndpoint[]> {
  const out: ObservedEndpoint[] = [];
  for await (const page of paginateDescribeVpcEndpoints({ client }, { Filters: ownedFilters(vpcId) })) {
    for (const e of page.VpcEndpoints ?? []) out.push(toObservedEndpoint(e));
  }
  return out;
}
