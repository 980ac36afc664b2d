/**
 * Runs a real Squid for tests and the local cloud: renders the one config template into a fresh
 * run directory, starts `squid -N` in the foreground, waits until its port accepts connections
 * and stops it by PID. Squid leads its own process group, so helpers it forks stop with it; a watchdog
 * (watchdog.ts) stops it when the parent dies without stopping it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderSquidConfig, squidTemplateValues, type SquidConfigOptions } from '../../infra/squid/render';
import { requireSquidBinary } from './binary';
import { findFreePort, waitForPort } from './ports';
import { createRunDir, removeRunDir } from './run-dir';
import { startWatchdog } from './watchdog';

export interface StartSquidOptions extends Omit<SquidConfigOptions, 'runDir' | 'port'> {
  /** Listen port; default: a free port. */
  port?: number;
  /** Default 127.0.0.1: a local Squid is never reachable from other machines. */
  listenAddress?: string;
  /** Path of the squid executable; default: found in PATH or /usr/sbin. */
  squidBinary?: string;
  /** How long to wait for the port to accept connections (default 10000 ms). */
  readyTimeoutMs?: number;
  /** Keep the run directory (logs) after stop, for debugging. */
  keepRunDir?: boolean;
}

export interface StopOptions {
  /** true (default): SIGINT, Squid's fast shutdown that still flushes logs; false: SIGKILL. */
  graceful?: boolean;
  /** After this long a graceful stop becomes SIGKILL (default 8000 ms). */
  timeoutMs?: number;
}

export interface RunningSquid {
  pid: number;
  host: string;
  port: number;
  runDir: string;
  configPath: string;
  accessLogPath: string;
  cacheLogPath: string;
  /** Resolves once the process has exited and the run directory is removed. Safe to call twice. */
  stop(opts?: StopOptions): Promise<void>;
}

export async function startSquid(opts: StartSquidOptions): Promise<RunningSquid> {
  const host = opts.listenAddress ?? '127.0.0.1';
  const { squidBinary: _b, readyTimeoutMs = 10000, keepRunDir = false, ...configOpts } = opts;
  // Options first: a bad option is the caller's mistake whether or not Squid is installed.
  squidTemplateValues({ ...configOpts, listenAddress: host, port: opts.port, runDir: tmpdir() });
  const binary = requireSquidBinary(opts.squidBinary);
  const port = opts.port ?? (await findFreePort(host));
  const runDir = createRunDir();
  const configPath = join(runDir, 'squid.conf');
  try {
    writeFileSync(configPath, renderSquidConfig({ ...configOpts, listenAddress: host, port, runDir }), { mode: 0o644 });
  } catch (err) {
    removeRunDir(runDir);
    throw err;
  }

  const child = spawn(binary, ['-N', '-f', configPath], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-4000); });
  let exit: string | undefined;
  child.once('exit', (code, signal) => { exit = signal ? `signal ${signal}` : `exit code ${code}`; });
  child.once('error', (err) => { exit = err.message; });
  // If the Node process ends without stop() (a crashed test, process.exit), Squid must not outlive it;
  // if it is killed outright (SIGKILL), the watchdog ends Squid within about a second.
  const watchdog = child.pid === undefined ? undefined : startWatchdog(child.pid, keepRunDir ? undefined : runDir);
  const killOnExit = () => {
    killGroup(child, 'SIGKILL');
    watchdog?.stop();
    if (!keepRunDir) removeRunDir(runDir);
  };
  process.once('exit', killOnExit);

  const squid: RunningSquid = {
    pid: child.pid ?? -1,
    host,
    port,
    runDir,
    configPath,
    accessLogPath: join(runDir, 'access.log'),
    cacheLogPath: join(runDir, 'cache.log'),
    stop: once(async ({ graceful = true, timeoutMs = 8000 }: StopOptions = {}) => {
      process.removeListener('exit', killOnExit);
      await stopChild(child, graceful ? timeoutMs : 0);
      watchdog?.stop();
      if (!keepRunDir) removeRunDir(runDir);
    }),
  };
  try {
    await waitForPort(host, port, readyTimeoutMs, () => exit && `squid stopped while starting (${exit})`);
  } catch (err) {
    const detail = [stderr, tail(squid.cacheLogPath)].map((s) => s.trim()).filter(Boolean).join('\n');
    await squid.stop({ graceful: false });
    throw new Error(`Squid did not start on ${host}:${port}: ${(err as Error).message}${detail ? `\n${detail}` : ''}`);
  }
  return squid;
}

/** Signals the whole process group led by Squid (its PID), ignoring one that is already gone. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already exited between the check and the signal.
  }
}

async function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.pid === undefined) return;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    let graceful = false;
    if (graceMs > 0) {
      killGroup(child, 'SIGINT');
      const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
      graceful = (await Promise.race([exited, timer])) !== 'timeout';
    }
    if (!graceful) killGroup(child, 'SIGKILL');
    await exited;
  }
  // Helpers outlive Squid only by mistake; the group still carries Squid's PID as its id.
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // No member left: the usual case.
  }
}

/** The last lines of a log file, for start errors (Squid writes its FATAL lines there). */
function tail(path: string, lines = 15): string {
  if (!existsSync(path)) return '';
  return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

function once<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  let running: Promise<void> | undefined;
  return (...args: A) => (running ??= fn(...args));
}
