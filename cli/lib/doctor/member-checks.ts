/**
 * Pure decisions about one member account (docs/design.md#cross-account-and-regions): the member role
 * can be assumed with the ExternalId, the account forwards tag changes to the operator's bus, its AZ IDs
 * meet the gateway's, the hub's RAM share reached it, and the member role may do what the operator does
 * (DryRun answers DryRunOperation) but not more (deleting a security group it does not own is denied).
 */
import { fail, isDenied, ok, problemText, skip, type AwsProblem, type Check, type Observed } from './check';
import { isTagChangeRule, type RuleView } from './operator-checks';

export interface AssumeContext {
  account: string;
  roleArn: string;
  /** Where the ExternalId came from (`--external-id`, `$MEMBER_EXTERNAL_ID`, the config file); undefined: none. */
  externalIdFrom?: string;
  /** Who called AssumeRole: the caller, or the role of `--assume-role`. */
  asArn: string;
  /** The IAM path the member role trusts in the operator account (`arn:…:iam::OP:role/<prefix>/*`). */
  trustedPattern: string;
}

export function assumeCheck(ctx: AssumeContext, result: Observed<true>): Check {
  const name = `account ${ctx.account}: assume ${ctx.roleArn}`;
  if (!ctx.externalIdFrom) {
    return fail(name, 'no ExternalId to present', 'pass --external-id (the member stacks\' ExternalId parameter), or set memberExternalId in egress.config.json (--config)');
  }
  if (!result.error) return ok(name, `with the ExternalId from ${ctx.externalIdFrom}, as ${ctx.asArn}`);
  if (!isDenied(result.error)) return fail(name, `STS AssumeRole: ${problemText(result.error)}`, 'check --account and the member role name (memberRoleName)');
  const underPath = ctx.asArn.startsWith(ctx.trustedPattern.replace(/\*$/, ''));
  const causes = [
    ...(underPath ? [] : [`the member role trusts only roles matching ${ctx.trustedPattern}, and doctor called as ${ctx.asArn}: pass --assume-role with such a role (docs/first-deployment.md, "Running egress doctor")`]),
    `the ExternalId (from ${ctx.externalIdFrom}) must equal the ExternalId parameter of the member stack in ${ctx.account}`,
    `the member stack must be deployed in ${ctx.account} (StackSet instance in MemberRoleRegion)`,
  ];
  return fail(name, `AccessDenied: ${result.error.message}`, causes.join('; or '));
}

/** The member's rule forwarding tag changes to the operator's bus. */
export function forwardingRuleCheck(account: string, region: string, operatorBusArn: string, rules: Observed<RuleView[]>): Check {
  const name = `account ${account}: forwarding rule`;
  const deployMember = `deploy the member stack in ${account}, region ${region} (StackSet instance, docs/first-deployment.md step 3)`;
  if (rules.error) {
    if (isDenied(rules.error)) {
      return skip(name, `the member role may not read EventBridge rules (${rules.error.code})`,
        `pass --member-profile ${account}=PROFILE (credentials of that account), or run in ${account}: aws events list-rules --region ${region}`);
    }
    return fail(name, `EventBridge ListRules: ${problemText(rules.error)}`, deployMember);
  }
  const tagRules = rules.value.filter(isTagChangeRule);
  const forwarding = tagRules.filter((r) => r.targets.includes(operatorBusArn));
  if (!forwarding.length) {
    const elsewhere = tagRules.flatMap((r) => r.targets.map((t) => `${r.name} → ${t}`));
    return fail(name, `no rule on the default bus forwards VPC tag changes to ${operatorBusArn}${elsewhere.length ? ` (found ${elsewhere.join(', ')})` : ''}`,
      `${deployMember}, with OperatorAccountId and OperatorRegion of the operator`);
  }
  const off = forwarding.find((r) => r.state !== 'ENABLED');
  if (off) return fail(name, `${off.name} is ${off.state}: opt-ins in ${account} reach no operator`, `with ${account}'s credentials: aws events enable-rule --name ${off.name} --region ${region}`);
  return ok(name, `${forwarding.map((r) => r.name).join(', ')} → ${operatorBusArn}, ENABLED`);
}

/** The AZ IDs of the account's subnets (DescribeSubnets as the member role) against the gateway's. */
export function accountAzCheck(account: string, azIds: Observed<string[]>, gatewayAzIds: string[] | undefined): Check {
  const name = `account ${account}: AZ IDs`;
  if (!gatewayAzIds?.length) return skip(name, 'the gateway\'s AZ IDs are unknown (see above)');
  if (azIds.error) return fail(name, `DescribeSubnets: ${problemText(azIds.error)}`, 'redeploy the member stack (its role needs ec2:DescribeSubnets)');
  if (!azIds.value.length) return skip(name, 'no subnets in this region yet');
  const shared = azIds.value.filter((z) => gatewayAzIds.includes(z));
  if (!shared.length) {
    return fail(name, `its subnets are in ${azIds.value.join(', ')}; the gateway serves ${gatewayAzIds.join(', ')}: no endpoint can be placed`,
      `create project subnets in a served AZ ID (in ${account}: aws ec2 describe-availability-zones --query 'AvailabilityZones[].[ZoneName,ZoneId]' names them), or give the hub those AZ IDs (availabilityZoneIds)`);
  }
  return ok(name, `subnets in ${shared.join(', ')} are served by the gateway${shared.length < azIds.value.length ? `; ${azIds.value.filter((z) => !shared.includes(z)).join(', ')} are not` : ''}`);
}

export interface ShareAssociation { shareArn: string; shareName: string; principal: string; status: string }
export interface Invitation { arn: string; shareArn: string; status: string; sender: string }

/** Did the hub's share of the resource configuration reach the account (accepted, or through the organization)? */
export function shareCheck(account: string, region: string, shares: Observed<ShareAssociation[]>, invitations: Observed<Invitation[]>): Check {
  const name = `account ${account}: RAM share`;
  if (shares.error) return fail(name, `RAM GetResourceShareAssociations: ${problemText(shares.error)}`, 'use credentials that may read RAM shares in the hub account');
  const hubShares = new Set(shares.value.map((s) => s.shareArn));
  const pending = (invitations.value ?? []).find((i) => hubShares.has(i.shareArn) && i.status === 'PENDING');
  const direct = shares.value.find((s) => s.principal === account);
  const viaOrg = shares.value.find((s) => /:organizations::/.test(s.principal) && s.status === 'ASSOCIATED');
  if (pending || (direct && direct.status !== 'ASSOCIATED')) {
    const what = pending ? `invitation ${pending.arn} from ${pending.sender} is PENDING` : `its association with share ${direct!.shareName} is ${direct!.status}`;
    return fail(name, `ShareNotAccepted: ${what}`, [
      `the operator accepts it through the member role when it next reconciles a VPC of ${account}`,
      `or accept it now with ${account}'s credentials: aws ram accept-resource-share-invitation --resource-share-invitation-arn ${pending?.arn ?? 'ARN'} --region ${region}`,
      'or share with the organization: aws ram enable-sharing-with-aws-organization in the management account, then shareWithOrganizationArn',
    ].join('; '));
  }
  if (direct) return ok(name, `share ${direct.shareName} ASSOCIATED with ${account}`);
  if (viaOrg) return ok(name, `share ${viaOrg.shareName} ASSOCIATED with ${viaOrg.principal}${invitations.error ? '' : ', no pending invitation'}`);
  if (!shares.value.length) {
    return fail(name, 'the hub\'s resource configuration is in no RAM share', 'set shareWithOrganizationArn (or shareWithAccounts) in egress.config.json and redeploy the hub (npx cdk deploy EgressHub)');
  }
  return fail(name, `the hub's shares (${[...new Set(shares.value.map((s) => s.shareName))].join(', ')}) do not reach ${account}`,
    `add ${account} to shareWithAccounts, or share with its organization (shareWithOrganizationArn), and redeploy the hub`);
}

export type DryRunExpectation = 'allowed' | 'denied';

/**
 * A DryRun answer: DryRunOperation means the role may make the call, UnauthorizedOperation that it
 * may not (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html).
 */
export function dryRunCheck(account: string, action: string, target: string, expect: DryRunExpectation, answer: AwsProblem | undefined, roleName: string): Check {
  const redeploy = `redeploy the member stack in ${account} (StackSet) so the policy of ${roleName} matches this version of the operator`;
  if (expect === 'allowed') {
    const name = `account ${account}: DryRun ${action}`;
    if (answer?.code === 'DryRunOperation') return ok(name, `allowed on ${target}`);
    if (answer && isDenied(answer)) return fail(name, `${roleName} may not ${action} on ${target}: ${answer.message}`, redeploy);
    return fail(name, answer ? `unexpected answer ${problemText(answer)}` : 'the call succeeded although DryRun was set', 'report this answer with the request; the check cannot tell whether the role may make the call');
  }
  const name = `account ${account}: least privilege (${action} on ${target}, not the operator's)`;
  if (answer && isDenied(answer)) return ok(name, 'denied, as it must be');
  if (answer?.code === 'DryRunOperation') {
    return fail(name, `${roleName} may ${action} on a resource the operator does not own`,
      `${redeploy}: destructive actions only on resources tagged egress-proxy:managed-by=egress-operator; remove any wider policy attached to ${roleName}`);
  }
  return fail(name, answer ? `unexpected answer ${problemText(answer)}` : 'the call succeeded although DryRun was set', 'report this answer with the request');
}
