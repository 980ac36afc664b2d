/**
 * The reachability planner: whether the project side of the proxy path lets the VPC's clients reach
 * the endpoint, from what VerifyProxy read (docs/design.md#workflows, "What Ready means"). Pure; the first problem
 * found wins, in the order a person would fix them: the association, DNS, the security group, the
 * network ACL inbound, the network ACL outbound.
 *
 * Network ACLs are stateless: the proxy port must be allowed in *and* the clients' ephemeral ports
 * (1024–65535) back out, rules judged in rule-number order, first match wins, `*` denies the rest
 * (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html,
 * https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html). Security groups are stateful and
 * allow-only: the union of the endpoint's groups' ingress rules must admit every VPC CIDR on the port
 * (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html). IPv4 only: the resource
 * endpoint's addresses are IPv4.
 */
import { type VpcDnsAttributes, vpcDnsProblem } from './spec-checks';
import { ALL_PORTS, describeRect, intersect, type Rect, rectOf, subtractAll } from './traffic-space';

/** The ephemeral port range AWS recommends opening for return traffic. */
export const EPHEMERAL_PORTS = { from: 1024, to: 65535 } as const;

export const REACHABILITY_CODES = [
  'EndpointNotAccessible', 'VpcDnsDisabled', 'SecurityGroupBlocksProxyPort', 'NetworkAclBlocksProxyPort', 'NetworkAclBlocksReturnTraffic',
] as const;
export type ReachabilityCode = (typeof REACHABILITY_CODES)[number];

export interface SgPermission { protocol: string; fromPort?: number; toPort?: number; cidrs: string[] }
export interface SecurityGroupFacts { groupId: string; ingress: SgPermission[] }

export interface AclEntry {
  ruleNumber: number;
  protocol: string;
  ruleAction: string;
  egress: boolean;
  cidrBlock?: string;
  portRange?: { from: number; to: number };
}
export interface SubnetAcl { subnetId: string; aclId: string; entries: AclEntry[] }

export interface ReachabilityFacts {
  vpcId: string;
  endpointId: string;
  proxyPort: number;
  /** The VPC's CIDR blocks (IPv6 blocks are ignored). */
  vpcCidrs: string[];
  /** `AssociatedResourceAccessibility` and FailureReason of the endpoint's association. */
  association: { accessibility?: string; failureReason?: string };
  /** Present when the endpoint uses private DNS (a custom domain name). */
  dns?: VpcDnsAttributes;
  securityGroups: SecurityGroupFacts[];
  /** The network ACL of each endpoint subnet. */
  subnetAcls: SubnetAcl[];
}

export interface ReachabilityProblem { code: ReachabilityCode; message: string }

const isTcp = (protocol: string) => ['6', 'tcp'].includes(protocol.toLowerCase());
const isAll = (protocol: string) => ['-1', 'all'].includes(protocol.toLowerCase());

export function planReachability(f: ReachabilityFacts): ReachabilityProblem | undefined {
  return associationProblem(f) ?? dnsProblem(f) ?? securityGroupProblem(f) ?? aclProblem(f, false) ?? aclProblem(f, true);
}

/** Compared case-insensitively: the API reference documents no casing for the value. */
export function isAccessible(accessibility: string | undefined): boolean {
  return (accessibility ?? '').toLowerCase() === 'accessible';
}

function associationProblem(f: ReachabilityFacts): ReachabilityProblem | undefined {
  if (isAccessible(f.association.accessibility)) return undefined;
  const why = f.association.failureReason ? ` (${f.association.failureReason})` : '';
  return {
    code: 'EndpointNotAccessible',
    message: `endpoint ${f.endpointId} association is ${f.association.accessibility ?? 'missing'}${why}: the resource is accessible only while the hub's resource configuration is AVAILABLE and shared with this account; check the hub (egress doctor) and the RAM share`,
  };
}

function dnsProblem(f: ReachabilityFacts): ReachabilityProblem | undefined {
  const message = f.dns && vpcDnsProblem(f.vpcId, f.dns);
  return message ? { code: 'VpcDnsDisabled', message } : undefined;
}

const clientSpace = (cidrs: string[], ports: { from: number; to: number }): Rect[] =>
  cidrs.map((c) => rectOf(c, ports)).filter((r): r is Rect => r !== undefined);

const ipv4Cidrs = (f: ReachabilityFacts) => f.vpcCidrs.filter((c) => !c.includes(':'));

function securityGroupProblem(f: ReachabilityFacts): ReachabilityProblem | undefined {
  const port = { from: f.proxyPort, to: f.proxyPort };
  let open = clientSpace(ipv4Cidrs(f), port);
  for (const g of f.securityGroups) {
    for (const p of g.ingress) {
      if (!isTcp(p.protocol) && !isAll(p.protocol)) continue;
      const ports = isAll(p.protocol) ? ALL_PORTS : { from: p.fromPort ?? 0, to: p.toPort ?? 65535 };
      for (const cidr of p.cidrs) {
        const rule = rectOf(cidr, ports);
        if (rule) open = subtractAll(open, rule);
      }
    }
  }
  if (!open.length) return undefined;
  const groups = f.securityGroups.map((g) => g.groupId);
  const blocked = ipv4Cidrs(f).find((c) => open.some((r) => intersect(r, rectOf(c, port)!)))!;
  return {
    code: 'SecurityGroupBlocksProxyPort',
    // Tag values hold 256 characters: the resources and the fix (the operator restores its own group's rules on its next run).
    message: `${f.endpointId}: groups ${groups[0] ?? '(none)'}${groups.length > 1 ? ` +${groups.length - 1} more` : ''} admit no TCP ${f.proxyPort} from ${blocked}; fix: authorize-security-group-ingress --group-id ${groups[0] ?? '<group>'} --protocol tcp --port ${f.proxyPort} --cidr ${blocked}`,
  };
}

/** The first entry of one direction that matches some of `space` and denies it, or the `*` rule. */
export function firstDenial(entries: AclEntry[], space: Rect[]): { rect: Rect; ruleNumber?: number } | undefined {
  let open = space;
  for (const e of [...entries].sort((a, b) => a.ruleNumber - b.ruleNumber)) {
    if (!open.length) return undefined;
    if (!isTcp(e.protocol) && !isAll(e.protocol)) continue;
    const ports = isAll(e.protocol) ? ALL_PORTS : e.portRange;
    const rule = ports && e.cidrBlock ? rectOf(e.cidrBlock, ports) : undefined;
    if (!rule) continue;
    const hit = open.map((r) => intersect(r, rule)).find((r): r is Rect => r !== undefined);
    if (!hit) continue;
    if (e.ruleAction.toLowerCase() !== 'allow') return { rect: hit, ruleNumber: e.ruleNumber >= 32767 ? undefined : e.ruleNumber };
    open = subtractAll(open, rule);
  }
  return open.length ? { rect: open[0] } : undefined;
}

/** A free rule number below `before` in one direction, for the fix command. */
function freeRuleNumber(entries: AclEntry[], before: number): number | undefined {
  const taken = new Set(entries.map((e) => e.ruleNumber));
  for (let n = Math.min(before - 1, 32766); n >= 1; n -= 1) if (!taken.has(n)) return n;
  return undefined;
}

function aclProblem(f: ReachabilityFacts, egress: boolean): ReachabilityProblem | undefined {
  const ports = egress ? EPHEMERAL_PORTS : { from: f.proxyPort, to: f.proxyPort };
  for (const acl of f.subnetAcls) {
    const entries = acl.entries.filter((e) => e.egress === egress);
    for (const cidr of ipv4Cidrs(f)) {
      const denial = firstDenial(entries, clientSpace([cidr], ports));
      if (!denial) continue;
      const before = denial.ruleNumber ?? 32767;
      const rule = denial.ruleNumber === undefined ? 'no rule allows' : `rule ${denial.ruleNumber} denies`;
      const r = denial.rect;
      const block = rectOf(cidr, ports)!;
      const peer = r.addrLo === block.addrLo && r.addrHi === block.addrHi ? cidr : describeRect(r).replace(/ ports? .*$/, '');
      const deniedPorts = r.portLo === r.portHi ? `port ${r.portLo}` : `ports ${r.portLo}-${r.portHi}`;
      // Tag values hold 256 characters: the resources, the rule, the fix; nothing else.
      const what = egress
        ? `${acl.aclId} on ${acl.subnetId}: ${rule} the answers, TCP out to ${peer} ${deniedPorts} (stateless)`
        : `${acl.aclId} on ${acl.subnetId}: ${rule} TCP ${f.proxyPort} in from ${peer}`;
      const number = freeRuleNumber(entries, before);
      const below = denial.ruleNumber === undefined ? 'the * rule' : `rule ${before}`;
      const fix = `allow ${egress ? 'them' : 'it'} below ${below} (create-network-acl-entry ${egress ? '--egress' : '--ingress'}${number ? ` --rule-number ${number}` : ''})`;
      return { code: egress ? 'NetworkAclBlocksReturnTraffic' : 'NetworkAclBlocksProxyPort', message: `${what}; ${fix}` };
    }
  }
  return undefined;
}
