/**
 * The lanes of one writer, in memory: the dispatcher keeps one of these in module scope (it runs with
 * reserved concurrency 1, so it is the only writer), the sweep builds one per run. Idle lanes are
 * dropped, so memory stays bounded by the lanes busy now.
 */
import { isIdle, nextSlot, type LaneLimits, type LaneState } from './slot';

/** Prune idle lanes once the map holds this many (a fleet has far fewer busy lanes). */
const PRUNE_AT = 1000;

export class PacingLanes {
  private readonly lanes = new Map<string, LaneState>();

  constructor(private readonly limits: LaneLimits) {}

  /** Take the next slot of lane `key` at `now` (milliseconds since the epoch); returns its time. */
  take(key: string, now: number): number {
    if (this.lanes.size >= PRUNE_AT) this.prune(now);
    const slot = nextSlot(this.lanes.get(key), now, this.limits);
    this.lanes.set(key, slot.lane);
    return slot.at;
  }

  get size(): number {
    return this.lanes.size;
  }

  private prune(now: number): void {
    for (const [key, lane] of this.lanes) if (isIdle(lane, now)) this.lanes.delete(key);
  }
}

/** ISO 8601 `notBefore` for a slot later than `now`; undefined when the request may go at once. */
export function notBeforeOf(slot: number, now: number): string | undefined {
  return slot > now ? new Date(Math.ceil(slot)).toISOString() : undefined;
}
