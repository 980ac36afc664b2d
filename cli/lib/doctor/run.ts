/**
 * `egress doctor`, in order: credentials and region; the operator account (stacks, state machines,
 * rules, hub); the operator account's opted-in VPCs; then every member account (run-member.ts), a few
 * at a time. Progress goes to `progress` (stderr on a terminal); the result is the list of checks.
 */
import { partitionOf } from '../../../handlers/lib/aws/arns';
import { fail, ok, skip, type Check, type Observed } from './check';
import { DoctorClients, observe } from './clients';
import { memberChecks, type MemberContext } from './run-member';
import { observeDns, observeSubnets, observeVpcs, assumeRole } from './observe-member';
import { observeConfiguration, observeGateway, observeHubShares, observeIdentity, observeMachines, observeRules, observeStack } from './observe-operator';
import { configurationCheck, credentialsCheck, gatewayCheck, machineCheck, stackCheck, sweepCheck, tagRuleChecks } from './operator-checks';
import { resolveTargets, type DoctorFlags, type OperatorConfig } from './targets';
import { dnsCheck, vpcAzCheck } from './vpc-checks';

export interface DoctorInput {
  flags: DoctorFlags;
  env: NodeJS.ProcessEnv;
  config: OperatorConfig;
  configName: string;
  progress(message: string): void;
}

/** Member accounts checked at once (each makes a dozen calls). */
const MEMBER_CONCURRENCY = 4;

export async function runDoctor(input: DoctorInput): Promise<Check[]> {
  const base = new DoctorClients({ region: input.flags.region, profile: input.flags.profile });
  try {
    return await runWith(base, input);
  } finally {
    base.destroy();
  }
}

async function runWith(base: DoctorClients, input: DoctorInput): Promise<Check[]> {
  const { flags, env, progress } = input;
  const local = Boolean(env.AWS_ENDPOINT_URL);
  progress('credentials and region');
  const region = await observe(() => base.region());
  const identity = region.error ? region as Observed<never> : await observeIdentity(base);
  const checks: Check[] = [credentialsCheck(identity, region)];
  if (region.error || identity.error) return checks;
  const r = region.value;
  const operatorAccount = identity.value.account;
  const partition = partitionOf(r);
  const targets = resolveTargets(flags, env, input.config, input.configName, operatorAccount);

  progress('operator stack, state machines and rules');
  const [opStack, hubStack] = [await observeStack(base, targets.operatorStack, local), await observeStack(base, targets.hubStack, local)];
  checks.push(stackCheck('operator', targets.operatorStack, opStack), stackCheck('hub', targets.hubStack, hubStack));
  const machines = await observeMachines(base, opStack.value?.outputs, env);
  checks.push(machineCheck('reconcile-vpc', machines.reconcileVpc, machines.tried), machineCheck('reconcile-fleet', machines.reconcileFleet, machines.tried));
  const rules = await observeRules(base);
  checks.push(...tagRuleChecks('default', r, rules, local), sweepCheck(r, rules, machines.reconcileFleet.value?.arn, local));
  if (targets.accounts.length) checks.push(...tagRuleChecks(targets.prefix, r, await observeRules(base, targets.prefix), local));

  progress('hub resource configuration and gateway');
  const configuration = await observeConfiguration(base, targets.resourceConfiguration, hubStack.value?.outputs, targets.hubStack, targets.prefix);
  checks.push(configurationCheck(configuration));
  const gateway = configuration.value?.gatewayId ? await observeGateway(base, configuration.value.gatewayId) : { value: undefined };
  checks.push(gatewayCheck(gateway));
  const gatewayAzIds = gateway.value?.azIds;

  const seenVpcs = new Set<string>();
  progress(`opted-in VPCs of ${operatorAccount}`);
  checks.push(...await ownVpcChecks(base, operatorAccount, r, targets.vpcs, gatewayAzIds, seenVpcs));

  if (!targets.accounts.length) {
    checks.push(skip('member accounts', `none to check (from ${targets.accountsFrom})`, /pass --account/.test(targets.accountsFrom) ? 'pass --account ID for each member account' : null));
  } else {
    checks.push(...await allMembers(base, {
      region: r, targets, asArn: identity.value.arn, assumer: base, gatewayAzIds, seenVpcs,
      trustedPattern: `arn:${partition}:iam::${operatorAccount}:role/${targets.prefix}/*`,
      operatorBusArn: opStack.value?.outputs.EventBusArn ?? `arn:${partition}:events:${r}:${operatorAccount}:event-bus/${targets.prefix}`,
      resourceConfigurationArn: configuration.value?.arn,
      hubShares: configuration.value ? await observeHubShares(base, configuration.value.arn) : undefined,
    }, progress));
  }
  for (const vpcId of targets.vpcs ?? []) {
    if (!seenVpcs.has(vpcId)) checks.push(fail(vpcId, `not found in ${[operatorAccount, ...targets.accounts].join(', ')} (${r})`, 'check the VPC ID, --region and --account'));
  }
  return checks;
}

async function ownVpcChecks(c: DoctorClients, account: string, region: string, only: string[] | undefined, gatewayAzIds: string[] | undefined, seen: Set<string>): Promise<Check[]> {
  const vpcs = await observeVpcs(c, only);
  if (vpcs.error) return [fail(`account ${account}: opted-in VPCs`, `DescribeVpcs: ${vpcs.error.code}: ${vpcs.error.message}`, 'use credentials that may call ec2:DescribeVpcs')];
  const checks: Check[] = [];
  for (const vpcId of vpcs.value) {
    seen.add(vpcId);
    const ref = { vpcId, account, region };
    checks.push(dnsCheck(ref, await observeDns(c, vpcId)), vpcAzCheck(ref, await observeSubnets(c, vpcId), gatewayAzIds));
  }
  return checks;
}

/** Every member account, MEMBER_CONCURRENCY at a time, checks in account order; `--assume-role` first when given. */
async function allMembers(base: DoctorClients, ctx: MemberContext, progress: (m: string) => void): Promise<Check[]> {
  const checks: Check[] = [];
  let assumer = base;
  const via = ctx.targets.assumeRole;
  if (via) {
    const session = await assumeRole(base, via);
    const name = `assume ${via} (--assume-role)`;
    if (session.error) {
      return [fail(name, `${session.error.code}: ${session.error.message}`, 'the role must trust you (its trust policy) and you must be allowed sts:AssumeRole on it'),
        skip('member accounts', `not checked: they are reached through ${via}`)];
    }
    checks.push(ok(name, `member roles are assumed as ${via}`));
    assumer = new DoctorClients({ region: ctx.region, credentials: session.value });
  }
  try {
    const accounts = ctx.targets.accounts;
    const results: Check[][] = new Array(accounts.length);
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < accounts.length; i = next++) {
        progress(`member account ${accounts[i]} (${i + 1}/${accounts.length})`);
        results[i] = await memberChecks(accounts[i], { ...ctx, assumer, asArn: via ?? ctx.asArn });
      }
    };
    await Promise.all(Array.from({ length: Math.min(MEMBER_CONCURRENCY, accounts.length) }, worker));
    return [...checks, ...results.flat()];
  } finally {
    if (assumer !== base) assumer.destroy();
  }
}
