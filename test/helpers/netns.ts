/**
 * Running test scenarios inside a private network namespace (`unshare -n`, loopback only), so that
 * no mistake in a Squid config can ever send traffic off the machine: in there, the only route is
 * `lo`. Jest itself stays outside; the scenarios run as a small tsx script in the namespace and
 * print their results as JSON, which the jest test then asserts case by case.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

export type NetnsSupport = { ok: true; alreadyIsolated: boolean } | { ok: false; reason: string };

const REPO_ROOT = resolve(__dirname, '..', '..');
const TSX = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
let cached: NetnsSupport | undefined;

/** Network interfaces of this process's namespace (from /proc/self/net/dev, which is per-netns). */
export function interfaces(): string[] {
  try {
    return readFileSync('/proc/self/net/dev', 'utf8').split('\n').slice(2)
      .map((line) => line.split(':')[0].trim()).filter(Boolean);
  } catch {
    return [];
  }
}

/** True when this process already runs in a namespace whose only interface is loopback. */
export function isIsolatedNetns(): boolean {
  const names = interfaces();
  return names.length === 1 && names[0] === 'lo';
}

/** Whether scenarios can run in a private namespace here, and if not, why (for the skip message). */
export function privateNetnsSupport(): NetnsSupport {
  if (cached) return cached;
  cached = detect();
  return cached;
}

function detect(): NetnsSupport {
  if (process.platform !== 'linux') return { ok: false, reason: `network namespaces need Linux (this is ${process.platform})` };
  if (isIsolatedNetns()) return { ok: true, alreadyIsolated: true };
  for (const tool of ['unshare', 'ip']) {
    if (!which(tool)) return { ok: false, reason: `'${tool}' is not installed` };
  }
  const trial = spawnSync('unshare', ['-n', '--', 'sh', '-c', 'ip link set lo up'], { encoding: 'utf8', timeout: 5000 });
  if (trial.status !== 0) {
    const why = (trial.stderr || trial.error?.message || `exit ${trial.status}`).trim().split('\n')[0];
    return { ok: false, reason: `'unshare -n' is not permitted here (${why})` };
  }
  return { ok: true, alreadyIsolated: false };
}

export interface NetnsRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `tsx script` in a fresh private namespace with loopback up. `setup` holds shell commands
 * run inside the namespace first (routes for a scenario); they can never touch the host's network.
 */
export function runInPrivateNetns(script: string, opts: { setup?: string[]; timeoutMs?: number } = {}): Promise<NetnsRun> {
  const support = privateNetnsSupport();
  if (!support.ok) return Promise.reject(new Error(`cannot run in a private network namespace: ${support.reason}`));
  // Already isolated (e.g. a container without network): loopback is usually up and we may lack the right to touch it.
  const loUp = support.alreadyIsolated ? '{ ip link set lo up 2>/dev/null || true; }' : 'ip link set lo up';
  const inner = [loUp, ...(opts.setup ?? []), 'exec "$0" "$@"'].join(' && ');
  const [command, args] = support.alreadyIsolated
    ? ['sh', ['-c', inner, TSX, script]]
    : ['unshare', ['-n', '--', 'sh', '-c', inner, TSX, script]];
  return new Promise((resolveRun) => {
    execFile(command, args, { cwd: REPO_ROOT, timeout: opts.timeoutMs ?? 60000, maxBuffer: 8 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
        resolveRun({ code, stdout, stderr });
      });
  });
}

/** The last line of stdout that parses as JSON (scripts may log before it). */
export function lastJsonLine<T>(stdout: string): T {
  const lines = stdout.trim().split('\n').reverse();
  for (const line of lines) {
    if (!line.startsWith('{')) continue;
    try {
      return JSON.parse(line) as T;
    } catch {
      // keep looking
    }
  }
  throw new Error(`no JSON result in output:\n${stdout.slice(-2000)}`);
}

function which(tool: string): boolean {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/sbin', '/usr/bin', '/bin'];
  return dirs.some((dir) => dir && existsSync(join(dir, tool)));
}
