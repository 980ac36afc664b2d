/**
 * Counting by component pairs (VPCs over several components: per-class sizes less the VPCs met in two
 * components or more) against a brute-force oracle, on fleets of many blocks per VPC crowded into a few
 * shared IPv4 and IPv6 blocks — nested, duplicated within a VPC, VPCs listed twice.
 */
import fc from 'fast-check';
import { parseCidr as oracleParse } from 'cidr-tools';
import { OverlapIndex, VpcCidrs } from '../../../../handlers/lib/cidr';
import { ComponentPairCounter } from '../../../../handlers/lib/cidr/component-pairs';
import type { CountTuning } from '../../../../handlers/lib/cidr/overlap-counts';
import { multiCidrCombos } from '../../../../bench/lib/fleet-shapes';

/** Distinct other VPCs overlapping each VPC, by vpcId in order of first appearance: every pair, every block pair. */
function oracleCounts(input: VpcCidrs[]): number[] {
  const byId = new Map<string, Array<{ version: number; start: bigint; end: bigint }>>();
  for (const vpc of input) {
    const blocks = byId.get(vpc.vpcId) ?? [];
    byId.set(vpc.vpcId, blocks);
    for (const text of vpc.cidrs) blocks.push(oracleParse(text));
  }
  const vpcs = [...byId.values()];
  return vpcs.map((a) => vpcs.filter((b) => b !== a && a.some((x) => b.some((y) => x.version === y.version && x.start <= y.end && y.start <= x.end))).length);
}

// Four IPv4 /16s and two IPv6 /48s; blocks at most 6 bits below them, so most blocks nest or collide.
const V4_ROOTS = [0x0a000000, 0x0a010000, 0xac1f0000, 0xc0a80000];
const v4Block = fc.tuple(fc.constantFrom(...V4_ROOTS), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 63 }))
  .map(([root, depth, slot]) => {
    const prefix = 16 + depth;
    const n = root + (slot % 2 ** depth) * 2 ** (32 - prefix);
    return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}/${prefix}`;
  });
const v6Block = fc.tuple(fc.constantFrom('2600:1f18:a', '2a05:d018:b'), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 15 }))
  .map(([root, depth, slot]) => `${root}:${((slot % 2 ** depth) << (16 - depth)).toString(16)}::/${48 + depth}`);
const vpcArb = fc.record({
  vpcId: fc.integer({ min: 0, max: 39 }).map((i) => `vpc-${String(i).padStart(2, '0')}`),
  cidrs: fc.array(fc.oneof({ weight: 4, arbitrary: v4Block }, { weight: 1, arbitrary: v6Block }), { minLength: 1, maxLength: 7 }),
});
const fleetArb = fc.array(vpcArb, { minLength: 1, maxLength: 48 });

describe('overlap counts by component pairs against a brute-force oracle', () => {
  test.each<[string, CountTuning]>([
    ['the engine as it chooses', {}],
    ['component pairs for every VPC over several components', { method: 'components' }],
    ['component pairs, every leaf block with a bit row of its own', { method: 'components', leafListUpTo: 0 }],
    ['component pairs, several-block classes sized by regions', { method: 'components', classSizes: 'regions' }],
    ['component pairs, several-block classes sized by a direct count', { method: 'components', classSizes: 'direct' }],
    ['component pairs, every leaf block a member list', { method: 'components', leafListUpTo: 1e9 }],
    ['component pairs beside heavy VPCs from 2 classes', { method: 'components', maxSubsetClasses: 1, leafListUpTo: 2 }],
  ])('%s: crowded multi-CIDR fleets, IPv4 and IPv6, nested and duplicate blocks in one VPC', (_name, tuning) => {
    fc.assert(fc.property(fleetArb, (input) => {
      expect(new OverlapIndex(input, tuning).analyze().vpcs.map((v) => v.overlapCount)).toEqual(oracleCounts(input));
    }), { numRuns: 300 });
  });

  test('a VPC listed twice with the same block, a block inside its own, and an exact duplicate', () => {
    const input: VpcCidrs[] = [
      { vpcId: 'vpc-a', cidrs: ['10.0.0.0/16', '10.0.1.0/24', '10.0.0.0/16', '2600:1f18:a::/48'] },
      { vpcId: 'vpc-b', cidrs: ['10.0.1.0/24', '2600:1f18:a:8000::/49'] },
      { vpcId: 'vpc-a', cidrs: ['172.31.0.0/16'] },
      { vpcId: 'vpc-c', cidrs: ['172.31.5.0/24', '10.0.2.0/24', '2600:1f18:a::/56'] },
      { vpcId: 'vpc-d', cidrs: ['192.168.0.0/16', '10.9.0.0/16'] },
    ];
    // a meets b twice (IPv4 and IPv6) and c three times (10/16, 172.31/16, the /48): each counts once.
    expect(new OverlapIndex(input, { method: 'components' }).analyze().vpcs.map((v) => [v.vpcId, v.overlapCount]))
      .toEqual([['vpc-a', 2], ['vpc-b', 1], ['vpc-c', 1], ['vpc-d', 0]]);
  });

  test('a component whose VPCs outnumber its buckets\' members: one VPC there holds no later component, another only a component no bucket pairs', () => {
    // 10.1/16 is held by a, b and c; only a and c also hold 192.168/16 — the bucket (10.1, 192.168) has two members, its group three VPCs.
    const input: VpcCidrs[] = [
      { vpcId: 'vpc-a', cidrs: ['10.1.0.0/16', '192.168.0.0/16'] },
      { vpcId: 'vpc-z', cidrs: ['10.0.0.0/16'] },
      { vpcId: 'vpc-b', cidrs: ['10.1.0.0/16', '10.0.0.0/16'] },
      { vpcId: 'vpc-c', cidrs: ['10.1.0.0/16', '192.168.0.0/16', '2600:1f18:a::/48'] },
      { vpcId: 'vpc-a', cidrs: ['192.168.0.0/17'] },
    ];
    for (const leafListUpTo of [undefined, 0, 1e9]) {
      expect(new OverlapIndex(input, { method: 'components', leafListUpTo }).analyze().vpcs.map((v) => [v.vpcId, v.overlapCount]))
        .toEqual([['vpc-a', 2], ['vpc-z', 1], ['vpc-b', 3], ['vpc-c', 2]]);
    }
  });

  test('on the benchmark\'s multi-cidr fleet the engine picks component pairs itself, and agrees with the direct count', () => {
    const fleet = multiCidrCombos(6_000, 9);
    const count = jest.spyOn(ComponentPairCounter.prototype, 'count');
    try {
      const chosen = new OverlapIndex(fleet).analyze().vpcs.map((v) => v.overlapCount);
      expect(count).toHaveBeenCalled();
      expect(chosen).toEqual(new OverlapIndex(fleet, { method: 'direct' }).analyze().vpcs.map((v) => v.overlapCount));
    } finally {
      count.mockRestore();
    }
  });
});
