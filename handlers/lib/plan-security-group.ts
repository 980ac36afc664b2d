/**
 * Pure diff of the endpoint security group's ingress rules: TCP to the proxy port from each of the
 * VPC's CIDR blocks, nothing else (DESIGN.md §7.3: plan(desired, observed) → actions).
 */
export interface IngressRule {
  protocol: string;
  fromPort: number;
  toPort: number;
  cidr: string;
}

export interface RulePlan {
  authorize: IngressRule[];
  revoke: IngressRule[];
}

export function desiredIngress(cidrs: string[], port: number): IngressRule[] {
  return [...new Set(cidrs)].sort().map((cidr) => ({ protocol: 'tcp', fromPort: port, toPort: port, cidr }));
}

const keyOf = (r: IngressRule) => `${r.protocol}|${r.fromPort}|${r.toPort}|${r.cidr}`;

export function planIngress(desired: IngressRule[], observed: IngressRule[]): RulePlan {
  const want = new Map(desired.map((r) => [keyOf(r), r]));
  const have = new Map(observed.map((r) => [keyOf(r), r]));
  return {
    authorize: [...want].filter(([k]) => !have.has(k)).map(([, r]) => r),
    revoke: [...have].filter(([k]) => !want.has(k)).map(([, r]) => r),
  };
}

/** EC2 IpPermissions (one rule per permission) from and to our rule shape. */
export interface IpPermissionLike {
  IpProtocol?: string;
  FromPort?: number;
  ToPort?: number;
  IpRanges?: { CidrIp?: string }[];
  Ipv6Ranges?: { CidrIpv6?: string }[];
  UserIdGroupPairs?: unknown[];
  PrefixListIds?: unknown[];
}

export function rulesOf(perms: IpPermissionLike[] | undefined): IngressRule[] {
  const rules: IngressRule[] = [];
  for (const p of perms ?? []) {
    const base = { protocol: p.IpProtocol ?? '-1', fromPort: p.FromPort ?? -1, toPort: p.ToPort ?? -1 };
    for (const r of p.IpRanges ?? []) if (r.CidrIp) rules.push({ ...base, cidr: r.CidrIp });
    for (const r of p.Ipv6Ranges ?? []) if (r.CidrIpv6) rules.push({ ...base, cidr: r.CidrIpv6 });
    // Rules naming other groups or prefix lists are drift too: represent them so they get revoked.
    for (const g of p.UserIdGroupPairs ?? []) rules.push({ ...base, cidr: `group:${JSON.stringify(g)}` });
    for (const l of p.PrefixListIds ?? []) rules.push({ ...base, cidr: `prefix-list:${JSON.stringify(l)}` });
  }
  return rules;
}

export function toIpPermissions(rules: IngressRule[]) {
  return rules.map((r) => ({
    IpProtocol: r.protocol,
    FromPort: r.fromPort,
    ToPort: r.toPort,
    ...(r.cidr.includes(':')
      ? { Ipv6Ranges: [{ CidrIpv6: r.cidr, Description: 'egress-operator: proxy clients in this VPC' }] }
      : { IpRanges: [{ CidrIp: r.cidr, Description: 'egress-operator: proxy clients in this VPC' }] }),
  }));
}
