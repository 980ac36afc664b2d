/**
 * Re-reading EC2 until it shows what the operator already knows (a tag event's tags, a resource it
 * just created, its own status write). EC2 is eventually consistent: a Describe right after a write
 * may show the state before it, or answer NotFound for a new ID; AWS advises repeating the Describe
 * with exponential backoff (https://docs.aws.amazon.com/ec2/latest/devguide/eventual-consistency.html).
 * Inside one step the wait is short and bounded; longer waits are the workflow Retry's and the sweep's
 * (docs/design.md#errors).
 */

/** Pauses between reads (3 s in all): bounded, so a step never spends its Lambda timeout waiting. */
export const SETTLE_DELAYS_MS = [200, 400, 800, 1600] as const;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Reads until `settled(value)` holds or the delays run out; returns the last value read either way. */
export async function readUntilSettled<T>(read: () => Promise<T>, settled: (value: T) => boolean,
  delaysMs: readonly number[] = SETTLE_DELAYS_MS): Promise<{ value: T; settled: boolean }> {
  let value = await read();
  for (const delay of delaysMs) {
    if (settled(value)) return { value, settled: true };
    await sleep(delay);
    value = await read();
  }
  return { value, settled: settled(value) };
}
