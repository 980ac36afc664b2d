import { decideStatus, diffTags, reasonOf } from '../../../handlers/lib/status';
import type { Observed, WorkflowState } from '../../../handlers/lib/workflow-state';

const observed = (over: Partial<Observed> = {}): Observed => ({
  vpcId: 'vpc-0123456789abcdef0', exists: true, desired: 'present', spec: { optedIn: true, deletionPolicy: 'delete' },
  generation: 'abcdef0123', cidrs: ['10.0.0.0/16'], statusTags: {}, ownedEndpoints: [], ownedSecurityGroupIds: [],
  hub: { resourceConfigurationArn: 'arn:rcfg', proxyHost: '10.9.0.10', proxyPort: 3128, gatewayAzIds: ['use1-az1'] },
  ...over,
});
const base: WorkflowState = { vpcId: 'vpc-0123456789abcdef0' };

describe('decideStatus', () => {
  it('Ready carries the proxy URL, endpoint, overlaps and generation', () => {
    const d = decideStatus({
      ...base, observed: observed(), overlaps: { count: 2, overlapsWith: ['vpc-a', 'vpc-b'], tag: '2: vpc-a vpc-b' },
      endpoint: { endpointId: 'vpce-1', proxyHost: 'vpce-1.rcfg.on.aws' },
    });
    expect(d).toMatchObject({ state: 'Ready', failed: false });
    expect(d.tags).toMatchObject({
      'egress-proxy': 'http://vpce-1.rcfg.on.aws:3128', 'egress-proxy:state': 'Ready', 'egress-proxy:endpoint': 'vpce-1',
      'egress-proxy:overlaps': '2: vpc-a vpc-b', 'egress-proxy:generation': 'abcdef0123',
    });
    expect(d.tags['egress-proxy:reason']).toMatch(/^ProxyReachable: /);
  });

  it.each([
    ['proxy check failure is Degraded with the probe reason', { Error: 'ProxyCheckFailed', Cause: JSON.stringify({ errorType: 'ProxyCheckFailed', errorMessage: 'ProxyUnreachable: connection refused' }) }, 'Degraded', 'ProxyUnreachable: connection refused'],
    ['hub problem is Error', { Error: 'HubUnavailable', Cause: 'resource configuration is gone' }, 'Error', 'HubUnavailable: resource configuration is gone'],
    ['bad spec is Error', { Error: 'InvalidSpec', Cause: '{"errorMessage":"egress:subnets holds \\"x\\""}' }, 'Error', 'InvalidSpec: egress:subnets holds "x"'],
    ['retries exhausted is Error', { Error: 'EndpointNotReady', Cause: 'endpoint vpce-1 is Pending' }, 'Error', 'EndpointNotReady: endpoint vpce-1 is Pending'],
  ])('%s', (_name, error, state, reason) => {
    const d = decideStatus({ ...base, observed: observed({ statusTags: { 'egress-proxy': 'http://old:3128' } }), error });
    expect(d).toMatchObject({ state, reason, failed: true });
    expect(d.tags['egress-proxy']).toBe('http://old:3128');
  });

  it('a finalized VPC and a vanished VPC have no status', () => {
    expect(decideStatus({ ...base, observed: observed({ desired: 'absent' }), finalized: { deletedEndpoints: [], deletedSecurityGroups: [], retained: [] } }))
      .toEqual({ tags: {}, failed: false });
    expect(decideStatus({ ...base, error: { Error: 'VpcGone', Cause: 'gone' } })).toEqual({ tags: {}, failed: false });
  });

  it('a failure before Observe still yields an Error status', () => {
    expect(decideStatus({ ...base, error: { Error: 'AccessDenied', Cause: 'nope' } })).toMatchObject({ state: 'Error', failed: true });
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
