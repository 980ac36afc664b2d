import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { egress, egressWithOnly, expectOneLineError, inputFile } from './helpers/egress';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'egress-overlaps-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, content: unknown) => inputFile(dir, name, content);

const FLEET = [
  { vpcId: 'vpc-a', account: '111111111111', region: 'eu-west-1', cidrs: ['10.0.0.0/16', '100.64.0.0/16'] },
  { vpcId: 'vpc-b', cidrs: ['10.0.0.0/16'] },
  { vpcId: 'vpc-c', account: '222222222222', region: 'us-east-1', cidrs: ['10.0.5.0/24', '2600:1f18:a00::/56'] },
  { vpcId: 'vpc-d', cidrs: ['172.31.0.0/16'] },
  { vpcId: 'vpc-e', cidrs: ['2600:1f18:a00::/56'] },
];

/** One `egress: …` line on stderr, no stack trace. */
describe('egress overlaps', () => {
  test('--json follows the contract', async () => {
    const { code, stdout, stderr } = await egress(['overlaps', '--input', file('fleet.json', FLEET), '--json', '--limit', '1']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.summary).toEqual({ vpcs: 5, cidrs: 7, overlappingVpcs: 4, pairs: 4 });
    expect(report.pairs).toBeUndefined();
    expect(report.vpcs.map((v: { vpcId: string }) => v.vpcId)).toEqual(['vpc-a', 'vpc-b', 'vpc-c', 'vpc-d', 'vpc-e']);
    expect(report.vpcs[2]).toEqual({
      vpcId: 'vpc-c', account: '222222222222', region: 'us-east-1', overlapCount: 3, truncated: true,
      overlapsWith: [{ vpcId: 'vpc-a', account: '111111111111', region: 'eu-west-1', blocks: [['10.0.5.0/24', '10.0.0.0/16']] }],
    });
    expect(report.vpcs[3]).toEqual({ vpcId: 'vpc-d', account: null, region: null, overlapCount: 0, overlapsWith: [], truncated: false });
  });

  test('--pairs lists each overlapping pair once', async () => {
    const { code, stdout } = await egress(['overlaps', '--input', file('fleet.json', FLEET), '--json', '--pairs']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).pairs).toEqual([['vpc-a', 'vpc-b'], ['vpc-a', 'vpc-c'], ['vpc-b', 'vpc-c'], ['vpc-c', 'vpc-e']]);
  });

  test('human output: summary and worst offenders', async () => {
    const { code, stdout } = await egress(['overlaps', '--input', file('fleet.json', FLEET)]);
    expect(code).toBe(0);
    expect(stdout).toContain('5 VPCs, 7 CIDR blocks: 4 VPCs overlap another, 4 overlapping pairs.');
    expect(stdout).toMatch(/VPC\s+ACCOUNT\s+REGION\s+OVERLAPS\s+WITH/);
    expect(stdout).toMatch(/vpc-c\s+222222222222\s+us-east-1\s+3\s+vpc-a vpc-b vpc-e\n/);
    expect(stdout).not.toContain('vpc-d');
  });

  test.each<[string, string | unknown, string[]]>([
    ['not a CIDR', [{ vpcId: 'vpc-bad', cidrs: ['10.0.0.0'] }], ['vpc-bad', '"10.0.0.0"', 'not a CIDR']],
    ['garbage CIDR', [{ vpcId: 'vpc-bad', cidrs: ['banana/8'] }], ['vpc-bad', '"banana/8"', 'not a CIDR']],
    ['host bits set', [{ vpcId: 'vpc-ok', cidrs: ['10.0.0.0/16'] }, { vpcId: 'vpc-bad', cidrs: ['10.0.0.1/16'] }], ['vpc-bad', '"10.0.0.1/16"', 'host bits set']],
    ['prefix out of range', [{ vpcId: 'vpc-bad', cidrs: ['10.0.0.0/33'] }], ['vpc-bad', '"10.0.0.0/33"', 'out of range']],
    ['IPv6 prefix out of range', [{ vpcId: 'vpc-bad', cidrs: ['2600::/129'] }], ['vpc-bad', '"2600::/129"', 'out of range']],
    ['unknown field', [{ vpcId: 'vpc-bad', cidr: ['10.0.0.0/16'] }], ['vpc-bad', 'unknown field "cidr"']],
    ['missing cidrs', [{ vpcId: 'vpc-bad' }], ['vpc-bad', 'missing "cidrs"']],
    ['cidrs not strings', [{ vpcId: 'vpc-bad', cidrs: [10] }], ['vpc-bad', 'cidrs.0']],
    ['entry without vpcId', [{ cidrs: ['10.0.0.0/16'] }], ['entry 0', 'missing "vpcId"']],
    ['not an array', { vpcId: 'vpc-a', cidrs: [] }, ['must hold a JSON array']],
    ['the same vpcId in two accounts', [{ vpcId: 'vpc-0', cidrs: [] }, { vpcId: 'vpc-1', account: '111111111111', cidrs: ['10.0.0.0/16'] }, { vpcId: 'vpc-1', account: '222222222222', cidrs: ['10.1.0.0/16'] }],
      ['VPC vpc-1 is listed twice (entries 1 and 2, accounts 111111111111 and 222222222222)']],
    ['the same vpcId twice', [{ vpcId: 'vpc-1', cidrs: ['10.0.0.0/16'] }, { vpcId: 'vpc-1', cidrs: ['10.1.0.0/16'] }], ['VPC vpc-1 is listed twice (entries 0 and 1)', 'one entry per VPC']],
    ['empty file', '', ['is empty']],
    ['not JSON', '[{"vpcId": "vpc-a",', ['is not JSON']],
  ])('bad input: %s → exit 2, one clear line', async (_name, content, mentions) => {
    const path = file(`bad-${_name.replace(/\W+/g, '-')}.json`, content);
    const { code, stdout, stderr } = await egress(['overlaps', '--input', path]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expectOneLineError(stderr, ...mentions);
  });

  test.each([
    [['overlaps', '--limit', '-1'], 'out of range'],
    [['overlaps', '--limit', 'many'], 'not an integer'],
    [['overlaps', '--no-such-flag'], "unknown option '--no-such-flag'"],
    [['overlaps', '--input', '/no/such/file.json'], 'cannot read /no/such/file.json'],
  ])('usage error %j → exit 2', async (args, message) => {
    const { code, stderr } = await egress(args);
    expect(code).toBe(2);
    expectOneLineError(stderr, message);
  });
});

describe('egress overlaps against EC2 (a fake DescribeVpcs endpoint via AWS_ENDPOINT_URL)', () => {
  let server: Server;
  let endpoint: string;
  const requests: string[] = [];
  const scopes: string[] = [];
  const vpcXml = (id: string, owner: string, v4: Array<[string, string]>, v6: Array<[string, string]> = []) => `<item><vpcId>${id}</vpcId><ownerId>${owner}</ownerId>
    <cidrBlock>${v4[0][0]}</cidrBlock>
    <cidrBlockAssociationSet>${v4.map(([c, s]) => `<item><cidrBlock>${c}</cidrBlock><cidrBlockState><state>${s}</state></cidrBlockState></item>`).join('')}</cidrBlockAssociationSet>
    <ipv6CidrBlockAssociationSet>${v6.map(([c, s]) => `<item><ipv6CidrBlock>${c}</ipv6CidrBlock><ipv6CidrBlockState><state>${s}</state></ipv6CidrBlockState></item>`).join('')}</ipv6CidrBlockAssociationSet></item>`;
  const pages: Record<string, { vpcs: string[]; next?: string }> = {
    '': { vpcs: [vpcXml('vpc-1', '111111111111', [['10.0.0.0/16', 'associated'], ['100.64.0.0/16', 'disassociated']])], next: 'page2' },
    page2: {
      vpcs: [
        vpcXml('vpc-2', '222222222222', [['100.64.0.0/16', 'associated']], [['2600:1f18:a00::/56', 'associated']]),
        vpcXml('vpc-3', '222222222222', [['10.0.0.0/16', 'associated']], [['2600:1f18:a00::/56', 'disassociating']]),
      ],
    },
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => { body += d; });
      req.on('end', () => {
        requests.push(body);
        scopes.push(/Credential=[^/]+\/\d+\/([^/]+)\/ec2\//.exec(String(req.headers.authorization))?.[1] ?? '');
        const params = new URLSearchParams(body);
        const page = pages[params.get('NextToken') ?? ''];
        res.setHeader('content-type', 'text/xml');
        res.end(`<?xml version="1.0" encoding="UTF-8"?><DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
          <requestId>r-1</requestId><vpcSet>${page.vpcs.join('')}</vpcSet>${page.next ? `<nextToken>${page.next}</nextToken>` : ''}</DescribeVpcsResponse>`);
      });
    });
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((closed) => server.close(() => closed())));

  const awsEnv = () => ({ AWS_ENDPOINT_URL: endpoint, AWS_REGION: 'eu-central-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' });

  test('reads every page, only associated blocks, account and region', async () => {
    const { code, stdout, stderr } = await egress(['overlaps', '--json', '--pairs'], awsEnv());
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(requests.every((body) => body.includes('Action=DescribeVpcs'))).toBe(true);
    const report = JSON.parse(stdout);
    expect(report.summary).toEqual({ vpcs: 3, cidrs: 4, overlappingVpcs: 2, pairs: 1 });
    expect(report.pairs).toEqual([['vpc-1', 'vpc-3']]);
    expect(report.vpcs[1]).toMatchObject({ vpcId: 'vpc-2', account: '222222222222', region: 'eu-central-1', overlapCount: 0 });
  });

  test('plan-cidr takes the blocks in use from the fleet', async () => {
    const { code, stdout } = await egress(['plan-cidr', '--pool', '10.0.0.0/15', '--prefix', '16', '--json'], awsEnv());
    expect(code).toBe(0);
    expect(JSON.parse(stdout).blocks).toEqual(['10.1.0.0/16']);
  });

  test('--region names the region read from EC2 (overlaps and plan-cidr), also when none is configured', async () => {
    const home = mkdtempSync(join(tmpdir(), 'egress-home-'));
    const noRegion = {
      HOME: home, AWS_CONFIG_FILE: join(home, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'none'), AWS_EC2_METADATA_DISABLED: 'true',
      AWS_ENDPOINT_URL: endpoint, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_MAX_ATTEMPTS: '1',
    };
    try {
      const [none, overlaps, plan] = await Promise.all([
        egressWithOnly(['overlaps'], noRegion),
        egressWithOnly(['overlaps', '--json', '--region', 'ap-south-2'], noRegion),
        egressWithOnly(['plan-cidr', '--pool', '10.0.0.0/15', '--prefix', '16', '--json', '--region', 'ap-south-2'], noRegion),
      ]);
      expect(none.code).toBe(3);
      expectOneLineError(none.stderr, 'no AWS region configured', 'pass --region');
      expect(overlaps.stderr).toBe('');
      expect(overlaps.code).toBe(0);
      expect(JSON.parse(overlaps.stdout).vpcs[0]).toMatchObject({ vpcId: 'vpc-1', region: 'ap-south-2' });
      expect(plan.code).toBe(0);
      expect(JSON.parse(plan.stdout).blocks).toEqual(['10.1.0.0/16']);
      expect(scopes).toContain('ap-south-2');
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  test('unreachable endpoint: one line, non-zero, no stack', async () => {
    const { code, stderr } = await egress(['overlaps'], { ...awsEnv(), AWS_ENDPOINT_URL: 'http://127.0.0.1:1' });
    expect(code).not.toBe(0);
    expectOneLineError(stderr);
  });
});
