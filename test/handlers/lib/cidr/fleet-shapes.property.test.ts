/**
 * The overlap engine on every benchmark fleet shape (bench/lib/fleet-shapes.ts), small enough for a
 * brute-force oracle: every pair of VPCs, every pair of blocks, ranges from cidr-tools.
 */
import fc from 'fast-check';
import { parseCidr as oracleParse } from 'cidr-tools';
import { analyzeOverlaps, OverlapIndex, VpcCidrs } from '../../../../handlers/lib/cidr';
import type { CountTuning } from '../../../../handlers/lib/cidr/overlap-counts';
import { FLEET_SHAPES, MAX_V4_CIDRS_PER_VPC } from '../../../../bench/lib/fleet-shapes';

interface Range { version: number; start: bigint; end: bigint }

function oracleCounts(input: VpcCidrs[]): Map<string, Set<string>> {
  const ranges = input.map((vpc) => ({ vpcId: vpc.vpcId, blocks: vpc.cidrs.map((c) => oracleParse(c) as Range) }));
  const peers = new Map(ranges.map((v) => [v.vpcId, new Set<string>()]));
  for (let i = 0; i < ranges.length; i++) {
    for (let j = i + 1; j < ranges.length; j++) {
      const hit = ranges[i].blocks.some((x) => ranges[j].blocks.some((y) => x.version === y.version && x.start <= y.end && y.start <= x.end));
      if (hit) { peers.get(ranges[i].vpcId)!.add(ranges[j].vpcId); peers.get(ranges[j].vpcId)!.add(ranges[i].vpcId); }
    }
  }
  return peers;
}

describe.each(FLEET_SHAPES.map((shape) => [shape.name, shape] as const))('fleet shape %s', (_name, shape) => {
  test('generates only valid VPC prefixes: IPv4 /16–/28 (at most 5, one at least), IPv6 /56, none overlapping within a VPC', () => {
    const fleet = shape.generate(500, 11);
    expect(new Set(fleet.map((v) => v.vpcId)).size).toBe(fleet.length);
    for (const vpc of fleet) {
      const v4 = vpc.cidrs.filter((c) => !c.includes(':'));
      const v6 = vpc.cidrs.filter((c) => c.includes(':'));
      expect(v4.length).toBeGreaterThanOrEqual(1);
      expect(v4.length).toBeLessThanOrEqual(MAX_V4_CIDRS_PER_VPC);
      for (const c of v4) expect(Number(c.split('/')[1])).toBeGreaterThanOrEqual(16);
      for (const c of v4) expect(Number(c.split('/')[1])).toBeLessThanOrEqual(28);
      for (const c of v6) expect(c.endsWith('/56')).toBe(true);
      // The engine's own view: a VPC never overlaps itself, so its blocks are pairwise disjoint.
      const own = analyzeOverlaps(vpc.cidrs.map((cidr, i) => ({ vpcId: `part-${i}`, cidrs: [cidr] })));
      expect(own.summary.pairs).toBe(0);
    }
  });

  test('counts and peer lists equal the brute-force oracle on small fleets', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 }), fc.integer({ min: 1, max: 160 }), (seed, size) => {
        const fleet = shape.generate(size, seed);
        const expected = oracleCounts(fleet);
        const result = analyzeOverlaps(fleet, { detailFor: 'all', limit: 1_000 });
        let twicePairs = 0;
        for (const row of result.vpcs) {
          const peers = expected.get(row.vpcId)!;
          expect(row.overlapCount).toBe(peers.size);
          expect(row.overlapsWith!.map((p) => p.vpcId)).toEqual([...peers].sort());
          twicePairs += peers.size;
        }
        expect(result.summary.pairs).toBe(twicePairs / 2);
      }),
      { numRuns: 25 },
    );
  });

  // Each counting path alone (the cost model mixes them by profile) on a fleet dense enough for
  // shared blocks, nesting and multi-component VPCs, against the oracle.
  test.each<[string, CountTuning]>([
    ['the default mix', {}],
    ['inclusion–exclusion wherever it applies (table, pair queries)', { method: 'inclusion', maxSubsetClasses: 12, pairQueryMinRows: 0 }],
    ['direct counts everywhere', { method: 'direct' }],
    ['every multi-class VPC heavy', { maxSubsetClasses: 1 }],
  ])('%s: counts equal the oracle on 400 VPCs', (_name, tuning) => {
    const fleet = shape.generate(400, 3);
    const expected = oracleCounts(fleet);
    expect(new OverlapIndex(fleet, tuning).analyze().vpcs.map((v) => v.overlapCount)).toEqual(fleet.map((vpc) => expected.get(vpc.vpcId)!.size));
  });
});
