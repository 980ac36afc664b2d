import { analyzeOverlaps, InvalidVpcCidrError, VpcCidrs } from '../../../../handlers/lib/cidr';

const vpc = (vpcId: string, ...cidrs: string[]): VpcCidrs => ({ vpcId, account: '111111111111', region: 'eu-west-1', cidrs });
const counts = (input: VpcCidrs[]) => Object.fromEntries(analyzeOverlaps(input).vpcs.map((v) => [v.vpcId, v.overlapCount]));

describe('analyzeOverlaps named cases', () => {
  test.each<[string, VpcCidrs[], Record<string, number>, number]>([
    ['identical blocks', [vpc('a', '10.0.0.0/16'), vpc('b', '10.0.0.0/16'), vpc('c', '10.0.0.0/16')], { a: 2, b: 2, c: 2 }, 3],
    ['containment', [vpc('a', '10.0.0.0/8'), vpc('b', '10.1.0.0/16'), vpc('c', '10.1.2.0/24')], { a: 2, b: 2, c: 2 }, 3],
    ['siblings under one parent do not overlap', [vpc('p', '10.0.0.0/16'), vpc('x', '10.0.1.0/24'), vpc('y', '10.0.2.0/24')], { p: 2, x: 1, y: 1 }, 2],
    ['adjacent but disjoint', [vpc('a', '10.0.0.0/24'), vpc('b', '10.0.1.0/24'), vpc('c', '10.0.0.0/25'), vpc('d', '10.0.0.128/25')], { a: 2, b: 0, c: 1, d: 1 }, 2],
    ['/0 overlaps every IPv4 block but no IPv6 block', [vpc('all', '0.0.0.0/0'), vpc('a', '192.168.0.0/16'), vpc('six', '2600:1f18::/56')], { all: 1, a: 1, six: 0 }, 1],
    ['/32 and /128', [vpc('a', '10.0.0.7/32'), vpc('b', '10.0.0.0/29'), vpc('c', '2001:db8::1/128'), vpc('d', '2001:db8::/127')], { a: 1, b: 1, c: 1, d: 1 }, 2],
    ['IPv6 spelled differently is the same block', [vpc('a', '2600:1F18:0:0::/56'), vpc('b', '2600:1f18::/56')], { a: 1, b: 1 }, 1],
    ['overlapping through two blocks counts once', [vpc('a', '10.0.0.0/16', '100.64.0.0/16'), vpc('b', '10.0.0.0/16', '100.64.0.0/16')], { a: 1, b: 1 }, 1],
    ['overlapping through different blocks', [vpc('a', '10.0.0.0/16', '172.16.0.0/16'), vpc('b', '192.168.0.0/16', '172.16.5.0/24'), vpc('c', '10.0.3.0/24')], { a: 2, b: 1, c: 1 }, 2],
    ['a VPC listed twice with nested own blocks never overlaps itself', [vpc('a', '10.0.0.0/16'), vpc('a', '10.0.1.0/24'), vpc('b', '172.16.0.0/12')], { a: 0, b: 0 }, 0],
    ['no blocks', [vpc('a'), vpc('b', '10.0.0.0/16')], { a: 0, b: 0 }, 0],
  ])('%s', (_name, input, expected, pairs) => {
    expect(counts(input)).toEqual(expected);
    expect(analyzeOverlaps(input).summary.pairs).toBe(pairs);
  });

  test('a shared default CIDR with k VPCs gives k-1 each and k(k-1)/2 pairs', () => {
    const input = Array.from({ length: 3000 }, (_, i) => vpc(`vpc-${i}`, '10.0.0.0/16'));
    const { summary, vpcs } = analyzeOverlaps(input);
    expect(vpcs.every((v) => v.overlapCount === 2999)).toBe(true);
    expect(summary).toEqual({ vpcs: 3000, cidrs: 3000, overlappingVpcs: 3000, pairs: (3000 * 2999) / 2 });
  });

  test('detail lists peers by vpcId with block pairs, only for requested VPCs', () => {
    const input = [vpc('vpc-c', '10.0.0.0/16'), vpc('vpc-a', '10.0.0.0/16', '10.1.0.0/16'), vpc('vpc-b', '10.1.5.0/24')];
    const result = analyzeOverlaps(input, { detailFor: ['vpc-a'], limit: 1 });
    expect(result.vpcs[0].overlapsWith).toBeUndefined();
    expect(result.vpcs[1]).toEqual({
      vpcId: 'vpc-a', account: '111111111111', region: 'eu-west-1', overlapCount: 2, truncated: true,
      overlapsWith: [{ vpcId: 'vpc-b', account: '111111111111', region: 'eu-west-1', blocks: [['10.1.0.0/16', '10.1.5.0/24']] }],
    });
  });

  test.each([
    ['10.0.0.1/16', 'vpc-x: "10.0.0.1/16" has host bits set (network is 10.0.0.0/16)'],
    ['10.0.0.0', 'vpc-x: "10.0.0.0" is not a CIDR (missing /prefix)'],
    ['10.0.0.0/33', 'vpc-x: "10.0.0.0/33" has prefix /33 out of range for IPv4 (0-32)'],
    ['2600::/129', 'vpc-x: "2600::/129" has prefix /129 out of range for IPv6 (0-128)'],
    ['2600::1/56', 'vpc-x: "2600::1/56" has host bits set (network is 2600::/56)'],
    ['010.0.0.0/8', 'vpc-x: "010.0.0.0/8" is not a CIDR (bad IPv4 address)'],
    ['10.0.0.0/016', 'vpc-x: "10.0.0.0/016" is not a CIDR (bad prefix length)'],
    ['1:2:3:4:5:6:7:8:9/64', 'vpc-x: "1:2:3:4:5:6:7:8:9/64" is not a CIDR (bad IPv6 address)'],
    ['banana', 'vpc-x: "banana" is not a CIDR (missing /prefix)'],
  ])('rejects %s naming the VPC', (cidr, message) => {
    expect(() => analyzeOverlaps([vpc('vpc-x', cidr)])).toThrow(InvalidVpcCidrError);
    expect(() => analyzeOverlaps([vpc('vpc-x', cidr)])).toThrow(message);
  });
});
