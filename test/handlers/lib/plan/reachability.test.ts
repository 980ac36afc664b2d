/** The reachability planner: each project-side problem that breaks egress, with its own reason code. */
import { isTransientFailure } from '../../../../handlers/lib/plan/requeue';
import {
  firstDenial, planReachability, REACHABILITY_CODES, type AclEntry, type ReachabilityFacts,
} from '../../../../handlers/lib/plan/reachability';
import { rectOf } from '../../../../handlers/lib/plan/traffic-space';
import { fitTagValue } from '../../../../handlers/lib/tags';

const DEFAULT_ACL: AclEntry[] = [false, true].flatMap((egress) => [
  { ruleNumber: 100, protocol: '-1', ruleAction: 'allow', egress, cidrBlock: '0.0.0.0/0' },
  { ruleNumber: 32767, protocol: '-1', ruleAction: 'deny', egress, cidrBlock: '0.0.0.0/0' },
]);

function facts(over: Partial<ReachabilityFacts> = {}, extraAcl: AclEntry[] = []): ReachabilityFacts {
  return {
    vpcId: 'vpc-0123456789abcdef0',
    endpointId: 'vpce-0123456789abcdef0',
    proxyPort: 3128,
    vpcCidrs: ['10.1.0.0/16', '10.2.0.0/16', '2600:1f18::/56'],
    association: { accessibility: 'Accessible' },
    securityGroups: [{ groupId: 'sg-0123456789abcdef0', ingress: [{ protocol: 'tcp', fromPort: 3128, toPort: 3128, cidrs: ['10.1.0.0/16', '10.2.0.0/16'] }] }],
    subnetAcls: [
      { subnetId: 'subnet-0aaaaaaaaaaaaaaaa', aclId: 'acl-0aaaaaaaaaaaaaaaa', entries: DEFAULT_ACL },
      { subnetId: 'subnet-0bbbbbbbbbbbbbbbb', aclId: 'acl-0bbbbbbbbbbbbbbbb', entries: [...DEFAULT_ACL, ...extraAcl] },
    ],
    ...over,
  };
}

const deny = (ruleNumber: number, egress: boolean, cidrBlock: string, from: number, to: number): AclEntry =>
  ({ ruleNumber, protocol: '6', ruleAction: 'deny', egress, cidrBlock, portRange: { from, to } });

test('a default VPC path (default ACL, our group) has no problem; IPv6 blocks are ignored (the endpoint is IPv4)', () => {
  expect(planReachability(facts())).toBeUndefined();
});

test.each([
  ['Accessible'], ['accessible'], ['ACCESSIBLE'],
])('association %s counts as Accessible (any case)', (accessibility) => {
  expect(planReachability(facts({ association: { accessibility } }))).toBeUndefined();
});

test('association Inaccessible → EndpointNotAccessible naming the endpoint, the failure and where to look', () => {
  const p = planReachability(facts({ association: { accessibility: 'Inaccessible', failureReason: 'resource configuration is not available' } }));
  expect(p?.code).toBe('EndpointNotAccessible');
  expect(p?.message).toMatch(/^endpoint vpce-0123456789abcdef0 association is Inaccessible \(resource configuration is not available\): .*AVAILABLE.*shared/);
});

test('no association at all reads as missing', () => {
  expect(planReachability(facts({ association: {} }))?.message).toMatch(/association is missing/);
});

test('private DNS with enableDnsHostnames off → VpcDnsDisabled with the command; without private DNS the attributes are not judged', () => {
  const p = planReachability(facts({ dns: { enableDnsSupport: true, enableDnsHostnames: false } }));
  expect(p?.code).toBe('VpcDnsDisabled');
  expect(p?.message).toMatch(/modify-vpc-attribute --vpc-id vpc-0123456789abcdef0 --enable-dns-hostnames/);
  expect(planReachability(facts({ dns: { enableDnsSupport: true, enableDnsHostnames: true } }))).toBeUndefined();
});

describe('security groups (stateful, allow-only: the union must admit every VPC CIDR on the port)', () => {
  test('a CIDR missing → SecurityGroupBlocksProxyPort naming group, CIDR and the authorize command', () => {
    const p = planReachability(facts({ securityGroups: [{ groupId: 'sg-0123456789abcdef0', ingress: [{ protocol: 'tcp', fromPort: 3128, toPort: 3128, cidrs: ['10.1.0.0/16'] }] }] }));
    expect(p?.code).toBe('SecurityGroupBlocksProxyPort');
    expect(p?.message).toContain('from 10.2.0.0/16');
    expect(p?.message).toContain('authorize-security-group-ingress --group-id sg-0123456789abcdef0 --protocol tcp --port 3128 --cidr 10.2.0.0/16');
  });

  test.each([
    ['a wider CIDR and port range', [{ protocol: '6', fromPort: 0, toPort: 65535, cidrs: ['10.0.0.0/8'] }]],
    ['all traffic', [{ protocol: '-1', cidrs: ['0.0.0.0/0'] }]],
    ['two rules that together cover', [{ protocol: 'tcp', fromPort: 3128, toPort: 3128, cidrs: ['10.1.0.0/16'] }, { protocol: 'tcp', fromPort: 3000, toPort: 4000, cidrs: ['10.2.0.0/15'] }]],
  ])('%s admits', (_name, ingress) => {
    expect(planReachability(facts({ securityGroups: [{ groupId: 'sg-0123456789abcdef0', ingress }] }))).toBeUndefined();
  });

  test.each([
    ['the wrong port', [{ protocol: 'tcp', fromPort: 443, toPort: 443, cidrs: ['0.0.0.0/0'] }]],
    ['UDP on the port', [{ protocol: 'udp', fromPort: 3128, toPort: 3128, cidrs: ['0.0.0.0/0'] }]],
    ['half of a CIDR', [{ protocol: 'tcp', fromPort: 3128, toPort: 3128, cidrs: ['10.1.0.0/16', '10.2.0.0/17'] }]],
    ['no rules', []],
  ])('%s blocks', (_name, ingress) => {
    expect(planReachability(facts({ securityGroups: [{ groupId: 'sg-0123456789abcdef0', ingress }] }))?.code).toBe('SecurityGroupBlocksProxyPort');
  });
});

describe('network ACLs (stateless, first match by rule number, * denies the rest)', () => {
  test('a deny on the proxy port before the allow → NetworkAclBlocksProxyPort naming ACL, subnet, rule and a free number', () => {
    const p = planReachability(facts({}, [deny(90, false, '10.2.0.0/16', 3128, 3128)]));
    expect(p?.code).toBe('NetworkAclBlocksProxyPort');
    expect(p?.message).toBe('acl-0bbbbbbbbbbbbbbbb on subnet-0bbbbbbbbbbbbbbbb: rule 90 denies TCP 3128 in from 10.2.0.0/16; allow it below rule 90 (create-network-acl-entry --ingress --rule-number 89)');
  });

  test('a deny after the allow changes nothing (first match wins)', () => {
    expect(planReachability(facts({}, [deny(200, false, '0.0.0.0/0', 0, 65535)]))).toBeUndefined();
  });

  test('a deny of part of a CIDR names the part', () => {
    const p = planReachability(facts({}, [deny(50, false, '10.1.128.0/17', 3000, 4000)]));
    expect(p?.message).toMatch(/rule 50 denies TCP 3128 in from 10\.1\.128\.0–10\.1\.255\.255;/);
  });

  test('ephemeral ports denied outbound → NetworkAclBlocksReturnTraffic, saying which ports and that ACLs are stateless', () => {
    const p = planReachability(facts({}, [deny(95, true, '10.1.0.0/16', 32768, 65535)]));
    expect(p?.code).toBe('NetworkAclBlocksReturnTraffic');
    expect(p?.message).toBe('acl-0bbbbbbbbbbbbbbbb on subnet-0bbbbbbbbbbbbbbbb: rule 95 denies the answers, TCP out to 10.1.0.0/16 ports 32768-65535 (stateless); allow them below rule 95 (create-network-acl-entry --egress --rule-number 94)');
  });

  test('an ACL that allows only the proxy port in and nothing out: the * rule blocks the answers', () => {
    const entries: AclEntry[] = [
      { ruleNumber: 10, protocol: '6', ruleAction: 'allow', egress: false, cidrBlock: '10.0.0.0/8', portRange: { from: 3128, to: 3128 } },
      { ruleNumber: 32767, protocol: '-1', ruleAction: 'deny', egress: false, cidrBlock: '0.0.0.0/0' },
      { ruleNumber: 32767, protocol: '-1', ruleAction: 'deny', egress: true, cidrBlock: '0.0.0.0/0' },
    ];
    const p = planReachability(facts({ subnetAcls: [{ subnetId: 'subnet-0aaaaaaaaaaaaaaaa', aclId: 'acl-0aaaaaaaaaaaaaaaa', entries }] }));
    expect(p?.code).toBe('NetworkAclBlocksReturnTraffic');
    expect(p?.message).toMatch(/no rule allows the answers, TCP out to 10\.1\.0\.0\/16 ports 1024-65535 \(stateless\); allow them below the \* rule \(create-network-acl-entry --egress --rule-number 32766\)/);
  });

  test('an allow of the ephemeral range only (no wider rule) is enough outbound', () => {
    const entries: AclEntry[] = [
      { ruleNumber: 100, protocol: '-1', ruleAction: 'allow', egress: false, cidrBlock: '0.0.0.0/0' },
      { ruleNumber: 100, protocol: '6', ruleAction: 'allow', egress: true, cidrBlock: '10.0.0.0/8', portRange: { from: 1024, to: 65535 } },
      { ruleNumber: 32767, protocol: '-1', ruleAction: 'deny', egress: true, cidrBlock: '0.0.0.0/0' },
    ];
    expect(planReachability(facts({ subnetAcls: [{ subnetId: 'subnet-0aaaaaaaaaaaaaaaa', aclId: 'acl-0aaaaaaaaaaaaaaaa', entries }] }))).toBeUndefined();
  });

  test('UDP and ICMP entries do not match TCP; entries come in any order', () => {
    const reversed = [...DEFAULT_ACL, { ruleNumber: 1, protocol: '17', ruleAction: 'deny', egress: false, cidrBlock: '0.0.0.0/0', portRange: { from: 0, to: 65535 } }].reverse();
    expect(firstDenial(reversed.filter((e) => !e.egress), [rectOf('10.1.0.0/16', { from: 3128, to: 3128 })!])).toBeUndefined();
  });
});

test('the first problem wins in fixing order: association, DNS, security group, ACL in, ACL out', () => {
  const all = facts({
    association: { accessibility: 'Inaccessible' }, dns: { enableDnsSupport: false, enableDnsHostnames: true },
    securityGroups: [],
  }, [deny(90, false, '0.0.0.0/0', 0, 65535), deny(90, true, '0.0.0.0/0', 0, 65535)]);
  const order: string[] = [];
  let f = all;
  for (let p = planReachability(f); p; p = planReachability(f)) {
    order.push(p.code);
    if (p.code === 'EndpointNotAccessible') f = { ...f, association: { accessibility: 'Accessible' } };
    else if (p.code === 'VpcDnsDisabled') f = { ...f, dns: undefined };
    else if (p.code === 'SecurityGroupBlocksProxyPort') f = facts().securityGroups && { ...f, securityGroups: facts().securityGroups };
    else f = { ...f, subnetAcls: f.subnetAcls.map((a) => ({ ...a, entries: a.entries.filter((e) => !(e.ruleNumber === 90 && e.egress === (p!.code === 'NetworkAclBlocksReturnTraffic'))) })) };
  }
  expect(order).toEqual(['EndpointNotAccessible', 'VpcDnsDisabled', 'SecurityGroupBlocksProxyPort', 'NetworkAclBlocksProxyPort', 'NetworkAclBlocksReturnTraffic']);
});

test('every reason fits a tag value with its code (256 characters) without losing the fix', () => {
  const longest = [
    planReachability(facts({}, [deny(90, false, '10.2.0.0/16', 3128, 3128)]))!,
    planReachability(facts({ vpcCidrs: ['172.31.128.0/17'] }, [deny(32000, true, '172.31.128.0/17', 1024, 65535)]))!,
    planReachability(facts({ vpcCidrs: ['172.31.128.0/17'], securityGroups: [{ groupId: 'sg-0123456789abcdef0', ingress: [] }, { groupId: 'sg-0123456789abcdef1', ingress: [] }] }))!,
  ];
  for (const p of longest) {
    const reason = `${p.code}: ${p.message}`;
    expect(fitTagValue(reason)).toBe(reason);
  }
});

test('class (docs/design.md#errors): the owner\'s ACLs and DNS attributes are terminal, the rest retried with backoff', () => {
  expect(Object.fromEntries(REACHABILITY_CODES.map((c) => [c, isTransientFailure(c)]))).toEqual({
    EndpointNotAccessible: true, SecurityGroupBlocksProxyPort: true,
    VpcDnsDisabled: false, NetworkAclBlocksProxyPort: false, NetworkAclBlocksReturnTraffic: false,
  });
});
