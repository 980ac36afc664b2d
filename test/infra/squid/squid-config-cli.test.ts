/** `egress squid-config`: the command-line face of infra/squid/render.ts. */
import { Command } from 'commander';
import { register } from '../../../cli/commands/squid-config';
import { configureErrors, runCli } from '../../../cli/lib/errors';
import { renderSquidConfig } from '../../../infra/squid/render';

/** Runs the command the way cli/main.ts does (same error handling), capturing its output. */
async function run(args: string[]): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const program = configureErrors(new Command('egress'));
  register(program);
  let stdout = '';
  let stderr = '';
  program.configureOutput({ writeOut: (s) => { stdout += s; }, writeErr: (s) => { stderr += s; } });
  const capture = (append: (s: string) => void) => (chunk: string | Uint8Array) => { append(chunk.toString()); return true; };
  const out = jest.spyOn(process.stdout, 'write').mockImplementation(capture((s) => { stdout += s; }));
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(capture((s) => { stderr += s; }));
  try {
    const exitCode = await runCli(program, ['node', 'egress', 'squid-config', ...args]);
    return { stdout, stderr, exitCode };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('egress squid-config', () => {
  test('prints exactly what renderSquidConfig renders', async () => {
    const out = await run(['--source', '10.50.0.17', '--source', '10.50.1.0/24', '--port', '3129', '--allow-port', '443',
      '--allow-port', '8443', '--allow-domain', '.amazonaws.com', '--run-dir', '/tmp/egress-run']);
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toBe(renderSquidConfig({
      sources: ['10.50.0.17', '10.50.1.0/24'], port: 3129, allowPorts: [443, 8443], allowDomains: ['.amazonaws.com'], runDir: '/tmp/egress-run',
    }));
    expect(out.stdout).toContain('acl egress_clients src 10.50.0.17/32 10.50.1.0/24');
  });

  test('--json prints {"config": …}', async () => {
    const out = await run(['--source', '10.0.0.0/8', '--json']);
    expect(JSON.parse(out.stdout)).toEqual({ config: renderSquidConfig({ sources: ['10.0.0.0/8'] }) });
  });

  test.each([
    [['--source', '10.0.0.1/8'], /source: '10\.0\.0\.1\/8' has host bits set/],
    [['--source', '10.0.0.0/8', '--port', 'http'], /port: 'http' is not a TCP port/],
    [['--source', '10.0.0.0/8', '--allow-port', '99999'], /allowed port: '99999'/],
    [['--source', '10.0.0.0/8', '--allow-domain', 'bad domain'], /allowed domain: 'bad domain'/],
    [['--source', '10.0.0.0/8', '--run-dir', 'relative'], /run directory: 'relative'/],
    [[], /required option '--source <cidr>'/],
  ])('%j → one-line error, non-zero exit', async (args, message) => {
    const out = await run(args);
    expect(out.exitCode).toBe(2);
    expect(out.stderr).toMatch(/^egress: /);
    expect(out.stderr).toMatch(message);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(out.stdout).toBe('');
  });
});
