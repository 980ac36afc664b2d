/**
 * Pure decisions about the operator account: credentials and region, the operator stack, the two state
 * machines, the tag rules and the sweep schedule (EventBridge), the hub's resource configuration and
 * the AZ IDs its resource gateway serves (docs/design.md#cross-account-and-regions).
 */
import { TAG_EVENT_DETAIL_TYPE, TAG_EVENT_SOURCE } from '../../../handlers/lib/event-patterns';
import { fail, ok, problemText, skip, type Check, type Observed } from './check';

export interface Identity { account: string; arn: string }
export interface StackView { name: string; status: string; outputs: Record<string, string> }
export interface RuleView {
  name: string;
  state: string;
  eventPattern?: string;
  scheduleExpression?: string;
  /** Target ARNs (ListTargetsByRule). */
  targets: string[];
}
export interface MachineView { name: string; arn: string; source: string; status: string }
export interface ConfigurationView { arn: string; name: string; status: string; gatewayId: string; source: string }
export interface GatewayView { id: string; status: string; azIds: string[] }

const DEPLOY_OPERATOR = 'deploy the operator: `npx cdk deploy EgressOperator` with credentials for the hub account (docs/first-deployment.md, step 2)';

export function credentialsCheck(identity: Observed<Identity>, region: Observed<string>): Check {
  const name = 'credentials and region';
  if (region.error) return fail(name, region.error.message, 'pass --region, or set AWS_REGION (or a region in your AWS profile)');
  if (identity.error) {
    return fail(name, `STS GetCallerIdentity: ${problemText(identity.error)}`,
      'run `aws configure` or `aws sso login`, pass --profile or set AWS_PROFILE, or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY');
  }
  return ok(name, `account ${identity.value.account} as ${identity.value.arn}, region ${region.value}`);
}

const GOOD_STACK = /^(CREATE_COMPLETE|UPDATE_COMPLETE|IMPORT_COMPLETE|UPDATE_ROLLBACK_COMPLETE)$/;

/** `stack`: undefined value = no such stack; error `Unavailable` = the endpoint has no CloudFormation. */
export function stackCheck(role: 'operator' | 'hub', stackName: string, stack: Observed<StackView | undefined>): Check {
  const name = `${role} stack ${stackName}`;
  const deploy = role === 'operator' ? DEPLOY_OPERATOR : 'deploy the hub: `npx cdk deploy EgressHub` with credentials for the hub account (docs/first-deployment.md, step 2)';
  const envVar = role === 'operator' ? 'EGRESS_OPERATOR_STACK' : 'EGRESS_HUB_STACK';
  if (stack.error?.code === 'Unavailable') return skip(name, stack.error.message);
  if (stack.error) return fail(name, `CloudFormation DescribeStacks: ${problemText(stack.error)}`, `use credentials that may call cloudformation:DescribeStacks in the hub account, or set ${envVar} to the stack's name`);
  if (!stack.value) return fail(name, `no stack ${stackName} in this account and region`, `${deploy}; a stack of another name: set ${envVar}`);
  const { status, outputs } = stack.value;
  if (!GOOD_STACK.test(status)) {
    const fix = status.endsWith('_IN_PROGRESS') ? 'wait until the deployment ends, then run doctor again' : `read the stack events (aws cloudformation describe-stack-events --stack-name ${stackName}), fix the cause, deploy again`;
    return fail(name, `status ${status}`, fix);
  }
  return ok(name, `${status}, outputs: ${Object.keys(outputs).sort().join(', ') || 'none'}`);
}

/** One check per state machine; `found` undefined means discovery found none (`tried` says where it looked). */
export function machineCheck(workflow: string, found: Observed<MachineView | undefined>, tried: string): Check {
  const name = `state machine ${workflow}`;
  if (found.error) return fail(name, `${found.error.code}: ${found.error.message}`, DEPLOY_OPERATOR);
  if (!found.value) return fail(name, `not found (tried ${tried})`, DEPLOY_OPERATOR);
  const m = found.value;
  if (m.status !== 'ACTIVE') return fail(name, `${m.arn} is ${m.status}`, DEPLOY_OPERATOR);
  return ok(name, `${m.arn} (from ${m.source}), ACTIVE`);
}

/** A rule of the tag-change pattern the operator deploys: `aws.tag` "Tag Change on Resource" events. */
export function isTagChangeRule(rule: RuleView): boolean {
  if (!rule.eventPattern) return false;
  try {
    const p = JSON.parse(rule.eventPattern) as Record<string, unknown>;
    const has = (key: string, value: string) => ([] as unknown[]).concat(p[key] ?? []).includes(value);
    return has('source', TAG_EVENT_SOURCE) && has('detail-type', TAG_EVENT_DETAIL_TYPE);
  } catch {
    return false;
  }
}

const enableRule = (rule: string, region: string, bus?: string) =>
  `aws events enable-rule --name ${rule}${bus ? ` --event-bus-name ${bus}` : ''} --region ${region}`;

/** The operator's tag rules on a bus: each must be enabled, and there must be one. */
export function tagRuleChecks(bus: string, region: string, rules: Observed<RuleView[]>, local: boolean): Check[] {
  const name = bus === 'default' ? 'tag rule (own account)' : `tag rule (member accounts, bus ${bus})`;
  if (rules.error) {
    if (local && rules.error.code === 'ResourceNotFoundException') return [skip(name, `the local cloud lists rules of default buses only (${rules.error.message})`)];
    return [fail(name, `EventBridge ListRules: ${problemText(rules.error)}`, rules.error.code === 'ResourceNotFoundException' ? DEPLOY_OPERATOR : 'use credentials that may call events:ListRules in the hub account')];
  }
  const tagRules = rules.value.filter(isTagChangeRule);
  if (!tagRules.length) return [fail(name, `no rule on bus ${bus} matches VPC tag changes (source aws.tag): opting in starts nothing`, DEPLOY_OPERATOR)];
  return tagRules.map((r) => (r.state === 'ENABLED'
    ? ok(`${name}: ${r.name}`, 'ENABLED')
    : fail(`${name}: ${r.name}`, `${r.state}: VPC tag changes on bus ${bus} start no reconcile`, enableRule(r.name, region, bus === 'default' ? undefined : bus))));
}

/** The scheduled sweep: a schedule rule whose target is reconcile-fleet, enabled. */
export function sweepCheck(region: string, rules: Observed<RuleView[]>, fleetArn: string | undefined, local: boolean): Check {
  const name = 'sweep schedule';
  if (!fleetArn) return skip(name, 'no reconcile-fleet state machine to schedule (see above)');
  if (rules.error) return fail(name, `EventBridge ListRules: ${problemText(rules.error)}`, 'use credentials that may call events:ListRules in the hub account');
  const sweeps = rules.value.filter((r) => r.scheduleExpression && r.targets.includes(fleetArn));
  if (!sweeps.length) {
    if (local) return skip(name, 'the local cloud starts the sweep on a timer (`npm start -- --sweep-interval N`), not through an EventBridge rule');
    return fail(name, `no EventBridge schedule rule targets ${fleetArn}: drift is repaired only when a tag changes`, DEPLOY_OPERATOR);
  }
  const off = sweeps.find((r) => r.state !== 'ENABLED');
  if (off) return fail(name, `${off.name} (${off.scheduleExpression}) is ${off.state}: drift is not repaired`, enableRule(off.name, region));
  return ok(name, sweeps.map((r) => `${r.name} ${r.scheduleExpression} ENABLED`).join('; '));
}

export function configurationCheck(found: Observed<ConfigurationView | undefined>): Check {
  const name = 'hub resource configuration';
  const deployHub = 'deploy the hub: `npx cdk deploy EgressHub` (or set RESOURCE_CONFIGURATION_ARN / --resource-configuration to your own)';
  if (found.error) return fail(name, `VPC Lattice: ${problemText(found.error)}`, deployHub);
  if (!found.value) return fail(name, 'not found (tried --resource-configuration, $RESOURCE_CONFIGURATION_ARN, the EgressHub stack outputs, ListResourceConfigurations)', deployHub);
  const c = found.value;
  if (c.status !== 'ACTIVE') return fail(name, `${c.arn} is ${c.status}`, c.status.endsWith('FAILED') ? deployHub : 'wait until it is ACTIVE, then run doctor again');
  return ok(name, `${c.name} ${c.arn} (from ${c.source}), ACTIVE`);
}

export function gatewayCheck(gateway: Observed<GatewayView | undefined>): Check {
  const name = 'resource gateway AZ IDs';
  if (gateway.error) return fail(name, `${problemText(gateway.error)}`, 'use credentials that may call vpc-lattice:GetResourceGateway and ec2:DescribeSubnets in the hub account');
  if (!gateway.value) return skip(name, 'no resource configuration, so no gateway to read');
  const g = gateway.value;
  if (g.status !== 'ACTIVE') return fail(name, `${g.id} is ${g.status}`, 'wait until it is ACTIVE, or redeploy the hub (npx cdk deploy EgressHub)');
  if (!g.azIds.length) return fail(name, `${g.id} has no subnets`, 'redeploy the hub (npx cdk deploy EgressHub)');
  return ok(name, `${g.id} serves ${g.azIds.join(', ')}`);
}
