/** Real Squid must accept every rendering we produce: `squid -k parse` with no unexpected warning. */
import { renderSquidConfig, type SquidConfigOptions } from '../../../infra/squid/render';
import { findSquidBinary, parseSquidConfig } from '../../../local/squid';

const squid = findSquidBinary();
const describeWithSquid = squid ? describe : describe.skip;

const renderings: Array<[string, SquidConfigOptions]> = [
  ['production defaults (system paths)', { sources: ['10.50.0.0/24', '10.50.1.0/24'] }],
  ['one resource gateway address, IPv6 source', { sources: ['10.50.0.17', '2600:1f18::/56'], port: 3129 }],
  ['domain allowlist and extra port', { sources: ['10.0.0.0/8'], allowPorts: [443, 8443], allowDomains: ['.amazonaws.com', 'github.com'] }],
  ['local run: loopback listener, run dir, test destination', {
    sources: ['127.0.0.1/32', '::1'], listenAddress: '127.0.0.1', port: 39999, runDir: '/tmp/egress-squid-parse-check',
    allowPorts: [443, 40000], testAllowDestinations: ['127.0.0.1/32'],
  }],
  ['IPv6 listener', { sources: ['::1'], listenAddress: '::1', runDir: '/tmp/egress-squid-parse-check' }],
];

describeWithSquid(`squid -k parse (${squid ?? 'squid not installed'})`, () => {
  test.each(renderings)('%s', (_name, opts) => {
    const result = parseSquidConfig(renderSquidConfig(opts));
    expect(result.problems).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.ok).toBe(true);
  });

  test('the check itself catches a config Squid rejects', () => {
    const broken = `${renderSquidConfig({ sources: ['10.0.0.0/8'] })}\nhttp_access allow no_such_acl\n`;
    const result = parseSquidConfig(broken);
    expect(result.ok).toBe(false);
    expect(result.problems.join('\n')).toMatch(/no_such_acl|Bungled/);
  });
});

if (!squid) {
  test.skip('squid -k parse skipped: squid is not installed (apt-get install -y squid)', () => undefined);
}
