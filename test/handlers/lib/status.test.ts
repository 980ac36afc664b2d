import { applyChange, decideStatus, diffTags, reasonOf, StatusChange } from '../../../handlers/lib/status';
import type { Observed, WorkflowState } from '../../../handlers/lib/workflow-state';

const observed = (over: Partial<Observed> = {}): Observed => ({
  vpcId: 'vpc-0123456789abcdef0', exists: true, desired: 'present', spec: { optedIn: true, deletionPolicy: 'delete' },
  generation: 'abcdef0123', cidrs: ['10.0.0.0/16'], statusTags: {}, ownedEndpoints: [], ownedSecurityGroupIds: [],
  hub: { resourceConfigurationArn: 'arn:rcfg', proxyHost: '10.9.0.10', proxyPort: 3128, gatewayAzIds: ['use1-az1'] },
  ...over,
});
const base: WorkflowState = { vpcId: 'vpc-0123456789abcdef0' };
const READY_TAGS = {
  'egress-proxy': 'http://vpce-1.on.aws:3128', 'egress-proxy:endpoint': 'vpce-1', 'egress-proxy:state': 'Ready',
  'egress-proxy:reason': 'ProxyReachable: CONNECT through the proxy succeeded', 'egress-proxy:generation': 'abcdef0123',
  'egress-proxy:since': '2026-01-01T00:00:00.000Z', 'egress-proxy:execution': 'run-1',
};
const NOW = new Date('2026-11-26T00:00:00.000Z');
const after = (current: Record<string, string>, change: StatusChange) => applyChange(current, change, { generation: 'abcdef0123', now: NOW });

describe('decideStatus', () => {
  it('Ready replaces the status with the proxy URL, endpoint and overlaps', () => {
    const d = decideStatus({
      ...base, observed: observed(), overlaps: { count: 2, overlapsWith: ['vpc-a', 'vpc-b'], tag: '2: vpc-a vpc-b' },
      endpoint: { endpointId: 'vpce-1', proxyHost: 'vpce-1.rcfg.on.aws' },
    });
    expect(d).toMatchObject({ state: 'Ready', failed: false });
    expect(d.change).toEqual({
      kind: 'replace',
      tags: {
        'egress-proxy': 'http://vpce-1.rcfg.on.aws:3128', 'egress-proxy:state': 'Ready', 'egress-proxy:endpoint': 'vpce-1',
        'egress-proxy:overlaps': '2: vpc-a vpc-b', 'egress-proxy:reason': expect.stringMatching(/^ProxyReachable: /),
      },
    });
  });

  it.each([
    ['proxy check failure is Degraded with the probe reason', { Error: 'ProxyCheckFailed', Cause: JSON.stringify({ errorType: 'ProxyCheckFailed', errorMessage: 'ProxyUnreachable: connection refused' }) }, 'Degraded', 'ProxyUnreachable: connection refused'],
    ['hub problem is Error', { Error: 'HubUnavailable', Cause: 'resource configuration is gone' }, 'Error', 'HubUnavailable: resource configuration is gone'],
    ['bad spec is Error', { Error: 'InvalidSpec', Cause: '{"errorMessage":"egress:subnets holds \\"x\\""}' }, 'Error', 'InvalidSpec: egress:subnets holds "x"'],
    ['retries exhausted is Error', { Error: 'EndpointNotReady', Cause: 'endpoint vpce-1 is Pending' }, 'Error', 'EndpointNotReady: endpoint vpce-1 is Pending'],
  ])('%s, and keeps the address of an endpoint that still serves', (_name, error, state, reason) => {
    const d = decideStatus({ ...base, error });
    expect(d).toMatchObject({ state, reason, failed: true });
    const tags = after(READY_TAGS, d.change)!;
    expect(tags).toMatchObject({ 'egress-proxy': READY_TAGS['egress-proxy'], 'egress-proxy:endpoint': 'vpce-1', 'egress-proxy:state': state, 'egress-proxy:reason': reason });
    expect(tags['egress-proxy:generation']).toBe('abcdef0123');
    expect(tags['egress-proxy:since']).toBe(NOW.toISOString());
  });

  it('an opt-out stopped by a referenced security group drops the dead address', () => {
    const d = decideStatus({ ...base, observed: observed({ desired: 'absent' }), error: { Error: 'SecurityGroupInUse', Cause: 'referenced' } });
    const tags = after(READY_TAGS, d.change)!;
    expect(tags['egress-proxy']).toBeUndefined();
    expect(tags['egress-proxy:state']).toBe('Error');
  });

  it('a finalized VPC loses its status; with retain it keeps the address of the retained endpoint', () => {
    const done = { deletedEndpoints: ['vpce-1'], deletedSecurityGroups: [], retained: [] };
    expect(after(READY_TAGS, decideStatus({ ...base, observed: observed({ desired: 'absent' }), finalized: done }).change)).toEqual({});
    const kept = decideStatus({ ...base, observed: observed({ desired: 'absent' }), finalized: { ...done, retained: ['vpce-1', 'sg-1'] } });
    expect(after(READY_TAGS, kept.change)).toEqual({ 'egress-proxy': READY_TAGS['egress-proxy'], 'egress-proxy:endpoint': 'vpce-1' });
  });

  it.each([
    ['the VPC is gone', { Error: 'VpcGone', Cause: 'gone' }],
    ['a newer spec superseded the run', { Error: 'Superseded', Cause: 'newer' }],
  ])('writes nothing when %s', (_name, error) => {
    const d = decideStatus({ ...base, error });
    expect(d).toEqual({ change: { kind: 'skip' }, failed: false });
    expect(after(READY_TAGS, d.change)).toBeUndefined();
  });
});

describe('applyChange', () => {
  it('keeps since while the state stays, and leaves the execution to the writer', () => {
    const tags = after(READY_TAGS, { kind: 'patch', set: { 'egress-proxy:reason': READY_TAGS['egress-proxy:reason'] } })!;
    expect(diffTags(READY_TAGS, tags)).toEqual({ set: {}, remove: [] });
  });
});

describe('reasonOf', () => {
  it('fits 256 characters and flattens whitespace', () => {
    const r = reasonOf({ Error: 'AwsFailure', Cause: `a\n\n${'x'.repeat(400)}` });
    expect(r.length).toBe(256);
    expect(r).toMatch(/^AwsFailure: a x+…$/);
  });
});

describe('diffTags', () => {
  it.each([
    ['nothing changed', { a: '1' }, { a: '1' }, { set: {}, remove: [] }],
    ['changed and new keys are set', { a: '1' }, { a: '2', b: '3' }, { set: { a: '2', b: '3' }, remove: [] }],
    ['vanished keys are removed', { a: '1', b: '2' }, { a: '1' }, { set: {}, remove: ['b'] }],
    ['empty desired removes everything', { a: '1', b: '2' }, {}, { set: {}, remove: ['a', 'b'] }],
  ])('%s', (_name, current, desired, diff) => {
    expect(diffTags(current, desired)).toEqual(diff);
  });
});
