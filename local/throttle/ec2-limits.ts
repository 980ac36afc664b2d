/**
 * EC2 request-rate limits, from "Request throttling for the Amazon EC2 API", tables "Request token
 * bucket sizes and refill rates" and "Uncategorized actions"
 * (https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html#throttling-limits-rate-based).
 * Limits apply per account and Region, and "each API is evaluated individually": every action has its
 * own bucket, sized by its category.
 */
import type { BucketLimits } from './token-bucket';

export type Ec2Category =
  | 'non-mutating'
  | 'unfiltered-unpaginated'
  | 'mutating'
  | 'resource-intensive'
  | 'uncategorized';

export const EC2_CATEGORY_LIMITS: Record<Exclude<Ec2Category, 'uncategorized'>, BucketLimits> = {
  'non-mutating': { capacity: 100, refillPerSecond: 20 },
  'unfiltered-unpaginated': { capacity: 50, refillPerSecond: 10 },
  mutating: { capacity: 50, refillPerSecond: 5 },
  'resource-intensive': { capacity: 50, refillPerSecond: 5 },
};

/** Non-mutating actions that, called with neither a filter nor pagination, draw on a smaller bucket. */
export const UNFILTERED_UNPAGINATED_ACTIONS = new Set([
  'DescribeInstances', 'DescribeInstanceStatus', 'DescribeNetworkInterfaces', 'DescribeSecurityGroups',
  'DescribeSnapshots', 'DescribeSpotInstanceRequests', 'DescribeVolumes',
]);

export const RESOURCE_INTENSIVE_ACTIONS = new Set([
  'AcceptVpcPeeringConnection', 'AuthorizeSecurityGroupIngress', 'CancelSpotInstanceRequests', 'CreateKeyPair',
  'CreateVpcPeeringConnection', 'DeleteVpcPeeringConnection', 'RejectVpcPeeringConnection', 'RevokeSecurityGroupIngress',
  'RequestSpotInstances',
]);

/** Actions with their own sizes ("Uncategorized actions"): the VPC, endpoint and tagging ones. */
export const UNCATEGORIZED_LIMITS: Record<string, BucketLimits> = {
  AcceptVpcEndpointConnections: { capacity: 10, refillPerSecond: 1 },
  CreateDefaultSubnet: { capacity: 1, refillPerSecond: 1 },
  CreateDefaultVpc: { capacity: 1, refillPerSecond: 1 },
  CreateNatGateway: { capacity: 10, refillPerSecond: 1 },
  CreateNetworkInterface: { capacity: 100, refillPerSecond: 5 },
  CreateTags: { capacity: 100, refillPerSecond: 10 },
  CreateVpcEndpoint: { capacity: 4, refillPerSecond: 0.3 },
  CreateVpcEndpointServiceConfiguration: { capacity: 10, refillPerSecond: 1 },
  DeleteNatGateway: { capacity: 10, refillPerSecond: 1 },
  DeleteNetworkInterface: { capacity: 100, refillPerSecond: 5 },
  DeleteTags: { capacity: 100, refillPerSecond: 10 },
  DeleteVpcEndpoints: { capacity: 4, refillPerSecond: 0.3 },
  DeleteVpcEndpointServiceConfigurations: { capacity: 10, refillPerSecond: 1 },
  DescribeSecurityGroupReferences: { capacity: 20, refillPerSecond: 5 },
  DescribeStaleSecurityGroups: { capacity: 20, refillPerSecond: 5 },
  ModifyNetworkInterfaceAttribute: { capacity: 100, refillPerSecond: 5 },
  ModifyVpcEndpoint: { capacity: 4, refillPerSecond: 0.3 },
  ModifyVpcEndpointServiceConfiguration: { capacity: 10, refillPerSecond: 1 },
  RejectVpcEndpointConnections: { capacity: 10, refillPerSecond: 1 },
  RunInstances: { capacity: 5, refillPerSecond: 2 },
  StartInstances: { capacity: 5, refillPerSecond: 2 },
  TerminateInstances: { capacity: 100, refillPerSecond: 5 },
};

const NON_MUTATING = /^(Describe|List|Search|Get)[A-Z]/;

export interface Ec2Bucket {
  /** The bucket's name within one account and Region: the action, `:unfiltered` for the small bucket. */
  key: string;
  category: Ec2Category;
  limits: BucketLimits;
}

/**
 * The bucket an EC2 call draws on. `paramNames` are the Query parameter names of the request; a
 * filter is any `Filter.N.…`, pagination is `MaxResults` or `NextToken`.
 */
export function ec2BucketFor(action: string, paramNames: Iterable<string> = []): Ec2Bucket {
  const own = Object.hasOwn(UNCATEGORIZED_LIMITS, action) ? UNCATEGORIZED_LIMITS[action] : undefined;
  if (own) return { key: action, category: 'uncategorized', limits: own };
  if (RESOURCE_INTENSIVE_ACTIONS.has(action)) return { key: action, category: 'resource-intensive', limits: EC2_CATEGORY_LIMITS['resource-intensive'] };
  if (!NON_MUTATING.test(action)) return { key: action, category: 'mutating', limits: EC2_CATEGORY_LIMITS.mutating };
  if (UNFILTERED_UNPAGINATED_ACTIONS.has(action) && !filteredOrPaginated(paramNames)) {
    return { key: `${action}:unfiltered`, category: 'unfiltered-unpaginated', limits: EC2_CATEGORY_LIMITS['unfiltered-unpaginated'] };
  }
  return { key: action, category: 'non-mutating', limits: EC2_CATEGORY_LIMITS['non-mutating'] };
}

function filteredOrPaginated(paramNames: Iterable<string>): boolean {
  for (const name of paramNames) {
    if (name === 'MaxResults' || name === 'NextToken' || name.startsWith('Filter.')) return true;
  }
  return false;
}
