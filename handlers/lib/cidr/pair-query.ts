import { lowerBound } from './int-arrays';
import { keepShape } from './kept-shapes';
/**
 * Weighted rows (x1, x2) of one-block classes in two components, answering "total weight of rows whose
 * x1 overlaps y1 and whose x2 overlaps y2" without scanning every row: a block overlaps y exactly when
 * it lies in y's subtree (an index range of the sweep order) or is one of y's strict ancestors (a short
 * parent chain). Rows are kept sorted twice, by (x1, x2) and by (x2, x1), with prefix sums of weights,
 * so each part of the answer is a binary search; only the both-inside part scans, over the shorter
 * of its two ranges. The inclusion–exclusion joint term for two-component profiles (overlap-counts.ts).
 */
export class PairQuery {
  private readonly a1: Int32Array;
  private readonly a2: Int32Array;
  private readonly aWeight: Float64Array;
  private readonly aSum: Float64Array;
  private readonly b1: Int32Array;
  private readonly b2: Int32Array;
  private readonly bWeight: Float64Array;
  private readonly bSum: Float64Array;

  constructor(x1: Int32Array, x2: Int32Array, weight: Float64Array, private readonly parent: Int32Array, private readonly end: Int32Array) {
    keepShape(this);
    const n = weight.length;
    const order = (p: Int32Array, q: Int32Array) => Int32Array.from({ length: n }, (_, i) => i).sort((i, j) => p[i] - p[j] || q[i] - q[j]);
    const byA = order(x1, x2);
    const byB = order(x2, x1);
    this.a1 = byA.map((i) => x1[i]);
    this.a2 = byA.map((i) => x2[i]);
    this.aWeight = Float64Array.from(byA, (i) => weight[i]);
    this.b2 = byB.map((i) => x2[i]);
    this.b1 = byB.map((i) => x1[i]);
    this.bWeight = Float64Array.from(byB, (i) => weight[i]);
    this.aSum = prefixSums(this.aWeight);
    this.bSum = prefixSums(this.bWeight);
  }

  /** Total weight of rows with x1 overlapping block y1 and x2 overlapping block y2. */
  weight(y1: number, y2: number): number {
    const { parent, end, a1, a2, b1, b2, aSum, bSum } = this;
    const n = a1.length;
    const e1 = end[y1];
    const e2 = end[y2];
    let total = 0;
    // x1 a strict ancestor of y1 (its rows are one run, sorted by x2); x2 inside y2 or above it.
    for (let x = parent[y1]; x >= 0; x = parent[x]) {
      const lo = lowerBound(a1, x, 0, n);
      const hi = lowerBound(a1, x + 1, lo, n);
      if (lo === hi) continue;
      total += aSum[lowerBound(a2, e2, lo, hi)] - aSum[lowerBound(a2, y2, lo, hi)];
      for (let y = parent[y2]; y >= 0; y = parent[y]) {
        const from = lowerBound(a2, y, lo, hi);
        total += aSum[lowerBound(a2, y + 1, from, hi)] - aSum[from];
      }
    }
    // x1 inside y1, x2 a strict ancestor of y2.
    for (let y = parent[y2]; y >= 0; y = parent[y]) {
      const lo = lowerBound(b2, y, 0, n);
      const hi = lowerBound(b2, y + 1, lo, n);
      if (lo === hi) continue;
      total += bSum[lowerBound(b1, e1, lo, hi)] - bSum[lowerBound(b1, y1, lo, hi)];
    }
    // Both inside: scan the shorter of the two ranges.
    const aFrom = lowerBound(a1, y1, 0, n);
    const aTo = lowerBound(a1, e1, aFrom, n);
    const bFrom = lowerBound(b2, y2, 0, n);
    const bTo = lowerBound(b2, e2, bFrom, n);
    if (aTo - aFrom <= bTo - bFrom) {
      for (let i = aFrom; i < aTo; i++) if (a2[i] >= y2 && a2[i] < e2) total += this.aWeight[i];
    } else {
      for (let i = bFrom; i < bTo; i++) if (b1[i] >= y1 && b1[i] < e1) total += this.bWeight[i];
    }
    return total;
  }
}

function prefixSums(values: Float64Array): Float64Array {
  const sums = new Float64Array(values.length + 1);
  for (let i = 0; i < values.length; i++) sums[i + 1] = sums[i] + values[i];
  return sums;
}

