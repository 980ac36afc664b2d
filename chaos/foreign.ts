/**
 * Foreign look-alikes: resources named like the operator's, or carrying some of its tag keys, that it
 * does not own (docs/design.md#tag-contract: ownership is by `egress-proxy:managed-by` and
 * `egress-proxy:owner` together, never by name). Created before the first round, snapshotted field by
 * field, and compared at the end: the operator must not have changed a single field.
 */
import type { Ec2Store } from '../local/ec2/store';
import type { FleetVpc } from './fleet';
import type { Prng } from './prng';

export interface ForeignResource { id: string; kind: 'security-group' | 'vpc-endpoint'; what: string }

export type ForeignSnapshot = Map<string, Record<string, string>>;

export function createForeign(ec2: Ec2Store, fleet: FleetVpc[], random: Prng, resourceConfigurationArn: string, proxyPort: number): ForeignResource[] {
  const out: ForeignResource[] = [];
  const hosts = fleet.filter((v) => v.role === 'foreign-host');
  // One more VPC of another role gets a look-alike too: whatever the owner does there, it stays untouched.
  const others = random.sample(fleet.filter((v) => v.role !== 'foreign-host' && v.role !== 'invalid'), 1);
  for (const v of [...hosts, ...others]) {
    const named = ec2.createSecurityGroup({ vpcId: v.vpcId, groupName: `egress-proxy-${v.vpcId}`, description: 'a team group named like the operator\'s', tags: { team: 'payments' } });
    ec2.authorizeIngress(named.id, [{ protocol: 'tcp', fromPort: proxyPort, toPort: proxyPort, cidrIp: '192.168.0.0/16' }]);
    out.push({ id: named.id, kind: 'security-group', what: `group named egress-proxy-${v.vpcId}, not ours` });
    const tagged = ec2.createSecurityGroup({
      vpcId: v.vpcId, groupName: `lookalike-${v.vpcId}`, description: 'our owner key, another manager',
      tags: { 'egress-proxy:owner': v.vpcId, 'egress-proxy:managed-by': 'someone-else' },
    });
    out.push({ id: tagged.id, kind: 'security-group', what: 'group with egress-proxy:owner, managed-by someone-else' });
    const ownerOnly = ec2.createSecurityGroup({ vpcId: v.vpcId, groupName: `owner-only-${v.vpcId}`, description: 'our owner key, no manager', tags: { 'egress-proxy:owner': v.vpcId } });
    out.push({ id: ownerOnly.id, kind: 'security-group', what: 'group with egress-proxy:owner only' });
    const endpoint = ec2.createVpcEndpoint({
      vpcId: v.vpcId, resourceConfigurationArn, subnetIds: [v.subnets.a], securityGroupIds: [tagged.id],
      tags: { Name: `egress-proxy-${v.vpcId}`, 'egress-proxy:owner': v.vpcId, 'egress-proxy:managed-by': 'another-operator' },
    });
    out.push({ id: endpoint.id, kind: 'vpc-endpoint', what: 'resource endpoint named like ours, managed-by another-operator' });
  }
  return out;
}

/** Every stored field of the record, as text (tags and rules in a stable order). */
function fieldsOf(ec2: Ec2Store, r: ForeignResource): Record<string, string> | undefined {
  ec2.refresh(); // endpoint states follow the local clock
  const record = r.kind === 'security-group' ? ec2.securityGroups.get(r.id) : ec2.endpoints.get(r.id);
  if (!record) return undefined;
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(record)) {
    if (key === 'seq') continue;
    fields[key] = value instanceof Map ? JSON.stringify([...value].sort()) : JSON.stringify(value);
  }
  return fields;
}

export function snapshotForeign(ec2: Ec2Store, foreign: ForeignResource[]): ForeignSnapshot {
  return new Map(foreign.map((r) => [r.id, fieldsOf(ec2, r) ?? {}]));
}

/** One line per foreign resource that changed: which fields, before → after. */
export function foreignChanges(ec2: Ec2Store, foreign: ForeignResource[], before: ForeignSnapshot): string[] {
  const lines: string[] = [];
  for (const r of foreign) {
    const now = fieldsOf(ec2, r);
    if (!now) { lines.push(`${r.id} (${r.what}) was deleted`); continue; }
    const was = before.get(r.id) ?? {};
    const changed = [...new Set([...Object.keys(was), ...Object.keys(now)])].filter((k) => was[k] !== now[k]);
    if (changed.length) lines.push(`${r.id} (${r.what}) changed: ${changed.map((k) => `${k} ${was[k] ?? '∅'} → ${now[k] ?? '∅'}`).join('; ').slice(0, 300)}`);
  }
  return lines;
}
