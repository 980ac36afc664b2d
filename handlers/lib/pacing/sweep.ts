/**
 * The sweep's pacing: it sees all the reconciles it starts at once, so it gives each one that will
 * create (or delete) an endpoint its slot in its account's lane from one fresh set of lanes, purely.
 * docs/design.md#workflows, "Pacing"
 */
import type { Drift } from '../drift/types';
import type { TagMap } from '../tags';
import { laneActionForTags, laneKey, type LaneAction, type LaneScope } from './lane';
import { notBeforeOf, PacingLanes } from './lanes';
import type { LaneLimits } from './slot';

/** Drift that a reconcile repairs by creating an endpoint, whatever the status tags still say. */
const CREATES: ReadonlySet<Drift['kind']> = new Set(['EndpointMissing', 'EndpointFailed']);

/** The lane of a drifted VPC's reconcile: by its drift, else by its tags as the dispatcher decides. */
export function sweepLaneAction(drift: readonly Drift[], tags: TagMap): LaneAction | undefined {
  if (drift.some((d) => CREATES.has(d.kind))) return 'create';
  return laneActionForTags(tags);
}

export interface PacedItem extends LaneScope { action?: LaneAction }

/** `notBefore` per item, in order (undefined: starts at once), for items planned at `now`. */
export function sweepSlots(items: readonly PacedItem[], now: number, limits: LaneLimits): (string | undefined)[] {
  const lanes = new PacingLanes(limits);
  return items.map((item) => (item.action ? notBeforeOf(lanes.take(laneKey(item, item.action), now), now) : undefined));
}
