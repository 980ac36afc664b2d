/**
 * `npm start -- --keep-running` leaves nothing behind: stopped as a process manager or CI stops it
 * (SIGTERM to its process group), as a person does (SIGINT, Ctrl-C), or killed outright (SIGKILL to the
 * process alone, when only the Squid watchdog can clean up). "Nothing" means no process whose command
 * line names the run's private TMPDIR (Squid, the watchdog) and no Squid run directory left in it.
 * Real Squid when it is installed; otherwise a fake `squid` first on PATH that only listens on the
 * configured port, so the runner and the watchdog are exercised on every machine.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findSquidBinary } from '../../../local/squid';

const ROOT = resolve(__dirname, '../../..');
const realSquid = findSquidBinary();

/** PIDs of live processes whose command line contains `text`. */
function processesNaming(text: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const state = /\) (\S) /.exec(readFileSync(`/proc/${entry}/stat`, 'utf8'))?.[1];
      if (cmdline.includes(text) && state !== 'Z') found.push(Number(entry));
    } catch {
      // Exited while we looked.
    }
  }
  return found;
}

/** Squid's run directories in `tmp` (caches such as tsx's may stay: they are reused, not leaked). */
const squidDirs = (tmp: string) => readdirSync(tmp).filter((d) => d.startsWith('egress-squid-'));

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

/** A `squid` that listens where the config says and nothing else (stands in for a missing Squid). */
function fakeSquidDir(base: string): string {
  const dir = join(base, 'fake-bin');
  mkdirSync(dir);
  const script = join(dir, 'squid');
  writeFileSync(script, [
    '#!/bin/sh',
    '# invoked as: squid -N -f CONFIG',
    'port=$(sed -n \'s/^http_port .*:\\([0-9]*\\)$/\\1/p\' "$3")',
    `exec "${process.execPath}" -e "require('net').createServer().listen(Number(process.argv[1]), '127.0.0.1')" "$port" "$3"`,
    '',
  ].join('\n'));
  chmodSync(script, 0o755);
  return dir;
}

interface Started { child: ChildProcess; tmp: string; output: () => string }

async function startKeepRunning(): Promise<Started> {
  const base = mkdtempSync(join(tmpdir(), 'egress-clean-stop-'));
  const tmp = join(base, 'tmp');
  mkdirSync(tmp);
  // Like /tmp: Squid, started as root, drops to the `proxy` user, which must reach its run directory here.
  chmodSync(base, 0o755);
  chmodSync(tmp, 0o1777);
  const path = realSquid ? process.env.PATH : `${fakeSquidDir(base)}:${process.env.PATH}`;
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', 'local/demo/main.ts', '--keep-running', '--no-demo', '--proxy', 'squid'], {
    cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TMPDIR: tmp, PATH: path, EGRESS_HIDE_SQUID: '0', NO_COLOR: '1' },
  });
  let out = '';
  child.stdout!.on('data', (d) => { out += d; });
  child.stderr!.on('data', (d) => { out += d; });
  const up = await until(() => /^AWS_ENDPOINT_URL=http:\/\/127\.0\.0\.1:\d+$/m.test(out) || child.exitCode !== null, 60000);
  if (!up || child.exitCode !== null) throw new Error(`npm start did not come up:\n${out}`);
  return { child, tmp, output: () => out };
}

const exited = (child: ChildProcess) => new Promise<number | null>((done) => {
  if (child.exitCode !== null || child.signalCode !== null) done(child.exitCode);
  else child.once('exit', (code) => done(code));
});

describe(`npm start -- --keep-running stops cleanly (${realSquid ? `real Squid ${realSquid}` : 'fake squid on PATH: Squid is not installed'})`, () => {
  test.each(['SIGTERM', 'SIGINT'] as const)('%s to the process group: exit 0, Squid stopped, its temporary directory removed', async (signal) => {
    const { child, tmp, output } = await startKeepRunning();
    try {
      expect(output()).toMatch(/^export AWS_ENDPOINT_URL=\S+ AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 AWS_ACCESS_KEY_ID=\S+ AWS_SECRET_ACCESS_KEY=\S+$/m);
      expect(processesNaming(tmp).length).toBeGreaterThan(0); // Squid (and its watchdog) run from the private TMPDIR
      expect(squidDirs(tmp)).toHaveLength(1);
      process.kill(-child.pid!, signal);
      expect(await exited(child)).toBe(0);
      expect(await until(() => processesNaming(tmp).length === 0, 3000)).toBe(true);
      expect(squidDirs(tmp)).toEqual([]);
    } finally {
      try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ }
      rmSync(join(tmp, '..'), { recursive: true, force: true });
    }
  }, 90000);

  test('SIGKILL to the parent alone: the watchdog ends Squid and removes its directory within seconds', async () => {
    const { child, tmp } = await startKeepRunning();
    try {
      const running = processesNaming(tmp);
      expect(running.length).toBeGreaterThan(0);
      process.kill(child.pid!, 'SIGKILL');
      await exited(child);
      expect(await until(() => processesNaming(tmp).length === 0, 5000)).toBe(true);
      expect(await until(() => squidDirs(tmp).length === 0, 2000)).toBe(true);
    } finally {
      try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ }
      rmSync(join(tmp, '..'), { recursive: true, force: true });
    }
  }, 90000);
});
