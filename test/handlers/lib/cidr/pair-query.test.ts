/**
 * PairQuery (the two-component joint term of the overlap counts) against a brute-force sum over its
 * rows, on forests of nested IPv4 blocks: every (y1, y2) query, weights included.
 */
import fc from 'fast-check';
import { buildFleet } from '../../../../handlers/lib/cidr/fleet';
import { PairQuery } from '../../../../handlers/lib/cidr/pair-query';

const block = fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 255 }), fc.constantFrom(8, 12, 16, 20, 24))
  .map(([root, low, prefix]) => {
    const value = (((10 + root) << 24) | (low << 16) | (low << 8)) >>> 0;
    const network = (value >>> (32 - prefix)) * 2 ** (32 - prefix);
    return `${network >>> 24}.${(network >>> 16) & 255}.${(network >>> 8) & 255}.${network & 255}/${prefix}`;
  });

test('weight(y1, y2) is the total weight of rows overlapping y1 in the first column and y2 in the second', () => {
  fc.assert(fc.property(
    fc.array(block, { minLength: 1, maxLength: 40 }),
    fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 5 })), { minLength: 1, maxLength: 60 }),
    (blocks, rowSpecs) => {
      const { forest } = buildFleet(blocks.map((cidr, i) => ({ vpcId: `vpc-${i}`, cidrs: [cidr] })));
      const n = forest.size;
      const x1 = Int32Array.from(rowSpecs, ([a]) => a % n);
      const x2 = Int32Array.from(rowSpecs, ([, b]) => b % n);
      const weight = Float64Array.from(rowSpecs, ([, , w]) => w);
      const query = new PairQuery(x1, x2, weight, forest.parent, forest.subtreeEnd);
      for (let y1 = 0; y1 < n; y1++) {
        for (let y2 = 0; y2 < n; y2++) {
          let expected = 0;
          for (let i = 0; i < weight.length; i++) if (forest.overlaps(x1[i], y1) && forest.overlaps(x2[i], y2)) expected += weight[i];
          expect(query.weight(y1, y2)).toBe(expected);
        }
      }
    },
  ), { numRuns: 150 });
});
