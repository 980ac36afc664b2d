/**
 * Out-of-band drift: what people and other tools do to what the operator manages, through the AWS SDK
 * as the account's administrator — an endpoint deleted, status tags removed, a rule of our group
 * revoked or one added, a wrong `egress-proxy` written, a stale status on an opted-out VPC, and (when
 * the local cloud offers the route) an endpoint forced into `Failed`. The sweep must repair each
 * (docs/design.md#planners-and-drift).
 */
import {
  AuthorizeSecurityGroupIngressCommand, CreateTagsCommand, DeleteTagsCommand, DeleteVpcEndpointsCommand,
  RevokeSecurityGroupIngressCommand, type EC2Client,
} from '@aws-sdk/client-ec2';
import type { Ec2Store } from '../local/ec2/store';
import { ownedIn } from './owned';
import type { Expectation } from './owners';
import type { Prng } from './prng';
import { retrying } from './retrying';

export const DRIFT_KINDS = ['delete-endpoint', 'remove-status', 'revoke-rule', 'add-rule', 'wrong-proxy', 'stale-status', 'fail-endpoint'] as const;
export type DriftKind = (typeof DRIFT_KINDS)[number];

export interface DriftContext {
  ec2: EC2Client;
  store: Ec2Store;
  proxyPort: number;
  /** POST /_local/endpoints/{id}/state, when the local cloud has it. */
  forceEndpointState?: (id: string, state: string) => Promise<boolean>;
}

/** Applies one drift of a kind that fits the VPC as it is now; returns what was done, or undefined. */
export async function applyDrift(ctx: DriftContext, vpcId: string, expect: Expectation, random: Prng): Promise<string | undefined> {
  const owned = ownedIn(ctx.store, vpcId);
  const endpoint = owned.live[0];
  const group = owned.groups[0];
  const kinds = DRIFT_KINDS.filter((k) => {
    if (k === 'stale-status') return expect !== 'ready';
    if (k === 'fail-endpoint') return Boolean(endpoint && ctx.forceEndpointState);
    if (k === 'delete-endpoint') return Boolean(endpoint);
    if (k === 'revoke-rule' || k === 'add-rule') return Boolean(group);
    return expect === 'ready';
  });
  if (!kinds.length) return undefined;
  const kind = random.pick(kinds);
  const tag = (Tags: { Key: string; Value: string }[]) => retrying(() => ctx.ec2.send(new CreateTagsCommand({ Resources: [vpcId], Tags })));
  const rule = (cidr: string, port: number) => [{ IpProtocol: 'tcp', FromPort: port, ToPort: port, IpRanges: [{ CidrIp: cidr }] }];
  switch (kind) {
    case 'delete-endpoint':
      await retrying(() => ctx.ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [endpoint.id] })));
      return `${kind} ${endpoint.id}`;
    case 'fail-endpoint':
      return (await ctx.forceEndpointState!(endpoint.id, 'Failed')) ? `${kind} ${endpoint.id}` : undefined;
    case 'remove-status':
      await retrying(() => ctx.ec2.send(new DeleteTagsCommand({ Resources: [vpcId], Tags: [{ Key: 'egress-proxy:state' }, { Key: 'egress-proxy' }] })));
      return kind;
    case 'revoke-rule': {
      const ours = group.ingress.find((r) => r.cidrIp);
      if (!ours) return undefined;
      await retrying(() => ctx.ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: group.id, IpPermissions: rule(ours.cidrIp!, ours.fromPort!) })));
      return `${kind} ${group.id} ${ours.cidrIp}`;
    }
    case 'add-rule':
      await retrying(() => ctx.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: group.id, IpPermissions: rule('0.0.0.0/0', 22) })));
      return `${kind} ${group.id} tcp/22 from 0.0.0.0/0`;
    case 'wrong-proxy':
      await tag([{ Key: 'egress-proxy', Value: `http://evil.example:${ctx.proxyPort}` }]);
      return kind;
    case 'stale-status':
      await tag([{ Key: 'egress-proxy:state', Value: 'Ready' }, { Key: 'egress-proxy', Value: 'http://10.9.9.9:3128' }]);
      return kind;
  }
}
