import { checkPort, checkRunDir, listenSpec, normalizeCidr, normalizeDomains } from '../../../infra/squid/validate';

describe('normalizeCidr', () => {
  test.each([
    ['10.0.0.0/16', '10.0.0.0/16'],
    ['10.1.2.3', '10.1.2.3/32'],
    [' 192.168.0.0/24 ', '192.168.0.0/24'],
    ['0.0.0.0/0', '0.0.0.0/0'],
    ['::1', '::1/128'],
    ['2001:DB8:0:0::/64', '2001:db8::/64'],
    ['fd00:ec2:0:0:0:0:0:254', 'fd00:ec2::254/128'],
    ['::ffff:10.0.0.1', '::ffff:a00:1/128'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeCidr(input, 'source')).toBe(expected);
  });

  test.each([
    ['10.0.0.1/8', /host bits set; did you mean 10\.0\.0\.0\/8/],
    ['2001:db8::1/64', /did you mean 2001:db8::\/64/],
    ['10.0.0.0/33', /prefix length/],
    ['10.0.0.0/', /prefix length/],
    ['10.0.0.0/8/8', /not an IP address or CIDR/],
    ['10.0.0.0/8 all', /not an IP address or CIDR|prefix length/],
    ['10.0.0.256', /not an IP address/],
    ['all', /not an IP address/],
    ['10.0.0.0/8\nhttp_access allow all', /source: /],
    ['fe80::1%eth0', /not an IP address/],
  ])('rejects %j', (input, message) => {
    expect(() => normalizeCidr(input, 'source')).toThrow(message);
    expect(() => normalizeCidr(input, 'source')).toThrow(/^source: '/);
  });
});

describe('checkPort', () => {
  test.each([[443, 443], ['8080', 8080], [65535, 65535]])('%j', (input, expected) => {
    expect(checkPort(input, 'port')).toBe(expected);
  });
  test.each([0, 65536, -1, 3.5, 'http', '', NaN, null])('rejects %j naming the value', (input) => {
    expect(() => checkPort(input, 'allowed port')).toThrow(/^allowed port: '.*' is not a TCP port/);
  });
});

describe('normalizeDomains', () => {
  test('lower-cases, drops trailing dots and entries a wildcard covers, sorts', () => {
    expect(normalizeDomains(['WWW.Example.com', '.example.com', 'example.com', 'a.b.example.com', '.b.example.com', 'aws.amazon.com.']))
      .toEqual(['.example.com', 'aws.amazon.com']);
  });
  test.each(['exa mple.com', 'example.com\nhttp_access allow all', '-bad.com', '*.example.com', '10.0.0.1', '.169.254.169.254', ''])(
    'rejects %j', (input) => {
      expect(() => normalizeDomains([input])).toThrow(/^allowed domain: /);
    },
  );
});

describe('checkRunDir and listenSpec', () => {
  test('accepts plain absolute paths, trims trailing slashes', () => {
    expect(checkRunDir('/tmp/egress-squid-x1/')).toBe('/tmp/egress-squid-x1');
  });
  test.each(['relative/dir', '/tmp/with space', '/tmp/x\nhttp_access allow all', '/tmp/"q"'])('rejects %j', (dir) => {
    expect(() => checkRunDir(dir)).toThrow(/^run directory: /);
  });
  test.each([
    [undefined, 3128, '3128'],
    ['127.0.0.1', 3128, '127.0.0.1:3128'],
    ['::1', 8080, '[::1]:8080'],
  ])('%s port %d → %s', (address, port, expected) => {
    expect(listenSpec(address, port)).toBe(expected);
  });
  test('rejects a listen address that is not an IP', () => {
    expect(() => listenSpec('localhost', 3128)).toThrow(/^listen address: 'localhost'/);
  });
});
