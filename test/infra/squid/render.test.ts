import { fillTemplate, renderSquidConfig } from '../../../infra/squid/render';

const production = () => renderSquidConfig({ sources: ['10.50.0.0/24', '10.50.1.0/24'] });
const directives = (config: string, name: string) =>
  config.split('\n').filter((line) => line.startsWith(`${name} `)).map((line) => line.slice(name.length + 1));
/** Values of an ACL over all its lines, after `acl NAME TYPE`. */
const acl = (config: string, name: string) =>
  directives(config, 'acl').filter((a) => a.startsWith(`${name} `)).flatMap((a) => a.split(/\s+/).slice(2));
const aclType = (config: string, name: string) =>
  [...new Set(directives(config, 'acl').filter((a) => a.startsWith(`${name} `)).map((a) => a.split(/\s+/)[1]))];

describe('renderSquidConfig — production rendering', () => {
  const config = production();

  test('fills every placeholder and puts no comment after a directive (Squid would read it as a value)', () => {
    expect(config).not.toMatch(/\{\{|\}\}/);
    const code = config.split('\n').filter((line) => line.trim() && !line.startsWith('#'));
    const withHash = code.filter((line) => line.includes('#') && !line.startsWith('logformat'));
    expect(withHash).toEqual([]);
  });

  test('listens on 3128, accepts only the given sources, tunnels only to 443', () => {
    expect(directives(config, 'http_port')).toEqual(['3128']);
    expect(aclType(config, 'egress_clients')).toEqual(['src']);
    expect(acl(config, 'egress_clients')).toEqual(['10.50.0.0/24', '10.50.1.0/24']);
    expect(acl(config, 'connect_ports')).toEqual(['443']);
  });

  test('access rules in order: manager, sources, ports, plain HTTP, internal ranges, allow, deny all', () => {
    expect(directives(config, 'http_access')).toEqual([
      'deny manager',
      'deny !egress_clients',
      'deny CONNECT !connect_ports',
      'deny !CONNECT !plain_http_proto',
      'deny !CONNECT !plain_http_port',
      'deny internal_dst',
      'deny to_localhost',
      'allow egress_clients',
      'deny all',
    ]);
  });

  test.each([
    '0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16',
    '224.0.0.0/3', '::/127', 'fc00::/7', 'fe80::/10', '64:ff9b::/96', '2002::/16',
  ])('refuses destinations in %s', (range) => {
    expect(aclType(config, 'internal_dst')).toEqual(['dst']);
    expect(acl(config, 'internal_dst')).toContain(range);
  });

  test('no test-only or domain rules unless asked', () => {
    expect(config).not.toMatch(/test_allowed_dst|allowed_domains|TEST\/LOCAL ONLY/);
  });

  test('caches nothing, hides the hub, no pinger, system paths', () => {
    for (const line of [
      'cache deny all', 'cache_mem 0 MB', 'via off', 'forwarded_for delete', 'pinger_enable off',
      'visible_hostname egress-proxy', 'httpd_suppress_version_string on',
      'access_log stdio:/var/log/squid/access.log egress', 'pid_filename /run/squid.pid',
    ]) expect(config.split('\n')).toContain(line);
  });
});

describe('renderSquidConfig — options', () => {
  test('port, listen address, ports, domains, run directory, test destinations', () => {
    const config = renderSquidConfig({
      sources: ['127.0.0.1'], port: 3999, listenAddress: '127.0.0.1', allowPorts: [8443, 443, 443],
      allowDomains: ['.Amazonaws.com', 's3.amazonaws.com', 'aws.amazon.com'], runDir: '/tmp/run-1/',
      testAllowDestinations: ['127.0.0.1/32'],
    });
    expect(directives(config, 'http_port')).toEqual(['127.0.0.1:3999']);
    expect(acl(config, 'connect_ports')).toEqual(['443', '8443']);
    expect(aclType(config, 'allowed_domains')).toEqual(['dstdomain']);
    expect(acl(config, 'allowed_domains')).toEqual(['-n', '.amazonaws.com', 'aws.amazon.com']);
    expect(acl(config, 'test_allowed_dst')).toEqual(['127.0.0.1/32']);
    expect(directives(config, 'http_access')).toEqual([
      'deny manager', 'deny !egress_clients', 'deny CONNECT !connect_ports', 'deny !CONNECT !plain_http_proto',
      'deny !CONNECT !plain_http_port',
      // The test bypass comes after the port checks: it opens an address, never a port.
      'allow egress_clients test_allowed_dst',
      'deny !allowed_domains', 'deny internal_dst', 'deny to_localhost', 'allow egress_clients', 'deny all',
    ]);
    expect(directives(config, 'pid_filename')).toEqual(['/tmp/run-1/squid.pid']);
    expect(directives(config, 'cache_log')).toEqual(['/tmp/run-1/cache.log']);
    expect(directives(config, 'coredump_dir')).toEqual(['/tmp/run-1']);
  });

  test.each([
    ['no sources', { sources: [] }, /sources: at least one/],
    ['bad source', { sources: ['10.0.0.0/40'] }, /source: '10\.0\.0\.0\/40'/],
    ['bad port', { sources: ['10.0.0.0/8'], port: 70000 }, /^port: '70000'/],
    ['bad allowed port', { sources: ['10.0.0.0/8'], allowPorts: [443, 0] }, /^allowed port: '0'/],
    ['no allowed ports', { sources: ['10.0.0.0/8'], allowPorts: [] }, /at least one CONNECT port/],
    ['empty domain allowlist', { sources: ['10.0.0.0/8'], allowDomains: [] }, /allowlist is empty/],
    ['bad domain', { sources: ['10.0.0.0/8'], allowDomains: ['a b'] }, /^allowed domain: 'a b'/],
    ['bad run dir', { sources: ['10.0.0.0/8'], runDir: 'tmp' }, /^run directory: 'tmp'/],
    ['bad test destination', { sources: ['10.0.0.0/8'], testAllowDestinations: ['localhost'] }, /^test destination: 'localhost'/],
    ['bad listen address', { sources: ['10.0.0.0/8'], listenAddress: '0' }, /^listen address: '0'/],
  ])('%s → clear error', (_name, opts, message) => {
    expect(() => renderSquidConfig(opts as never)).toThrow(message);
  });
});

describe('fillTemplate', () => {
  test('drops lines whose only placeholder is empty and refuses unknown placeholders', () => {
    expect(fillTemplate('a {{x}}\n{{gone}}\nb', { x: '1', gone: '' })).toBe('a 1\nb');
    expect(() => fillTemplate('{{nope}} x', {})).toThrow(/no value for \{\{nope\}\}/);
  });
});
