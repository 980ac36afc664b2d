/**
 * A token bucket as AWS describes its API throttling: a bucket holds at most `capacity` tokens, each
 * request takes one, and tokens come back at `refillPerSecond` until the bucket is full again
 * (https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html, "How throttling is
 * applied"). Pure: the caller passes the time, so tests and simulations control the clock.
 */

export interface BucketLimits {
  /** Bucket maximum capacity: the burst. */
  capacity: number;
  /** Bucket refill rate, tokens per second (AWS gives fractional rates such as 0.3). */
  refillPerSecond: number;
}

export type TakeResult = { allowed: true; tokensLeft: number } | { allowed: false; retryAfterMs: number };

/** Bucket limits that cannot work (no burst, no refill) are a programming error, named here. */
export class InvalidBucketLimitsError extends Error {
  readonly name = 'InvalidBucketLimitsError';
}

export class TokenBucket {
  private tokens: number;
  private updatedAt: number | undefined;

  constructor(readonly limits: BucketLimits) {
    if (!(limits.capacity >= 1) || !(limits.refillPerSecond > 0)) {
      throw new InvalidBucketLimitsError(`bucket needs capacity ≥ 1 and a positive refill rate, got ${limits.capacity}/${limits.refillPerSecond}`);
    }
    this.tokens = limits.capacity; // a new bucket starts full
  }

  /** Tokens available at `nowMs` (refilled continuously: the documented per-second rate, spread evenly). */
  available(nowMs: number): number {
    if (this.updatedAt === undefined || nowMs <= this.updatedAt) return this.tokens;
    return Math.min(this.limits.capacity, this.tokens + ((nowMs - this.updatedAt) / 1000) * this.limits.refillPerSecond);
  }

  /** Take one token at `nowMs`, or say how long until one is there. A refused call takes nothing. */
  take(nowMs: number): TakeResult {
    this.tokens = this.available(nowMs);
    this.updatedAt = Math.max(nowMs, this.updatedAt ?? nowMs);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { allowed: true, tokensLeft: Math.floor(this.tokens) };
    }
    return { allowed: false, retryAfterMs: Math.ceil(((1 - this.tokens) / this.limits.refillPerSecond) * 1000) };
  }
}
