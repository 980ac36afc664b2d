import { desiredIngress, planIngress, rulesOf, toIpPermissions } from '../../../handlers/lib/plan-security-group';

const rule = (cidr: string, port = 3128) => ({ protocol: 'tcp', fromPort: port, toPort: port, cidr });

describe('planIngress', () => {
  it.each([
    ['new group gets one rule per CIDR', [], { authorize: [rule('10.0.0.0/16'), rule('2600:1f18::/56')], revoke: [] }],
    ['matching group needs nothing', [rule('10.0.0.0/16'), rule('2600:1f18::/56')], { authorize: [], revoke: [] }],
    ['hand-added rule is revoked', [rule('10.0.0.0/16'), rule('2600:1f18::/56'), rule('0.0.0.0/0', 22)], { authorize: [], revoke: [rule('0.0.0.0/0', 22)] }],
    ['changed port is replaced', [rule('10.0.0.0/16', 8080), rule('2600:1f18::/56')], { authorize: [rule('10.0.0.0/16')], revoke: [rule('10.0.0.0/16', 8080)] }],
  ])('%s', (_name, observed, plan) => {
    expect(planIngress(desiredIngress(['2600:1f18::/56', '10.0.0.0/16', '10.0.0.0/16'], 3128), observed)).toEqual(plan);
  });

  it('round-trips EC2 IpPermissions, and sees group references as drift', () => {
    const rules = [rule('10.0.0.0/16'), rule('2600:1f18::/56')];
    expect(rulesOf(toIpPermissions(rules))).toEqual(rules);
    const withGroup = rulesOf([{ IpProtocol: 'tcp', FromPort: 3128, ToPort: 3128, UserIdGroupPairs: [{ GroupId: 'sg-1' }] }]);
    expect(planIngress([], withGroup).revoke).toHaveLength(1);
  });
});
