/**
 * A VPC's operator status as `egress status` shows it, read from its tags (docs/design.md#tag-contract). Pure.
 */
import { isOptedIn, STATES, STATUS_KEYS, toTagMap, type AwsTag } from '../../handlers/lib/tags';

export interface VpcLike { VpcId?: string; OwnerId?: string; Tags?: AwsTag[] }

export interface VpcStatus {
  vpcId: string;
  name: string | null;
  account: string | null;
  region: string;
  /** `egress=proxy` is set. */
  optedIn: boolean;
  /** `egress-proxy:state`; null before the first reconcile wrote status. */
  state: string | null;
  proxy: string | null;
  reason: string | null;
  endpoint: string | null;
  overlaps: string | null;
  generation: string | null;
  lastExecution: string | null;
  /** When the state last changed (ISO 8601, `egress-proxy:since`). */
  since: string | null;
  /** Seconds since `since` at the time of reading. */
  ageSeconds: number | null;
}

export function vpcStatusOf(vpc: VpcLike, region: string, nowMs: number): VpcStatus {
  const tags = toTagMap(vpc.Tags);
  const since = tags[STATUS_KEYS.since] ?? null;
  const sinceMs = since ? Date.parse(since) : NaN;
  const tag = (key: string) => tags[key] || null;
  return {
    vpcId: vpc.VpcId ?? '?',
    name: tag('Name'),
    account: vpc.OwnerId ?? null,
    region,
    optedIn: isOptedIn(tags),
    state: tag(STATUS_KEYS.state),
    proxy: tag(STATUS_KEYS.proxy),
    reason: tag(STATUS_KEYS.reason),
    endpoint: tag(STATUS_KEYS.endpoint),
    overlaps: tag(STATUS_KEYS.overlaps),
    generation: tag(STATUS_KEYS.generation),
    lastExecution: tag(STATUS_KEYS.execution),
    since,
    ageSeconds: Number.isFinite(sinceMs) ? Math.max(0, Math.round((nowMs - sinceMs) / 1000)) : null,
  };
}

/** Opted-in VPCs and VPCs still carrying status, sorted by ID; `account` keeps only that owner's. */
export function statusRows(vpcs: VpcLike[], region: string, nowMs: number, account?: string): VpcStatus[] {
  return vpcs
    .map((v) => vpcStatusOf(v, region, nowMs))
    .filter((s) => s.optedIn || s.state !== null)
    .filter((s) => !account || s.account === account)
    .sort((a, b) => a.vpcId.localeCompare(b.vpcId));
}

/** `3 VPCs: 2 Ready, 1 Progressing` (states in the contract's order, then unreconciled). */
export function summaryOf(rows: VpcStatus[]): string {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.state ?? 'not reconciled', (counts.get(r.state ?? 'not reconciled') ?? 0) + 1);
  const order = (s: string) => { const i = (STATES as readonly string[]).indexOf(s); return i < 0 ? STATES.length : i; };
  const parts = [...counts.entries()].sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b)).map(([s, n]) => `${n} ${s}`);
  return `${rows.length} VPC${rows.length === 1 ? '' : 's'}${parts.length ? `: ${parts.join(', ')}` : ''}`;
}
