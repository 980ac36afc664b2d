/**
 * The engine's allocation-free parser must agree with the strict parser whenever it answers, and
 * answer for the spellings fleets are made of (dotted quads, compressed and full IPv6).
 */
import fc from 'fast-check';
import { parseCidr } from '../../../../handlers/lib/cidr';
import { fromBlock, newParsedCidr, parseCidrFast } from '../../../../handlers/lib/cidr/fast-cidr';

const strict = (text: string) => {
  try {
    const out = newParsedCidr();
    fromBlock(parseCidr(text), out);
    return { family: out.family, prefix: out.prefix, words: [...out.words] };
  } catch {
    return undefined;
  }
};
const fast = (text: string) => {
  const out = newParsedCidr();
  return parseCidrFast(text, out) ? { family: out.family, prefix: out.prefix, words: [...out.words] } : undefined;
};

const octet = fc.oneof(fc.integer({ min: 0, max: 255 }).map(String), fc.constantFrom('01', '256', '', '1a'));
const v4Text = fc.tuple(octet, octet, octet, octet, fc.oneof(fc.integer({ min: 0, max: 33 }).map(String), fc.constantFrom('016', '', 'x')))
  .map(([a, b, c, d, p]) => `${a}.${b}.${c}.${d}/${p}`);
const hextet = fc.oneof(fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16)), fc.constantFrom('0', '00ff', 'FFFF', 'g', '12345', ''));
const v6Text = fc.tuple(fc.array(hextet, { minLength: 0, maxLength: 9 }), fc.integer({ min: -1, max: 9 }), fc.oneof(fc.integer({ min: 0, max: 129 }).map(String), fc.constantFrom('56', '064')))
  .map(([groups, gap, p]) => {
    const parts = groups.map(String);
    if (gap >= 0 && gap <= parts.length) parts.splice(gap, 0, '');
    return `${parts.join(':').replace(/^:(?!:)/, '::')}/${p}`;
  });

describe('parseCidrFast', () => {
  test('agrees with the strict parser whenever it answers', () => {
    fc.assert(fc.property(fc.oneof(v4Text, v6Text, fc.string()), (text) => {
      const got = fast(text);
      if (got !== undefined) expect(got).toEqual(strict(text));
    }), { numRuns: 5000 });
  });

  test.each(['10.0.0.0/16', '0.0.0.0/0', '255.255.255.255/32', '2600:1f18::/56', '2600:1F18:0:ab00::/56', '::/0', '1:2:3:4:5:6:7:8/128', '::1/128', 'fe80::/10'])(
    'answers for the common spelling %s, as the strict parser does', (text) => {
      expect(fast(text)).toBeDefined();
      expect(fast(text)).toEqual(strict(text));
    });

  test.each(['10.0.0.1/16', '10.0.0.0/33', '010.0.0.0/8', '10.0.0/8', '::ffff:10.0.0.0/104', '2600::1/56', '1::2::3/64', 'no-slash'])(
    'leaves %s to the strict parser (invalid, or a spelling it does not handle)', (text) => {
      expect(fast(text)).toBeUndefined();
    });

  // Host-bit tests by shifting: a prefix of 0 or 32 (or a word-aligned IPv6 one) is where a shift
  // count of 32 would silently become 0.
  test.each([
    ['128.0.0.0/1', true], ['128.0.0.0/0', false], ['0.0.0.0/0', true], ['0.0.0.1/0', false],
    ['255.255.255.255/32', true], ['255.255.255.254/31', true], ['255.255.255.255/31', false], ['0.0.0.2/31', true],
    ['1.0.0.0/8', true], ['1.0.0.0/7', false], ['10.0.0.0/16', true], ['10.0.128.0/16', false],
    ['ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128', true], ['ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/127', true],
    ['8000::/1', true], ['8000::/0', false], ['::2/127', true], ['::1/127', false],
    ['0:0:0:1::/64', true], ['0:0:0:0:1::/64', false], ['0:1::/32', true], ['0:0:1::/32', false], ['1::/32', true], ['0:0:1::/96', true],
  ])('host bits of %s: valid %s, as the strict parser says', (text, valid) => {
    expect(strict(text) !== undefined).toBe(valid);
    if (valid) expect(fast(text)).toEqual(strict(text)); else expect(fast(text)).toBeUndefined();
  });
});
