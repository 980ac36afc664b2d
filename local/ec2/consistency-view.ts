/**
 * What EC2 reads show while eventual consistency is on (the windows come from local/consistency.ts):
 *  - a resource created through the API may be invisible to Describe* for a moment (by ID:
 *    `Invalid…ID.NotFound`; in lists: absent), as "Eventual consistency in the Amazon EC2 API"
 *    documents (https://docs.aws.amazon.com/ec2/latest/devguide/eventual-consistency.html);
 *  - a tag write (CreateTags/DeleteTags) may show late: reads keep the tags as they were;
 *  - a new VPC reports `pending` before `available` (VpcState, https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Vpc.html);
 *  - a deleted endpoint, once gone, stays listed as `Deleted` for a while (VpcEndpoint State:
 *    PendingAcceptance | Pending | Available | Deleting | Deleted | …,
 *    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcEndpoint.html).
 * The store itself stays exact; only the views that Describe* render are shaped. Operations are
 * synchronous, so the state of the request being served is held in one module variable for the
 * duration of the operation — that keeps the hooks out of every operation's signature.
 */
import type { QueryParams } from '../protocol/query';
import type { EventualConsistency } from '../consistency';
import { kindOf } from './errors';
import type { Ec2State } from './state';
import type { EndpointRecord, Resource, Tags, VpcRecord } from './types';

interface Track {
  /** Highest creation sequence already accounted for. */
  lastSeq: number;
  invisibleUntil: Map<string, number>;
  pendingUntil: Map<string, number>;
  staleTags: Map<string, { tags: Tags; until: number }>;
}

interface Current {
  state: Ec2State;
  track: Track;
  ec: EventualConsistency;
  now: number;
}

const tracks = new WeakMap<Ec2State, Track>();
let current: Current | undefined;

function records(state: Ec2State): Resource[] {
  return [...state.vpcs.values(), ...state.subnets.values(), ...state.securityGroups.values(),
    ...state.endpoints.values(), ...state.networkInterfaces.values()];
}

/** Records created since the last look: through the API they get windows, otherwise (seeding) none. */
function absorb(state: Ec2State, track: Track, ec: EventualConsistency, now: number, viaApi: boolean): void {
  if (state.lastSeq <= track.lastSeq) return; // nothing created since the last look: no scan of every record
  let max = track.lastSeq;
  for (const r of records(state)) {
    if (r.seq <= track.lastSeq) continue;
    max = Math.max(max, r.seq);
    if (!viaApi) continue;
    const hidden = ec.invisibleForMs();
    if (hidden > 0) track.invisibleUntil.set(r.id, now + hidden);
    if (kindOf(r.id) === 'vpc') track.pendingUntil.set(r.id, now + ec.vpcPendingMs());
  }
  track.lastSeq = max;
}

function trackOf(state: Ec2State): Track {
  let t = tracks.get(state);
  if (!t) {
    t = { lastSeq: 0, invisibleUntil: new Map(), pendingUntil: new Map(), staleTags: new Map() };
    tracks.set(state, t);
  }
  return t;
}

/** Forget windows that have passed, so a long-running cloud does not accumulate them. */
function prune(track: Track, now: number): void {
  for (const m of [track.invisibleUntil, track.pendingUntil]) if (m.size > 256) for (const [id, until] of m) if (until <= now) m.delete(id);
  if (track.staleTags.size > 256) for (const [id, stale] of track.staleTags) if (stale.until <= now) track.staleTags.delete(id);
}

const sameTags = (a: Tags, b: Tags) => a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);

/** Runs one EC2 operation under eventual consistency: windows for what it creates and the tags it writes. */
export function runConsistent<T>(ec: EventualConsistency, state: Ec2State, operation: string, params: QueryParams, op: () => T): T {
  const track = trackOf(state);
  const now = state.now();
  absorb(state, track, ec, now, false);
  prune(track, now);
  const tagged = operation === 'CreateTags' || operation === 'DeleteTags'
    ? params.list('ResourceId').flatMap((id) => {
        const r = state.findResource(id);
        return r ? [{ r, seen: new Map(visibleTags(track, r, now)) }] : [];
      })
    : [];
  current = { state, track, ec, now };
  let result: T;
  try {
    result = op();
  } finally {
    current = undefined;
  }
  if (operation.startsWith('Create')) absorb(state, track, ec, now, true);
  for (const { r, seen } of tagged) {
    if (sameTags(seen, r.tags)) continue;
    const lag = ec.tagLagMs();
    if (lag > 0) track.staleTags.set(r.id, { tags: seen, until: now + lag });
    else track.staleTags.delete(r.id);
  }
  return result;
}

function visibleTags(track: Track, r: Resource, now: number): Tags {
  const stale = track.staleTags.get(r.id);
  if (stale && stale.until > now) return stale.tags;
  if (stale) track.staleTags.delete(r.id);
  return r.tags;
}

/**
 * The record as a read sees it now: undefined while invisible, a copy with the tags and state of
 * the moment when those lag, the record itself otherwise (and always when consistency is off).
 */
export function readView<T extends Resource>(record: T): T | undefined {
  if (!current) return record;
  const { track, now } = current;
  if ((track.invisibleUntil.get(record.id) ?? 0) > now) return undefined;
  const tags = visibleTags(track, record, now);
  const pending = (track.pendingUntil.get(record.id) ?? 0) > now;
  if (tags === record.tags && !pending) return record;
  const view = { ...record, tags } as T;
  if (pending) (view as unknown as VpcRecord).state = 'pending';
  return view;
}

/** Endpoints that finished deleting less than `deletedLingerMs` ago, listed as `Deleted` (none when off). */
export function lingeringDeletedEndpoints(): EndpointRecord[] {
  if (!current) return [];
  const { state, ec, now } = current;
  const deletingMs = state.options.endpointDeletingMs ?? state.options.endpointPendingMs;
  return [...state.deletedEndpoints.values()].filter((e) =>
    !state.endpoints.has(e.id) && now < (e.deletingSince ?? 0) + deletingMs + ec.settings.deletedLingerMs);
}
