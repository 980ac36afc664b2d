/**
 * One side of a component-pair bucket (SideRows): each member's set — its bit row plus its leaf list —
 * must be exactly the members holding a block that contains, equals or lies inside one of its own,
 * whatever the nesting, duplicates and members with several blocks; with every leaf a list, every
 * leaf a row, and in between; and one instance reused from bucket to bucket.
 */
import fc from 'fast-check';
import { SideRows } from '../../../../handlers/lib/cidr/side-rows';

/** Blocks inside one /16, at most 5 bits below it: (start, prefix), in sweep order, with subtree ends. */
function forestOf(blocks: Array<[number, number]>): { start: number[]; size: number[]; end: Int32Array } {
  const unique = [...new Map(blocks.map(([slot, depth]) => {
    const size = 2 ** (16 - depth);
    const start = (slot % 2 ** depth) * size;
    return [`${start}/${size}`, [start, size] as [number, number]];
  })).values()].sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const end = new Int32Array(unique.length);
  for (let i = 0; i < unique.length; i++) {
    let j = i + 1;
    while (j < unique.length && unique[j][0] < unique[i][0] + unique[i][1]) j++;
    end[i] = j;
  }
  return { start: unique.map((b) => b[0]), size: unique.map((b) => b[1]), end };
}

const blocksArb = fc.array(fc.tuple(fc.integer({ min: 0, max: 31 }), fc.integer({ min: 0, max: 5 })), { minLength: 1, maxLength: 24 });
const bucketArb = fc.record({
  owners: fc.array(fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 70 }),
  leafListUpTo: fc.constantFrom(0, 1, 2, 1e9),
});

/** Walks one case with `side` and checks every member's set against brute force. */
function walkAndCheck(side: SideRows, forest: ReturnType<typeof forestOf>, { owners, leafListUpTo }: { owners: number[][]; leafListUpTo: number }): void {
  const n = forest.start.length;
  const nested = (x: number, y: number) => (x <= y ? y < forest.end[x] : x < forest.end[y]);
  // Each member's maximal blocks: disjoint, as a VPC's own blocks are (drop any nested in one kept).
  const held = owners.map((picks) => {
    const kept: number[] = [];
    for (const p of picks) { const x = p % n; if (!kept.some((k) => nested(k, x))) kept.push(x); }
    return kept;
  });
  const pairs: number[] = [];
  for (let x = 0; x < n; x++) for (let w = 0; w < held.length; w++) if (held[w].includes(x)) pairs.push(w, x);
  const m = held.length;
  side.walk(Int32Array.from(pairs), 0, pairs.length / 2, (m + 31) >>> 5, leafListUpTo, m);
  for (let v = 0; v < m; v++) {
    const got = new Set<number>();
    const row = side.rowOf[v];
    for (let w = 0; w < m; w++) if (row >= 0 && (side.rows[row + (w >>> 5)] & (1 << (w & 31))) !== 0) got.add(w);
    for (const w of side.atNode.subarray(side.leafFrom[v], side.leafTo[v])) { expect(got.has(w)).toBe(false); got.add(w); } // the list never repeats the row
    const expected = held.flatMap((blocksOfW, w) => (blocksOfW.some((x) => held[v].some((y) => nested(x, y))) ? [w] : []));
    expect([...got].sort((a, b) => a - b)).toEqual(expected);
  }
}

describe('SideRows: each member\'s overlap set on one side of a bucket', () => {
  test('row ∪ leaf list = the members with a block nested with one of its own (brute force), two buckets on one instance', () => {
    fc.assert(fc.property(blocksArb, bucketArb, bucketArb, (blocks, first, second) => {
      const forest = forestOf(blocks);
      const side = new SideRows(forest.end);
      walkAndCheck(side, forest, first);
      walkAndCheck(side, forest, second);
    }), { numRuns: 300 });
  });
});
