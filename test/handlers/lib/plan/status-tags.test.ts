/** What the sweep checks a Ready or Degraded VPC's status by, and what a finished opt-out leaves. */
import { optOutStatusLeft, statusProblems } from '../../../../handlers/lib/plan/status-tags';

const DNS = 'vpce-1-snra-x.rcfg-1.4232ccc.vpc-lattice-rsc.us-east-1.on.aws';
const served = { id: 'vpce-1', dnsNames: [DNS] };
const ready = {
  'egress-proxy': `http://${DNS}:3128`, 'egress-proxy:state': 'Ready', 'egress-proxy:endpoint': 'vpce-1',
  'egress-proxy:reason': 'ProxyReachable: CONNECT through the proxy succeeded',
};

describe('statusProblems', () => {
  it.each([
    ['what PublishStatus writes', ready, []],
    ['an interface address instead of the DNS name', { ...ready, 'egress-proxy': 'http://10.0.1.5:3128' }, []],
    ['an IPv6 literal in brackets that is not the DNS name', { ...ready, 'egress-proxy': 'http://[2600:1f18::5]:3128' }, ['egress-proxy host [2600:1f18::5] is not the endpoint\'s DNS name']],
    ['another endpoint named', { ...ready, 'egress-proxy:endpoint': 'vpce-2' }, ['egress-proxy:endpoint is "vpce-2", the endpoint is vpce-1']],
    ['wrong port', { ...ready, 'egress-proxy': `http://${DNS}:8080` }, ['egress-proxy port 8080 is not the proxy port 3128']],
    ['not a URL', { ...ready, 'egress-proxy': 'squid' }, ['egress-proxy "squid" is not http://HOST:PORT']],
    ['Ready without an address', { ...ready, 'egress-proxy': undefined }, ['Ready without an egress-proxy address']],
    ['Degraded for a probe failure, before any address', { 'egress-proxy:state': 'Degraded', 'egress-proxy:reason': 'ProxyTimeout: slow' }, []],
    ['Degraded for something else', { 'egress-proxy:state': 'Degraded', 'egress-proxy:reason': 'Meh: x' }, ['Degraded with reason "Meh: x"']],
  ])('%s', (_name, tags, problems) => {
    const defined = Object.fromEntries(Object.entries(tags).filter(([, v]) => v !== undefined)) as Record<string, string>;
    expect(statusProblems(defined, served, 3128)).toEqual(problems);
  });
});

describe('optOutStatusLeft', () => {
  it.each([
    ['nothing left', {}, []],
    ['a finished retain opt-out keeps its address', { 'egress-proxy': 'http://p:3128', 'egress-proxy:endpoint': 'vpce-1' }, []],
    ['an opt-out in progress', { 'egress-proxy': 'http://p:3128', 'egress-proxy:state': 'Deleting' }, ['egress-proxy', 'egress-proxy:state']],
    ['stray status keys', { 'egress-proxy:overlaps': '0', Name: 'x' }, ['egress-proxy:overlaps']],
  ])('%s', (_name, tags, left) => {
    expect(optOutStatusLeft(tags)).toEqual(left);
  });
});
