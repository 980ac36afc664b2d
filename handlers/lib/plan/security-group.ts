/**
 * The security group planner: one owned group per VPC (the lowest owned group ID; extra owned groups
 * are left for Finalize, they may be in use), allowing TCP to the proxy port from each of the VPC's
 * CIDR blocks. CIDR rules that differ are put back; rules naming other security groups or prefix
 * lists are left alone — by EnsureSecurityGroup and by the sweep alike (docs/design.md#planners-and-drift).
 */

export interface IngressRule {
  protocol: string;
  fromPort: number;
  toPort: number;
  /** A CIDR, or `group:{…}` / `prefix-list:{…}` for a rule that references one (never ours). */
  cidr: string;
}

export interface ObservedGroup { id: string; rules: IngressRule[] }

export interface SecurityGroupSpec { cidrs: string[]; port: number }

export type SecurityGroupAction =
  | { kind: 'CreateSecurityGroup' }
  | { kind: 'AuthorizeIngress'; rules: IngressRule[] }
  | { kind: 'RevokeIngress'; rules: IngressRule[] };

export interface SecurityGroupPlan {
  /** The group the endpoint uses; undefined until created. */
  groupId?: string;
  actions: SecurityGroupAction[];
}

/** The ingress rules the group should hold: the proxy port from each of the VPC's CIDR blocks. */
export function desiredIngress(cidrs: string[], port: number): IngressRule[] {
  return [...new Set(cidrs)].sort().map((cidr) => ({ protocol: 'tcp', fromPort: port, toPort: port, cidr }));
}

/** A rule that names another security group or a prefix list: someone attached it on purpose. */
const isReference = (r: IngressRule) => r.cidr.startsWith('group:') || r.cidr.startsWith('prefix-list:');

const keyOf = (r: IngressRule) => `${r.protocol}|${r.fromPort}|${r.toPort}|${r.cidr}`;

function planIngress(desired: IngressRule[], observed: IngressRule[]): { authorize: IngressRule[]; revoke: IngressRule[] } {
  const want = new Map(desired.map((r) => [keyOf(r), r]));
  const have = new Map(observed.map((r) => [keyOf(r), r]));
  return {
    authorize: [...want].filter(([k]) => !have.has(k)).map(([, r]) => r),
    revoke: [...have].filter(([k, r]) => !want.has(k) && !isReference(r)).map(([, r]) => r),
  };
}

export function planSecurityGroup(groups: ObservedGroup[], spec: SecurityGroupSpec): SecurityGroupPlan {
  const group = [...groups].sort((a, b) => a.id.localeCompare(b.id))[0];
  const desired = desiredIngress(spec.cidrs, spec.port);
  const rules = planIngress(desired, group?.rules ?? []);
  const actions: SecurityGroupAction[] = group ? [] : [{ kind: 'CreateSecurityGroup' }];
  if (rules.authorize.length) actions.push({ kind: 'AuthorizeIngress', rules: rules.authorize });
  if (rules.revoke.length) actions.push({ kind: 'RevokeIngress', rules: rules.revoke });
  return { ...(group ? { groupId: group.id } : {}), actions };
}
