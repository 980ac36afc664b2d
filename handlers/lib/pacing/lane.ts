/**
 * Which pacing lane a reconcile belongs to. A lane is one account, one Region and one rate-limited
 * EC2 action: `create` (CreateVpcEndpoint) or `delete` (DeleteVpcEndpoints). Everything else a
 * reconcile calls has buckets an order of magnitude larger and is not paced. docs/design.md#workflows
 */
import { isOptedIn, STATUS_KEYS, type TagMap } from '../tags';

export type LaneAction = 'create' | 'delete';

export interface LaneScope { account: string; region: string }

/**
 * From a tag-change event's tags (the VPC's tags after the change): opted in without an endpoint in
 * its status will create one; opted out with one will delete it; anything else is not paced.
 */
export function laneActionForTags(tags: TagMap): LaneAction | undefined {
  const hasEndpoint = Boolean(tags[STATUS_KEYS.endpoint]);
  if (isOptedIn(tags)) return hasEndpoint ? undefined : 'create';
  return hasEndpoint ? 'delete' : undefined;
}

export function laneKey(scope: LaneScope, action: LaneAction): string {
  return `${scope.account}/${scope.region}/${action}`;
}
