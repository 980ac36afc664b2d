/**
 * The operator account's side, read through AWS (thin: each function makes the calls and returns
 * observations; operator-checks.ts decides). Read-only calls only.
 */
import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DescribeSubnetsCommand } from '@aws-sdk/client-ec2';
import { ListRulesCommand, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import { GetResourceShareAssociationsCommand } from '@aws-sdk/client-ram';
import { DescribeStateMachineCommand, paginateListStateMachines } from '@aws-sdk/client-sfn';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { GetResourceConfigurationCommand, GetResourceGatewayCommand, paginateListResourceConfigurations } from '@aws-sdk/client-vpc-lattice';
import { discoverStateMachines, NoOperatorFound } from '../state-machines';
import { failed, observed, type Observed } from './check';
import { observe, type DoctorClients } from './clients';
import type { MachineView, ConfigurationView, GatewayView, Identity, RuleView, StackView } from './operator-checks';
import { isTagChangeRule } from './operator-checks';
import type { ShareAssociation } from './member-checks';

export function observeIdentity(c: DoctorClients): Promise<Observed<Identity>> {
  return observe(async () => {
    const out = await c.sts().send(new GetCallerIdentityCommand({}));
    return { account: out.Account!, arn: out.Arn! };
  });
}

/** undefined: no such stack. Against the local cloud without CloudFormation: error `Unavailable`. */
export async function observeStack(c: DoctorClients, stackName: string, local: boolean): Promise<Observed<StackView | undefined>> {
  const got = await observe(() => c.cloudFormation().send(new DescribeStacksCommand({ StackName: stackName })));
  if (got.error) {
    if (got.error.code === 'ValidationError' && /does not exist/.test(got.error.message)) return observed(undefined);
    if (local && /^(UnrecognizedClientException|UnknownOperationException|InvalidAction)$/.test(got.error.code)) {
      return failed('Unavailable', `the local cloud at AWS_ENDPOINT_URL has no CloudFormation (${got.error.code}): the stack is not checked`);
    }
    return got as Observed<never>;
  }
  const s = got.value.Stacks?.[0];
  if (!s) return observed(undefined);
  const outputs: Record<string, string> = {};
  for (const o of s.Outputs ?? []) if (o.OutputKey && o.OutputValue) outputs[o.OutputKey] = o.OutputValue;
  return observed({ name: s.StackName ?? stackName, status: String(s.StackStatus), outputs });
}

/** The rules of a bus that doctor looks at (tag-change and schedule rules), with their targets. */
export function observeRules(c: DoctorClients, busName = 'default'): Promise<Observed<RuleView[]>> {
  return observe(async () => {
    const rules: RuleView[] = [];
    let token: string | undefined;
    do {
      const page = await c.events().send(new ListRulesCommand({ ...(busName === 'default' ? {} : { EventBusName: busName }), NextToken: token }));
      for (const r of page.Rules ?? []) {
        rules.push({ name: r.Name!, state: String(r.State ?? 'ENABLED'), eventPattern: r.EventPattern, scheduleExpression: r.ScheduleExpression, targets: [] });
      }
      token = page.NextToken;
    } while (token);
    for (const r of rules.filter((x) => x.scheduleExpression || isTagChangeRule(x))) {
      const t = await c.events().send(new ListTargetsByRuleCommand({ Rule: r.name, ...(busName === 'default' ? {} : { EventBusName: busName }) }));
      r.targets = (t.Targets ?? []).map((x) => x.Arn!).filter(Boolean);
    }
    return rules;
  });
}

const SOURCES: Record<string, string> = { list: 'ListStateMachines', stack: 'the operator stack\'s outputs', env: '$EGRESS_RECONCILE_*_ARN', flag: 'a flag' };

export interface MachinesObserved { reconcileVpc: Observed<MachineView | undefined>; reconcileFleet: Observed<MachineView | undefined>; tried: string }

/** Both workflows, found as every command finds them (cli/lib/state-machines.ts), with their status. */
export async function observeMachines(c: DoctorClients, stackOutputs: Record<string, string> | undefined, env: NodeJS.ProcessEnv): Promise<MachinesObserved> {
  let tried = '--state-machine, $EGRESS_RECONCILE_VPC_ARN, the operator stack\'s outputs, ListStateMachines';
  const found = await observe(async () => {
    try {
      return await discoverStateMachines({
        flags: {}, env, local: false,
        stackOutputs: async () => stackOutputs,
        listStateMachines: async () => {
          const out: Array<{ name: string; arn: string }> = [];
          for await (const page of paginateListStateMachines({ client: c.sfn() }, {})) {
            for (const m of page.stateMachines ?? []) if (m.name && m.stateMachineArn) out.push({ name: m.name, arn: m.stateMachineArn });
          }
          return out;
        },
      });
    } catch (err) {
      if (err instanceof NoOperatorFound) { tried = err.tried.join(', '); return undefined; }
      throw err;
    }
  });
  const described = async (ref: { arn: string; source: string } | undefined): Promise<Observed<MachineView | undefined>> => {
    if (!ref) return observed(undefined);
    return observe(async () => {
      const d = await c.sfn().send(new DescribeStateMachineCommand({ stateMachineArn: ref.arn }));
      return { name: d.name ?? ref.arn, arn: ref.arn, source: SOURCES[ref.source] ?? ref.source, status: String(d.status ?? 'ACTIVE') };
    });
  };
  if (found.error) return { reconcileVpc: found as Observed<never>, reconcileFleet: found as Observed<never>, tried };
  return { reconcileVpc: await described(found.value?.reconcileVpc), reconcileFleet: await described(found.value?.reconcileFleet), tried };
}

/** The hub's resource configuration: given, from the hub stack's outputs, or by its name `<prefix>-squid`. */
export async function observeConfiguration(c: DoctorClients, given: { arn: string; from: string } | undefined, hubOutputs: Record<string, string> | undefined, hubStack: string, prefix: string): Promise<Observed<ConfigurationView | undefined>> {
  return observe(async () => {
    let ref = given ?? (hubOutputs?.ResourceConfigurationArn ? { arn: hubOutputs.ResourceConfigurationArn, from: `stack ${hubStack}` } : undefined);
    if (!ref) {
      for await (const page of paginateListResourceConfigurations({ client: c.lattice() }, {})) {
        const hit = page.items?.find((i) => i.name === `${prefix}-squid`);
        if (hit?.arn) { ref = { arn: hit.arn, from: 'ListResourceConfigurations' }; break; }
      }
    }
    if (!ref) return undefined;
    const rc = await c.lattice().send(new GetResourceConfigurationCommand({ resourceConfigurationIdentifier: ref.arn }));
    return { arn: rc.arn ?? ref.arn, name: rc.name ?? '', status: String(rc.status), gatewayId: rc.resourceGatewayId ?? '', source: ref.from };
  });
}

export async function observeGateway(c: DoctorClients, gatewayId: string): Promise<Observed<GatewayView>> {
  return observe(async () => {
    const g = await c.lattice().send(new GetResourceGatewayCommand({ resourceGatewayIdentifier: gatewayId }));
    const subnets = g.subnetIds?.length ? (await c.ec2().send(new DescribeSubnetsCommand({ SubnetIds: g.subnetIds }))).Subnets ?? [] : [];
    return { id: g.id ?? gatewayId, status: String(g.status), azIds: [...new Set(subnets.map((s) => s.AvailabilityZoneId!).filter(Boolean))].sort() };
  });
}

/** The principals of every share of the hub account that holds the resource configuration. */
export async function observeHubShares(c: DoctorClients, resourceConfigurationArn: string): Promise<Observed<ShareAssociation[]>> {
  return observe(async () => {
    const ram = c.ram();
    const shares = new Map<string, string>();
    let token: string | undefined;
    do {
      const page = await ram.send(new GetResourceShareAssociationsCommand({ associationType: 'RESOURCE', resourceArn: resourceConfigurationArn, nextToken: token }));
      for (const a of page.resourceShareAssociations ?? []) if (a.resourceShareArn && a.status === 'ASSOCIATED') shares.set(a.resourceShareArn, a.resourceShareName ?? a.resourceShareArn);
      token = page.nextToken;
    } while (token);
    if (!shares.size) return [];
    const out: ShareAssociation[] = [];
    do {
      const page = await ram.send(new GetResourceShareAssociationsCommand({ associationType: 'PRINCIPAL', resourceShareArns: [...shares.keys()], nextToken: token }));
      for (const a of page.resourceShareAssociations ?? []) {
        out.push({ shareArn: a.resourceShareArn!, shareName: shares.get(a.resourceShareArn!) ?? '', principal: a.associatedEntity!, status: String(a.status) });
      }
      token = page.nextToken;
    } while (token);
    return out;
  });
}
