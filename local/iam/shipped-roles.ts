/**
 * The roles we ship, as the local cloud's IAM: the operator's function roles (one per handler, in the
 * operator account) and the member role (in every member account), with their trust and identity
 * policies resolved for the local accounts, region and hub (docs/local-cloud.md#iam).
 */
import { generatedName, resolveValue, UnresolvableIntrinsicError, type CfnTemplate, type ResolveContext } from './intrinsics';
import type { NamedPolicy, PolicyDocument } from './policy';
import { IamRoles, roleArnOf, type IamRole } from './roles';
import type { SynthesizedApp } from './synthesized-app';

export interface LocalIamTargets {
  operatorAccountId: string;
  memberAccountIds: string[];
  region: string;
  /** The local hub's resources, which the operator stack imports from the hub stack. */
  resourceConfigurationArn: string;
  resourceGatewayArn: string;
  /** The local name of a deployed state machine (`egress-operator-reconcile-vpc` → the name the local cloud runs it under). */
  localStateMachineName(deployedName: string): string;
}

export interface ShippedRoles {
  roles: IamRoles;
  /** Catalog function id → the ARN of the role it runs as. */
  functionRoleArns: Record<string, string>;
  /** The member role name and the ExternalId its trust policy requires. */
  memberRoleName: string;
  memberExternalId: string;
}

const PARTITION = 'aws';

function physical(targets: LocalIamTargets) {
  return (logicalId: string, type: string, attribute: string, ctx: ResolveContext): string => {
    const props = ctx.template.Resources[logicalId].Properties ?? {};
    const name = (key: string) => (props[key] !== undefined ? String(resolveValue(props[key], ctx)) : generatedName(ctx.stackName, logicalId));
    const scope = `${ctx.region}:${ctx.accountId}`;
    switch (`${type}.${attribute}`) {
      case 'AWS::IAM::Role.Arn': return roleArnOf(ctx.accountId, props.Path ?? '/', name('RoleName'));
      case 'AWS::IAM::Role.Ref': return name('RoleName');
      case 'AWS::Logs::LogGroup.Arn': return `arn:${PARTITION}:logs:${scope}:log-group:${name('LogGroupName')}:*`;
      case 'AWS::Logs::LogGroup.Ref': return name('LogGroupName');
      case 'AWS::VpcLattice::ResourceConfiguration.Arn': return targets.resourceConfigurationArn;
      case 'AWS::VpcLattice::ResourceGateway.Arn': return targets.resourceGatewayArn;
      case 'AWS::Events::EventBus.Arn': return `arn:${PARTITION}:events:${scope}:event-bus/${name('Name')}`;
      case 'AWS::Events::EventBus.Ref': return name('Name');
      case 'AWS::SQS::Queue.Arn': return `arn:${PARTITION}:sqs:${scope}:${name('QueueName')}`;
      case 'AWS::SNS::Topic.Ref':
      case 'AWS::SNS::Topic.TopicArn': return `arn:${PARTITION}:sns:${scope}:${name('TopicName')}`;
      case 'AWS::Lambda::Function.Arn': return `arn:${PARTITION}:lambda:${scope}:function:${name('FunctionName')}`;
      case 'AWS::StepFunctions::StateMachine.Ref':
      case 'AWS::StepFunctions::StateMachine.Arn':
        return `arn:${PARTITION}:states:${scope}:stateMachine:${targets.localStateMachineName(name('StateMachineName'))}`;
      default: throw new UnresolvableIntrinsicError(`${logicalId} (${type}).${attribute}`, ctx.stackName);
    }
  };
}

function contextFor(app: SynthesizedApp, stack: keyof SynthesizedApp['stacks'], accountId: string, targets: LocalIamTargets,
  parameters: Record<string, string> = {}): ResolveContext {
  const { name, template } = app.stacks[stack];
  const ctx: ResolveContext = {
    partition: PARTITION, accountId, region: targets.region, stackName: name, template, parameters,
    physical: physical(targets),
    importValue: (exportName) => {
      // Hub and operator share the account and region (infra/app.ts): exports resolve against the hub stack.
      const hub = app.stacks.hub;
      const output = Object.values(hub.template.Outputs ?? {}).find((o) => o.Export && resolveValue(o.Export.Name, hubCtx) === exportName);
      if (!output) throw new UnresolvableIntrinsicError(`Fn::ImportValue ${exportName}`, name);
      return String(resolveValue(output.Value, hubCtx));
    },
  };
  const hubCtx: ResolveContext = { ...ctx, stackName: app.stacks.hub.name, template: app.stacks.hub.template, parameters: {} };
  return ctx;
}

/** Rewrites deployed state machine names inside resolved ARNs (`…:stateMachine:NAME`, `…:execution:NAME:…`). */
function localNames(doc: PolicyDocument, targets: LocalIamTargets): PolicyDocument {
  const json = JSON.stringify(doc).replace(/(:(?:stateMachine|execution):)([A-Za-z0-9_-]+)/g, (_, kind: string, n: string) => `${kind}${targets.localStateMachineName(n)}`);
  return JSON.parse(json) as PolicyDocument;
}

/** A role of a template with every policy attached to it (inline `Policies` and AWS::IAM::Policy resources naming it). */
function roleFrom(template: CfnTemplate, logicalId: string, ctx: ResolveContext, targets: LocalIamTargets): IamRole {
  const res = template.Resources[logicalId];
  if (res?.Type !== 'AWS::IAM::Role') throw new UnresolvableIntrinsicError(`role ${logicalId}`, ctx.stackName);
  const props = res.Properties ?? {};
  const arn = String(resolveValue({ 'Fn::GetAtt': [logicalId, 'Arn'] }, ctx));
  const policies: NamedPolicy[] = [];
  for (const p of props.Policies ?? []) {
    policies.push({ name: String(resolveValue(p.PolicyName, ctx)), document: localNames(resolveValue(p.PolicyDocument, ctx) as PolicyDocument, targets) });
  }
  for (const [id, r] of Object.entries(template.Resources)) {
    if (r.Type !== 'AWS::IAM::Policy') continue;
    const attached = (r.Properties?.Roles ?? []).some((x: unknown) => (x as { Ref?: string })?.Ref === logicalId);
    if (!attached) continue;
    policies.push({ name: String(resolveValue(r.Properties!.PolicyName ?? id, ctx)), document: localNames(resolveValue(r.Properties!.PolicyDocument, ctx) as PolicyDocument, targets) });
  }
  return {
    accountId: ctx.accountId,
    name: String(resolveValue({ Ref: logicalId }, ctx)),
    path: props.Path ?? '/',
    arn,
    trustPolicy: resolveValue(props.AssumeRolePolicyDocument, ctx) as PolicyDocument,
    policies,
    maxSessionSeconds: Number(props.MaxSessionDuration ?? 3600),
  };
}

export function shippedRoles(app: SynthesizedApp, targets: LocalIamTargets): ShippedRoles {
  const roles = new IamRoles();
  const functionRoleArns: Record<string, string> = {};
  const opCtx = contextFor(app, 'operator', targets.operatorAccountId, targets);
  for (const [fn, logicalId] of Object.entries(app.functionRoles)) {
    const role = roleFrom(app.stacks.operator.template, logicalId, opCtx, targets);
    roles.put(role);
    functionRoleArns[fn] = role.arn;
  }
  const memberParameters = { OperatorAccountId: targets.operatorAccountId, ExternalId: app.config.memberExternalId };
  let memberRoleName = app.config.memberRoleName;
  for (const account of targets.memberAccountIds) {
    const ctx = contextFor(app, 'member', account, targets, memberParameters);
    const role = roleFrom(app.stacks.member.template, app.memberRoleLogicalId, ctx, targets);
    roles.put(role);
    memberRoleName = role.name;
  }
  return { roles, functionRoleArns, memberRoleName, memberExternalId: app.config.memberExternalId };
}
