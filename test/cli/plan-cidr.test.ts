import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { egress, expectOneLineError, inputFile } from './helpers/egress';
import { parseCidr } from '../../handlers/lib/cidr';
import { planRequestProblem } from '../../cli/lib/plan-request';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'egress-plan-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, content: unknown) => inputFile(dir, name, content);

const FLEET = [
  { vpcId: 'vpc-a', cidrs: ['10.0.0.0/16', '10.2.0.0/16'] },
  { vpcId: 'vpc-b', cidrs: ['10.1.4.0/24', '2600:1f18:a00::/56'] },
];

describe('egress plan-cidr', () => {
  test('--json: lowest free aligned blocks across pools', async () => {
    const input = file('fleet.json', FLEET);
    const { code, stdout, stderr } = await egress(['plan-cidr', '--pool', '10.0.0.0/14', '--pool', '172.16.0.0/12', '--prefix', '16', '--count', '3', '--input', input, '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      pools: ['10.0.0.0/14', '172.16.0.0/12'], prefix: 16, count: 3, inUse: 4,
      blocks: ['10.3.0.0/16', '172.16.0.0/16', '172.17.0.0/16'],
    });
  });

  test('IPv6 pools', async () => {
    const input = file('fleet.json', FLEET);
    const { code, stdout } = await egress(['plan-cidr', '--pool', '2600:1f18:a00::/54', '--prefix', '56', '--count', '2', '--input', input, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).blocks).toEqual(['2600:1f18:a00:100::/56', '2600:1f18:a00:200::/56']);
  });

  test('human output: a table of blocks', async () => {
    const { code, stdout } = await egress(['plan-cidr', '--pool', '10.0.0.0/8', '--prefix', '16', '--input', file('fleet.json', FLEET)]);
    expect(code).toBe(0);
    expect(stdout).toContain('1 free /16 block in 10.0.0.0/8');
    expect(stdout).toMatch(/CIDR\n10\.3\.0\.0\/16\n$/);
  });

  test('exhausted pools: exit 1 with a clear message', async () => {
    const { code, stderr } = await egress(['plan-cidr', '--pool', '10.0.0.0/14', '--prefix', '16', '--count', '2', '--input', file('fleet.json', FLEET)]);
    expect(code).toBe(1);
    expectOneLineError(stderr, 'only 1 free /16 block left in 10.0.0.0/14 (2 requested)');
  });

  test('a pool with no free block says so in plain words', async () => {
    const { code, stderr } = await egress(['plan-cidr', '--pool', '10.0.0.0/16', '--prefix', '16', '--input', file('full.json', [{ vpcId: 'vpc-1', cidrs: ['10.0.0.0/16'] }])]);
    expect(code).toBe(1);
    expectOneLineError(stderr, 'no free /16 block left in 10.0.0.0/16: every /16 there overlaps a block in use in');
    expect(stderr).not.toMatch(/room for no/);
  });

  test.each<[string, string[], unknown, string[]]>([
    ['pool not a CIDR', ['--pool', '10.0.0.0', '--prefix', '16'], FLEET, ['--pool', '"10.0.0.0"', 'not a CIDR']],
    ['pool with host bits', ['--pool', '10.0.0.1/8', '--prefix', '16'], FLEET, ['--pool', '"10.0.0.1/8"', 'host bits set']],
    ['prefix beyond the family', ['--pool', '10.0.0.0/8', '--prefix', '40'], FLEET, ['--prefix 40 is out of range for IPv4']],
    ['prefix not a number', ['--pool', '10.0.0.0/8', '--prefix', 'big'], FLEET, ['"big" is not an integer']],
    ['prefix negative', ['--pool', '10.0.0.0/8', '--prefix', '-1'], FLEET, ['out of range']],
    ['count zero', ['--pool', '10.0.0.0/8', '--prefix', '16', '--count', '0'], FLEET, ['out of range']],
    ['mixed pool families', ['--pool', '10.0.0.0/8', '--pool', '2600::/48', '--prefix', '16'], FLEET, ['mix IPv4 and IPv6']],
    ['missing --pool', ['--prefix', '16'], FLEET, ["required option '--pool <cidr>'"]],
    ['in-use CIDR with host bits', ['--pool', '10.0.0.0/8', '--prefix', '16'], [{ vpcId: 'vpc-x', cidrs: ['10.0.0.1/16'] }], ['vpc-x', '"10.0.0.1/16"', 'host bits set']],
    ['unknown field in input', ['--pool', '10.0.0.0/8', '--prefix', '16'], [{ vpcId: 'vpc-x', cidrs: [], owner: 'me' }], ['vpc-x', 'unknown field "owner"']],
    ['empty input file', ['--pool', '10.0.0.0/8', '--prefix', '16'], '', ['is empty']],
    ['input not JSON', ['--pool', '10.0.0.0/8', '--prefix', '16'], 'vpc-a 10.0.0.0/16', ['is not JSON']],
  ])('bad input: %s → exit 2, one clear line', async (_name, args, content, mentions) => {
    const input = file(`in-${_name.replace(/\W+/g, '-')}.json`, content);
    const { code, stdout, stderr } = await egress(['plan-cidr', ...args, '--input', input]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expectOneLineError(stderr, ...mentions);
  });

  test('a prefix that fits no pool is a usage error named by value, found before the fleet is read', async () => {
    // Nothing listens on this endpoint: reading EC2 would have been exit 3 ("cannot reach").
    const closed = { AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b', AWS_MAX_ATTEMPTS: '1' };
    const [shorter, beyond] = await Promise.all([
      egress(['plan-cidr', '--pool', '10.0.0.0/8', '--prefix', '7'], closed),
      egress(['plan-cidr', '--pool', '10.0.0.0/8', '--prefix', '33'], closed),
    ]);
    for (const r of [shorter, beyond]) {
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
    }
    expectOneLineError(shorter.stderr, '--prefix 7', 'shorter than every pool', '10.0.0.0/8');
    expectOneLineError(beyond.stderr, '--prefix 33 is out of range for IPv4');
  });
});

describe('plan request checks (pure)', () => {
  const pools = (...cidrs: string[]) => cidrs.map(parseCidr);
  test.each<[string, string[], number, string | undefined]>([
    ['fits the pool exactly', ['10.0.0.0/8'], 8, undefined],
    ['fits one of two pools', ['10.0.0.0/8', '172.16.0.0/12'], 10, undefined],
    ['shorter than the only pool', ['10.0.0.0/8'], 7, '--prefix 7 is shorter than every pool (10.0.0.0/8): a /7 block fits in none; use /8 or longer'],
    ['shorter than every pool', ['10.0.0.0/16', '172.16.0.0/12'], 11, 'use /12 or longer'],
    ['IPv4 prefix beyond 32', ['10.0.0.0/8'], 33, '--prefix 33 is out of range for IPv4 pools (0-32)'],
    ['IPv6 prefix beyond 128', ['2600::/48'], 129, 'out of range for IPv6 pools (0-128)'],
    ['IPv6 shorter than the pool', ['2600::/48'], 40, '--prefix 40 is shorter than every pool'],
    ['mixed families', ['10.0.0.0/8', '2600::/48'], 16, 'mix IPv4 and IPv6'],
  ])('%s', (_name, cidrs, prefix, problem) => {
    const got = planRequestProblem(pools(...cidrs), prefix);
    if (problem === undefined) expect(got).toBeUndefined();
    else expect(got).toContain(problem);
  });
});
