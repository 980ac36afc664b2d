/**
 * `egress status` against a spawned local cloud: one VPC reconciled to Ready through the tag event,
 * one opted in quietly (no run yet), one never opted in. Plus the pure row model.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalCloud } from '../../local/cloud';
import { statusRows, summaryOf, vpcStatusOf } from '../../cli/lib/vpc-status';
import { optIn, optInQuietly, startCloud } from './helpers/cloud';
import { egress, egressJson, expectOneLineError, ISO, spawnEgress } from './helpers/egress';

describe('status rows', () => {
  const tags = (m: Record<string, string>) => Object.entries(m).map(([Key, Value]) => ({ Key, Value }));
  const now = Date.parse('2026-11-26T02:00:00Z');
  test('from tags: state, proxy, reason, overlaps, last execution, age from egress-proxy:since', () => {
    const s = vpcStatusOf({ VpcId: 'vpc-1', OwnerId: '111111111111', Tags: tags({
      egress: 'proxy', 'egress-proxy:state': 'Ready', 'egress-proxy': 'http://h:3128', 'egress-proxy:reason': 'ProxyReachable: ok',
      'egress-proxy:overlaps': '1: vpc-2', 'egress-proxy:execution': 'vpc-1-x-t1', 'egress-proxy:since': '2026-11-26T01:58:30Z', Name: 'p1',
    }) }, 'eu-west-1', now);
    expect(s).toEqual({
      vpcId: 'vpc-1', name: 'p1', account: '111111111111', region: 'eu-west-1', optedIn: true, state: 'Ready', proxy: 'http://h:3128',
      reason: 'ProxyReachable: ok', endpoint: null, overlaps: '1: vpc-2', generation: null, lastExecution: 'vpc-1-x-t1',
      since: '2026-11-26T01:58:30Z', ageSeconds: 90,
    });
  });
  test('keeps opted-in VPCs and VPCs still carrying status (finalizing), filters by account, sorts', () => {
    const rows = statusRows([
      { VpcId: 'vpc-c', OwnerId: '1', Tags: tags({ egress: 'proxy' }) },
      { VpcId: 'vpc-a', OwnerId: '1', Tags: tags({ 'egress-proxy:state': 'Deleting' }) },
      { VpcId: 'vpc-b', OwnerId: '1', Tags: tags({ egress: 'off' }) },
      { VpcId: 'vpc-d', OwnerId: '2', Tags: tags({ egress: 'proxy' }) },
    ], 'us-east-1', now, '1');
    expect(rows.map((r) => [r.vpcId, r.state, r.optedIn])).toEqual([['vpc-a', 'Deleting', false], ['vpc-c', null, true]]);
    expect(summaryOf(rows)).toBe('2 VPCs: 1 Deleting, 1 not reconciled');
  });
});

describe('egress status against the local cloud', () => {
  let cloud: LocalCloud;
  let env: Record<string, string>;
  let ready: string;
  let pending: string;
  beforeAll(async () => {
    cloud = await startCloud();
    env = cloud.env;
    [ready, pending] = cloud.projectVpcIds;
    await optIn(cloud, ready);
    optInQuietly(cloud, pending);
  });
  afterAll(async () => { await cloud.stop(); });

  test('--json: every opted-in VPC, field by field', async () => {
    const doc = await egressJson(['status'], env);
    expect(Object.keys(doc).sort()).toEqual(['account', 'generatedAt', 'region', 'vpcs']);
    expect(doc).toMatchObject({ region: 'us-east-1', account: null });
    expect(doc.generatedAt).toMatch(ISO);
    expect(doc.vpcs.map((v: { vpcId: string }) => v.vpcId)).toEqual([ready, pending].sort());
    const r = doc.vpcs.find((v: { vpcId: string }) => v.vpcId === ready);
    expect(Object.keys(r).sort()).toEqual(['account', 'ageSeconds', 'endpoint', 'generation', 'lastExecution', 'name', 'optedIn', 'overlaps', 'proxy', 'reason', 'region', 'since', 'state', 'vpcId'].sort());
    expect(r).toMatchObject({ account: '123456789012', region: 'us-east-1', optedIn: true, state: 'Ready', reason: expect.stringMatching(/^ProxyReachable: /) });
    expect(r.proxy).toMatch(/^http:\/\/vpce-[0-9a-f]+-snra-\S+:\d+$/);
    expect(r.endpoint).toMatch(/^vpce-[0-9a-f]+$/);
    expect(r.overlaps).toMatch(/^\d+: vpc-/);
    expect(r.lastExecution).toMatch(new RegExp(`^${ready}-[0-9a-f]{10}-t\\d+$`));
    expect(r.since).toMatch(ISO);
    expect(r.ageSeconds).toBeGreaterThanOrEqual(0);
    const p = doc.vpcs.find((v: { vpcId: string }) => v.vpcId === pending);
    expect(p).toMatchObject({ optedIn: true, state: null, proxy: null, reason: null, since: null, ageSeconds: null, lastExecution: null });
  });

  test('human output: aligned columns, Pending for a VPC not reconciled yet, a summary', async () => {
    const r = await egress(['status'], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^VPC\s+ACCOUNT\s+STATE\s+OVERLAPS\s+AGE\s+REASON$/);
    const row = lines.find((l) => l.startsWith(ready))!;
    expect(row).toMatch(/^vpc-\S+\s+123456789012\s+Ready\s+\d+\s+\S+\s+ProxyReachable: CONNECT through the proxy succeeded$/);
    expect(lines.find((l) => l.startsWith(pending))).toMatch(/\s+Pending\s+-\s+-\s+opted in, not reconciled yet$/);
    // Columns line up: STATE starts at the same offset in every row.
    const at = lines[0].indexOf('STATE');
    expect(row.slice(at, at + 5)).toBe('Ready');
    expect(lines.at(-1)).toMatch(/^2 VPCs: 1 Ready, 1 not reconciled — us-east-1, /);
    expect(r.stdout).not.toContain('\u001b['); // not a TTY: no colour
  });

  test('fits the width: 120 by default, COLUMNS=100 when set, long reasons cut with …; --wide / -o wide show everything', async () => {
    const [byDefault, narrow, wide, o] = await Promise.all([
      egress(['status'], { ...env, COLUMNS: '' }),
      egress(['status'], { ...env, COLUMNS: '100' }),
      egress(['status', '--wide'], { ...env, COLUMNS: '100' }),
      egress(['status', '-o', 'wide'], env),
    ]);
    const longest = (text: string) => Math.max(...text.trimEnd().split('\n').slice(0, -1).map((l) => l.length));
    expect(longest(byDefault.stdout)).toBeLessThanOrEqual(120);
    expect(longest(narrow.stdout)).toBeLessThanOrEqual(100);
    expect(narrow.stdout).toMatch(/ProxyReachable: \S[^\n]*…$/m);
    expect(byDefault.stdout).not.toContain('http://'); // the proxy URL is a --wide column
    expect(narrow.stdout).toContain(ready);
    expect(wide.stdout.split('\n')[0]).toMatch(/^VPC\s+ACCOUNT\s+REGION\s+STATE\s+PROXY\s+OVERLAPS\s+LAST EXECUTION\s+AGE\s+REASON$/);
    const row = wide.stdout.split('\n').find((l) => l.startsWith(ready))!;
    expect(row).toMatch(/^vpc-\S+\s+123456789012\s+us-east-1\s+Ready\s+http:\/\/vpce-\S+:\d+\s+\d+: vpc-.*ProxyReachable: CONNECT through the proxy succeeded$/);
    expect(wide.stdout).not.toContain('…');
    expect(o.stdout.split('\n')[0]).toBe(wide.stdout.split('\n')[0]);
    const bad = await egress(['status', '-o', 'yaml'], env);
    expect(bad.code).toBe(2);
    expectOneLineError(bad.stderr, '"yaml" is not an output format (wide or json)');
  });

  test('-o json is --json', async () => {
    const doc = await egressJson(['status'], env);
    const o = await egress(['status', '-o', 'json'], env);
    expect(Object.keys(JSON.parse(o.stdout))).toEqual(Object.keys(doc));
  });

  test('--account selects the owner; --region names the client region', async () => {
    const [mine, other, region] = await Promise.all([
      egressJson(['status', '--account', '123456789012'], env),
      egress(['status', '--account', '999999999999'], env),
      egressJson(['status', '--region', 'us-east-1'], env),
    ]);
    expect(mine.vpcs).toHaveLength(2);
    expect(mine.account).toBe('123456789012');
    expect(other.code).toBe(0);
    expect(other.stdout.trim()).toBe('No opted-in VPCs in us-east-1 for account 999999999999 (tag a VPC egress=proxy to opt in).');
    expect(region.vpcs.every((v: { region: string }) => v.region === 'us-east-1')).toBe(true);
  });

  test('--watch outside a TTY prints one block per refresh; --json gives one document per line', async () => {
    const [text, json] = await Promise.all([
      egress(['status', '--watch', '--interval', '1'], { ...env, EGRESS_WATCH_MAX_RENDERS: '2' }),
      egress(['status', '--watch', '--interval', '1', '--json'], { ...env, EGRESS_WATCH_MAX_RENDERS: '2' }),
    ]);
    expect(text.code).toBe(0);
    expect(text.stdout.match(/^VPC\s+ACCOUNT/gm)).toHaveLength(2);
    expect(text.stdout).not.toContain('\u001b[H');
    const docs = json.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(docs).toHaveLength(2);
    expect(docs[1].vpcs).toHaveLength(2);
  });

  test('--watch stops on SIGINT with exit 0', async () => {
    const child = spawnEgress(['status', '--watch', '--interval', '60'], env);
    const code = await new Promise<number | null>((done) => {
      child.stdout.once('data', () => child.kill('SIGINT'));
      child.on('close', done);
    });
    expect(code).toBe(0);
  });

  test('docs: under npx Ctrl-C is 130 (npm exec ends by the signal); scripts are pointed at the bin itself', () => {
    const doc = readFileSync(join(__dirname, '../../docs/cli.md'), 'utf8');
    expect(doc).toMatch(/Run through `npx`, Ctrl-C exits 130/);
    expect(doc).toContain('`./node_modules/.bin/egress`');
    expect(doc).toMatch(/Ctrl-C exits 0 \(130 under `npx`/);
  });

  test('bad flags are one line, exit 2', async () => {
    const [account, interval] = await Promise.all([egress(['status', '--account', 'abc'], env), egress(['status', '--watch', '--interval', '0'], env)]);
    expect(account.code).toBe(2);
    expectOneLineError(account.stderr, '--account');
    expect(interval.code).toBe(2);
    expectOneLineError(interval.stderr, '--interval');
  });

  // Last: it breaks a VPC on purpose.
  test('--fail-on-unhealthy: 0 while no VPC is Error or Degraded, then 1 naming the broken VPC (table still printed)', async () => {
    const healthy = await egress(['status', '--fail-on-unhealthy'], env);
    expect(healthy.code).toBe(0);
    const broken = cloud.projectVpcIds[2];
    // The tag-change rule is gone (optInQuietly): reconcile it through the CLI, which fails on the bad subnet.
    cloud.ec2State.tag(broken, { egress: 'proxy', 'egress:subnets': 'subnet-0000000000000000a' });
    const reconcile = await egress(['reconcile', broken], env);
    expect(reconcile.code).toBe(1);
    const r = await egress(['status', '--fail-on-unhealthy'], env);
    expect(r.code).toBe(1);
    expectOneLineError(r.stderr, `1 of 3 VPCs unhealthy: ${broken} Error`);
    expect(r.stdout).toMatch(new RegExp(`^${broken}\\s+123456789012\\s+Error\\s`, 'm'));
    const watching = await egress(['status', '--fail-on-unhealthy', '--watch'], env);
    expect(watching.code).toBe(2);
    expectOneLineError(watching.stderr, '--fail-on-unhealthy judges one snapshot');
  });
});
