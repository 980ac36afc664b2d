/**
 * The tag contract (docs/design.md#tag-contract) in one place: owner keys, status keys, ownership
 * tracking, EC2's tag limits. Ownership is decided by these tags only, never by names (like LBC's
 * tracking provider).
 */
export const OWNER_KEYS = {
  optIn: 'egress',
  subnets: 'egress:subnets',
  deletionPolicy: 'egress:deletion-policy',
} as const;

export const OPT_IN_VALUE = 'proxy';

/** The owner opted this VPC in: `egress=proxy` in any case (`Proxy` too); anything else opts out. */
export function isOptedIn(tags: TagMap): boolean {
  return tags[OWNER_KEYS.optIn]?.trim().toLowerCase() === OPT_IN_VALUE;
}

export const STATUS_KEYS = {
  proxy: 'egress-proxy',
  state: 'egress-proxy:state',
  reason: 'egress-proxy:reason',
  endpoint: 'egress-proxy:endpoint',
  overlaps: 'egress-proxy:overlaps',
  generation: 'egress-proxy:generation',
  execution: 'egress-proxy:execution',
  /** When the state last changed (ISO 8601); moves only on a state change. */
  since: 'egress-proxy:since',
  /** A transient Error's requeue: `attempt=N next=ISO` (docs/design.md#errors); absent otherwise. */
  retry: 'egress-proxy:retry',
} as const;

export const OWNERSHIP_KEYS = {
  managedBy: 'egress-proxy:managed-by',
  owner: 'egress-proxy:owner',
} as const;

export const MANAGER_NAME = 'egress-operator';

export const STATES = ['Progressing', 'Ready', 'Degraded', 'Error', 'Deleting'] as const;
export type StatusState = (typeof STATES)[number];

/** EC2 limits on tags: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_Tags.html#tag-restrictions */
export const TAG_VALUE_MAX = 256;
export const TAG_KEY_MAX = 128;

export type TagMap = Record<string, string>;
export interface AwsTag { Key?: string; Value?: string }

export function toTagMap(tags: AwsTag[] | undefined): TagMap {
  const map: TagMap = {};
  for (const t of tags ?? []) if (t.Key !== undefined) map[t.Key] = t.Value ?? '';
  return map;
}

export function toAwsTags(map: TagMap): { Key: string; Value: string }[] {
  return Object.entries(map).map(([Key, Value]) => ({ Key, Value }));
}

/** The Name of what the operator creates for a VPC: a label for people; ownership is by tags. */
export function resourceName(vpcId: string): string {
  return `egress-proxy-${vpcId}`;
}

export function ownershipTags(vpcId: string): TagMap {
  return { [OWNERSHIP_KEYS.managedBy]: MANAGER_NAME, [OWNERSHIP_KEYS.owner]: vpcId };
}

/** EC2 Describe* filters that select resources the operator owns (for one VPC, or all). */
export function ownedFilters(vpcId?: string): { Name: string; Values: string[] }[] {
  const filters = [{ Name: `tag:${OWNERSHIP_KEYS.managedBy}`, Values: [MANAGER_NAME] }];
  if (vpcId) filters.push({ Name: `tag:${OWNERSHIP_KEYS.owner}`, Values: [vpcId] });
  return filters;
}

/** Truncate a tag value to EC2's limit, marking the cut with an ellipsis. */
export function fitTagValue(value: string, max = TAG_VALUE_MAX): string {
  return value.length <= max ? value : `${value.slice(0, max - 1)}…`;
}

/** Status tag keys written by the operator (everything it removes when finalizing). */
export const ALL_STATUS_KEYS: string[] = Object.values(STATUS_KEYS);

/** The keys that advertise a working endpoint: kept while a retained endpoint still serves. */
export const ADDRESS_KEYS: string[] = [STATUS_KEYS.proxy, STATUS_KEYS.endpoint];

/** The operator's status keys among `tags`. */
export function statusTagsOf(tags: TagMap): TagMap {
  return Object.fromEntries(Object.entries(tags).filter(([k]) => ALL_STATUS_KEYS.includes(k)));
}
