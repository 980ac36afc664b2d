/**
 * `egress reconcile` against a spawned local cloud: it follows a run whose AwaitEndpoint retries on
 * EndpointNotReady before it succeeds, exits 0 only when the VPC is Ready, reuses this minute's run,
 * --no-wait returns at once, and --dry-run prints the plan and changes nothing. The tag-change rule is removed so only the CLI starts runs here.
 */
import type { LocalCloud } from '../../local/cloud';
import { progressKey, progressLine, progressOf } from '../../cli/lib/reconcile-progress';
import { reconcileRequest } from '../../cli/lib/reconcile-start';
import { toRun } from '../../cli/lib/history-visits';
import ready from './fixtures/reconcile-vpc-ready.json';
import { optInQuietly, startCloud } from './helpers/cloud';
import { egress, egressJson, expectOneLineError } from './helpers/egress';
import { ownedLeft, vpcTags } from '../../local/demo/show';

describe('pure parts', () => {
  test('the deterministic name: VPC, spec generation, c + UTC minute; the input names the trigger', () => {
    const at = new Date('2026-11-26T02:15:59.999Z');
    const { name, input } = reconcileRequest({ vpcId: 'vpc-0a1b2c3d4e5f60718', account: '123456789012', region: 'eu-west-1', tags: [{ Key: 'egress', Value: 'proxy' }] }, at);
    expect(name).toMatch(/^vpc-0a1b2c3d4e5f60718-[0-9a-f]{10}-c202611260215$/);
    expect(reconcileRequest({ vpcId: 'vpc-0a1b2c3d4e5f60718', region: 'eu-west-1', tags: [{ Key: 'egress', Value: 'proxy' }] }, new Date('2026-11-26T02:15:00Z')).name).toBe(name);
    expect(reconcileRequest({ vpcId: 'vpc-0a1b2c3d4e5f60718', region: 'eu-west-1', tags: [{ Key: 'egress', Value: 'off' }] }, at).name).not.toBe(name);
    expect(input).toEqual({ vpcId: 'vpc-0a1b2c3d4e5f60718', account: '123456789012', region: 'eu-west-1', trigger: 'cli' });
  });

  test('progress: current state, elapsed, retries so far; a new line per state or retry', () => {
    const mid = toRun(ready.filter((e) => e.id <= 29));
    const p = progressOf(mid, mid.startedAtMs! + 1500);
    expect(p).toMatchObject({ state: 'AwaitEndpoint', retries: 1, lastRetryError: 'EndpointNotReady', status: 'RUNNING', elapsedMs: 1500 });
    expect(progressLine(p)).toBe('running  AwaitEndpoint  1.5s  1 retry (last: EndpointNotReady)');
    const later = progressOf(toRun(ready.filter((e) => e.id <= 31)), mid.startedAtMs! + 1600);
    expect(progressKey(later)).not.toBe(progressKey(p));
    expect(progressKey(progressOf(mid, mid.startedAtMs! + 9000))).toBe(progressKey(p));
  });
});

describe('egress reconcile against the local cloud', () => {
  let cloud: LocalCloud;
  let env: Record<string, string>;
  beforeAll(async () => {
    // Pending for 1.5 s while AwaitEndpoint retries at 5 s × 1.5^n scaled by 0.05: several retries.
    cloud = await startCloud({ endpointPendingMs: 1500, timeScale: 0.05 });
    // AwaitProvisioning waits 0 s: AwaitEndpoint polls a Pending endpoint from the start, so there are retries to follow.
    process.env.ENDPOINT_PROVISIONING_SECONDS = '0';
    env = cloud.env;
  });
  afterAll(async () => { await cloud.stop(); });

  test('follows a run that retries before it succeeds, prints the VPC status, exits 0 on Ready; this minute again reuses that run', async () => {
    const vpcId = cloud.projectVpcIds[0];
    // Keep clear of a minute boundary, so the second call computes the same name.
    // (Half a minute: on a loaded machine the two runs together take well over 15 s.)
    if (new Date().getUTCSeconds() > 30) await new Promise((r) => setTimeout(r, (61 - new Date().getUTCSeconds()) * 1000));
    optInQuietly(cloud, vpcId);
    const r = await egress(['reconcile', vpcId], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^Execution ${vpcId}-[0-9a-f]{10}-c\\d{12}$`));
    expect(lines[1]).toMatch(/^Console {3}https:\/\/us-east-1\.console\.aws\.amazon\.com\/states\/home\?region=us-east-1#\/v2\/executions\/details\/arn:aws:states:/);
    // Not a TTY: one progress line per state change or retry, ending with the closed run.
    const progress = lines.filter((l) => /^(running|SUCCEEDED|FAILED) {2}/.test(l));
    expect(progress.some((l) => /^running {2}AwaitEndpoint {2}\S+ {2}\d+ retr(y|ies) \(last: EndpointNotReady\)$/.test(l))).toBe(true);
    expect(progress.at(-1)).toMatch(/^SUCCEEDED {2}PublishStatus {2}/);
    expect(r.stdout).toMatch(/^Finished {2}SUCCEEDED in \S+, ([2-9]|\d\d) retries$/m);
    // The path wraps to the width (120 here), continuation lines indented under it.
    const pathLines = r.stdout.slice(r.stdout.indexOf('\nPath ') + 1, r.stdout.indexOf('\nVPC ')).split('\n');
    expect(Math.max(...pathLines.map((l) => l.length))).toBeLessThanOrEqual(120);
    expect(r.stdout.replace(/\n {10}/g, ' ')).toMatch(/^Path {6}Paced\? → Observe → .*AwaitEndpoint \(\d+ retries\) → VerifyProxy → Replaced\? → PublishStatus$/m);
    expect(r.stdout).toMatch(new RegExp(`^VPC {7}${vpcId} {2}Ready$`, 'm'));
    expect(r.stdout).toMatch(/^Proxy {5}http:\/\/vpce-[0-9a-f]+-snra-\S+:\d+$/m);
    expect(r.stdout).toMatch(/^Reason {4}ProxyReachable: /m);

    const again = await egress(['reconcile', vpcId, '--json'], env);
    expect(again.code).toBe(0);
    const doc = JSON.parse(again.stdout);
    const name = lines[0].split(' ')[1];
    expect(Object.keys(doc).sort()).toEqual(['cause', 'consoleUrl', 'durationMs', 'error', 'executionArn', 'executionName', 'executionStatus', 'followed', 'path', 'ready', 'retries', 'started', 'vpc', 'vpcId'].sort());
    expect(doc).toMatchObject({
      vpcId, executionName: name, started: false, followed: true, executionStatus: 'SUCCEEDED', ready: true, error: null, cause: null,
      executionArn: `${cloud.stateMachineArn('reconcile-vpc').replace(':stateMachine:', ':execution:')}:${name}`,
    });
    expect(doc.retries).toBeGreaterThanOrEqual(2);
    expect(doc.path.at(-1)).toBe('PublishStatus');
    expect(doc.vpc).toMatchObject({ vpcId, state: 'Ready', optedIn: true, account: '123456789012', region: 'us-east-1' });
    expect(doc.vpc.proxy).toMatch(/^http:\/\//);
    // --no-wait on this minute's closed run reports its real status, not RUNNING.
    const noWait = await egress(['reconcile', vpcId, '--no-wait', '--json'], env);
    expect(noWait.code).toBe(0);
    expect(JSON.parse(noWait.stdout)).toMatchObject({ executionName: name, started: false, followed: false, executionStatus: 'SUCCEEDED', error: null, vpc: null });
    expect(JSON.parse(noWait.stdout).durationMs).toBeGreaterThan(0);
    const noWaitText = await egress(['reconcile', vpcId, '--no-wait'], env);
    expect(noWaitText.stdout).toMatch(/^Status {4}SUCCEEDED$/m);
    // Exactly one CLI execution for this VPC and minute.
    expect(cloud.stepFunctions.executions.list('reconcile-vpc').filter((e) => e.name === name)).toHaveLength(1);
  }, 90000); // up to 31 s of it waiting out a minute boundary

  test('a VPC that is not opted in: the run finalizes, the VPC is not Ready → exit 1 with the reason', async () => {
    const r = await egress(['reconcile', cloud.projectVpcIds[1]], env);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^Finished {2}SUCCEEDED/m);
    expect(r.stdout).toMatch(/Observe → OptedIn\? → Finalize/);
    expectOneLineError(r.stderr, cloud.projectVpcIds[1], 'is not Ready', 'not opted in');
  });

  test('--no-wait returns at once with the execution to follow', async () => {
    const vpcId = cloud.projectVpcIds[2];
    optInQuietly(cloud, vpcId);
    const r = await egress(['reconcile', vpcId, '--no-wait', '--json'], env);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ vpcId, started: true, followed: false, executionStatus: 'RUNNING', vpc: null, ready: false, path: [] });
    const execution = cloud.stepFunctions.executions.get(doc.executionArn);
    expect(execution?.input && JSON.parse(execution.input)).toEqual({ vpcId, account: '123456789012', region: 'us-east-1', trigger: 'cli' });
    await cloud.awaitIdle();
  });

  test('an unknown VPC and a malformed VPC ID are one line, exit 2', async () => {
    const [unknown, malformed] = await Promise.all([
      egress(['reconcile', 'vpc-0123456789abcdef0'], env),
      egress(['reconcile', 'subnet-0123'], env),
    ]);
    expect(unknown.code).toBe(2);
    expectOneLineError(unknown.stderr, 'unknown VPC vpc-0123456789abcdef0');
    expect(malformed.code).toBe(2);
    expectOneLineError(malformed.stderr, 'is not a VPC ID');
  });

  test('--dry-run: runs the workflow with "dryRun": true, prints its plan, changes nothing', async () => {
    const vpcId = cloud.projectVpcIds[1]; // finalized above: no endpoint, no security group, no status
    optInQuietly(cloud, vpcId);
    const r = await egress(['reconcile', vpcId, '--dry-run'], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Execution ${vpcId}-[0-9a-f]{10}-c\\d{14}-dry-run-[0-9a-f]{4}$`, 'm'));
    expect(r.stdout).toMatch(/^Plan {6}opted in: converge \(dry run: nothing was changed\)$/m);
    expect(r.stdout).toMatch(/^ {10}create {4}security-group: /m);
    expect(r.stdout).toMatch(/^ {10}authorize {1}ingress-rule: tcp \d+ from 10\.0\.0\.0\/16$/m);
    expect(r.stdout).toMatch(/^ {10}create {4}endpoint: /m);
    expect(await ownedLeft(vpcId)).toEqual([]);
    expect(Object.keys(await vpcTags(vpcId)).filter((k) => k.startsWith('egress-proxy'))).toEqual([]);
    const started = cloud.stepFunctions.executions.list('reconcile-vpc').filter((e) => e.name.includes('-dry-run-'));
    expect(started.map((e) => JSON.parse(e.input ?? '{}'))).toEqual([{ vpcId, account: '123456789012', region: 'us-east-1', trigger: 'cli', dryRun: true }]);

    // A Ready VPC: everything is kept.
    const doc = await egressJson(['reconcile', cloud.projectVpcIds[0], '--dry-run'], env);
    expect(doc).toMatchObject({ dryRun: true, executionStatus: 'SUCCEEDED', plan: { desired: 'present' } });
    expect(doc.plan.changes.map((c: { action: string; resource: string }) => `${c.action} ${c.resource}`)).toEqual(['keep security-group', 'keep endpoint']);
    const wrong = await egress(['reconcile', vpcId, '--dry-run', '--no-wait'], env);
    expect(wrong.code).toBe(2);
    expectOneLineError(wrong.stderr, '--dry-run follows the run');
  });
});
