/**
 * `egress history`: the pure grouping of recorded history events into state visits, and the command
 * against a spawned local cloud (by name and by ARN, --json field by field, human output, errors).
 */
import type { LocalCloud } from '../../local/cloud';
import { historyJson, renderHistory } from '../../cli/lib/history-view';
import { pathText, readableCause, toRun } from '../../cli/lib/history-visits';
import degraded from './fixtures/reconcile-vpc-degraded.json';
import ready from './fixtures/reconcile-vpc-ready.json';
import { startCloud, optIn } from './helpers/cloud';
import { egress, egressJson, expectOneLineError, ISO } from './helpers/egress';

const RECONCILE_PATH = ['Observe', 'OptedIn?', 'DetectOverlaps', 'EnsureSecurityGroup', 'EnsureEndpoint', 'AwaitEndpoint', 'VerifyProxy', 'PublishStatus', 'Outcome?'];

describe('toRun on recorded histories', () => {
  test('a run that retried AwaitEndpoint twice, then failed VerifyProxy into a Degraded status', () => {
    const run = toRun(degraded);
    expect(run.status).toBe('FAILED');
    expect(run.path).toEqual([...RECONCILE_PATH, 'ReconcileFailed']);
    const await_ = run.visits.find((v) => v.state === 'AwaitEndpoint')!;
    expect(await_).toMatchObject({ type: 'Task', retries: 2, outcome: 'succeeded' });
    expect(await_.attempts.map((a) => a.outcome)).toEqual(['failed', 'failed', 'succeeded']);
    expect(await_.attempts[0]).toMatchObject({ error: 'EndpointNotReady' });
    expect(readableCause(await_.attempts[0].cause)).toBe('vpce-0123456789abcdef0 is Pending');
    // Caught: VerifyProxy failed, its Catch routed to PublishStatus.
    const verify = run.visits.find((v) => v.state === 'VerifyProxy')!;
    expect(verify).toMatchObject({ outcome: 'caught', error: 'ProxyCheckFailed', retries: 0 });
    // The Fail state ended the execution with its own error and cause.
    expect(run.visits.at(-1)).toMatchObject({ state: 'ReconcileFailed', type: 'Fail', outcome: 'failed', error: 'ReconcileFailed' });
    expect(run.error).toBe('ReconcileFailed');
    expect(run.cause).toMatch(/did not reach Ready/);
    expect(pathText(run)).toContain('AwaitEndpoint (2 retries) → VerifyProxy');
  });

  test('elapsed times count from ExecutionStarted; durations from entered to exited', () => {
    const run = toRun(ready);
    expect(run.status).toBe('SUCCEEDED');
    expect(run.visits[0]).toMatchObject({ state: 'Observe', elapsedMs: 0 });
    const started = Date.parse(ready[0].timestamp as unknown as string);
    for (const v of run.visits) {
      expect(v.elapsedMs).toBe(v.enteredAtMs - started);
      expect(v.durationMs).toBeGreaterThanOrEqual(0);
    }
    expect(run.visits.at(-1)).toMatchObject({ state: 'Done', type: 'Succeed', outcome: 'succeeded' });
    expect(run.error).toBeUndefined();
  });

  test('a history still running leaves the current state open', () => {
    const upToRetry = ready.filter((e) => e.id <= 29);
    const run = toRun(upToRetry);
    expect(run.status).toBe('RUNNING');
    expect(run.visits.at(-1)).toMatchObject({ state: 'AwaitEndpoint', outcome: 'running', retries: 1 });
  });

  test('events out of order (reverse pages) group the same', () => {
    expect(toRun([...degraded].reverse())).toEqual(toRun(degraded));
  });

  test('the JSON view and the text view of a recorded run', () => {
    const run = toRun(degraded);
    const arn = 'arn:aws:states:us-east-1:123456789012:execution:reconcile-vpc:vpc-0a1b2c3d4e5f60718-0123456789-c202611260215';
    const doc = historyJson({ executionArn: arn, name: arn.split(':').at(-1)!, stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:reconcile-vpc', status: 'FAILED' }, run, Date.now());
    expect(doc).toMatchObject({ vpcId: 'vpc-0a1b2c3d4e5f60718', trigger: 'cli', error: 'ReconcileFailed' });
    expect(doc.states.find((s) => s.state === 'AwaitEndpoint')!.retries).toEqual([
      { attempt: 2, error: 'EndpointNotReady', cause: 'vpce-0123456789abcdef0 is Pending' },
      { attempt: 3, error: 'EndpointNotReady', cause: 'vpce-0123456789abcdef0 is Pending' },
    ]);
    expect(doc.states.find((s) => s.state === 'VerifyProxy')).toMatchObject({ outcome: 'caught', error: 'ProxyCheckFailed', cause: 'ProxyUnreachable: connect ECONNREFUSED 127.0.0.1:3128' });
    const text = renderHistory(doc, run, false);
    expect(text).toMatch(/^AwaitEndpoint\s+Task\s+\+\S+\s+\S+\s+3\s+succeeded$/m);
    expect(text).toMatch(/^ {2}retry 1 .*after EndpointNotReady: vpce-0123456789abcdef0 is Pending$/m);
    expect(text).toMatch(/^VerifyProxy .*caught: ProxyCheckFailed — ProxyUnreachable/m);
    expect(text).toMatch(/^Error {6}ReconcileFailed: The reconcile did not reach Ready/m);
  });
});

describe('egress history against the local cloud', () => {
  let cloud: LocalCloud;
  let env: Record<string, string>;
  let name: string;
  let arn: string;

  beforeAll(async () => {
    cloud = await startCloud({ endpointPendingMs: 1000 });
    // AwaitProvisioning waits 0 s: AwaitEndpoint polls a Pending endpoint from the start, so there are retries to show.
    process.env.ENDPOINT_PROVISIONING_SECONDS = '0';
    env = cloud.env;
    await optIn(cloud, cloud.projectVpcIds[0]);
    const [execution] = cloud.stepFunctions.executions.list('reconcile-vpc');
    ({ name, arn } = execution);
  });
  afterAll(async () => { await cloud.stop(); });

  test('--json by name: every field', async () => {
    const doc = await egressJson(['history', name], env);
    expect(Object.keys(doc).sort()).toEqual(['cause', 'consoleUrl', 'durationMs', 'error', 'executionArn', 'name', 'path', 'startDate', 'stateMachineArn', 'states', 'status', 'stopDate', 'trigger', 'vpcId'].sort());
    expect(doc).toMatchObject({
      executionArn: arn, name, stateMachineArn: cloud.stateMachineArn('reconcile-vpc'), vpcId: cloud.projectVpcIds[0],
      trigger: 'tag-event', status: 'SUCCEEDED', error: null, cause: null,
      consoleUrl: `https://us-east-1.console.aws.amazon.com/states/home?region=us-east-1#/v2/executions/details/${arn}`,
    });
    expect(doc.startDate).toMatch(ISO);
    expect(doc.stopDate).toMatch(ISO);
    expect(doc.durationMs).toBeGreaterThan(0);
    // A fresh run replaced no endpoint: Replaced? goes straight on to PublishStatus, which ends the run.
    expect(doc.path).toEqual(['Paced?', 'Observe', 'OptedIn?', 'DetectOverlaps', 'EnsureSecurityGroup', 'EnsureEndpoint', 'AwaitProvisioning', 'AwaitEndpoint', 'VerifyProxy', 'Replaced?', 'PublishStatus']);
    const awaitState = doc.states.find((s: { state: string }) => s.state === 'AwaitEndpoint');
    expect(Object.keys(awaitState).sort()).toEqual(['attempts', 'cause', 'durationMs', 'elapsedMs', 'enteredAt', 'error', 'outcome', 'retries', 'state', 'type'].sort());
    expect(awaitState.attempts).toBeGreaterThan(1); // the endpoint was Pending at first
    expect(awaitState.retries[0]).toMatchObject({ attempt: 2, error: 'EndpointNotReady' });
    expect(awaitState.enteredAt).toMatch(ISO);
  });

  test('by ARN, as a table with the path', async () => {
    const r = await egress(['history', arn], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Execution  ${name}`);
    expect(r.stdout).toMatch(/^Status {5}SUCCEEDED after /m);
    expect(r.stdout).toMatch(/^STATE\s+TYPE\s+ENTERED\s+DURATION\s+ATTEMPTS\s+OUTCOME$/m);
    expect(r.stdout).toMatch(/^Observe\s+Task\s+\+\S+\s+\S+\s+1\s+succeeded$/m);
    expect(r.stdout).toMatch(/^ {2}retry 1 .*after EndpointNotReady/m);
    // The path wraps to the width, continuation lines indented under it.
    const path = r.stdout.slice(r.stdout.indexOf('Path ')).replace(/\n {11}/g, ' ').trimEnd();
    expect(path).toMatch(/^Path {7}Paced\? → Observe → OptedIn\? → DetectOverlaps → .*AwaitEndpoint \(\d+ retr(y|ies)\) → .* → PublishStatus$/);
  });

  test('fits 100 columns (COLUMNS=100): no line longer, the console link only with --wide / -o wide', async () => {
    const [fitted, wide, o] = await Promise.all([
      egress(['history', arn], { ...env, COLUMNS: '100' }),
      egress(['history', arn, '--wide'], { ...env, COLUMNS: '100' }),
      egress(['history', arn, '-o', 'wide'], env),
    ]);
    expect(fitted.code).toBe(0);
    expect(Math.max(...fitted.stdout.split('\n').map((l) => l.length))).toBeLessThanOrEqual(100);
    expect(fitted.stdout).not.toContain('console.aws.amazon.com');
    expect(fitted.stdout).toMatch(/^VPC {8}vpc-/m);
    expect(wide.stdout).toMatch(/^Console {4}https:\/\/us-east-1\.console\.aws\.amazon\.com\/states\//m);
    expect(o.stdout).toContain('console.aws.amazon.com');
  });

  test('an unknown name or ARN is one line, exit 2', async () => {
    const byName = await egress(['history', 'vpc-0000000000000000a-0000000000-c1'], env);
    expect(byName.code).toBe(2);
    expectOneLineError(byName.stderr, 'unknown execution', 'vpc-0000000000000000a-0000000000-c1');
    const byArn = await egress(['history', `${cloud.stateMachineArn('reconcile-vpc').replace(':stateMachine:', ':execution:')}:nope`], env);
    expect(byArn.code).toBe(2);
    expectOneLineError(byArn.stderr, 'unknown execution');
  });

  test('a malformed name or ARN is a usage error before any AWS call', async () => {
    const bad = await egress(['history', 'no spaces allowed'], env);
    expect(bad.code).toBe(2);
    expectOneLineError(bad.stderr, 'not an execution name');
    const badArn = await egress(['history', 'arn:aws:states:us-east-1:123:stateMachine:x'], env);
    expect(badArn.code).toBe(2);
    expectOneLineError(badArn.stderr, 'not a Step Functions execution ARN');
  });
});
