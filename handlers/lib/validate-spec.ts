/**
 * Observe's check of the whole spec before any step writes (docs/design.md#workflows): the Region,
 * the subnets (by AZ ID), the VPC's DNS attributes when private DNS is used, and — in a member
 * account — the hub's RAM share, accepting a pending invitation to it. Reads here, decisions in the
 * pure planners of handlers/lib/plan/; an invalid spec leaves as a terminal named error.
 */
import type { EC2Client } from '@aws-sdk/client-ec2';
import { ENV } from '../catalog';
import { acceptInvitation, hubShareArns, memberInvitations } from './aws/ram';
import { createTtlCache } from './cache';
import { hasCode, toOperatorError } from './aws/call';
import { awsErrorCode } from './aws/classify';
import { readUntilSettled } from './aws/settle';
import { describeVpc } from './aws/vpc';
import { describeSubnetsOf, describeVpcDns } from './aws/vpc-facts';
import { InvalidSpec, ShareNotAccepted, VpcDnsDisabled } from './errors';
import { regionProblem, vpcDnsProblem } from './plan/spec-checks';
import { acceptFailedProblem, planShareAcceptance } from './plan/spec-share';
import { chooseSubnets } from './plan/subnets';
import type { Spec } from './spec';
import type { HubInfo } from './workflow-state';

export interface SpecTarget { vpcId: string; account?: string; region?: string; dryRun?: boolean }

/** The endpoint's subnets when the spec is valid (none when the VPC is gone); InvalidSpec, VpcDnsDisabled or ShareNotAccepted otherwise. */
export async function validateSpec(client: EC2Client, target: SpecTarget, spec: Spec, hub: HubInfo): Promise<string[]> {
  const region = target.region ?? process.env.AWS_REGION;
  const wrongRegion = regionProblem(region, hub.resourceConfigurationArn);
  if (wrongRegion) throw new InvalidSpec(wrongRegion);

  // Subnets created a moment ago may not be listed yet (handlers/lib/aws/settle.ts): when that could be
  // why the spec looks wrong (none listed, or a named one missing), read again before calling it invalid.
  const { value: { choice } } = await readUntilSettled(async () => {
    const subnets = await describeSubnetsOf(client, target.vpcId);
    return { subnets, choice: chooseSubnets(subnets, hub.gatewayAzIds, spec.subnetIds) };
  }, ({ subnets, choice }) => choice.ok || (subnets.length > 0 && (spec.subnetIds ?? []).every((id) => subnets.some((s) => s.id === id))));
  // A VPC deleted since Observe read it has no subnets either: not a bad spec, the next step meets VpcGone.
  if (!choice.ok && !(await describeVpc(client, target.vpcId))) return [];
  if (!choice.ok) throw new InvalidSpec(choice.problem);

  if (hub.customDomainName) {
    const problem = vpcDnsProblem(target.vpcId, await describeVpcDns(client, target.vpcId));
    if (problem) throw new VpcDnsDisabled(problem);
  }

  const own = process.env[ENV.operatorAccountId];
  if (target.account && own && target.account !== own) await ensureShareAccepted(target.account, region, hub.resourceConfigurationArn, target.dryRun);
  return choice.subnetIds;
}

/**
 * Member accounts (and Regions) whose hub share this execution environment saw usable, per resource
 * configuration: once accepted a share stays accepted, so a burst of opt-ins in one account reads RAM
 * once. Only a usable share is remembered; a refused, pending or failed check is read again next run.
 * Safe for the TTL: a share taken away later breaks the endpoint's association, which AwaitEndpoint,
 * VerifyProxy and the sweep each read (EndpointNotAccessible, AssociationInaccessible).
 */
export const SHARE_CACHE_TTL_MS = 5 * 60_000;
const acceptedShares = createTtlCache<true>(SHARE_CACHE_TTL_MS);

/** Forget the accepted shares (tests that take a share away under one environment). */
export function forgetAcceptedShares(): void {
  acceptedShares.clear();
}

async function ensureShareAccepted(account: string, region: string | undefined, configArn: string, dryRun?: boolean): Promise<void> {
  const key = `${account}/${region ?? ''}/${configArn}`;
  if (acceptedShares.get(key)) return;
  const shares = await hubShareArns(configArn);
  if (!shares.length) return; // no share of ours: CreateVpcEndpoint says what is missing
  const plan = planShareAcceptance(account, shares, await memberInvitations(account, region, shares));
  if (plan.kind === 'refused') throw new ShareNotAccepted(plan.problem);
  if (plan.kind === 'ok') acceptedShares.set(key, true);
  if (plan.kind !== 'accept' || dryRun) return; // a dry run changes nothing, not even an invitation
  await acceptAll(account, region, plan.invitationArns);
  acceptedShares.set(key, true);
}

async function acceptAll(account: string, region: string | undefined, invitationArns: string[]): Promise<void> {
  for (const arn of invitationArns) {
    try {
      await acceptInvitation(account, region, arn);
    } catch (err) {
      if (hasCode(err, 'ResourceShareInvitationAlreadyAcceptedException')) continue;
      if (hasCode(err, 'AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation',
        'ResourceShareInvitationArnNotFoundException', 'ResourceShareInvitationExpiredException', 'ResourceShareInvitationAlreadyRejectedException')) {
        throw new ShareNotAccepted(acceptFailedProblem(account, arn, awsErrorCode(err)));
      }
      throw toOperatorError(err, 'AcceptResourceShareInvitation');
    }
  }
}
