/**
 * The slot planner against the token bucket it stands in for: whatever the arrivals, a lane's slots
 * never take more than the bucket holds, and an idle lane starts at `now`.
 * Bucket: https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html ("Uncategorized actions":
 * CreateVpcEndpoint, DeleteVpcEndpoints 4 tokens, 0.3/s).
 */
import fc from 'fast-check';
import { UNCATEGORIZED_LIMITS } from '../../../../local/throttle/ec2-limits';
import { TokenBucket } from '../../../../local/throttle/token-bucket';
import { DEFAULT_LANE_LIMITS, nextSlot, type LaneLimits, type LaneState } from '../../../../handlers/lib/pacing';

/** Arrival times (ms, non-decreasing) from gaps. */
const arrivals = fc.array(fc.integer({ min: 0, max: 20_000 }), { minLength: 1, maxLength: 200 })
  .map((gaps) => gaps.reduce<number[]>((out, g) => [...out, (out.at(-1) ?? 1_700_000_000_000) + g], []));

const limits = fc.record({
  ratePerSecond: fc.double({ min: 0.01, max: 50, noNaN: true }),
  burst: fc.integer({ min: 1, max: 20 }),
});

function slotsOf(times: number[], l: LaneLimits): number[] {
  let lane: LaneState | undefined;
  return times.map((now) => {
    const slot = nextSlot(lane, now, l);
    lane = slot.lane;
    return slot.at;
  });
}

/** Replays `slots` against a bucket of `capacity` tokens refilled at `rate`/s, full at the first slot. */
function tokensNeverShort(slots: number[], capacity: number, rate: number): boolean {
  let tokens = capacity;
  let last = slots[0];
  for (const at of slots) {
    tokens = Math.min(capacity, tokens + ((at - last) / 1000) * rate);
    last = at;
    if (tokens < 1 - 1e-9) return false;
    tokens -= 1;
  }
  return true;
}

test('slots never precede the request, and come in order', () => {
  fc.assert(fc.property(arrivals, limits, (times, l) => {
    const slots = slotsOf(times, l);
    slots.forEach((s, i) => expect(s).toBeGreaterThanOrEqual(times[i]));
    slots.slice(1).forEach((s, i) => expect(s).toBeGreaterThanOrEqual(slots[i]));
  }));
});

test('a lane\'s slots never exceed its own bucket (burst, rate) at any instant', () => {
  fc.assert(fc.property(arrivals, limits, (times, l) => tokensNeverShort(slotsOf(times, l), l.burst, l.ratePerSecond)));
});

test('with the default limits, a lane never exceeds EC2\'s CreateVpcEndpoint bucket (4 tokens, 0.3/s)', () => {
  const ec2 = UNCATEGORIZED_LIMITS.CreateVpcEndpoint;
  expect(ec2).toEqual({ capacity: 4, refillPerSecond: 0.3 });
  fc.assert(fc.property(arrivals, (times) => tokensNeverShort(slotsOf(times, DEFAULT_LANE_LIMITS), ec2.capacity, ec2.refillPerSecond)));
});

test('the local cloud\'s own token bucket admits every default-paced slot', () => {
  fc.assert(fc.property(arrivals, (times) => {
    const bucket = new TokenBucket(UNCATEGORIZED_LIMITS.CreateVpcEndpoint);
    return slotsOf(times, DEFAULT_LANE_LIMITS).every((at) => bucket.take(at).allowed);
  }));
});

test('a lane idle long enough starts at `now`; a busy one no sooner than its rate allows', () => {
  fc.assert(fc.property(arrivals, limits, fc.integer({ min: 0, max: 10_000_000 }), (times, l, idle) => {
    let lane: LaneState | undefined;
    for (const now of times) lane = nextSlot(lane, now, l).lane;
    const later = Math.max(lane!.tat, times.at(-1)!) + idle;
    expect(nextSlot(lane, later, l).at).toBe(later);
  }));
});

test('the default lane: one at once, then one slot per 1/0.27 s; a burst of 3 gives three at once', () => {
  const t = Date.parse('2026-11-30T00:00:00Z');
  const same = (l: LaneLimits) => slotsOf(Array.from({ length: 5 }, () => t), l).map((s) => s - t);
  // 1/0.27 s = 3,703.7 ms, rounded up to whole milliseconds.
  expect(same(DEFAULT_LANE_LIMITS)).toEqual([0, 3704, 7408, 11112, 14816]);
  expect(same({ ratePerSecond: 0.27, burst: 3 })).toEqual([0, 0, 0, 3704, 7408]);
});
