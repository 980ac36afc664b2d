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

  /** The latest take, for giveBack: its lane, and the lane's state before and after. */
  private latest: { key: string; before: LaneState | undefined; after: LaneState } | undefined;

  /** Take the next slot of lane `key` at `now` (milliseconds since the epoch); returns its time. */
  take(key: string, now: number): number {
    if (this.lanes.size >= PRUNE_AT) this.prune(now);
    const before = this.lanes.get(key);
    const slot = nextSlot(before, now, this.limits);
    this.lanes.set(key, slot.lane);
    this.latest = { key, before, after: slot.lane };
    return slot.at;
  }

  /**
   * Gives the latest slot of lane `key` back, as if it had not been taken: its request never went (the
   * dispatcher's StartExecution failed, and the retried event takes a slot of its own). Only the latest
   * take, and only while nothing was taken after it; otherwise nothing changes (the slot stays spent).
   */
  giveBack(key: string): boolean {
    const latest = this.latest;
    if (!latest || latest.key !== key || this.lanes.get(key) !== latest.after) return false;
    if (latest.before) this.lanes.set(key, latest.before); else this.lanes.delete(key);
    this.latest = undefined;
    return true;
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
