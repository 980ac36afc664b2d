/**
 * Resolves the CloudFormation intrinsics that appear in the IAM parts of our templates, for one local
 * account and region, as CloudFormation would at deploy time: Ref (pseudo parameters, parameters,
 * resources), Fn::Join, Fn::Sub (no variables map), Fn::Select, Fn::Split, Fn::GetAtt (…Arn),
 * Fn::ImportValue. https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
 */
export interface CfnTemplate {
  Parameters?: Record<string, { Default?: string }>;
  Resources: Record<string, { Type: string; Properties?: Record<string, any> }>;
  Outputs?: Record<string, { Value: unknown; Export?: { Name: unknown } }>;
}

export interface ResolveContext {
  partition: string;
  accountId: string;
  region: string;
  stackName: string;
  template: CfnTemplate;
  /** Values for the template's parameters (defaults apply otherwise). */
  parameters?: Record<string, string>;
  /** Fn::ImportValue by export name. */
  importValue(name: string): string;
  /** The physical value of `Fn::GetAtt [logicalId, attribute]` (and of `Ref` when attribute is 'Ref'). */
  physical(logicalId: string, type: string, attribute: string, ctx: ResolveContext): string;
}

export class UnresolvableIntrinsicError extends Error {
  constructor(what: string, stackName: string) {
    super(`Cannot resolve ${what} in stack ${stackName} for the local cloud`);
    this.name = 'UnresolvableIntrinsicError';
  }
}

function pseudo(name: string, ctx: ResolveContext): string | undefined {
  switch (name) {
    case 'AWS::Partition': return ctx.partition;
    case 'AWS::AccountId': return ctx.accountId;
    case 'AWS::Region': return ctx.region;
    case 'AWS::StackName': return ctx.stackName;
    case 'AWS::URLSuffix': return 'amazonaws.com';
    case 'AWS::NoValue': return undefined;
    default: return undefined;
  }
}

function ref(name: string, ctx: ResolveContext): string {
  if (name.startsWith('AWS::')) {
    const v = pseudo(name, ctx);
    if (v === undefined) throw new UnresolvableIntrinsicError(`Ref ${name}`, ctx.stackName);
    return v;
  }
  const param = ctx.template.Parameters?.[name];
  if (param) {
    const v = ctx.parameters?.[name] ?? param.Default;
    if (v === undefined) throw new UnresolvableIntrinsicError(`parameter ${name} (no value, no default)`, ctx.stackName);
    return v;
  }
  const res = ctx.template.Resources[name];
  if (!res) throw new UnresolvableIntrinsicError(`Ref ${name}`, ctx.stackName);
  return ctx.physical(name, res.Type, 'Ref', ctx);
}

function str(value: unknown, ctx: ResolveContext): string {
  const v = resolveValue(value, ctx);
  if (typeof v !== 'string') throw new UnresolvableIntrinsicError(`a non-string value ${JSON.stringify(value)}`, ctx.stackName);
  return v;
}

/** Deeply resolve a template value: strings, arrays, objects with intrinsics. */
export function resolveValue(value: unknown, ctx: ResolveContext): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveValue(v, ctx));
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length === 1) {
    const [k] = keys;
    const arg = obj[k] as any;
    switch (k) {
      case 'Ref': return ref(String(arg), ctx);
      case 'Fn::Join': return (resolveValue(arg[1], ctx) as unknown[]).map(String).join(String(arg[0]));
      case 'Fn::Select': return (resolveValue(arg[1], ctx) as unknown[])[Number(resolveValue(arg[0], ctx))];
      case 'Fn::Split': return str(arg[1], ctx).split(String(arg[0]));
      case 'Fn::ImportValue': return ctx.importValue(str(arg, ctx));
      case 'Fn::GetAtt': {
        const [logicalId, attribute] = Array.isArray(arg) ? arg : String(arg).split('.');
        const res = ctx.template.Resources[logicalId];
        if (!res) throw new UnresolvableIntrinsicError(`Fn::GetAtt ${logicalId}.${attribute}`, ctx.stackName);
        return ctx.physical(logicalId, res.Type, attribute, ctx);
      }
      case 'Fn::Sub': {
        if (typeof arg !== 'string') throw new UnresolvableIntrinsicError('Fn::Sub with a variable map', ctx.stackName);
        return arg.replace(/\$\{([^}!]+)\}/g, (_, name: string) => {
          const [id, attr] = name.split('.');
          return attr ? str({ 'Fn::GetAtt': [id, attr] }, ctx) : ref(id, ctx);
        });
      }
      default:
        if (k.startsWith('Fn::')) throw new UnresolvableIntrinsicError(k, ctx.stackName);
    }
  }
  return Object.fromEntries(keys.map((k) => [k, resolveValue(obj[k], ctx)]));
}

/** CloudFormation's generated physical name: `<stack>-<logicalId>` (AWS appends a random suffix; we do not). */
export function generatedName(stackName: string, logicalId: string, max = 64): string {
  return `${stackName}-${logicalId}`.slice(0, max);
}
