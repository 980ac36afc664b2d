/** The module-scope TTL cache (handlers/lib/cache.ts) on an injected clock. */
import { createTtlCache } from '../../../handlers/lib/cache';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => { t += ms; } };
}

it('keeps a value for the TTL and drops it once the TTL has passed', () => {
  const c = clock();
  const cache = createTtlCache<string>(300_000, c.now);
  cache.set('arn', 'hub');
  c.advance(299_999);
  expect(cache.get('arn')).toBe('hub');
  c.advance(1);
  expect(cache.get('arn')).toBeUndefined();
});

it('a clock that went back does not make an entry young again', () => {
  const c = clock();
  const cache = createTtlCache<string>(1000, c.now);
  cache.set('k', 'v');
  c.advance(-1);
  expect(cache.get('k')).toBeUndefined();
});

it('getOrLoad loads once within the TTL, again after it', async () => {
  const c = clock();
  const cache = createTtlCache<number>(1000, c.now);
  let loads = 0;
  const load = async () => ++loads;
  expect(await cache.getOrLoad('k', load)).toBe(1);
  expect(await cache.getOrLoad('k', load)).toBe(1);
  c.advance(1000);
  expect(await cache.getOrLoad('k', load)).toBe(2);
});

it('a failed load leaves nothing cached: the next call loads again', async () => {
  const cache = createTtlCache<string>(1000, clock().now);
  await expect(cache.getOrLoad('k', async () => { throw new Error('HubUnavailable'); })).rejects.toThrow('HubUnavailable');
  expect(cache.get('k')).toBeUndefined();
  expect(await cache.getOrLoad('k', async () => 'ok')).toBe('ok');
});

it('callers asking while a key loads share the one load', async () => {
  const cache = createTtlCache<string>(1000, clock().now);
  let loads = 0;
  let release!: () => void;
  const gate = new Promise<void>((r) => { release = r; });
  const load = async () => { loads += 1; await gate; return 'v'; };
  const both = Promise.all([cache.getOrLoad('k', load), cache.getOrLoad('k', load)]);
  release();
  expect(await both).toEqual(['v', 'v']);
  expect(loads).toBe(1);
});

it('clear and delete drop entries, and a load under way when cleared is not kept', async () => {
  const cache = createTtlCache<string>(1000, clock().now);
  cache.set('a', '1');
  cache.delete('a');
  expect(cache.get('a')).toBeUndefined();
  let release!: () => void;
  const gate = new Promise<void>((r) => { release = r; });
  const pending = cache.getOrLoad('b', async () => { await gate; return 'old'; });
  cache.clear();
  release();
  expect(await pending).toBe('old');
  expect(cache.get('b')).toBeUndefined();
});
