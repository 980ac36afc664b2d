/**
 * Malformed and hostile tag-change events on the operator's bus, as a misconfigured forwarder or a
 * replayed archive would deliver them: the dispatcher must drop each with a logged reason and start
 * nothing for it (docs/design.md#errors). The campaign's invariants then show that nothing changed.
 */
import type { CloudEvent } from '../local/service';
import type { FleetVpc } from './fleet';
import type { Prng } from './prng';

export function hostileEvents(vpc: FleetVpc, account: string, region: string): CloudEvent[] {
  const arn = `arn:aws:ec2:${region}:${account}:vpc/${vpc.vpcId}`;
  const base = { source: 'aws.tag', 'detail-type': 'Tag Change on Resource', account, region } as const;
  const detail = { 'changed-tag-keys': ['egress'], service: 'ec2', 'resource-type': 'vpc', version: 1, tags: { egress: 'proxy' } };
  return [
    { ...base, resources: [`arn:aws:ec2:${region}:${account}:vpc/vpc-zzzz`], detail },
    { ...base, resources: [arn.replace('vpc/', 'subnet/')], detail },
    { ...base, resources: [arn], detail: { ...detail, 'changed-tag-keys': ['egress-proxy:state'] } },
    { ...base, resources: [arn], detail: { ...detail, service: 'rds' } },
    { ...base, resources: [], detail },
    { ...base, resources: [arn], detail: { ...detail, tags: 'egress=proxy' } },
    { ...base, resources: [`${arn}'; DROP TABLE vpcs; --`], detail },
  ] as unknown as CloudEvent[];
}

export function pickHostileEvents(fleet: FleetVpc[], account: string, region: string, random: Prng, n: number): CloudEvent[] {
  // Aimed at VPCs whose owners never opted in: a dropped event leaves them untouched, a mishandled one shows.
  const targets = fleet.filter((v) => v.role === 'not-opted-in' || v.role === 'invalid');
  if (!targets.length) return [];
  return random.sample(hostileEvents(random.pick(targets), account, region), n);
}
