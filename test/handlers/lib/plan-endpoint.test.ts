import { chooseSubnets, clientToken, planEndpoint } from '../../../handlers/lib/plan-endpoint';
import type { ObservedEndpoint } from '../../../handlers/lib/workflow-state';

const CONFIG = 'arn:aws:vpc-lattice:us-east-1:123456789012:resourceconfiguration/rcfg-0123456789abcdef0';
const desired = { resourceConfigurationArn: CONFIG, subnetIds: ['subnet-a', 'subnet-b'], securityGroupIds: ['sg-1'] };
const endpoint = (id: string, over: Partial<ObservedEndpoint> = {}): ObservedEndpoint => ({
  id, state: 'Available', subnetIds: ['subnet-b', 'subnet-a'], securityGroupIds: ['sg-1'],
  resourceConfigurationArn: CONFIG, createdAt: `2026-01-0${id.slice(-1)}T00:00:00.000Z`, ...over,
});

describe('planEndpoint', () => {
  it.each([
    ['nothing there: create', [], { create: true, delete: [] }],
    ['matching available endpoint: keep', [endpoint('vpce-1')], { keep: 'vpce-1', create: false, delete: [] }],
    ['pending counts as live, any casing', [endpoint('vpce-1', { state: 'pending' })], { keep: 'vpce-1', create: false, delete: [] }],
    ['duplicates: oldest kept', [endpoint('vpce-3'), endpoint('vpce-1'), endpoint('vpce-2')], { keep: 'vpce-1', create: false, delete: ['vpce-2', 'vpce-3'] }],
    ['failed endpoint: replaced', [endpoint('vpce-1', { state: 'Failed' })], { create: true, delete: ['vpce-1'] }],
    ['wrong subnets: replaced', [endpoint('vpce-1', { subnetIds: ['subnet-a'] })], { create: true, delete: ['vpce-1'] }],
    ['wrong security group: replaced', [endpoint('vpce-1', { securityGroupIds: ['sg-9'] })], { create: true, delete: ['vpce-1'] }],
    ['other configuration: replaced', [endpoint('vpce-1', { resourceConfigurationArn: `${CONFIG}x` })], { create: true, delete: ['vpce-1'] }],
    ['already deleting: left alone', [endpoint('vpce-1', { state: 'Deleting' })], { create: true, delete: [] }],
  ])('%s', (_name, observed, expected) => {
    const plan = planEndpoint(desired, observed);
    expect({ keep: plan.keep, create: plan.create, delete: plan.delete }).toEqual({ keep: undefined, ...expected });
    for (const id of plan.delete) expect(plan.reasons[id]).toBeTruthy();
  });
});

it('marks which deletions still serve, so a replacement can wait for its successor', () => {
  const plan = planEndpoint(desired, [endpoint('vpce-1', { subnetIds: ['subnet-a'] }), endpoint('vpce-2', { state: 'Failed' })]);
  expect(plan).toMatchObject({ create: true, delete: ['vpce-1', 'vpce-2'], serving: ['vpce-1'] });
});

describe('chooseSubnets', () => {
  const subnets = [
    { id: 'subnet-a2', azId: 'use1-az1' }, { id: 'subnet-a1', azId: 'use1-az1', mapPublicIpOnLaunch: true },
    { id: 'subnet-b1', azId: 'use1-az2' }, { id: 'subnet-z1', azId: 'use1-az9' },
  ];
  const served = ['use1-az1', 'use1-az2', 'use1-az4'];

  it('picks one private-looking subnet per served AZ', () => {
    expect(chooseSubnets(subnets, served)).toEqual({ ok: true, subnetIds: ['subnet-a2', 'subnet-b1'] });
  });
  it.each([
    ['a subnet of another VPC', ['subnet-q'], /subnet-q, not subnets of this VPC/],
    ['two subnets in one AZ', ['subnet-a1', 'subnet-a2'], /more than one subnet in use1-az1/],
    ['no served AZ', ['subnet-z1'], /none of egress:subnets is in an AZ the proxy serves/],
  ])('refuses requested subnets: %s', (_name, requested, problem) => {
    const choice = chooseSubnets(subnets, served, requested);
    expect(choice.ok).toBe(false);
    if (!choice.ok) expect(choice.problem).toMatch(problem);
  });
  it('accepts requested subnets when one is served', () => {
    expect(chooseSubnets(subnets, served, ['subnet-z1', 'subnet-b1'])).toEqual({ ok: true, subnetIds: ['subnet-b1', 'subnet-z1'] });
  });
  it('says so when the VPC has no subnet in a served AZ', () => {
    expect(chooseSubnets([{ id: 's', azId: 'use1-az9' }], served)).toMatchObject({ ok: false, problem: expect.stringMatching(/no subnet in an AZ the proxy serves/) });
  });
});

describe('clientToken', () => {
  it('is stable for the same inputs and differs with generation or salt', () => {
    const t = clientToken('vpc-1', desired, 'g1');
    expect(t).toHaveLength(32);
    expect(clientToken('vpc-1', desired, 'g1')).toBe(t);
    expect(clientToken('vpc-1', desired, 'g2')).not.toBe(t);
    expect(clientToken('vpc-1', desired, 'g1', 'exec')).not.toBe(t);
  });
});
