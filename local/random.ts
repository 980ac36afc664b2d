/**
 * mulberry32: a tiny, well-known 32-bit PRNG, trivially seedable. The local cloud's fault rates and
 * eventual-consistency windows, and the benchmarks' fleets, draw from it so a seed replays a run.
 * Not for anything secret.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
