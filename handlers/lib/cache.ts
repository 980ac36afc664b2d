/**
 * A small time-to-live cache for module scope: what one Lambda execution environment read recently
 * (the hub, a member account's accepted RAM share), kept for a few minutes so a burst of reconciles
 * does not read it once per run. Entries expire by the handlers' clock (handlers/lib/clock.ts, which the
 * local cloud controls), or an injected one in tests. Hand-written: a Map and a timestamp are all it
 * needs, an LRU library would add size bounds nobody here uses (the keys are a handful of ARNs).
 */
import { now as clockNow } from './clock';

export interface TtlCache<V> {
  /** The value while younger than the TTL; undefined once expired (and then dropped) or never set. */
  get(key: string): V | undefined;
  set(key: string, value: V): void;
  delete(key: string): void;
  /** Drops every entry and forgets loads under way (their results are not kept). */
  clear(): void;
  /**
   * The cached value, or `load()`'s, cached when it succeeds; a failed load leaves no entry behind.
   * Callers asking for a key while it loads share that one load.
   */
  getOrLoad(key: string, load: () => Promise<V>): Promise<V>;
}

export function createTtlCache<V>(ttlMs: number, now: () => number = () => clockNow().getTime()): TtlCache<V> {
  const entries = new Map<string, { value: V; at: number }>();
  const loading = new Map<string, Promise<V>>();
  const get = (key: string): V | undefined => {
    const entry = entries.get(key);
    if (!entry) return undefined;
    const age = now() - entry.at;
    // A clock that went back (an injected one) cannot make an entry young again: drop it too.
    if (age >= ttlMs || age < 0) {
      entries.delete(key);
      return undefined;
    }
    return entry.value;
  };
  const set = (key: string, value: V) => { entries.set(key, { value, at: now() }); };
  return {
    get,
    set,
    delete: (key) => { entries.delete(key); loading.delete(key); },
    clear: () => { entries.clear(); loading.clear(); },
    async getOrLoad(key, load) {
      const cached = get(key);
      if (cached !== undefined) return cached;
      const pending = loading.get(key);
      if (pending) return pending;
      const started: Promise<V> = load().then((value) => {
        if (loading.get(key) === started) set(key, value);
        return value;
      }, (err: unknown) => {
        entries.delete(key);
        throw err;
      }).finally(() => {
        if (loading.get(key) === started) loading.delete(key);
      });
      loading.set(key, started);
      return started;
    },
  };
}
