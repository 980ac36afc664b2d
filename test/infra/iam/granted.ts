/**
 * Whether a policy grants an action on an ARN: the statements' CloudFormation values resolved for one
 * sample account and region (pseudo parameters filled in; any other reference — an imported hub ARN,
 * a parameter — stands for "whatever it names", i.e. `*`), then IAM's wildcard matching.
 */
export const SAMPLE = { partition: 'aws', account: '123456789012', region: 'us-east-1' } as const;

const PSEUDO: Record<string, string> = {
  'AWS::Partition': SAMPLE.partition, 'AWS::AccountId': SAMPLE.account, 'AWS::Region': SAMPLE.region, 'AWS::URLSuffix': 'amazonaws.com',
};

/** A template value as a string, `*` for what cannot be known offline. */
export function resolveValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const v = value as Record<string, any>;
    if (typeof v.Ref === 'string') return PSEUDO[v.Ref] ?? '*';
    if (Array.isArray(v['Fn::Join'])) return (v['Fn::Join'][1] as unknown[]).map(resolveValue).join(v['Fn::Join'][0]);
  }
  return '*';
}

const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function wildcard(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
}

export interface Statement { Effect: string; Action: string | string[]; Resource: unknown }

/** A resource type by its Service Authorization Reference ARN format (`arn:${Partition}:ec2:${Region}:${Account}:vpc/${VpcId}`). */
export interface ResourceType { name: string; format: string }

/** `*` for actions without resource types. */
export const ANY_RESOURCE: ResourceType = { name: '*', format: '*' };

/**
 * Whether a granted resource pattern covers resources of a type: either the pattern matches an ARN of
 * that type, or a name in the pattern's place fits the type's ARN format (any account, any region:
 * which account a grant is for is checked elsewhere).
 */
function covers(pattern: string, type: ResourceType): boolean {
  if (type === ANY_RESOURCE) return pattern === '*';
  const sample = type.format.replace('${Partition}', SAMPLE.partition).replace('${Region}', SAMPLE.region)
    .replace('${Account}', SAMPLE.account).replace(/\$\{[A-Za-z]+\}/g, 'example-0123');
  if (wildcard(pattern).test(sample)) return true;
  const format = new RegExp(`^${type.format.split(/(\$\{[A-Za-z]+\})/).map((part) => {
    if (part === '${Partition}') return SAMPLE.partition;
    if (part === '${Region}' || part === '${Account}') return '[^:]*';
    if (/^\$\{[A-Za-z]+\}$/.test(part)) return '.+';
    return part.replace(/[.+^${}()|[\]\\*?]/g, '\\$&');
  }).join('')}$`);
  return format.test(pattern.replace(/\*/g, 'x'));
}

/** Allow statements (conditions aside: they narrow on purpose) that grant `action` on resources of `type`. */
export function grants(statements: Statement[], action: string, type: ResourceType): boolean {
  return statements.some((s) => s.Effect === 'Allow'
    && asArray(s.Action).some((a) => wildcard(a).test(action))
    && asArray(s.Resource).some((r) => covers(resolveValue(r), type)));
}
