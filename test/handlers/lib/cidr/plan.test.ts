import { CidrPlanError, parseCidr, planCidrs } from '../../../../handlers/lib/cidr';

const plan = (pools: string[], inUse: string[], prefix: number, count = 1) =>
  planCidrs({ pools: pools.map(parseCidr), inUse: inUse.map(parseCidr), prefix, count }).map((b) => b.text);

describe('planCidrs', () => {
  test.each<[string, string[], string[], number, number, string[]]>([
    ['empty pool: lowest blocks', ['10.0.0.0/8'], [], 16, 3, ['10.0.0.0/16', '10.1.0.0/16', '10.2.0.0/16']],
    ['skips blocks in use', ['10.0.0.0/8'], ['10.0.0.0/16', '10.2.0.0/16'], 16, 2, ['10.1.0.0/16', '10.3.0.0/16']],
    ['alignment: a /24 in use pushes the /16 to the next boundary', ['10.0.0.0/8'], ['10.0.3.0/24'], 16, 1, ['10.1.0.0/16']],
    ['alignment: smaller blocks fill the gaps around a used one', ['10.0.0.0/22'], ['10.0.1.0/24'], 24, 3, ['10.0.0.0/24', '10.0.2.0/24', '10.0.3.0/24']],
    ['unaligned gap start after a small used block', ['10.0.0.0/16'], ['10.0.0.0/26'], 25, 2, ['10.0.0.128/25', '10.0.1.0/25']],
    ['moves to the next pool when one is full', ['10.0.0.0/15', '172.16.0.0/12'], ['10.0.0.0/15'], 16, 2, ['172.16.0.0/16', '172.17.0.0/16']],
    ['pools are used lowest address first', ['172.16.0.0/12', '10.0.0.0/8'], [], 16, 1, ['10.0.0.0/16']],
    ['nested pools collapse', ['10.0.0.0/8', '10.5.0.0/16'], [], 8, 1, ['10.0.0.0/8']],
    ['in-use block bigger than the pool', ['10.1.0.0/16', '192.168.0.0/16'], ['10.0.0.0/8'], 20, 1, ['192.168.0.0/20']],
    ['in-use block straddling two adjacent pools', ['10.0.0.0/9', '10.128.0.0/9'], ['10.120.0.0/13', '10.128.0.0/13'], 13, 2, ['10.0.0.0/13', '10.8.0.0/13']],
    ['in-use blocks of the other family are ignored', ['10.0.0.0/16'], ['2600::/56'], 16, 1, ['10.0.0.0/16']],
    ['/32 blocks', ['10.0.0.0/30'], ['10.0.0.1/32'], 32, 3, ['10.0.0.0/32', '10.0.0.2/32', '10.0.0.3/32']],
    ['IPv6 /56 from a /52', ['2600:1f18:a00::/52'], ['2600:1f18:a00::/56'], 56, 2, ['2600:1f18:a00:100::/56', '2600:1f18:a00:200::/56']],
  ])('%s', (_name, pools, inUse, prefix, count, expected) => {
    expect(plan(pools, inUse, prefix, count)).toEqual(expected);
  });

  test.each<[string, string[], string[], number, number, string]>([
    ['exhausted', ['10.0.0.0/15'], ['10.0.0.0/16'], 16, 2, 'pools 10.0.0.0/15 have room for only 1 free /16 block; 2 requested'],
    ['nothing free', ['10.0.0.0/16'], ['10.0.0.0/8'], 24, 1, 'pools 10.0.0.0/16 have room for no free /24 blocks; 1 requested'],
    ['block bigger than every pool', ['10.0.0.0/16', '172.16.0.0/12'], [], 8, 1, 'have room for no free /8 blocks'],
    ['adjacent pools do not merge into one block', ['10.0.0.0/9', '10.128.0.0/9'], [], 8, 1, 'have room for no free /8 blocks'],
    ['prefix out of range', ['10.0.0.0/8'], [], 33, 1, 'prefix /33 is out of range for IPv4 (0-32)'],
    ['mixed families', ['10.0.0.0/8', '2600::/48'], [], 16, 1, 'pools mix IPv4 and IPv6'],
    ['count not positive', ['10.0.0.0/8'], [], 16, 0, 'count 0 must be a positive integer'],
  ])('error: %s', (_name, pools, inUse, prefix, count, message) => {
    expect(() => plan(pools, inUse, prefix, count)).toThrow(CidrPlanError);
    expect(() => plan(pools, inUse, prefix, count)).toThrow(message);
  });

  test('no pools', () => expect(() => planCidrs({ pools: [], inUse: [], prefix: 16, count: 1 })).toThrow('no pool given'));
});
