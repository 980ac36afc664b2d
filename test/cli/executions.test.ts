/**
 * `egress executions` against a spawned local cloud: one VPC reconciled to Ready, one whose proxy
 * check failed (proxy stopped), so both SUCCEEDED and FAILED runs are listed. Plus the pure row.
 */
import type { LocalCloud } from '../../local/cloud';
import { executionRow, parseExecutionStatus } from '../../cli/lib/execution-rows';
import { optIn, startCloud } from './helpers/cloud';
import { egress, egressJson, expectOneLineError, ISO } from './helpers/egress';

describe('execution rows', () => {
  const arn = 'arn:aws:states:eu-west-1:123456789012:execution:reconcile-vpc:vpc-0a1b2c3d4e5f60718-0123456789-s202611260200';
  test('VPC and trigger from the name, duration, console link in the execution\'s region', () => {
    const row = executionRow({
      workflow: 'reconcile-vpc', name: arn.split(':').at(-1), executionArn: arn, status: 'SUCCEEDED',
      startDate: new Date('2026-11-26T02:00:00Z'), stopDate: new Date('2026-11-26T02:00:04.5Z'),
    }, Date.now());
    expect(row).toEqual({
      name: 'vpc-0a1b2c3d4e5f60718-0123456789-s202611260200', workflow: 'reconcile-vpc', vpcId: 'vpc-0a1b2c3d4e5f60718', trigger: 'sweep',
      status: 'SUCCEEDED', startDate: '2026-11-26T02:00:00.000Z', stopDate: '2026-11-26T02:00:04.500Z', durationMs: 4500, executionArn: arn,
      consoleUrl: `https://eu-west-1.console.aws.amazon.com/states/home?region=eu-west-1#/v2/executions/details/${arn}`,
    });
  });
  test('a running execution lasts until now; a fleet run is a sweep without a VPC', () => {
    const row = executionRow({ workflow: 'reconcile-fleet', name: 'sweep-20261126020000', executionArn: 'arn:aws:states:us-east-1:1:execution:reconcile-fleet:sweep-1', status: 'RUNNING', startDate: new Date(1000) }, 4000);
    expect(row).toMatchObject({ vpcId: null, trigger: 'sweep', durationMs: 3000, stopDate: null });
  });
  test.each([['failed', 'FAILED'], ['timed-out', 'TIMED_OUT'], ['Running', 'RUNNING'], ['done', undefined]])('--status %s', (input, expected) => {
    expect(parseExecutionStatus(input)).toBe(expected);
  });
});

describe('egress executions against the local cloud', () => {
  let cloud: LocalCloud;
  let env: Record<string, string>;
  let good: string;
  let bad: string;
  beforeAll(async () => {
    cloud = await startCloud();
    env = cloud.env;
    [good, bad] = cloud.projectVpcIds;
    await optIn(cloud, good);
    await cloud.proxy.stop();
    await optIn(cloud, bad);
    await cloud.proxy.start();
  });
  afterAll(async () => { await cloud.stop(); });

  test('--json: newest first, field by field', async () => {
    const { executions } = await egressJson(['executions'], env);
    expect(executions.map((e: { vpcId: string }) => e.vpcId)).toEqual([bad, good]);
    const [failed, succeeded] = executions;
    expect(Object.keys(succeeded).sort()).toEqual(['consoleUrl', 'durationMs', 'executionArn', 'name', 'startDate', 'status', 'stopDate', 'trigger', 'vpcId', 'workflow'].sort());
    expect(succeeded).toMatchObject({ workflow: 'reconcile-vpc', trigger: 'tag-event', status: 'SUCCEEDED' });
    expect(succeeded.name).toMatch(new RegExp(`^${good}-[0-9a-f]{10}-t\\d+$`));
    expect(succeeded.executionArn).toBe(`${cloud.stateMachineArn('reconcile-vpc').replace(':stateMachine:', ':execution:')}:${succeeded.name}`);
    expect(succeeded.consoleUrl).toBe(`https://us-east-1.console.aws.amazon.com/states/home?region=us-east-1#/v2/executions/details/${succeeded.executionArn}`);
    expect(succeeded.startDate).toMatch(ISO);
    expect(succeeded.stopDate).toMatch(ISO);
    expect(succeeded.durationMs).toBeGreaterThan(0);
    expect(failed.status).toBe('FAILED');
  });

  test('--vpc, --status and --limit select', async () => {
    const [byVpc, byStatus, limited, none] = await Promise.all([
      egressJson(['executions', '--vpc', bad], env),
      egressJson(['executions', '--status', 'succeeded'], env),
      egressJson(['executions', '--limit', '1'], env),
      egressJson(['executions', '--vpc', 'vpc-0123456789abcdef0'], env),
    ]);
    expect(byVpc.executions.map((e: { vpcId: string; status: string }) => [e.vpcId, e.status])).toEqual([[bad, 'FAILED']]);
    expect(byStatus.executions.map((e: { vpcId: string }) => e.vpcId)).toEqual([good]);
    expect(limited.executions.map((e: { vpcId: string }) => e.vpcId)).toEqual([bad]);
    expect(none.executions).toEqual([]);
  });

  test('human output: a table that fits (COLUMNS or 120); --wide adds the VPC and the console link', async () => {
    const [r, wide] = await Promise.all([egress(['executions'], { ...env, COLUMNS: '100' }), egress(['executions', '--wide'], env)]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+TRIGGER\s+STATUS\s+STARTED\s+DURATION$/);
    expect(lines[1]).toMatch(new RegExp(`^${bad}-\\S+\\s+tag-event\\s+FAILED\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ\\s+\\S+$`));
    expect(lines[2]).toMatch(/\s+SUCCEEDED\s+/);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(100);
    const wideLines = wide.stdout.trimEnd().split('\n');
    expect(wideLines[0]).toMatch(/^NAME\s+VPC\s+TRIGGER\s+STATUS\s+STARTED\s+DURATION\s+CONSOLE$/);
    expect(wideLines[1]).toMatch(new RegExp(`^${bad}-\\S+\\s+${bad}\\s+tag-event\\s+FAILED\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ\\s+\\S+\\s+https://us-east-1\\.console\\.aws\\.amazon\\.com/states/home\\?region=us-east-1#/v2/executions/details/arn:aws:states:us-east-1:123456789012:execution:reconcile-vpc:${bad}-\\S+$`));
    const none = await egress(['executions', '--vpc', 'vpc-0123456789abcdef0'], env);
    expect(none.stdout.trim()).toBe('No executions found.');
  });

  test('the state machine from a flag or the environment', async () => {
    const [byFlag, byEnv, wrong] = await Promise.all([
      egressJson(['executions', '--state-machine', cloud.stateMachineArn('reconcile-vpc')], env),
      egressJson(['executions'], { ...env, EGRESS_RECONCILE_VPC_ARN: cloud.stateMachineArn('reconcile-vpc') }),
      egress(['executions', '--state-machine', cloud.stateMachineArn('no-such-machine')], env),
    ]);
    expect(byFlag.executions).toHaveLength(2);
    expect(byEnv.executions).toHaveLength(2);
    expect(wrong.code).toBe(3);
    expectOneLineError(wrong.stderr, 'no-such-machine', '--state-machine');
  });

  test('bad flags are one line, exit 2', async () => {
    const [status, vpc, limit] = await Promise.all([
      egress(['executions', '--status', 'done'], env), egress(['executions', '--vpc', 'vpc-xyz'], env), egress(['executions', '--limit', '0'], env),
    ]);
    for (const r of [status, vpc, limit]) expect(r.code).toBe(2);
    expectOneLineError(status.stderr, '--status', 'FAILED');
    expectOneLineError(vpc.stderr, '--vpc');
    expectOneLineError(limit.stderr, '--limit');
  });
});
