import { formatOverlapsTag, OverlapPeer } from '../../../../handlers/lib/cidr';

const peers = (n: number): OverlapPeer[] => Array.from({ length: n }, (_, i) => ({ vpcId: `vpc-${String(i).padStart(17, '0')}`, blocks: [] }));

describe('formatOverlapsTag', () => {
  test('no overlap', () => expect(formatOverlapsTag({ overlapCount: 0, overlapsWith: [] })).toBe('0'));
  test('all peers fit', () => {
    expect(formatOverlapsTag({ overlapCount: 3, overlapsWith: [{ vpcId: 'vpc-a', blocks: [] }, { vpcId: 'vpc-b', blocks: [] }, { vpcId: 'vpc-c', blocks: [] }] }))
      .toBe('3: vpc-a vpc-b vpc-c');
  });
  test('many peers: as many IDs as fit in 256 chars, then +N more', () => {
    const value = formatOverlapsTag({ overlapCount: 1042, overlapsWith: peers(20) });
    expect(value.length).toBeLessThanOrEqual(256);
    expect(value).toMatch(/^1042: (vpc-\d{17} ){10}\+1032 more$/);
  });
  test('peer list cut by limit still says how many more', () => {
    expect(formatOverlapsTag({ overlapCount: 5, overlapsWith: peers(2) })).toBe('5: vpc-00000000000000000 vpc-00000000000000001 +3 more');
  });
  test('count only when no peer list was requested', () => expect(formatOverlapsTag({ overlapCount: 7 })).toBe('7'));
});
