import { generationOf, parseSpec } from '../../../handlers/lib/spec';

describe('parseSpec', () => {
  it.each([
    ['opted in, defaults', { egress: 'proxy' }, { optedIn: true, deletionPolicy: 'delete' }],
    ['other value opts out and says which values are accepted', { egress: 'nat' },
      { optedIn: false, deletionPolicy: 'delete', optOutNote: 'NotOptedIn: egress="nat" is not accepted; egress=proxy (any case) opts in, any other value or no tag opts out' }],
    ['an empty value opts out silently', { egress: ' ' }, { optedIn: false, deletionPolicy: 'delete' }],
    ['absent opts out', {}, { optedIn: false, deletionPolicy: 'delete' }],
    ['opt-in in any case', { egress: 'Proxy' }, { optedIn: true, deletionPolicy: 'delete' }],
    ['opt-in upper case with spaces', { egress: ' PROXY ' }, { optedIn: true, deletionPolicy: 'delete' }],
    ['retain policy, any case', { egress: 'proxy', 'egress:deletion-policy': ' Retain ' }, { optedIn: true, deletionPolicy: 'retain' }],
    ['subnets comma and space separated, sorted, deduplicated',
      { egress: 'proxy', 'egress:subnets': 'subnet-0bbbbbbbbbbbbbbbb, subnet-0aaaaaaaaaaaaaaaa  subnet-0bbbbbbbbbbbbbbbb' },
      { optedIn: true, deletionPolicy: 'delete', subnetIds: ['subnet-0aaaaaaaaaaaaaaaa', 'subnet-0bbbbbbbbbbbbbbbb'] }],
    ['blank subnets means default', { egress: 'proxy', 'egress:subnets': '  ' }, { optedIn: true, deletionPolicy: 'delete' }],
  ])('%s', (_name, tags, spec) => {
    expect(parseSpec(tags as Record<string, string>)).toEqual({ ok: true, spec });
  });

  it.each([
    ['bad deletion policy', { egress: 'proxy', 'egress:deletion-policy': 'keep' }, /deletion-policy must be "delete" or "retain", not "keep"/],
    ['hostile subnet value', { egress: 'proxy', 'egress:subnets': '<script>alert(1)</script>' }, /"<script>alert\(1\)<\/script>", not subnet IDs/],
    ['long garbage is clipped', { egress: 'proxy', 'egress:subnets': 'x'.repeat(300) }, /x{40}…/],
  ])('rejects %s with a reason naming the value', (_name, tags, problem) => {
    const result = parseSpec(tags as Record<string, string>);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatch(problem);
  });
});

describe('generationOf', () => {
  it('changes exactly when an owner key changes', () => {
    const base = { egress: 'proxy', Name: 'a' };
    expect(generationOf(base)).toMatch(/^[0-9a-f]{10}$/);
    // sha256 of [["egress","proxy"],["egress:subnets",null],["egress:deletion-policy",null]], first 10 hex digits
    expect(generationOf({ egress: 'proxy' })).toBe('1dc9f495af');
    expect(generationOf({ ...base, Name: 'b', 'egress-proxy:state': 'Ready' })).toBe(generationOf(base));
    expect(generationOf({ ...base, 'egress:deletion-policy': 'retain' })).not.toBe(generationOf(base));
    expect(generationOf({ egress: 'off' })).not.toBe(generationOf(base));
  });
});
