/**
 * Class sizes (class-sizes.ts): |N(c)|, the distinct VPCs overlapping class c through its component,
 * by regions and by a direct count, against brute force — on fleets whose VPCs hold several blocks in
 * one component (disjoint, nested, shared with other such VPCs), where the regions count must take
 * back every VPC met in two regions or more.
 */
import fc from 'fast-check';
import { buildFleet } from '../../../../handlers/lib/cidr/fleet';
import { LocalClasses } from '../../../../handlers/lib/cidr/local-classes';
import { NodeOwners } from '../../../../handlers/lib/cidr/node-owners';
import { ComponentPairBuckets } from '../../../../handlers/lib/cidr/component-pair-buckets';
import { classSizes } from '../../../../handlers/lib/cidr/class-sizes';
import type { VpcCidrs } from '../../../../handlers/lib/cidr';

// Two IPv4 /16s; blocks up to 5 bits below them, so a VPC's blocks often nest or sit side by side.
const block = fc.tuple(fc.constantFrom(0x0a000000, 0xac1f0000), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 31 }))
  .map(([root, depth, slot]) => {
    const prefix = 16 + depth;
    const n = root + (slot % 2 ** depth) * 2 ** (32 - prefix);
    return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}/${prefix}`;
  });
const fleetArb = fc.array(fc.array(block, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 30 })
  .map((lists): VpcCidrs[] => lists.map((cidrs, i) => ({ vpcId: `vpc-${i}`, cidrs })));

function sizesBothWays(input: VpcCidrs[]) {
  const fleet = buildFleet(input);
  const local = new LocalClasses(fleet, fleet.rankOrder);
  const owners = new NodeOwners(fleet);
  const all = Array.from({ length: fleet.vpcs.length }, (_, v) => v);
  const { maxStart, maxList } = new ComponentPairBuckets(local, all);
  const { classStart, classBlocks, subtreeEnd: end } = local;
  const overlap = (a: number, b: number) => (a <= b ? b < end[a] : a < end[b]);
  const expected = Array.from({ length: local.count }, (_, c) => {
    const blocks = Array.from(classBlocks.subarray(classStart[c], classStart[c + 1]));
    return all.filter((u) => fleet.vpcs[u].nodes.some((b) => blocks.some((a) => overlap(a, b)))).length;
  });
  return {
    expected,
    regions: Array.from(classSizes(local, owners, maxStart, maxList, all, 'regions')),
    direct: Array.from(classSizes(local, owners, maxStart, maxList, all, 'direct')),
    several: Array.from({ length: local.count }, (_, c) => c).filter((c) => maxStart[c + 1] - maxStart[c] > 1).length,
    /** The class of the first input VPC in its first component. */
    firstClass: local.vpcClassList[local.vpcClassStart[0]],
  };
}

describe('class sizes', () => {
  test('by regions and by a direct count, every class equals brute force', () => {
    let withSeveral = 0;
    fc.assert(fc.property(fleetArb, (input) => {
      const { expected, regions, direct, several } = sizesBothWays(input);
      expect(regions).toEqual(expected);
      expect(direct).toEqual(expected);
      if (several > 1) withSeveral++;
    }), { numRuns: 400 });
    // The generator must exercise the take-back: fleets with two several-block classes or more.
    expect(withSeveral).toBeGreaterThan(100);
  });

  test('VPCs meeting two of its regions, or one region twice, are counted once', () => {
    const input: VpcCidrs[] = [
      // Class c: 10.0.0.0/24 and 10.0.128.0/24, under different /17s.
      { vpcId: 'vpc-c', cidrs: ['10.0.0.0/24', '10.0.128.0/24'] },
      // Meets c's chains twice (each /17 holds one of c's blocks) and nothing else.
      { vpcId: 'vpc-chains', cidrs: ['10.0.0.0/17', '10.0.128.0/17'] },
      // Meets one chain (the /17) and one subtree (a /25 inside c's other block).
      { vpcId: 'vpc-mixed', cidrs: ['10.0.0.0/17', '10.0.128.0/25'] },
      // Two blocks in one of c's subtrees: one region.
      { vpcId: 'vpc-inside', cidrs: ['10.0.0.0/26', '10.0.0.128/26'] },
      { vpcId: 'vpc-root', cidrs: ['10.0.0.0/16'] },
      { vpcId: 'vpc-apart', cidrs: ['10.0.64.0/24', '10.0.200.0/24'] },
    ];
    const { expected, regions, firstClass } = sizesBothWays(input);
    expect(regions).toEqual(expected);
    // vpc-c's class: itself, vpc-chains, vpc-mixed, vpc-inside and vpc-root; not vpc-apart.
    expect(regions[firstClass]).toBe(5);
  });
});
