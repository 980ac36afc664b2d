/**
 * One pacing lane's schedule, purely: a virtual token bucket of `burst` tokens refilled at
 * `ratePerSecond` (the generic cell rate algorithm, kept as one number: the lane's theoretical arrival
 * time). `burst` requests in a row get `now`, then one slot every 1/rate s; a lane idle long enough
 * starts at `now` again. docs/design.md#workflows, "Pacing"
 */

export interface LaneLimits {
  /** Slots per second once the burst is spent. */
  ratePerSecond: number;
  /** Slots available at once to an idle lane. */
  burst: number;
}

/**
 * EC2 gives CreateVpcEndpoint and DeleteVpcEndpoints each a bucket of 4 tokens refilled at 0.3/s per
 * account and Region (https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html,
 * "Uncategorized actions"). The lanes keep a margin below both: 10% of the rate, and 3 of the 4 tokens
 * left unspent. A slot is when the run starts, not when it calls EC2: cold starts and the steps before
 * EnsureEndpoint move calls by seconds, and the spare tokens absorb that jitter, the other writer's
 * lanes (dispatcher and sweep) and a retry. Measured locally: a burst of 3 bunched into throttles.
 */
export const DEFAULT_LANE_LIMITS: LaneLimits = { ratePerSecond: 0.27, burst: 1 };

/** Milliseconds since the epoch after which the lane has its full burst again. */
export interface LaneState { tat: number }

export interface Slot {
  /** When the request may go (milliseconds since the epoch, never before `now`). */
  at: number;
  lane: LaneState;
}

export function assertLaneLimits(limits: LaneLimits): void {
  if (!(Number.isFinite(limits.ratePerSecond) && limits.ratePerSecond > 0)) throw new RangeError(`pacing rate must be a number > 0 per second, got ${limits.ratePerSecond}`);
  if (!(Number.isInteger(limits.burst) && limits.burst >= 1)) throw new RangeError(`pacing burst must be an integer >= 1, got ${limits.burst}`);
}

/** The next slot of a lane (undefined: never used) at `now`, and the lane after taking it. */
export function nextSlot(lane: LaneState | undefined, now: number, limits: LaneLimits): Slot {
  // Whole milliseconds, rounded up (a rate a hair lower): slots stay exact integers, never early by a float error.
  const interval = Math.ceil(1000 / limits.ratePerSecond);
  const tat = Math.max(lane?.tat ?? now, now);
  const at = Math.max(now, tat - (limits.burst - 1) * interval);
  return { at, lane: { tat: tat + interval } };
}

/** A lane whose theoretical arrival time has passed holds nothing worth keeping: it starts at `now` anyway. */
export function isIdle(lane: LaneState, now: number): boolean {
  return lane.tat <= now;
}
