/** Small helpers on the engine's typed integer arrays, shared by its modules. */

/** 0, 1, … count - 1. */
export function identity(count: number): Int32Array {
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) out[i] = i;
  return out;
}

/** First index in [lo, hi) whose value is ≥ key (values ascending there). */
export function lowerBound(values: Int32Array, key: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] < key) lo = mid + 1; else hi = mid;
  }
  return lo;
}

const NO_NODES: number[] = [];

/**
 * list[from … to) as an exactly sized array. Literals for the usual few: an array grown by push
 * keeps room for 17 entries, and 100k such lists were most of the fleet's memory.
 */
export function listOf(list: Int32Array, from: number, to: number): number[] {
  switch (to - from) {
    case 0: return NO_NODES;
    case 1: return [list[from]];
    case 2: return [list[from], list[from + 1]];
    case 3: return [list[from], list[from + 1], list[from + 2]];
    case 4: return [list[from], list[from + 1], list[from + 2], list[from + 3]];
    case 5: return [list[from], list[from + 1], list[from + 2], list[from + 3], list[from + 4]];
    default: {
      const out = [list[from]];
      for (let i = from + 1; i < to; i++) out.push(list[i]);
      return out;
    }
  }
}

/** Set bits of a 32-bit integer. */
export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** `a` when it holds `size`, else a copy at least twice as long (the typed arrays' push). */
export function grown(a: Int32Array, size: number): Int32Array {
  if (size <= a.length) return a;
  const next = new Int32Array(Math.max(size, 2 * a.length, 16));
  next.set(a);
  return next;
}
