import { decideStatus, reasonOf, type StatusChange } from '../../../../handlers/lib/plan/status';
import { applyChange, diffTags } from '../../../../handlers/lib/plan/status-tags';
import type { Observed, WorkflowState } from '../../../../handlers/lib/workflow-state';

const observed = (over: Partial<Observed> = {}): Observed => ({
  vpcId: 'vpc-0123456789abcdef0', exists: true, desired: 'present', spec: { optedIn: true, deletionPolicy: 'delete' },
  generation: 'abcdef0123', cidrs: ['10.0.0.0/16'], statusTags: {}, listOwned: true,
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

describe('the requeue tag (egress-proxy:retry)', () => {
  const PERIOD = 15 * 60_000;
  const transient = { Error: 'AwsTransient', Cause: 'DeleteVpcEndpoints: IncorrectState: pending' };
  it('a transient Error starts the backoff: attempt 1, due one sweep period later', () => {
    const d = decideStatus({ ...base, error: transient }, { sweepPeriodMs: PERIOD });
    expect(after(READY_TAGS, d.change)!['egress-proxy:retry']).toBe('attempt=1 next=2026-11-26T00:15:00Z');
  });
  it('a transient Error again (same spec) doubles the wait', () => {
    const d = decideStatus({ ...base, error: { Error: 'Lambda.ServiceException', Cause: 'x' } }, { sweepPeriodMs: PERIOD });
    const current = { ...READY_TAGS, 'egress-proxy:state': 'Error', 'egress-proxy:retry': 'attempt=1 next=2026-11-25T23:50:00Z' };
    expect(after(current, d.change)!['egress-proxy:retry']).toBe('attempt=2 next=2026-11-26T00:30:00Z');
  });
  it('without a configured period the Operator stack\'s 15 minutes are used', () => {
    expect(after(READY_TAGS, decideStatus({ ...base, error: transient }).change)!['egress-proxy:retry']).toBe('attempt=1 next=2026-11-26T00:15:00Z');
  });
  it.each([
    ['a terminal Error', { Error: 'InvalidSpec', Cause: 'bad' }],
    ['an ownership conflict', { Error: 'OwnershipConflict', Cause: 'foreign group' }],
    ['Degraded (the proxy check)', { Error: 'ProxyCheckFailed', Cause: 'ProxyUnreachable: refused' }],
  ])('%s removes it: the sweep does not requeue with backoff', (_name, error) => {
    const current = { ...READY_TAGS, 'egress-proxy:state': 'Error', 'egress-proxy:retry': 'attempt=2 next=2026-11-25T23:50:00Z' };
    expect(after(current, decideStatus({ ...base, error }, { sweepPeriodMs: PERIOD }).change)!['egress-proxy:retry']).toBeUndefined();
  });
  it('Ready removes it', () => {
    const current = { ...READY_TAGS, 'egress-proxy:state': 'Error', 'egress-proxy:retry': 'attempt=2 next=2026-11-25T23:50:00Z' };
    const d = decideStatus({ ...base, observed: observed(), endpoint: { endpointId: 'vpce-1', proxyHost: 'vpce-1.rcfg.on.aws' } });
    expect(after(current, d.change)!['egress-proxy:retry']).toBeUndefined();
  });
  it('the Deleting mark (a patch without retry) keeps it, so a failing opt-out keeps backing off', () => {
    const current = { ...READY_TAGS, 'egress-proxy:state': 'Error', 'egress-proxy:retry': 'attempt=2 next=2026-11-25T23:50:00Z' };
    expect(after(current, { kind: 'patch', set: { 'egress-proxy:state': 'Deleting' } })!['egress-proxy:retry']).toBe('attempt=2 next=2026-11-25T23:50:00Z');
  });
});

describe('opted out by a value that is not accepted', () => {
  const note = 'NotOptedIn: egress="off" is not accepted; egress=proxy (any case) opts in, any other value or no tag opts out';
  it('leaves only the reason saying so (no state, generation, since or execution: nothing for the sweep to chase)', () => {
    const d = decideStatus({ ...base, observed: observed({ desired: 'absent', spec: { optedIn: false, deletionPolicy: 'delete', optOutNote: note } }),
      finalized: { deletedEndpoints: ['vpce-1'], deletedSecurityGroups: ['sg-1'], retained: [] } });
    expect(after(READY_TAGS, d.change)).toEqual({ 'egress-proxy:reason': note });
  });
  it('with retain, the retained address stays beside it', () => {
    const d = decideStatus({ ...base, observed: observed({ desired: 'absent', spec: { optedIn: false, deletionPolicy: 'retain', optOutNote: note } }),
      finalized: { deletedEndpoints: [], deletedSecurityGroups: [], retained: ['vpce-1', 'sg-1'] } });
    expect(after(READY_TAGS, d.change)).toEqual({ 'egress-proxy:reason': note, 'egress-proxy': READY_TAGS['egress-proxy'], 'egress-proxy:endpoint': 'vpce-1' });
  });
});

describe('a replaced endpoint that could not be retired', () => {
  it('stays Ready (the verified successor serves), with the retire failure in the reason', () => {
    const d = decideStatus({
      ...base, observed: observed(), endpoint: { endpointId: 'vpce-2', proxyHost: 'vpce-2.rcfg.on.aws', retire: ['vpce-1'] },
      retireError: { Error: 'AwsTransient', Cause: JSON.stringify({ errorMessage: 'DeleteVpcEndpoints: IncorrectState: vpce-1 is pending' }) },
    });
    expect(d).toMatchObject({ state: 'Ready', failed: false });
    expect(d.reason).toBe('ProxyReachable: CONNECT through the proxy succeeded; retiring the replaced endpoint failed, the sweep retries: AwsTransient: DeleteVpcEndpoints: IncorrectState: vpce-1 is pending');
    expect(after(READY_TAGS, d.change)).toMatchObject({ 'egress-proxy:state': 'Ready', 'egress-proxy:endpoint': 'vpce-2', 'egress-proxy': 'http://vpce-2.rcfg.on.aws:3128' });
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
