import fc from 'fast-check';
import { parseCidr as oracleParse } from 'cidr-tools';
import { analyzeOverlaps, OverlapIndex, VpcCidrs } from '../../../../handlers/lib/cidr';
import type { CountTuning } from '../../../../handlers/lib/cidr/overlap-counts';

// ---- the brute-force oracle: every pair of VPCs, every pair of blocks, ranges from cidr-tools ----
interface OracleVpc { vpcId: string; blocks: Array<{ text: string; version: number; start: bigint; end: bigint }> }

function oracleFleet(input: VpcCidrs[]): OracleVpc[] {
  const byId = new Map<string, OracleVpc>();
  for (const vpc of input) {
    const entry = byId.get(vpc.vpcId) ?? { vpcId: vpc.vpcId, blocks: [] };
    byId.set(vpc.vpcId, entry);
    for (const text of vpc.cidrs) {
      const p = oracleParse(text);
      if (!entry.blocks.some((b) => b.version === p.version && b.start === p.start && b.end === p.end)) {
        entry.blocks.push({ text, version: p.version, start: p.start, end: p.end });
      }
    }
  }
  return [...byId.values()];
}

function oraclePeers(fleet: OracleVpc[], a: OracleVpc): Map<string, number> {
  const peers = new Map<string, number>();
  for (const b of fleet) {
    if (b === a) continue;
    let pairs = 0;
    for (const x of a.blocks) for (const y of b.blocks) {
      if (x.version === y.version && x.start <= y.end && y.start <= x.end) pairs++;
    }
    if (pairs > 0) peers.set(b.vpcId, pairs);
  }
  return peers;
}

// ---- generators biased towards collisions: shared bases, nesting, adjacency, /0, /32, /128 ----
const V4_BASES = [0, 0x0a000000, 0x0a000100, 0x0a000180, 0x0a010000, 0xac1f0000, 0xffffffff];
const V6_BASE = 0x2600_1f18_0a00_0000n << 64n;
const V6_BASES = [0n, V6_BASE, V6_BASE + (1n << 72n), V6_BASE + (1n << 64n), (1n << 128n) - 1n];

function v4Text(addr: number, prefix: number): string {
  const net = prefix === 0 ? 0 : Number((BigInt(addr) >> BigInt(32 - prefix)) << BigInt(32 - prefix));
  return `${net >>> 24}.${(net >>> 16) & 255}.${(net >>> 8) & 255}.${net & 255}/${prefix}`;
}
function v6Text(addr: bigint, prefix: number): string {
  const net = (addr >> BigInt(128 - prefix)) << BigInt(128 - prefix);
  const groups = Array.from({ length: 8 }, (_, i) => ((net >> BigInt((7 - i) * 16)) & 0xffffn).toString(16));
  return `${groups.join(':')}/${prefix}`; // uncompressed on purpose: the engine must canonicalise
}

const v4Block = fc
  .tuple(fc.oneof(fc.constantFrom(...V4_BASES), fc.integer({ min: 0, max: 0xffffffff })),
    fc.oneof(fc.constantFrom(0, 8, 16, 23, 24, 25, 32), fc.integer({ min: 0, max: 32 })))
  .map(([addr, prefix]) => v4Text(addr, prefix));
const v6Block = fc
  .tuple(fc.oneof(fc.constantFrom(...V6_BASES), fc.bigInt({ min: 0n, max: (1n << 128n) - 1n })),
    fc.oneof(fc.constantFrom(0, 56, 57, 64, 128), fc.integer({ min: 0, max: 128 })))
  .map(([addr, prefix]) => v6Text(addr, prefix));
const vpc = fc.record({
  vpcId: fc.constantFrom('vpc-a', 'vpc-b', 'vpc-c', 'vpc-d', 'vpc-e', 'vpc-f', 'vpc-g', 'vpc-h', 'vpc-i', 'vpc-j'),
  cidrs: fc.array(fc.oneof({ weight: 3, arbitrary: v4Block }, { weight: 1, arbitrary: v6Block }), { maxLength: 4 }),
});
const fleetArb = fc.array(vpc, { maxLength: 14 });

describe('analyzeOverlaps against a brute-force oracle', () => {
  test('counts, peer sets, block pairs and totals match', () => {
    fc.assert(fc.property(fleetArb, (input) => {
      const fleet = oracleFleet(input);
      const result = analyzeOverlaps(input, { detailFor: 'all', limit: 1000 });
      expect(result.vpcs.map((v) => v.vpcId)).toEqual(fleet.map((v) => v.vpcId));
      let twicePairs = 0;
      let overlapping = 0;
      for (const [i, expected] of fleet.entries()) {
        const peers = oraclePeers(fleet, expected);
        const got = result.vpcs[i];
        expect(got.overlapCount).toBe(peers.size);
        expect(got.overlapsWith!.map((p) => p.vpcId)).toEqual([...peers.keys()].sort());
        for (const peer of got.overlapsWith!) expect(peer.blocks).toHaveLength(peers.get(peer.vpcId)!);
        expect(got.truncated).toBe(false);
        twicePairs += peers.size;
        if (peers.size > 0) overlapping++;
      }
      expect(result.summary).toEqual({
        vpcs: fleet.length,
        cidrs: fleet.reduce((n, v) => n + v.blocks.length, 0),
        overlappingVpcs: overlapping,
        pairs: twicePairs / 2,
      });
    }), { numRuns: 400 });
  });

  test('pairs() lists each overlapping pair once, sorted', () => {
    fc.assert(fc.property(fleetArb, (input) => {
      const fleet = oracleFleet(input);
      const expected: Array<[string, string]> = [];
      for (const a of fleet) for (const b of oraclePeers(fleet, a).keys()) if (a.vpcId < b) expected.push([a.vpcId, b]);
      expected.sort((x, y) => (x[0] + ' ' + x[1] < y[0] + ' ' + y[1] ? -1 : 1));
      expect([...new OverlapIndex(input).pairs()]).toEqual(expected);
    }), { numRuns: 300 });
  });

  // Every counting path on its own, against the oracle: the cost model picks per profile, so a small
  // fleet would otherwise only ever take the direct count.
  test.each<[string, CountTuning]>([
    ['heavy VPCs from 0 classes', { maxSubsetClasses: 0 }],
    ['heavy VPCs from 2 classes', { maxSubsetClasses: 1 }],
    ['heavy VPCs from 3 classes', { maxSubsetClasses: 2 }],
    ['inclusion–exclusion wherever it applies (table, pair queries)', { method: 'inclusion', maxSubsetClasses: 12, pairQueryMinRows: 0 }],
    ['inclusion–exclusion up to 3 classes, heavy VPCs beyond, tuples scanned', { method: 'inclusion' }],
    ['direct counts everywhere', { method: 'direct' }],
    ['component pairs for every VPC over several components', { method: 'components' }],
    ['component pairs beside heavy VPCs from 2 classes', { method: 'components', maxSubsetClasses: 1 }],
    ['component pairs, every leaf block with a bit row of its own', { method: 'components', leafListUpTo: 0 }],
    ['component pairs, several-block classes sized by regions', { method: 'components', classSizes: 'regions' }],
    ['component pairs, several-block classes sized by a direct count', { method: 'components', classSizes: 'direct' }],
  ])('counting path: %s — counts equal the oracle', (_name, tuning) => {
    fc.assert(fc.property(fleetArb, (input) => {
      const fleet = oracleFleet(input);
      const expected = fleet.map((vpc) => oraclePeers(fleet, vpc).size);
      expect(new OverlapIndex(input, tuning).analyze().vpcs.map((v) => v.overlapCount)).toEqual(expected);
    }), { numRuns: 200 });
  });

  test('limit truncates to the lowest vpcIds and flags it', () => {
    fc.assert(fc.property(fleetArb, fc.integer({ min: 0, max: 4 }), (input, limit) => {
      const full = analyzeOverlaps(input, { detailFor: 'all', limit: 1000 });
      const cut = analyzeOverlaps(input, { detailFor: 'all', limit });
      cut.vpcs.forEach((row, i) => {
        expect(row.overlapsWith).toEqual(full.vpcs[i].overlapsWith!.slice(0, limit));
        expect(row.truncated).toBe(row.overlapCount > limit);
      });
    }), { numRuns: 200 });
  });
});
