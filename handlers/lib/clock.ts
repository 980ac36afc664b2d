/**
 * The handlers' reading of the time. In AWS it is the real clock; the local cloud replaces the source
 * with its controllable clock (local/clock.ts) so hour-long backoffs can be tested in seconds
 * (docs/local-cloud.md#clock). Kept on globalThis so every copy of this module reads the same source.
 */
const SOURCE = Symbol.for('egress-operator.clock.now');

type NowSource = () => number;

export function now(): Date {
  const source = (globalThis as Record<symbol, NowSource | undefined>)[SOURCE];
  return new Date(source ? source() : Date.now());
}

/** Replace the time source (undefined: the real clock). Only the local cloud calls this. */
export function setNowSource(source: NowSource | undefined): void {
  (globalThis as Record<symbol, NowSource | undefined>)[SOURCE] = source;
}
