/**
 * The sweep's drift, table-driven with named cases: what the planners say about a bulk observation,
 * named. Expected values are literal (generations are the sha256 prefixes of the owner keys).
 */
import {
  DriftContext, fleetDrift, FleetSnapshot, ScannedAssociation, ScannedEndpoint, ScannedGroup, ScannedVpc, vpcDrift,
} from '../../../handlers/lib/drift';
import { sweepExecutionName } from '../../../handlers/lib/fleet/plan';
import type { TagMap } from '../../../handlers/lib/tags';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const ARN = 'arn:aws:vpc-lattice:us-east-1:111122223333:resourceconfiguration/rcfg-0123456789abcdef0';
const VPC = 'vpc-0aaaaaaaaaaaaaaa1';
const EP = 'vpce-0aaaaaaaaaaaaaaa1';
const SG = 'sg-0aaaaaaaaaaaaaaa1';
const DNS = `${EP}-snra-x.rcfg-0123456789abcdef0.4232ccc.vpc-lattice-rsc.us-east-1.on.aws`;
const SUBNET_A = 'subnet-0aaaaaaaaaaaaaaa1';
const SUBNET_B = 'subnet-0bbbbbbbbbbbbbbb2';
const READY_REASON = 'ProxyReachable: CONNECT through the proxy succeeded';
/** generationOf({ egress: 'proxy' }) and with egress:subnets set to A, and to B,A. */
const GEN = { optedIn: '1dc9f495af', subnetA: 'ab0a9bb2c0', subnetsBA: '1ed12ea3e0' };
const PROXY_RULE = { protocol: 'tcp', fromPort: 3128, toPort: 3128, cidr: '10.0.0.0/16' };

const ctx = (over: Partial<DriftContext> = {}): DriftContext => ({
  now: NOW, hub: { ok: true, arn: ARN, host: '10.0.1.10', port: 3128 }, proxy: { ok: true, reason: 'ProxyReachable: ok' },
  sweepIntervalMs: 15 * 60_000, ...over,
});
const ago = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString();

/** A VPC that a reconcile left Ready, with its owner tags merged over `owner`. */
function readyTags(owner: TagMap = { egress: 'proxy' }, status: TagMap = {}, generation = GEN.optedIn): TagMap {
  return {
    Name: 'project', ...owner,
    'egress-proxy': `http://${DNS}:3128`, 'egress-proxy:state': 'Ready', 'egress-proxy:reason': READY_REASON,
    'egress-proxy:endpoint': EP, 'egress-proxy:generation': generation, 'egress-proxy:execution': 'vpc-0aaaaaaaaaaaaaaa1-x-t1',
    'egress-proxy:since': ago(600), ...status,
  };
}
const vpc = (tags: TagMap, vpcId = VPC): ScannedVpc => ({ vpcId, tags, cidrs: ['10.0.0.0/16'] });
const endpoint = (over: Partial<ScannedEndpoint> = {}): ScannedEndpoint => ({
  id: EP, owner: VPC, vpcId: VPC, state: 'Available', subnetIds: [SUBNET_A, SUBNET_B], securityGroupIds: [SG],
  resourceConfigurationArn: ARN, createdAt: ago(700), ...over,
});
const group = (over: Partial<ScannedGroup> = {}): ScannedGroup => ({
  id: SG, owner: VPC, vpcId: VPC, rules: [PROXY_RULE], ...over,
});
const association = (over: Partial<ScannedAssociation> = {}): ScannedAssociation => ({
  endpointId: EP, accessibility: 'Accessible', dnsNames: [DNS], ...over,
});

interface Case {
  name: string;
  tags: TagMap;
  endpoints?: ScannedEndpoint[];
  groups?: ScannedGroup[];
  associations?: ScannedAssociation[];
  ctx?: Partial<DriftContext>;
  want: string[];
}

const healthy = { endpoints: [endpoint()], groups: [group()], associations: [association()] };

const cases: Case[] = [
  { name: 'healthy Ready VPC: nothing to do', tags: readyTags(), ...healthy, want: [] },
  { name: 'opted in, never reconciled', tags: { egress: 'proxy' }, want: ['NeverReconciled'] },
  { name: 'spec generation ahead of the status', tags: readyTags({ egress: 'proxy' }, { 'egress-proxy:generation': '0000000000' }), ...healthy, want: ['SpecChanged'] },
  { name: 'owned endpoint deleted by hand', tags: readyTags(), ...healthy, endpoints: [], want: ['EndpointMissing'] },
  { name: 'endpoint being deleted counts as missing', tags: readyTags(), ...healthy, endpoints: [endpoint({ state: 'deleting' })], want: ['EndpointMissing'] },
  { name: 'endpoint failed (lower-case state)', tags: readyTags(), ...healthy, endpoints: [endpoint({ state: 'failed' })], want: ['EndpointFailed', 'EndpointMissing'] },
  { name: 'endpoint Rejected next to a live one', tags: readyTags(), ...healthy,
    endpoints: [endpoint(), endpoint({ id: 'vpce-0bbbbbbbbbbbbbbb2', state: 'Rejected' })], want: ['EndpointFailed'] },
  { name: 'pending endpoint is not failed', tags: readyTags(), ...healthy, endpoints: [endpoint({ state: 'pending' })], want: [] },
  { name: 'duplicate endpoints', tags: readyTags(), ...healthy,
    endpoints: [endpoint(), endpoint({ id: 'vpce-0bbbbbbbbbbbbbbb2', createdAt: ago(5) })], want: ['DuplicateEndpoints'] },
  { name: 'endpoint with the wrong security groups', tags: readyTags(), ...healthy,
    endpoints: [endpoint({ securityGroupIds: ['sg-0fffffffffffffff9'] })], want: ['WrongSecurityGroups'] },
  { name: 'endpoint outside egress:subnets', tags: readyTags({ egress: 'proxy', 'egress:subnets': SUBNET_A }, {}, GEN.subnetA), ...healthy, want: ['WrongSubnets'] },
  { name: 'endpoint inside egress:subnets', tags: readyTags({ egress: 'proxy', 'egress:subnets': `${SUBNET_B},${SUBNET_A}` }, {}, GEN.subnetsBA), ...healthy, want: [] },
  { name: 'endpoint for another resource configuration', tags: readyTags(), ...healthy,
    endpoints: [endpoint({ resourceConfigurationArn: `${ARN}x` })], want: ['WrongResourceConfiguration'] },
  { name: 'association inaccessible (share removed)', tags: readyTags(), ...healthy,
    associations: [association({ accessibility: 'Inaccessible' })], want: ['AssociationInaccessible'] },
  { name: 'security group deleted', tags: readyTags(), ...healthy, groups: [], want: ['SecurityGroupMissing'] },
  { name: 'security group rule added by hand', tags: readyTags(), ...healthy,
    groups: [group({ rules: [PROXY_RULE, { protocol: 'tcp', fromPort: 22, toPort: 22, cidr: '0.0.0.0/0' }] })],
    want: ['SecurityGroupRulesChanged'] },
  { name: 'security group rule revoked by hand', tags: readyTags(), ...healthy, groups: [group({ rules: [] })], want: ['SecurityGroupRulesChanged'] },
  { name: 'group-referencing rule is not drift (EnsureSecurityGroup leaves it)', tags: readyTags(), ...healthy,
    groups: [group({ rules: [PROXY_RULE, { protocol: '-1', fromPort: -1, toPort: -1, cidr: 'group:{"GroupId":"sg-1"}' }] })], want: [] },
  { name: 'prefix-list rule is not drift either', tags: readyTags(), ...healthy,
    groups: [group({ rules: [PROXY_RULE, { protocol: 'tcp', fromPort: 3128, toPort: 3128, cidr: 'prefix-list:{"PrefixListId":"pl-1"}' }] })], want: [] },
  { name: 'Ready with an IPv4 address when the association has a DNS name: fine', tags: readyTags({ egress: 'proxy' }, { 'egress-proxy': 'http://10.0.1.5:3128' }), ...healthy, want: [] },
  { name: 'older endpoint outside egress:subnets next to a matching one', tags: readyTags({ egress: 'proxy', 'egress:subnets': SUBNET_A }, {}, GEN.subnetA), ...healthy,
    endpoints: [endpoint({ subnetIds: [SUBNET_A, SUBNET_B] }), endpoint({ id: 'vpce-0bbbbbbbbbbbbbbb2', subnetIds: [SUBNET_A], createdAt: ago(5) })],
    want: ['WrongSubnets', 'AssociationInaccessible', 'StatusTampered'] },
  { name: 'state edited to a non-state', tags: readyTags({ egress: 'proxy' }, { 'egress-proxy:state': 'Fine' }), ...healthy, want: ['StatusTampered'] },
  { name: 'endpoint tag edited', tags: readyTags({ egress: 'proxy' }, { 'egress-proxy:endpoint': 'vpce-0ccccccccccccccc3' }), ...healthy, want: ['StatusTampered'] },
  { name: 'proxy address removed from a Ready VPC', tags: (() => { const t = readyTags(); delete t['egress-proxy']; return t; })(), ...healthy, want: ['StatusTampered'] },
  { name: 'proxy address with the wrong port', tags: readyTags({ egress: 'proxy' }, { 'egress-proxy': `http://${DNS}:8080` }), ...healthy, want: ['StatusTampered'] },
  { name: 'proxy address that is not http://HOST:PORT', tags: readyTags({ egress: 'proxy' }, { 'egress-proxy': 'squid please' }), ...healthy, want: ['StatusTampered'] },
  { name: 'proxy address pointing elsewhere', tags: readyTags({ egress: 'proxy' }, { 'egress-proxy': 'http://evil.example.com:3128' }), ...healthy, want: ['StatusTampered'] },
  { name: 'Ready with a reason edited by hand', tags: readyTags({ egress: 'proxy' }, { 'egress-proxy:reason': 'AllGood: trust me' }), ...healthy, want: ['StatusTampered'] },
  { name: 'opted out with status and owned resources left', tags: readyTags({ egress: 'off' }), ...healthy, want: ['OptedOut'] },
  { name: 'opt-in tag removed, only status tags left', tags: (() => { const t = readyTags(); delete t.egress; return t; })(), want: ['OptedOut'] },
  { name: 'opted out and clean: nothing to do', tags: { egress: 'no' }, want: [] },
  { name: 'opted out by a value we do not accept, only the reason saying so left: nothing to do',
    tags: { egress: 'off', 'egress-proxy:reason': 'NotOptedIn: egress="off" is not accepted; egress=proxy (any case) opts in, any other value or no tag opts out' }, want: [] },
  { name: 'opted out, a stale reason about another value left: OptedOut until PublishStatus rewrites it',
    tags: { egress: 'nope', 'egress-proxy:reason': 'NotOptedIn: egress="off" is not accepted; egress=proxy (any case) opts in, any other value or no tag opts out' }, want: ['OptedOut'] },
  { name: 'Progressing younger than 30 min: InFlight (left to a running execution, taken over when none runs)', tags: { egress: 'proxy', 'egress-proxy:state': 'Progressing', 'egress-proxy:since': ago(10) }, want: ['InFlight'] },
  { name: 'Progressing written for an older spec: the writing run was superseded, the new spec is drift', tags: { egress: 'proxy', 'egress-proxy:state': 'Progressing', 'egress-proxy:generation': 'aaaaaaaaaa', 'egress-proxy:since': ago(1) }, want: ['StuckProgressing', 'SpecChanged'] },
  { name: 'Deleting written for an older spec on an opted-out VPC: superseded, the opt-out is drift', tags: { 'egress-proxy:state': 'Deleting', 'egress-proxy:generation': 'aaaaaaaaaa', 'egress-proxy:since': ago(1) }, want: ['StuckProgressing', 'OptedOut'] },
  { name: 'Progressing for over 30 min', tags: { egress: 'proxy', 'egress-proxy:state': 'Progressing', 'egress-proxy:generation': GEN.optedIn, 'egress-proxy:since': ago(31) }, want: ['StuckProgressing'] },
  { name: 'opted out, a terminal Error left though nothing owned remains: the error is moot, OptedOut now',
    tags: { 'egress-proxy:state': 'Error', 'egress-proxy:reason': 'SecurityGroupInUse: x', 'egress-proxy:since': ago(5) }, want: ['OptedOut'] },
  { name: 'Deleting for over 30 min (opt-out)', tags: { 'egress-proxy:state': 'Deleting', 'egress-proxy:since': ago(45) }, want: ['StuckProgressing', 'OptedOut'] },
  { name: 'Error younger than 1 h: not retried', tags: readyTags({ egress: 'proxy' }, { 'egress-proxy:state': 'Error', 'egress-proxy:reason': 'AccessDenied: x', 'egress-proxy:since': ago(20) }), want: [] },
  { name: 'Error just past 1 h: retried in this sweep period', tags: readyTags({ egress: 'proxy' }, { 'egress-proxy:state': 'Error', 'egress-proxy:reason': 'AccessDenied: x', 'egress-proxy:since': ago(65) }), want: ['ErrorRetry'] },
  { name: 'Error 1 h 40 min old: waits for the next hour', tags: readyTags({ egress: 'proxy' }, { 'egress-proxy:state': 'Error', 'egress-proxy:reason': 'AccessDenied: x', 'egress-proxy:since': ago(100) }), want: [] },
  { name: 'Error but the owner changed the spec: now', tags: readyTags({ egress: 'proxy' }, { 'egress-proxy:state': 'Error', 'egress-proxy:generation': 'ffffffffff', 'egress-proxy:since': ago(5) }), want: ['SpecChanged'] },
  { name: 'Error because the hub was gone, hub back', tags: readyTags({ egress: 'proxy' }, { 'egress-proxy:state': 'Error', 'egress-proxy:reason': 'HubUnavailable: gone', 'egress-proxy:since': ago(5) }), want: ['HubRecovered'] },
  { name: 'Error because the hub is gone, still gone: no loop', ctx: { hub: { ok: false, problem: 'gone' }, proxy: undefined },
    tags: readyTags({ egress: 'proxy' }, { 'egress-proxy:state': 'Error', 'egress-proxy:reason': 'HubUnavailable: gone', 'egress-proxy:since': ago(300) }), want: [] },
  { name: 'Ready while the hub is gone: left to the bulk Error mark', ctx: { hub: { ok: false, problem: 'gone' }, proxy: undefined }, tags: readyTags(), want: [] },
  { name: 'Degraded by the probe, proxy still down: nothing to start', ctx: { proxy: { ok: false, reason: 'ProxyUnreachable: refused' } },
    tags: readyTags({ egress: 'proxy' }, { 'egress-proxy:state': 'Degraded', 'egress-proxy:reason': 'ProxyUnreachable: refused' }), ...healthy, want: [] },
  { name: 'Degraded before it ever got an address, proxy back', tags: (() => {
    const t = readyTags({ egress: 'proxy' }, { 'egress-proxy:state': 'Degraded', 'egress-proxy:reason': 'ProxyUnreachable: refused' });
    delete t['egress-proxy']; delete t['egress-proxy:endpoint']; return t;
  })(), ...healthy, want: ['ProxyRecovered'] },
  // Transient Errors carry egress-proxy:retry and are requeued with backoff (docs/design.md#errors).
  { name: 'transient Error, retry due within this sweep period: retried now (not an hour later)',
    tags: readyTags({ egress: 'proxy' }, { 'egress-proxy:state': 'Error', 'egress-proxy:reason': 'AwsTransient: IncorrectState', 'egress-proxy:since': ago(10), 'egress-proxy:retry': `attempt=1 next=${new Date(NOW + 5 * 60_000).toISOString()}` }),
    ...healthy, want: ['ErrorRetry'] },
  { name: 'transient Error, backoff not over (attempt 3: due in 50 min): waits',
    tags: readyTags({ egress: 'proxy' }, { 'egress-proxy:state': 'Error', 'egress-proxy:reason': 'AwsFailure: Odd', 'egress-proxy:since': ago(10), 'egress-proxy:retry': `attempt=3 next=${new Date(NOW + 50 * 60_000).toISOString()}` }),
    ...healthy, want: [] },
  { name: 'transient Error with a malformed retry tag: treated as terminal (hourly)',
    tags: readyTags({ egress: 'proxy' }, { 'egress-proxy:state': 'Error', 'egress-proxy:reason': 'AwsTransient: x', 'egress-proxy:since': ago(10), 'egress-proxy:retry': 'soon' }),
    ...healthy, want: [] },
  { name: 'opted out, Finalize failed transiently, hub down: still retried (finalizing needs no hub)',
    ctx: { hub: { ok: false, problem: 'gone' }, proxy: undefined },
    tags: readyTags({ egress: 'off' }, { 'egress-proxy:state': 'Error', 'egress-proxy:reason': 'AwsTransient: DeleteVpcEndpoints', 'egress-proxy:since': ago(3), 'egress-proxy:retry': `attempt=1 next=${new Date(NOW + 60_000).toISOString()}` }),
    ...healthy, want: ['ErrorRetry'] },
  { name: 'Error with two owned endpoints, one matching the spec: the extra one is drift now',
    tags: readyTags({ egress: 'proxy', 'egress:subnets': SUBNET_A }, { 'egress-proxy:state': 'Error', 'egress-proxy:reason': 'AccessDenied: x', 'egress-proxy:since': ago(20) }, GEN.subnetA),
    ...healthy, endpoints: [endpoint({ subnetIds: [SUBNET_A, SUBNET_B] }), endpoint({ id: 'vpce-0bbbbbbbbbbbbbbb2', subnetIds: [SUBNET_A], createdAt: ago(5) })],
    want: ['WrongSubnets'] },
  { name: 'Error with one endpoint being replaced and no match yet: nothing to delete, waits',
    tags: readyTags({ egress: 'proxy', 'egress:subnets': SUBNET_A }, { 'egress-proxy:state': 'Error', 'egress-proxy:reason': 'AccessDenied: x', 'egress-proxy:since': ago(20) }, GEN.subnetA),
    ...healthy, want: [] },
];

describe('vpcDrift', () => {
  it.each(cases)('$name', (c) => {
    const associations = new Map((c.associations ?? []).map((a) => [a.endpointId, a]));
    const d = vpcDrift(vpc(c.tags), { endpoints: c.endpoints ?? [], groups: c.groups ?? [] }, associations, ctx(c.ctx));
    expect(d.drift.map((x) => x.kind)).toEqual(c.want);
    for (const x of d.drift) expect(x.detail.length).toBeGreaterThan(0);
  });

  it('names the generation of the current tags and the last execution', () => {
    const d = vpcDrift(vpc(readyTags()), { endpoints: [], groups: [] }, new Map(), ctx());
    expect(d).toMatchObject({ vpcId: VPC, generation: GEN.optedIn, state: 'Ready', lastExecution: 'vpc-0aaaaaaaaaaaaaaa1-x-t1' });
  });
});

describe('fleetDrift', () => {
  const snapshot = (over: Partial<FleetSnapshot>): FleetSnapshot => ({
    account: '111122223333', region: 'us-east-1', vpcs: [], endpoints: [], groups: [], associations: [], ...over,
  });

  it('orphans: owned resources whose VPC the scan did not return are named by their owner', () => {
    const gone = 'vpc-0ddddddddddddddd4';
    const out = fleetDrift(snapshot({
      vpcs: [vpc(readyTags())], ...healthy,
      endpoints: [endpoint(), endpoint({ id: 'vpce-0ddddddddddddddd4', owner: gone, vpcId: gone })],
      groups: [group(), group({ id: 'sg-0ddddddddddddddd4', owner: gone, vpcId: gone })],
    }), ctx());
    expect(out.map((d) => [d.vpcId, d.drift.map((x) => x.kind)])).toEqual([[VPC, []], [gone, ['Orphaned']]]);
    expect(out[1].drift[0].detail).toContain('vpce-0ddddddddddddddd4');
  });

  it('an orphan endpoint already deleting is not work', () => {
    const gone = 'vpc-0ddddddddddddddd4';
    const out = fleetDrift(snapshot({ endpoints: [endpoint({ owner: gone, vpcId: gone, state: 'Deleting' })] }), ctx());
    expect(out).toEqual([]);
  });

  it('resources are matched to VPCs by the owner tag, not by the VPC they sit in', () => {
    const out = fleetDrift(snapshot({ vpcs: [vpc(readyTags())], ...healthy, endpoints: [endpoint({ vpcId: 'vpc-0eeeeeeeeeeeeeee5' })] }), ctx());
    expect(out[0].drift).toEqual([]);
  });
});

describe('sweepExecutionName', () => {
  const PERIOD = 15 * 60_000;
  const d = { vpcId: VPC, generation: GEN.optedIn, lastExecution: 'x', drift: [{ kind: 'EndpointMissing' as const, detail: 'gone' }] };
  const start = Math.floor(NOW / PERIOD) * PERIOD;

  it('two overlapping sweeps that see the same drift agree on the name', () => {
    expect(sweepExecutionName(d, start + 1000, PERIOD)).toBe(sweepExecutionName(d, start + 60_000, PERIOD));
  });
  it('is a valid execution name the CLI can attribute to the VPC and the sweep', () => {
    const name = sweepExecutionName(d, start, PERIOD);
    expect(name).toMatch(/^vpc-0aaaaaaaaaaaaaaa1-[0-9a-f]{10}-s[0-9a-f]{8}$/);
    expect(name.length).toBeLessThanOrEqual(80);
  });
  it('differs for other drift, another last execution, or the next period (drift back after a repair)', () => {
    const base = sweepExecutionName(d, start, PERIOD);
    expect(sweepExecutionName({ ...d, drift: [{ kind: 'EndpointFailed', detail: 'gone' }] }, start, PERIOD)).not.toBe(base);
    expect(sweepExecutionName({ ...d, lastExecution: 'y' }, start, PERIOD)).not.toBe(base);
    expect(sweepExecutionName(d, start + PERIOD, PERIOD)).not.toBe(base);
  });
});
