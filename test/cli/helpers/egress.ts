/** Running the real `egress` bin as a subprocess, asynchronously (a local cloud in this process must keep answering). */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const BIN = resolve(__dirname, '../../../bin/egress.js');

export interface Result { code: number | null; stdout: string; stderr: string }

export function spawnEgress(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcessWithoutNullStreams {
  // COLUMNS: tables fit 120 characters whatever the terminal running the tests (a test may set its own).
  return spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1', POWERTOOLS_LOG_LEVEL: 'SILENT', COLUMNS: '120', ...env } });
}

export function egress(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Result> {
  return outcome(spawnEgress(args, env));
}

/** Its exit code and everything it printed. */
function outcome(child: ChildProcessWithoutNullStreams): Promise<Result> {
  return new Promise((done) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** Write a test input file (JSON unless given a string) into `dir`; returns its path. */
export function inputFile(dir: string, name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

/** `--json` output parsed, after checking the run was clean. */
export async function egressJson<T = any>(args: string[], env: NodeJS.ProcessEnv = {}, expectedCode = 0): Promise<T> {
  const r = await egress([...args, '--json'], env);
  if (r.code !== expectedCode) throw new Error(`egress ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

/** One `egress: …` line on stderr, no stack trace, naming each of `mentions`. */
export function expectOneLineError(stderr: string, ...mentions: string[]): void {
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^egress: /);
  expect(stderr).not.toMatch(/\n\s+at /);
  for (const text of mentions) expect(lines[0]).toContain(text);
}

export const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

/** Like `egress`, but with exactly `env` (plus PATH): nothing inherited from this process. */
export function egressWithOnly(args: string[], env: NodeJS.ProcessEnv): Promise<Result> {
  return outcome(spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH, NO_COLOR: '1', ...env } }));
}
