/**
 * The IAM-relevant part of the synthesized CDK app (infra/): the Hub, Operator and Member templates
 * and which role each operator function runs as. Synthesis takes seconds (aws-cdk-lib is large), so
 * the result is cached under node_modules/.cache, keyed by a hash of every infra/ file, the handler
 * modules infra/ imports (handlers/catalog.ts, …), the aws-cdk-lib version and the app config.
 * Bundling is skipped as in test/infra (the templates' IAM parts do not depend on the bundles).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import type { CfnTemplate } from './intrinsics';

export const REPO_ROOT = resolve(__dirname, '..', '..');
const CACHE_DIR = join(REPO_ROOT, 'node_modules', '.cache', 'egress-local-iam');

export interface SynthesisConfig {
  operatorAccountId: string;
  memberAccounts: string[];
  /** The ExternalId the member role requires (the app has no default for it with member accounts). */
  memberExternalId: string;
}

export interface SynthesizedApp {
  key: string;
  stacks: {
    hub: { name: string; template: CfnTemplate };
    operator: { name: string; template: CfnTemplate };
    member: { name: string; template: CfnTemplate };
  };
  /** Catalog function id (handlers/catalog.ts LAMBDAS, DISPATCHER) → logical ID of its role in the operator stack. */
  functionRoles: Record<string, string>;
  /** Logical ID of the member role in the member stack. */
  memberRoleLogicalId: string;
  /** The app config used (prefix, member role name, ExternalId, …). */
  config: { prefix: string; memberRoleName: string; memberExternalId: string };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

const RELATIVE_IMPORT = /from\s+'(\.[^']+)'|require\('(\.[^']+)'\)/g;

function resolveModule(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  return [`${base}.ts`, join(base, 'index.ts'), base].find((p) => existsSync(p) && statSync(p).isFile());
}

/** Every infra/ file plus the repo modules outside infra/ that it imports, transitively. */
export function appSourceFiles(root = REPO_ROOT): string[] {
  const infra = listFiles(join(root, 'infra'));
  const seen = new Set(infra);
  const queue = infra.filter((f) => f.endsWith('.ts'));
  while (queue.length) {
    const file = queue.pop()!;
    for (const m of readFileSync(file, 'utf8').matchAll(RELATIVE_IMPORT)) {
      const target = resolveModule(file, m[1] ?? m[2]);
      if (target && !seen.has(target) && !relative(root, target).startsWith('node_modules')) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return [...seen].sort();
}

export function cacheKey(config: SynthesisConfig, root = REPO_ROOT): string {
  const hash = createHash('sha256');
  const cdkVersion = JSON.parse(readFileSync(require.resolve('aws-cdk-lib/package.json'), 'utf8')).version;
  hash.update(`aws-cdk-lib@${cdkVersion}\n${JSON.stringify(config)}\n`);
  for (const file of appSourceFiles(root)) hash.update(`${relative(root, file)}\n`).update(readFileSync(file));
  return hash.digest('hex').slice(0, 24);
}

/** Synthesize in this process (bundling skipped) and extract what the local IAM needs. */
export function synthesize(config: SynthesisConfig, key: string): SynthesizedApp {
  /* eslint-disable @typescript-eslint/no-var-requires */
  const { App, Stack } = require('aws-cdk-lib') as typeof import('aws-cdk-lib');
  const { buildEgressApp } = require('../../infra/app') as typeof import('../../infra/app');
  const { defaultConfig } = require('../../infra/config') as typeof import('../../infra/config');
  const { DISPATCHER, LAMBDAS } = require('../../handlers/catalog') as typeof import('../../handlers/catalog');
  // Into a directory of its own, removed once the templates are read: without an outdir, CDK leaves
  // a cdk.out… directory in the system temp folder that nothing removes.
  const outdir = mkdtempSync(join(tmpdir(), 'egress-local-synth-'));
  try {
    const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [], '@aws-cdk/core:defaultCrossStackReferences': 'strong' } });
    const appConfig = defaultConfig({
      memberAccounts: config.memberAccounts, operatorAccountId: config.operatorAccountId, memberExternalId: config.memberExternalId,
    });
    const { hub, operator, member } = buildEgressApp(app, appConfig);
    const assembly = app.synth();
    const templateOf = (s: InstanceType<typeof Stack>) => assembly.getStackByName(s.stackName).template as CfnTemplate;
    const logicalId = (c: { node: { defaultChild?: unknown } }) => operator.resolve((c.node.defaultChild as any).logicalId) as string;
    const functionRoles: Record<string, string> = {};
    for (const entry of [...LAMBDAS, DISPATCHER]) {
      const fn = operator.functions.byId.get(entry.id);
      if (fn?.role) functionRoles[entry.id] = logicalId(fn.role as any);
    }
    return {
      key,
      stacks: {
        hub: { name: hub.stackName, template: templateOf(hub) },
        operator: { name: operator.stackName, template: templateOf(operator) },
        member: { name: member.stackName, template: templateOf(member) },
      },
      functionRoles,
      memberRoleLogicalId: member.resolve((member.role.node.defaultChild as any).logicalId) as string,
      config: { prefix: appConfig.prefix, memberRoleName: appConfig.memberRoleName, memberExternalId: config.memberExternalId },
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** Keep the few newest cache entries (infra/ changes make new keys). */
function pruneCache(keep: string, max = 4): void {
  const entries = readdirSync(CACHE_DIR).filter((n) => n.endsWith('.json')).map((n) => join(CACHE_DIR, n))
    .map((p) => ({ p, t: statSync(p).mtimeMs })).sort((a, b) => b.t - a.t);
  for (const { p } of entries.slice(max)) if (p !== keep) rmSync(p, { force: true });
}

/** Write a synthesized app to the cache, atomically. */
export function writeCache(app: SynthesizedApp): void {
  mkdirSync(CACHE_DIR, { recursive: true });
  const path = join(CACHE_DIR, `${app.key}.json`);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(app));
  renameSync(tmp, path);
  pruneCache(path);
}

function readCache(path: string): SynthesizedApp | undefined {
  if (!existsSync(path)) return undefined;
  try { return JSON.parse(readFileSync(path, 'utf8')) as SynthesizedApp; } catch { return undefined; }
}

const LOCK_STALE_MS = 5 * 60_000;
const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * The synthesized app from the cache, or synthesized now and cached. Synthesis runs in a child process
 * (plain Node loads aws-cdk-lib several times faster than a test runner's module registry), one at a
 * time across processes (a lock directory): parallel test workers wait for the first one.
 */
export function loadSynthesizedApp(config: SynthesisConfig): { app: SynthesizedApp; cached: boolean } {
  const key = cacheKey(config);
  const path = join(CACHE_DIR, `${key}.json`);
  const hit = readCache(path);
  if (hit) return { app: hit, cached: true };
  mkdirSync(CACHE_DIR, { recursive: true });
  const lock = `${path}.lock`;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > LOCK_STALE_MS) rmSync(lock, { recursive: true, force: true });
      sleepSync(200);
      const done = readCache(path);
      if (done) return { app: done, cached: false };
    }
  }
  try {
    execFileSync(process.execPath, [require.resolve('tsx/cli'), join(__dirname, 'synthesize-cli.ts'), JSON.stringify(config)], {
      cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'],
    });
  } catch (err) {
    throw new Error(`Synthesizing the CDK app for the local IAM failed: ${String((err as { stderr?: Buffer }).stderr ?? err).slice(0, 2000)}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  const app = readCache(path);
  if (!app) throw new Error(`Synthesizing the CDK app for the local IAM wrote no ${path}`);
  return { app, cached: false };
}
