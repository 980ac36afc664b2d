/**
 * Bad `egress` command lines, run through the real bin: each is answered before any AWS call with one
 * `egress: …` line on stderr naming the problem (no stack trace, nothing on stdout) and exit code 2
 * (bad input, docs/cli.md). The environment points AWS at a closed loopback port, so a row that
 * reached AWS would answer "cannot reach" with exit code 3 instead.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildProgram } from '../../cli/main';
import { runCli } from '../../cli/lib/errors';
import { egress, expectOneLineError, type Result } from '../cli/helpers/egress';

const dir = mkdtempSync(join(tmpdir(), 'egress-malformed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const NO_AWS = { AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIDLOCAL', AWS_SECRET_ACCESS_KEY: 'local' };
const VPC = 'vpc-0123456789abcdef0';

/** [what is wrong, the arguments, what the one line must say]. */
export const CLI_ROWS: [string, () => string[], string[]][] = [
  ['an unknown command', () => ['nonsense'], ["unknown command 'nonsense'"]],
  ['an unknown option', () => ['status', '--bogus'], ["unknown option '--bogus'"]],
  ['a value given to a switch', () => ['status', '--fail-on-unhealthy=maybe'], ["unknown option '--fail-on-unhealthy=maybe'"]],
  ['an extra argument', () => ['cost', '--vpcs', '1', 'extra'], ["too many arguments for 'cost'"]],
  ['reconcile without a VPC ID', () => ['reconcile'], ["missing required argument 'vpc-id'"]],
  ['a VPC ID in upper case', () => ['reconcile', 'VPC-0123456789ABCDEF0'], ['"VPC-0123456789ABCDEF0" is not a VPC ID']],
  ['a VPC ID with a trailing newline', () => ['reconcile', `${VPC}\n`], [`"${VPC}\\n" is not a VPC ID`]],
  ['a VPC ID with a terminal escape sequence', () => ['reconcile', 'vpc-0123\u001b[31mred'], ['"vpc-0123\\u001b[31mred" is not a VPC ID']],
  ['a VPC ID with a fullwidth letter', () => ['reconcile', 'vpc-0123456789abcdeｆ0'], ['is not a VPC ID (vpc- and 8 or 17 hex digits)']],
  ['a timeout that is not a number', () => ['reconcile', VPC, '--timeout', 'abc'], ["'--timeout <seconds>' argument 'abc' is invalid", '"abc" is not an integer']],
  ['a negative timeout', () => ['reconcile', VPC, '--timeout', '-5'], ['-5 is out of range (1-86400)']],
  ['--dry-run with --no-wait', () => ['reconcile', VPC, '--dry-run', '--no-wait'], ['--dry-run follows the run to print its plan']],
  ['a watch interval of 0', () => ['status', '--interval', '0'], ['0 is out of range (1-3600)']],
  ['an unknown output format', () => ['status', '-o', 'yaml'], ['"yaml" is not an output format (wide or json)']],
  ['a 5-digit account', () => ['status', '--account', '12345'], ['--account must be a 12-digit AWS account ID, not "12345"']],
  ['a region with a shell command', () => ['status', '--region', 'us-east-1; rm -rf /'], ['"us-east-1; rm -rf /" is not an AWS Region name']],
  ['an empty region', () => ['status', '--region', ''], ['"" is not an AWS Region name']],
  ['a region in upper case', () => ['executions', '--region', 'US-EAST-1'], ['"US-EAST-1" is not an AWS Region name']],
  ['a limit of 0', () => ['executions', '--limit', '0'], ['0 is out of range (1-1000)']],
  ['a limit beyond the largest', () => ['executions', '--limit', '99999999999'], ['99999999999 is out of range (1-1000)']],
  ['an unknown execution status', () => ['executions', '--status', 'RUNNINGX'], ['--status must be one of RUNNING', 'not "RUNNINGX"']],
  ['a malformed --vpc', () => ['executions', '--vpc', 'vpc-zz'], ['--vpc must be a VPC ID (vpc-…), not "vpc-zz"']],
  ['a --vpc with a shell command', () => ['executions', '--vpc', `${VPC}; ls`], [`not "${VPC}; ls"`]],
  ['history without an execution', () => ['history'], ["missing required argument 'execution'"]],
  ['history of a path', () => ['history', '../../etc/passwd'], ['"../../etc/passwd" is not an execution name']],
  ['history of an 81-character name', () => ['history', 'a'.repeat(81)], ['is not an execution name (1-80 of 0-9 A-Z a-z _ -) or ARN']],
  ['a pool prefix of /33', () => ['plan-cidr', '--pool', '10.0.0.0/33', '--prefix', '24'], ['--pool "10.0.0.0/33" has prefix /33 out of range for IPv4 (0-32)']],
  ['a block prefix of /33', () => ['plan-cidr', '--pool', '10.0.0.0/16', '--prefix', '33'], ['--prefix 33 is out of range for IPv4 pools (0-32)']],
  ['a block larger than the pool', () => ['plan-cidr', '--pool', '10.0.0.0/16', '--prefix', '8'], ['--prefix 8 is shorter than every pool (10.0.0.0/16)']],
  ['a pool that is not a CIDR', () => ['plan-cidr', '--pool', 'ｆoo', '--prefix', '24'], ['is not a CIDR (missing /prefix)']],
  ['a block count of 0', () => ['plan-cidr', '--pool', '10.0.0.0/16', '--prefix', '24', '--count', '0'], ['0 is out of range (1-1000000)']],
  ['a negative VPC count', () => ['cost', '--vpcs', '-1'], ['-1 is out of range (1-1000000)']],
  ['a VPC count that is a word', () => ['cost', '--vpcs', 'abc'], ['"abc" is not an integer']],
  ['a source that is not an address', () => ['squid-config', '--source', '999.0.0.0/8'], ["source: '999.0.0.0/8' is not an IP address or CIDR"]],
  ['an empty source', () => ['squid-config', '--source', ''], ["source: '' is not an IP address or CIDR"]],
  ['a proxy port beyond 65535', () => ['squid-config', '--source', '10.0.0.0/8', '--port', '70000'], ["port: '70000' is not a TCP port (1–65535)"]],
  ['an allowed port of 0', () => ['squid-config', '--source', '10.0.0.0/8', '--allow-port', '0'], ["allowed port: '0' is not a TCP port (1–65535)"]],
  ['an allowed domain with a space', () => ['squid-config', '--source', '10.0.0.0/8', '--allow-domain', 'evil domain'], ["allowed domain: 'evil domain' is not a domain name"]],
  ['a relative run directory', () => ['squid-config', '--source', '10.0.0.0/8', '--run-dir', 'rel/dir'], ["run directory: 'rel/dir' must be an absolute path"]],
  ['an input file that does not exist', () => ['overlaps', '--input', join(dir, 'missing.json')], ['missing.json: no such file']],
  ['an input directory', () => ['overlaps', '--input', dir], [`cannot read ${dir}`]],
  ['an empty input file', () => ['overlaps', '--input', file('empty.json', '')], ['empty.json is empty: expected a JSON array of VPCs']],
  ['an input file that is not JSON', () => ['overlaps', '--input', file('garbage.json', 'garbage{')], ['garbage.json is not JSON']],
  ['an input file holding terminal escapes', () => ['overlaps', '--input', file('escapes.json', '\u001b[2J\u001b]0;pwned\u0007')], ['escapes.json is not JSON', '\\u001b[2J\\u001b]0;pwned\\u0007']],
  ['an input file holding an object', () => ['plan-cidr', '--pool', '10.0.0.0/16', '--prefix', '24', '--input', file('object.json', '{"vpcs": 3}')], ['object.json must hold a JSON array of VPCs, not an object']],
  ['an input VPC with a /33 CIDR', () => ['overlaps', '--input', file('cidr.json', '[{"vpcId":"vpc-1","cidrs":["10.0.0.0/33"]}]')], ['VPC vpc-1: "10.0.0.0/33" has prefix /33 out of range']],
  ['a negative overlaps limit', () => ['overlaps', '--limit', '-1'], ["'--limit <n>' argument '-1' is invalid"]],
];

it('has distinct rows', () => {
  expect(new Set(CLI_ROWS.map(([name]) => name)).size).toBe(CLI_ROWS.length);
  expect(new Set(CLI_ROWS.map(([, args]) => JSON.stringify(args()))).size).toBe(CLI_ROWS.length);
});

/**
 * The CLI in this process, as bin/egress.js runs it (`runCli(buildProgram(), argv)` → the exit code),
 * with stdout and stderr captured: a spawned bin per row would cost a second or more each (the bin
 * runs the TypeScript sources whenever they are newer than its build).
 */
async function runInProcess(args: string[]): Promise<Result> {
  const out = { stdout: '', stderr: '' };
  const saved = { ...process.env };
  Object.assign(process.env, NO_AWS, { NO_COLOR: '1', COLUMNS: '120' });
  const capture = (stream: 'stdout' | 'stderr') => jest.spyOn(process[stream], 'write')
    .mockImplementation((chunk: string | Uint8Array) => { out[stream] += String(chunk); return true; });
  capture('stdout');
  capture('stderr');
  try {
    const code = await runCli(buildProgram(), ['node', 'egress', ...args]);
    return { code, ...out };
  } finally {
    jest.restoreAllMocks();
    process.env = saved;
  }
}

it.each(CLI_ROWS)('%s: one line, exit 2, nothing on stdout', async (_name, args, mentions) => {
  const r = await runInProcess(args());
  expectOneLineError(r.stderr, ...mentions);
  expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/); // no raw control character reaches the terminal
  expect(r.stdout).toBe('');
  expect(r.code).toBe(2);
});

it.each([CLI_ROWS[0], CLI_ROWS[5], CLI_ROWS[15]])('through the real bin too: %s', async (_name, args, mentions) => {
  const r = await egress(args(), NO_AWS);
  expectOneLineError(r.stderr, ...mentions);
  expect(r.code).toBe(2);
}, 60_000);
