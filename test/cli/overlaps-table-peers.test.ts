/**
 * The table's rows (OverlapIndex.describe: one VPC, peers from the owners of the blocks it overlaps)
 * must name the same peers and block pairs as the JSON report's rows (analyze, checked against a
 * brute-force oracle in test/handlers/lib/cidr/overlaps.property.test.ts), and the table's totals
 * (summary) must be the report's.
 */
import fc from 'fast-check';
import { OverlapIndex } from '../../handlers/lib/cidr';

/** Blocks biased to collide: shared bases, nesting (/8 … /28), duplicates, and some IPv6. */
const v4 = fc.tuple(fc.constantFrom(10, 172), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }), fc.constantFrom(8, 12, 16, 20, 24, 28))
  .map(([a, b, c, prefix]) => {
    const addr = ((a << 24) | (b << 16) | (c << 8)) >>> 0;
    const net = ((addr >>> (32 - prefix)) << (32 - prefix)) >>> 0;
    return `${net >>> 24}.${(net >>> 16) & 255}.${(net >>> 8) & 255}.${net & 255}/${prefix}`;
  });
const v6 = fc.constantFrom('2600:1f18:a00::/56', '2600:1f18:a00::/48', '2600:1f18:b00::/56', '2600::/16');
const fleetArb = fc.uniqueArray(fc.record({
  vpcId: fc.stringMatching(/^vpc-[0-9a-f]{1,2}$/),
  account: fc.option(fc.constantFrom('111111111111', '222222222222'), { nil: undefined }),
  cidrs: fc.array(fc.oneof({ weight: 4, arbitrary: v4 }, { weight: 1, arbitrary: v6 }), { maxLength: 5 }),
}), { selector: (v) => v.vpcId, maxLength: 40 });

describe('egress overlaps: table rows', () => {
  test('describe(vpcId, limit) is the JSON row of that VPC, for every VPC and limit', () => {
    fc.assert(fc.property(fleetArb, fc.constantFrom(0, 1, 3, 20, 70), (fleet, limit) => {
      const index = new OverlapIndex(fleet);
      const rows = index.analyze({ detailFor: 'all', limit }).vpcs;
      for (const row of rows) expect(index.describe(row.vpcId, limit)).toEqual(row);
      expect(index.describe('vpc-not-in-the-fleet', limit)).toBeUndefined();
    }), { numRuns: 300 });
  });

  test('summary() and the per-index accessors agree with analyze()', () => {
    fc.assert(fc.property(fleetArb, (fleet) => {
      const index = new OverlapIndex(fleet);
      const { summary, vpcs } = index.analyze();
      expect(index.summary()).toEqual(summary);
      expect(index.size).toBe(vpcs.length);
      vpcs.forEach((row, v) => {
        expect(index.vpcIdAt(v)).toBe(row.vpcId);
        expect(index.overlapCount(v)).toBe(row.overlapCount);
      });
    }), { numRuns: 200 });
  });
});
