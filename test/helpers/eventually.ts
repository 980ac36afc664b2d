/**
 * Read-until-settled for tests that read AWS state through the SDK while the local cloud's eventual
 * consistency is on (docs/local-cloud.md#eventual-consistency): a read right after a write may show
 * the state before it, as AWS documents for EC2
 * (https://docs.aws.amazon.com/ec2/latest/devguide/eventual-consistency.html). The test still asserts
 * the same final value; it only stops taking the first read as the last word.
 */

export interface EventuallyOptions {
  /** Give up after this long (default 5 s: the local windows last at most 1.5 s, see local/consistency.ts). */
  timeoutMs?: number;
  /** Pause between reads (default 50 ms). */
  intervalMs?: number;
  /** What is being read, for the failure message (e.g. "tags of vpc-…"). */
  what?: string;
}

/** The read never settled: the message shows the last value and why it was not accepted. */
export class NotSettled extends Error {
  readonly name = 'NotSettled';
}

let replaySeed: number | undefined;

/** Recorded by the e2e cloud helper so a failure names the seed that replays it. */
export function recordConsistencySeed(seed: number | undefined): void {
  replaySeed = seed;
}

const show = (value: unknown) => {
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
};

/**
 * Reads until `settled(value)` neither returns false nor throws (a jest `expect` inside it is the usual
 * form), and returns that value. A read that throws (e.g. `InvalidVpcID.NotFound` for a resource just
 * created) counts as not settled yet. Throws NotSettled with the last value after `timeoutMs`.
 */
export async function eventually<T>(read: () => Promise<T>, settled: (value: T) => unknown, opts: EventuallyOptions = {}): Promise<T> {
  const { timeoutMs = 5000, intervalMs = 50, what = 'the read' } = opts;
  const deadline = Date.now() + timeoutMs;
  let reads = 0;
  for (;;) {
    let why: string;
    let last: unknown;
    reads++;
    try {
      const value = await read();
      last = value;
      try {
        if (settled(value) !== false) return value;
        why = 'the predicate returned false';
      } catch (err) {
        why = (err as Error).message;
      }
    } catch (err) {
      why = `the read failed: ${(err as Error).name}: ${(err as Error).message}`;
      last = undefined;
    }
    if (Date.now() >= deadline) {
      const seed = replaySeed === undefined ? 'eventual consistency off'
        : `eventual consistency seed ${replaySeed}; replay with LOCAL_EVENTUAL_CONSISTENCY=${replaySeed}`;
      throw new NotSettled(`${what} did not settle within ${timeoutMs} ms (${reads} reads; ${seed}).\n`
        + `Last value: ${show(last)}\nWhy not settled: ${why}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
