/** The endpoint planner and the subnet choice, table-driven. */
import { clientToken, planEndpoint } from '../../../../handlers/lib/plan/endpoint';
import type { ObservedEndpoint } from '../../../../handlers/lib/workflow-state';

const CONFIG = 'arn:aws:vpc-lattice:us-east-1:123456789012:resourceconfiguration/rcfg-0123456789abcdef0';
const desired = { resourceConfigurationArn: CONFIG, subnetIds: ['subnet-a', 'subnet-b'], securityGroupIds: ['sg-1'] };
const endpoint = (id: string, over: Partial<ObservedEndpoint> = {}): ObservedEndpoint => ({
  id, state: 'Available', subnetIds: ['subnet-b', 'subnet-a'], securityGroupIds: ['sg-1'],
  resourceConfigurationArn: CONFIG, createdAt: `2026-01-0${id.slice(-1)}T00:00:00.000Z`, ...over,
});
const create = { kind: 'CreateEndpoint' };
const del = (...ids: string[]) => ({ kind: 'DeleteEndpoints', ids });
const retire = (...ids: string[]) => ({ kind: 'RetireAfterVerify', ids });

describe('planEndpoint', () => {
  it.each([
    ['nothing there: create', [], undefined, [create], {}],
    ['matching available endpoint: keep, nothing to do', [endpoint('vpce-1')], 'vpce-1', [], {}],
    ['pending counts as live, any casing', [endpoint('vpce-1', { state: 'pending' })], 'vpce-1', [], {}],
    ['duplicates: the oldest is kept, the rest deleted now', [endpoint('vpce-3'), endpoint('vpce-1'), endpoint('vpce-2')], 'vpce-1',
      [del('vpce-2', 'vpce-3')], { 'vpce-2': 'duplicate', 'vpce-3': 'duplicate' }],
    ['failed endpoint: deleted now, a new one created', [endpoint('vpce-1', { state: 'Failed' })], undefined, [del('vpce-1'), create], { 'vpce-1': 'failed' }],
    ['wrong subnets: replaced, the old one retired after the new one is verified', [endpoint('vpce-1', { subnetIds: ['subnet-a'] })], undefined,
      [create, retire('vpce-1')], { 'vpce-1': 'mismatch' }],
    ['wrong security group: replaced', [endpoint('vpce-1', { securityGroupIds: ['sg-9'] })], undefined, [create, retire('vpce-1')], { 'vpce-1': 'mismatch' }],
    ['other configuration: replaced', [endpoint('vpce-1', { resourceConfigurationArn: `${CONFIG}x` })], undefined, [create, retire('vpce-1')], { 'vpce-1': 'mismatch' }],
    ['already deleting: left alone', [endpoint('vpce-1', { state: 'Deleting' })], undefined, [create], {}],
    ['a mismatched one next to a matching one: deleted now', [endpoint('vpce-1', { subnetIds: ['subnet-a'] }), endpoint('vpce-2')], 'vpce-2',
      [del('vpce-1')], { 'vpce-1': 'mismatch' }],
    ['failed and mismatched while replacing: failed now, mismatched later', [endpoint('vpce-1', { subnetIds: ['subnet-a'] }), endpoint('vpce-2', { state: 'Rejected' })], undefined,
      [del('vpce-2'), create, retire('vpce-1')], { 'vpce-1': 'mismatch', 'vpce-2': 'failed' }],
  ])('%s', (_name, observed, keep, actions, why) => {
    const plan = planEndpoint(desired, observed);
    expect(plan.keep).toBe(keep);
    expect(plan.actions).toEqual(actions);
    expect(Object.fromEntries(Object.entries(plan.reasons).map(([id, r]) => [id, r.why]))).toEqual(why);
  });

  it.each([
    ['the serving one (named by the status) waits for the successor; the unverified earlier replacement goes now', 'vpce-1',
      [del('vpce-2'), create, retire('vpce-1')]],
    ['the status names the earlier replacement: it is the one that waits', 'vpce-2', [del('vpce-1'), create, retire('vpce-2')]],
    ['no status: the available one waits, the pending one goes now', undefined, [del('vpce-2'), create, retire('vpce-1')]],
  ])('spec changed twice quickly, two live endpoints both outdated: %s (never more than two live)', (_name, serving, actions) => {
    const observed = [endpoint('vpce-1', { subnetIds: ['subnet-a'] }), endpoint('vpce-2', { subnetIds: ['subnet-b'], state: 'Pending' })];
    expect(planEndpoint(desired, observed, serving).actions).toEqual(actions);
  });

  it('names what differs', () => {
    const plan = planEndpoint(desired, [endpoint('vpce-1', { subnetIds: ['subnet-a'], securityGroupIds: ['sg-9'] })]);
    expect(plan.reasons['vpce-1']).toEqual({ why: 'mismatch', differs: ['subnets', 'securityGroups'], detail: 'vpce-1: subnets, securityGroups differ from the spec' });
  });

  it('the sweep leaves placement and group open when it cannot know them', () => {
    const plan = planEndpoint({ resourceConfigurationArn: CONFIG }, [endpoint('vpce-1', { subnetIds: ['subnet-z'], securityGroupIds: ['sg-9'] })]);
    expect(plan).toEqual({ keep: 'vpce-1', actions: [], reasons: {} });
  });
});

// chooseSubnets: test/handlers/lib/plan/spec-subnets.test.ts

describe('clientToken', () => {
  it('is stable for the same inputs and differs with generation or salt', () => {
    const t = clientToken('vpc-1', desired, 'g1');
    expect(t).toHaveLength(32);
    expect(clientToken('vpc-1', desired, 'g1')).toBe(t);
    expect(clientToken('vpc-1', desired, 'g2')).not.toBe(t);
    expect(clientToken('vpc-1', desired, 'g1', 'exec')).not.toBe(t);
  });
});
