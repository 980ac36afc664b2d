/**
 * The checks of one member account, in order: assume the member role; then, as that role, the
 * forwarding rule (or with `--member-profile`), the AZ IDs, the RAM share, the opted-in VPCs, and the
 * DryRun checks on one VPC of the account.
 */
import { roleArn as memberRoleArn } from '../../../handlers/lib/aws/arns';
import { skip, type Check, type Observed } from './check';
import { DoctorClients, type SessionCredentials } from './clients';
import { accountAzCheck, assumeCheck, dryRunCheck, forwardingRuleCheck, shareCheck, type ShareAssociation } from './member-checks';
import { assumeRole, dryRuns, observeAnyVpc, observeDns, observeInvitations, observeSubnets, observeVpcs } from './observe-member';
import { observeRules } from './observe-operator';
import type { DoctorTargets } from './targets';
import { dnsCheck, vpcAzCheck } from './vpc-checks';

export interface MemberContext {
  region: string;
  targets: DoctorTargets;
  /** Clients that call AssumeRole: the caller's, or those of the `--assume-role` session. */
  assumer: DoctorClients;
  asArn: string;
  trustedPattern: string;
  operatorBusArn: string;
  gatewayAzIds?: string[];
  resourceConfigurationArn?: string;
  hubShares?: Observed<ShareAssociation[]>;
  /** Every VPC checked so far, across accounts (for `--vpc` IDs found nowhere). */
  seenVpcs: Set<string>;
}

export async function memberChecks(account: string, ctx: MemberContext): Promise<Check[]> {
  const { region, targets } = ctx;
  const roleArn = memberRoleArn(region, account, targets.memberRoleName);
  const assumed: Observed<SessionCredentials> = targets.externalId ? await assumeRole(ctx.assumer, roleArn, targets.externalId) : { error: { code: 'NoExternalId', message: '' } };
  const checks = [assumeCheck({ account, roleArn, externalIdFrom: targets.externalIdFrom, asArn: ctx.asArn, trustedPattern: ctx.trustedPattern }, assumed.error ? assumed as Observed<never> : { value: true })];
  if (assumed.error) return [...checks, skip(`account ${account}: other checks`, `they act as ${roleArn}, which could not be assumed`)];

  const role = new DoctorClients({ region, credentials: assumed.value });
  const profile = targets.memberProfiles[account];
  const reader = profile ? new DoctorClients({ region, profile }) : role;
  try {
    checks.push(forwardingRuleCheck(account, region, ctx.operatorBusArn, await observeRules(reader)));
    const subnets = await observeSubnets(role);
    checks.push(accountAzCheck(account, subnets.error ? subnets as Observed<never> : { value: [...new Set(subnets.value.map((s) => s.azId))].sort() }, ctx.gatewayAzIds));
    if (ctx.hubShares) {
      const shareArns = [...new Set((ctx.hubShares.value ?? []).map((s) => s.shareArn))];
      checks.push(shareCheck(account, region, ctx.hubShares, await observeInvitations(role, shareArns)));
    }
    const vpcs = await observeVpcs(role, targets.vpcs);
    if (vpcs.error) checks.push(skip(`account ${account}: opted-in VPCs`, `DescribeVpcs: ${vpcs.error.code}: ${vpcs.error.message}`));
    for (const vpcId of vpcs.value ?? []) {
      ctx.seenVpcs.add(vpcId);
      const ref = { vpcId, account, region };
      checks.push(dnsCheck(ref, await observeDns(role, vpcId)));
      checks.push(vpcAzCheck(ref, subnets.error ? subnets as Observed<never> : { value: subnets.value.filter((s) => s.vpcId === vpcId) }, ctx.gatewayAzIds));
    }
    checks.push(...await dryRunChecks(account, role, vpcs.value?.[0] ?? (await observeAnyVpc(role)).value, subnets.value ?? [], ctx, targets.memberRoleName));
  } finally {
    role.destroy();
    if (reader !== role) reader.destroy();
  }
  return checks;
}

async function dryRunChecks(account: string, role: DoctorClients, vpcId: string | undefined, subnets: Array<{ subnetId: string; azId: string; vpcId: string }>, ctx: MemberContext, roleName: string): Promise<Check[]> {
  const name = `account ${account}: DryRun checks`;
  if (!vpcId) return [skip(name, 'the account has no VPC in this region to try the operator\'s calls on')];
  if (!ctx.resourceConfigurationArn) return [skip(name, 'no hub resource configuration to create an endpoint for (see above)')];
  const a = await dryRuns(role, vpcId, subnets.filter((s) => s.vpcId === vpcId), ctx.gatewayAzIds ?? [], ctx.resourceConfigurationArn);
  return [
    dryRunCheck(account, 'ec2:CreateSecurityGroup', vpcId, 'allowed', a.createSecurityGroup, roleName),
    a.createVpcEndpoint === undefined && !('createVpcEndpoint' in a)
      ? skip(`account ${account}: DryRun ec2:CreateVpcEndpoint`, `${vpcId} has no subnet`)
      : dryRunCheck(account, 'ec2:CreateVpcEndpoint', `${vpcId} (type Resource, ${ctx.resourceConfigurationArn})`, 'allowed', a.createVpcEndpoint, roleName),
    dryRunCheck(account, 'ec2:CreateTags', `${vpcId} (egress-proxy:state)`, 'allowed', a.createTags, roleName),
    a.unownedGroup
      ? dryRunCheck(account, 'ec2:DeleteSecurityGroup', a.unownedGroup, 'denied', a.deleteUnowned, roleName)
      : skip(`account ${account}: least privilege`, `${vpcId} has no default security group to try`),
  ];
}
