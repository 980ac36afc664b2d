/** The security group planner, table-driven: one owned group, the proxy port from the VPC's CIDRs only. */
import { planSecurityGroup } from '../../../../handlers/lib/plan/security-group';
import { rulesOf, toIpPermissions } from '../../../../handlers/lib/aws/owned';

const rule = (cidr: string, port = 3128) => ({ protocol: 'tcp', fromPort: port, toPort: port, cidr });
const v4 = rule('10.0.0.0/16');
const v6 = rule('2600:1f18::/56');
const groupRef = { protocol: 'tcp', fromPort: 3128, toPort: 3128, cidr: 'group:{"GroupId":"sg-0123456789abcdef1"}' };
const prefixList = { protocol: 'tcp', fromPort: 3128, toPort: 3128, cidr: 'prefix-list:{"PrefixListId":"pl-0123456789abcdef0"}' };
const spec = { cidrs: ['2600:1f18::/56', '10.0.0.0/16', '10.0.0.0/16'], port: 3128 };

describe('planSecurityGroup', () => {
  it.each([
    ['no owned group: create it, then one rule per CIDR', [], { actions: [{ kind: 'CreateSecurityGroup' }, { kind: 'AuthorizeIngress', rules: [v4, v6] }] }],
    ['matching group needs nothing', [{ id: 'sg-1', rules: [v4, v6] }], { groupId: 'sg-1', actions: [] }],
    ['hand-added CIDR rule is revoked', [{ id: 'sg-1', rules: [v4, v6, rule('0.0.0.0/0', 22)] }],
      { groupId: 'sg-1', actions: [{ kind: 'RevokeIngress', rules: [rule('0.0.0.0/0', 22)] }] }],
    ['changed port is put back', [{ id: 'sg-1', rules: [rule('10.0.0.0/16', 8080), v6] }],
      { groupId: 'sg-1', actions: [{ kind: 'AuthorizeIngress', rules: [v4] }, { kind: 'RevokeIngress', rules: [rule('10.0.0.0/16', 8080)] }] }],
    ['a rule naming another security group is left alone', [{ id: 'sg-1', rules: [v4, v6, groupRef] }], { groupId: 'sg-1', actions: [] }],
    ['a rule naming a prefix list is left alone', [{ id: 'sg-1', rules: [v4, v6, prefixList] }], { groupId: 'sg-1', actions: [] }],
    ['two owned groups: the lowest ID is the one', [{ id: 'sg-2', rules: [] }, { id: 'sg-1', rules: [v4, v6] }], { groupId: 'sg-1', actions: [] }],
  ])('%s', (_name, groups, plan) => {
    expect(planSecurityGroup(groups, spec)).toEqual(plan);
  });
});

describe('EC2 rule mapping', () => {
  it('round-trips our CIDR rules through IpPermissions', () => {
    expect(rulesOf(toIpPermissions([v4, v6]))).toEqual([v4, v6]);
  });
  it('marks rules that reference a group or a prefix list', () => {
    expect(rulesOf([{ IpProtocol: 'tcp', FromPort: 3128, ToPort: 3128, UserIdGroupPairs: [{ GroupId: 'sg-0123456789abcdef1' }], PrefixListIds: [{ PrefixListId: 'pl-0123456789abcdef0' }] }]))
      .toEqual([groupRef, prefixList]);
  });
});
