import { InvalidBucketLimitsError, TokenBucket } from '../../../local/throttle';

describe('TokenBucket (EC2 API throttling: burst to capacity, refill per second)', () => {
  test('DescribeHosts example from the EC2 guide: 100 at once, then 20 per second, full again after 5 s', () => {
    const bucket = new TokenBucket({ capacity: 100, refillPerSecond: 20 });
    for (let i = 0; i < 100; i++) expect(bucket.take(0).allowed).toBe(true);
    expect(bucket.take(0)).toEqual({ allowed: false, retryAfterMs: 50 });
    let allowed = 0;
    for (let i = 0; i < 40; i++) if (bucket.take(1000).allowed) allowed++;
    expect(allowed).toBe(20);
    expect(bucket.available(6000)).toBe(100); // refilled, and never above capacity
    expect(bucket.available(60_000)).toBe(100);
  });

  test('fractional refill rates (CreateVpcEndpoint 4 / 0.3 per second)', () => {
    const bucket = new TokenBucket({ capacity: 4, refillPerSecond: 0.3 });
    for (let i = 0; i < 4; i++) expect(bucket.take(0).allowed).toBe(true);
    const refused = bucket.take(0);
    expect(refused).toEqual({ allowed: false, retryAfterMs: 3334 });
    expect(bucket.take(3300).allowed).toBe(false);
    expect(bucket.take(3334).allowed).toBe(true);
  });

  test('a refused call takes no token, and time running backwards refills nothing', () => {
    const bucket = new TokenBucket({ capacity: 1, refillPerSecond: 1 });
    expect(bucket.take(1000).allowed).toBe(true);
    for (let i = 0; i < 5; i++) expect(bucket.take(1500).allowed).toBe(false);
    expect(bucket.take(500).allowed).toBe(false);
    expect(bucket.take(2000).allowed).toBe(true);
  });

  test.each([[0, 1], [1, 0], [Number.NaN, 1], [1, -1]])('limits %p/%p are refused with a named error', (capacity, refillPerSecond) => {
    expect(() => new TokenBucket({ capacity, refillPerSecond })).toThrow(InvalidBucketLimitsError);
  });
});
