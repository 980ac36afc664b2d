import fc from 'fast-check';
import { worstOffenders } from '../../cli/actions/overlaps';
import type { VpcOverlaps } from '../../handlers/lib/cidr';

/** The plain definition: every overlapping row sorted by count (descending), then vpcId; the first `limit`. */
const bySorting = (rows: VpcOverlaps[], limit: number) =>
  rows.filter((r) => r.overlapCount > 0)
    .sort((a, b) => b.overlapCount - a.overlapCount || (a.vpcId < b.vpcId ? -1 : 1))
    .slice(0, limit);

/** The rows worstOffenders picks, read through its index accessors. */
const picked = (rows: VpcOverlaps[], limit: number) =>
  worstOffenders((v) => rows[v].overlapCount, (v) => rows[v].vpcId, rows.length, limit).map((v) => rows[v]);

const rowsArb = fc.uniqueArray(fc.record({ vpcId: fc.stringMatching(/^vpc-[0-9a-f]{1,3}$/), overlapCount: fc.nat(6) }), {
  selector: (r) => r.vpcId,
  maxLength: 60,
});

describe('egress overlaps: worst offenders table rows', () => {
  test('are the first `limit` rows of the full sort, ties by vpcId (bounded selection and sort alike)', () => {
    fc.assert(fc.property(rowsArb, fc.integer({ min: 0, max: 70 }), (rows, limit) => {
      expect(picked(rows, limit)).toEqual(bySorting(rows, limit));
    }), { numRuns: 300 });
  });

  test('a --limit past the insertion bound sorts every row and still answers the same', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => ({ vpcId: `vpc-${(i * 7919) % 3000}`, overlapCount: i % 13 }));
    expect(picked(rows, 2500)).toEqual(bySorting(rows, 2500));
    expect(picked(rows, 20)).toEqual(bySorting(rows, 20));
  });

  test('VPCs without overlaps are never offenders', () => {
    expect(picked([{ vpcId: 'vpc-a', overlapCount: 0 }, { vpcId: 'vpc-b', overlapCount: 2 }], 5).map((r) => r.vpcId)).toEqual(['vpc-b']);
  });
});
