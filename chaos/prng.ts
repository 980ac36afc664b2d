/** The campaign's seeded choices, from the local cloud's one PRNG (local/random.ts): a seed replays a campaign's plan. */
import { mulberry32 } from '../local/random';

export interface Prng {
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** `n` distinct items (fewer when there are fewer). */
  sample<T>(items: readonly T[], n: number): T[];
}

export function prng(seed: number): Prng {
  const next = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (items) => items[int(0, items.length - 1)],
    sample(items, n) {
      const pool = [...items];
      const out = [];
      while (out.length < n && pool.length) out.push(pool.splice(int(0, pool.length - 1), 1)[0]);
      return out;
    },
  };
}
