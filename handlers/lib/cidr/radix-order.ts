import { identity } from './int-arrays';
/**
 * The entries of IPv4 blocks in sweep order (start ascending, then prefix ascending), as entry
 * indices: a stable LSD radix sort in three 13-bit passes over (start, prefix). Hand-written because
 * sorting 500k float keys natively and finding each entry again by binary search was a third of
 * parsing a 100k-VPC fleet at the CIDR quota, and no sorting library sorts by a 38-bit key pair.
 */
export function ipv4SweepOrder(start: Uint32Array, prefix: Uint8Array, count: number): Int32Array {
  // Each pass's digit of every entry, computed once in entry order: the passes then share one loop
  // (same types each call, so V8 keeps one optimized version rather than re-learning each pass).
  const low = new Uint16Array(count);
  const mid = new Uint16Array(count);
  const high = new Uint16Array(count);
  splitDigits(start, prefix, count, low, mid, high);
  let from: Int32Array = identity(count);
  let to: Int32Array = new Int32Array(count);
  const buckets = new Int32Array(DIGITS);
  for (const digits of [low, mid, high]) {
    if (allEqual(digits)) continue; // orders nothing (all in one /12, say)
    scatter(from, to, digits, buckets);
    const swap = from; from = to; to = swap;
  }
  return from;
}

const DIGITS = 1 << 13;

/**
 * The entries of IPv6 blocks in order of (four 32-bit words, prefix), the same LSD radix sort in
 * 16-bit digits: the prefix first, then each word's halves from the last. A digit equal across all
 * entries orders nothing and is skipped (the host half of /56s), so /56 fleets take about four passes
 * instead of a comparison sort's 17 comparisons per entry.
 */
export function ipv6SweepOrder(words: Uint32Array, prefix: Uint8Array, count: number): Int32Array {
  let from: Int32Array = identity(count);
  let to: Int32Array = new Int32Array(count);
  const digits = new Uint16Array(count);
  const buckets = new Int32Array(1 << 16);
  for (let pass = 0; pass < 9; pass++) {
    if (pass === 0) prefixDigits(prefix, digits); else wordDigits(words, 3 - ((pass - 1) >> 1), (pass - 1) & 1, digits);
    if (allEqual(digits)) continue;
    scatter(from, to, digits, buckets);
    const swap = from; from = to; to = swap;
  }
  return from;
}

function prefixDigits(prefix: Uint8Array, digits: Uint16Array): void {
  for (let e = 0; e < digits.length; e++) digits[e] = prefix[e];
}

/** The low (half 0) or high (half 1) 16 bits of word `word` of each entry. */
function wordDigits(words: Uint32Array, word: number, half: number, digits: Uint16Array): void {
  const shift = half * 16;
  for (let e = 0; e < digits.length; e++) digits[e] = (words[e * 4 + word] >>> shift) & 0xffff;
}

function allEqual(digits: Uint16Array): boolean {
  for (let e = 1; e < digits.length; e++) if (digits[e] !== digits[0]) return false;
  return true;
}

/** Least significant first: the low 7 bits of start with the prefix (< 64), then 13, then 12 bits. */
function splitDigits(start: Uint32Array, prefix: Uint8Array, count: number, low: Uint16Array, mid: Uint16Array, high: Uint16Array): void {
  for (let e = 0; e < count; e++) {
    const s = start[e];
    low[e] = ((s & 0x7f) << 6) | prefix[e];
    mid[e] = (s >>> 7) & 0x1fff;
    high[e] = s >>> 20;
  }
}

/** One stable counting-sort pass: `from` reordered into `to` by digits[entry]. One loop per function, for V8. */
function scatter(from: Int32Array, to: Int32Array, digits: Uint16Array, buckets: Int32Array): void {
  countDigits(digits, buckets);
  bucketStarts(buckets);
  place(from, to, digits, buckets);
}

function countDigits(digits: Uint16Array, buckets: Int32Array): void {
  buckets.fill(0);
  for (let e = 0; e < digits.length; e++) buckets[digits[e]]++;
}

function bucketStarts(buckets: Int32Array): void {
  let sum = 0;
  for (let d = 0; d < buckets.length; d++) { const size = buckets[d]; buckets[d] = sum; sum += size; }
}

function place(from: Int32Array, to: Int32Array, digits: Uint16Array, buckets: Int32Array): void {
  for (let k = 0; k < from.length; k++) {
    const e = from[k];
    to[buckets[digits[e]]++] = e;
  }
}
