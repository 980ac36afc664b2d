/**
 * The tag contract (DESIGN.md §3) in one place: owner keys, status keys, ownership tracking.
 * Ownership is decided by these tags only, never by names (like LBC's tracking provider).
 */
export const OWNER_KEYS = {
  optIn: 'egress',
  subnets: 'egress:subnets',
  deletionPolicy: 'egress:deletion-policy',
} as const;

export const OPT_IN_VALUE = 'proxy';

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
} as const;

export const OWNERSHIP_KEYS = {
  managedBy: 'egress-proxy:managed-by',
  owner: 'egress-proxy:owner',
} as const;

export const MANAGER_NAME = 'egress-operator';

export const STATES = ['Progressing', 'Ready', 'Degraded', 'Error', 'Deleting'] as const;
export type StatusState = (typeof STATES)[number];

/** EC2 limits on tags (DESIGN.md §8). */
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

export function ownershipTags(vpcId: string): TagMap {
  return { [OWNERSHIP_KEYS.managedBy]: MANAGER_NAME, [OWNERSHIP_KEYS.owner]: vpcId };
}

/** True when the tags say the operator owns the resource for this VPC (or for any VPC when vpcId is omitted). */
export function isOwned(tags: TagMap, vpcId?: string): boolean {
  if (tags[OWNERSHIP_KEYS.managedBy] !== MANAGER_NAME) return false;
  return vpcId === undefined ? Boolean(tags[OWNERSHIP_KEYS.owner]) : tags[OWNERSHIP_KEYS.owner] === vpcId;
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
