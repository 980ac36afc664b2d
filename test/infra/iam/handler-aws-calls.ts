/**
 * What each handler calls on AWS, read from its own source: every `XCommand` and `paginateX` it
 * imports from an `@aws-sdk/client-*` package, in its module and every repo module it imports,
 * transitively. An over-approximation (a module imported for one helper brings all its calls), never
 * an under-approximation, unless a handler builds requests some other way — so such a way fails here.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..', '..');

/** IAM service prefix of each SDK client package (the Service Authorization Reference's prefixes). */
export const IAM_PREFIX: Record<string, string> = {
  'client-ec2': 'ec2', 'client-vpc-lattice': 'vpc-lattice', 'client-sfn': 'states', 'client-eventbridge': 'events',
  'client-sts': 'sts', 'client-ram': 'ram', 'client-cloudformation': 'cloudformation', 'client-s3': 's3',
};

export interface AwsCall {
  /** e.g. `ec2:CreateVpcEndpoint` */
  action: string;
  /** Repo-relative file that imports the command. */
  file: string;
}

const SDK_IMPORT = /import\s+(type\s+)?\{([^}]*)\}\s*from\s*'@aws-sdk\/(client-[a-z0-9-]+)'/g;
const SDK_NAMESPACE = /import\s+\*\s+as\s+\w+\s+from\s*'@aws-sdk\/client-/;
const RELATIVE = /(?:from|import|require\()\s*'(\.{1,2}\/[^']+)'/g;

function resolveModule(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  return [`${base}.ts`, join(base, 'index.ts'), base].find((p) => existsSync(p) && statSync(p).isFile());
}

/** The handler module and every repo module it imports, transitively. */
export function moduleClosure(entry: string): string[] {
  const seen = new Set([entry]);
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop()!;
    for (const m of readFileSync(file, 'utf8').matchAll(RELATIVE)) {
      const target = resolveModule(file, m[1]);
      if (target && !seen.has(target) && !target.includes('node_modules')) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return [...seen].sort();
}

/** The AWS calls a handler module can make. */
export function awsCallsOf(handlerFile: string): AwsCall[] {
  const calls = new Map<string, AwsCall>();
  for (const file of moduleClosure(join(REPO_ROOT, 'handlers', handlerFile))) {
    const source = readFileSync(file, 'utf8');
    const rel = relative(REPO_ROOT, file);
    if (SDK_NAMESPACE.test(source)) throw new Error(`${rel}: a namespace import of an SDK client hides which operations it calls`);
    for (const [, typeOnly, specifiers, client] of source.matchAll(SDK_IMPORT)) {
      if (typeOnly) continue;
      const prefix = IAM_PREFIX[client];
      if (!prefix) throw new Error(`${rel}: @aws-sdk/${client} has no IAM prefix in IAM_PREFIX`);
      for (const raw of specifiers.split(',')) {
        const name = raw.trim().replace(/\s+as\s+\w+$/, '');
        if (!name || name.startsWith('type ')) continue;
        const op = /^(\w+)Command$/.exec(name)?.[1] ?? /^paginate(\w+)$/.exec(name)?.[1];
        if (op) calls.set(`${prefix}:${op}`, { action: `${prefix}:${op}`, file: rel });
      }
    }
    // Tags given on create (TagSpecifications) are authorized as ec2:CreateTags with ec2:CreateAction
    // (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/supported-iam-actions-tagging.html).
    if (/\bTagSpecifications\b/.test(source) && source.includes("'@aws-sdk/client-ec2'")) {
      calls.set('ec2:CreateTags', calls.get('ec2:CreateTags') ?? { action: 'ec2:CreateTags', file: rel });
    }
  }
  return [...calls.values()].sort((a, b) => a.action.localeCompare(b.action));
}
