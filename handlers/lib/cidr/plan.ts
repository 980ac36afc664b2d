import { ADDRESS_BITS } from './address';
import { blockFrom, CidrBlock } from './block';

/** The pools cannot satisfy the request, or the request itself is malformed. */
export class CidrPlanError extends Error {
  readonly name = 'CidrPlanError';
}

export interface PlanRequest {
  pools: readonly CidrBlock[];
  inUse: readonly CidrBlock[];
  prefix: number;
  count: number;
}

interface Range { start: bigint; end: bigint }

/**
 * The lowest `count` free blocks of size /prefix, aligned, inside the pools, overlapping nothing in
 * use. Pools must share one address family; in-use blocks of the other family are irrelevant and
 * ignored. Walks the free gaps once: O((pools + inUse) log + count).
 */
export function planCidrs({ pools, inUse, prefix, count }: PlanRequest): CidrBlock[] {
  if (pools.length === 0) throw new CidrPlanError('no pool given');
  const family = pools[0].family;
  if (pools.some((pool) => pool.family !== family)) throw new CidrPlanError('pools mix IPv4 and IPv6; plan one family at a time');
  const bits = ADDRESS_BITS[family];
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > bits) {
    throw new CidrPlanError(`prefix /${prefix} is out of range for IPv${family} (0-${bits})`);
  }
  if (!Number.isInteger(count) || count < 1) throw new CidrPlanError(`count ${count} must be a positive integer`);
  const size = 1n << BigInt(bits - prefix);
  const used = mergeRanges(inUse.filter((block) => block.family === family), true);
  const out: CidrBlock[] = [];
  // Nested pools collapse into their outer pool; adjacent pools stay apart (a block fits in one pool).
  for (const pool of mergeRanges(pools, false)) {
    let cursor = pool.start;
    // Free gaps of this pool are the spaces between the used ranges that touch it.
    for (const busy of [...used.filter((r) => r.end >= pool.start && r.start <= pool.end), { start: pool.end + 1n, end: pool.end + 1n }]) {
      const gapEnd = (busy.start > pool.end + 1n ? pool.end + 1n : busy.start) - 1n;
      for (let a = alignUp(cursor, size); a + size - 1n <= gapEnd && out.length < count; a += size) {
        out.push(blockFrom(family, a, prefix));
      }
      if (out.length === count) return out;
      if (busy.end + 1n > cursor) cursor = busy.end + 1n;
    }
  }
  const poolText = pools.map((p) => p.text).join(', ');
  throw new CidrPlanError(
    `pools ${poolText} have room for ${out.length === 0 ? 'no' : `only ${out.length}`} free /${prefix} block${out.length === 1 ? '' : 's'}; ${count} requested`,
  );
}

function alignUp(value: bigint, size: bigint): bigint {
  const rest = value % size;
  return rest === 0n ? value : value + size - rest;
}

/** Sorted disjoint ranges covering the same addresses; touching ranges join when `joinAdjacent`. */
function mergeRanges(blocks: readonly CidrBlock[], joinAdjacent: boolean): Range[] {
  const sorted = [...blocks].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const out: Range[] = [];
  for (const { start, end } of sorted) {
    const last = out[out.length - 1];
    if (last && start <= last.end + (joinAdjacent ? 1n : 0n)) { if (end > last.end) last.end = end; }
    else out.push({ start, end });
  }
  return out;
}
