import { formatIpv6, parseIpv4, parseIpv6 } from '../../../../handlers/lib/cidr/address';
import { parseCidr } from '../../../../handlers/lib/cidr';

describe('addresses', () => {
  test.each([
    ['::', 0n], ['::1', 1n], ['1::', 1n << 112n], ['2001:db8::ff00:42:8329', 0x20010db8000000000000ff0000428329n],
    ['::ffff:192.0.2.1', 0xffffc0000201n], ['ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', (1n << 128n) - 1n],
  ])('parses IPv6 %s', (text, value) => expect(parseIpv6(text)).toBe(value));

  test.each(['1:::2', '1::2::3', '12345::', ':1', 'g::', '1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', '::1.2.3'])('rejects IPv6 %s', (text) => {
    expect(parseIpv6(text)).toBeUndefined();
  });

  test.each(['1.2.3', '1.2.3.4.5', '256.0.0.0', '01.0.0.0', ' 1.2.3.4', '1.2.3.-1'])('rejects IPv4 %s', (text) => {
    expect(parseIpv4(text)).toBeUndefined();
  });

  test.each([
    [0n, '::'], [1n, '::1'], [0x20010db8000000000001000000000001n, '2001:db8::1:0:0:1'],
    [0x20010db8000100000000000000000000n, '2001:db8:1::'], [0x00010000000100000001000000010000n, '1:0:1:0:1:0:1:0'],
  ])('formats IPv6 canonically (RFC 5952)', (value, text) => expect(formatIpv6(value)).toBe(text));

  test('canonical block text', () => {
    expect(parseCidr('2600:1F18:0A00:0000::/56').text).toBe('2600:1f18:a00::/56');
    expect(parseCidr('0.0.0.0/0')).toMatchObject({ start: 0n, end: 0xffffffffn, prefix: 0, family: 4 });
    expect(parseCidr('::/0').end).toBe((1n << 128n) - 1n);
  });
});
