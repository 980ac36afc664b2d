/**
 * Errors are one clear line with a trustworthy exit code, never a stack trace: no credentials, no
 * region, no operator stack, the cloud unreachable, unknown VPC or execution, bad flags.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeAwsFailure } from '../../cli/lib/aws-failures';
import { discoverStateMachines, InvalidStateMachineArn, NoOperatorFound, pickFromList, type DiscoveryInput } from '../../cli/lib/state-machines';
import { egress, egressWithOnly, expectOneLineError } from './helpers/egress';

describe('operator discovery', () => {
  const arn = (name: string) => `arn:aws:states:us-east-1:123456789012:stateMachine:${name}`;
  const input = (over: Partial<DiscoveryInput>): DiscoveryInput => ({
    flags: {}, env: {}, local: false, stackOutputs: async () => undefined, listStateMachines: async () => [], ...over,
  });

  test('flags win over env, env over the stack, the stack over ListStateMachines', async () => {
    const stackOutputs = jest.fn(async () => ({ ReconcileVpcStateMachineArn: arn('FromStack'), ReconcileFleetStateMachineArn: arn('FleetFromStack') }));
    const found = await discoverStateMachines(input({ flags: { stateMachine: arn('FromFlag') }, env: { EGRESS_RECONCILE_FLEET_ARN: arn('FleetFromEnv') }, stackOutputs }));
    expect(found).toEqual({ reconcileVpc: { arn: arn('FromFlag'), source: 'flag' }, reconcileFleet: { arn: arn('FleetFromEnv'), source: 'env' } });
    expect(stackOutputs).not.toHaveBeenCalled();
    const fromStack = await discoverStateMachines(input({ stackOutputs, env: { EGRESS_OPERATOR_STACK: 'Mine' } }));
    expect(fromStack.reconcileVpc).toEqual({ arn: arn('FromStack'), source: 'stack' });
    expect(stackOutputs).toHaveBeenCalledWith('Mine');
  });

  test('against the local cloud CloudFormation is skipped; names are matched exactly, then CDK-style', async () => {
    const stackOutputs = jest.fn(async () => undefined);
    const machines = [{ name: 'EgressOperatorReconcileFleetAB12', arn: arn('EgressOperatorReconcileFleetAB12') }, { name: 'reconcile-vpc', arn: arn('reconcile-vpc') }];
    const found = await discoverStateMachines(input({ local: true, stackOutputs, listStateMachines: async () => machines }));
    expect(stackOutputs).not.toHaveBeenCalled();
    expect(found.reconcileVpc.arn).toBe(arn('reconcile-vpc'));
    expect(found.reconcileFleet?.arn).toBe(arn('EgressOperatorReconcileFleetAB12'));
    expect(pickFromList([{ name: 'x-ReconcileVpc-1', arn: 'a' }], 'reconcileVpc')).toBe('a');
  });

  test.each([
    ['the CDK stack\'s default names', ['egress-operator-reconcile-vpc', 'egress-operator-reconcile-fleet'], 'egress-operator-reconcile-vpc', 'egress-operator-reconcile-fleet'],
    ['another prefix', ['team-a-reconcile-fleet', 'team-a-reconcile-vpc'], 'team-a-reconcile-vpc', 'team-a-reconcile-fleet'],
    ['the exact name wins over a prefixed one', ['x-reconcile-vpc', 'reconcile-vpc'], 'reconcile-vpc', undefined],
    ['a prefixed name wins over a CDK-generated one', ['EgressReconcileVpcAB12', 'p-reconcile-vpc'], 'p-reconcile-vpc', undefined],
    ['no look-alikes: reconcile-vpc-old is not it', ['reconcile-vpc-old', 'xreconcile-fleet'], undefined, undefined],
  ])('ListStateMachines picker: %s', (_name, names, vpc, fleet) => {
    const machines = (names as string[]).map((n) => ({ name: n, arn: arn(n) }));
    expect(pickFromList(machines, 'reconcileVpc')).toBe(vpc && arn(vpc));
    expect(pickFromList(machines, 'reconcileFleet')).toBe(fleet && arn(fleet));
  });

  test.each([
    ['--state-machine not an ARN', { flags: { stateMachine: 'reconcile-vpc' } }, '--state-machine "reconcile-vpc"'],
    ['--fleet-state-machine an execution ARN', { flags: { fleetStateMachine: 'arn:aws:states:us-east-1:123456789012:execution:m:e' } }, '--fleet-state-machine'],
    ['env ARN with a short account', { env: { EGRESS_RECONCILE_VPC_ARN: 'arn:aws:states:us-east-1:123:stateMachine:m' } }, 'EGRESS_RECONCILE_VPC_ARN'],
  ])('a malformed ARN is refused locally, before any lookup: %s', async (_name, over, where) => {
    const listStateMachines = jest.fn(async () => []);
    const err = await discoverStateMachines(input({ ...over, listStateMachines })).catch((e) => e);
    expect(err).toBeInstanceOf(InvalidStateMachineArn);
    expect(err.message).toContain(where);
    expect(err.message).toContain('is not a state machine ARN');
    expect(listStateMachines).not.toHaveBeenCalled();
  });

  test('nothing found anywhere: NoOperatorFound naming what was tried', async () => {
    const err = await discoverStateMachines(input({})).catch((e) => e);
    expect(err).toBeInstanceOf(NoOperatorFound);
    expect(err.message).toMatch(/^no operator stack found \(tried .*CloudFormation stack EgressOperator; ListStateMachines\)/);
  });
});

describe('AWS failures as one line', () => {
  test.each([
    ['no credentials', { name: 'CredentialsProviderError', message: 'Could not load credentials from any providers' }, 3, 'no AWS credentials found'],
    ['no region', { name: 'Error', message: 'Region is missing' }, 3, 'no AWS region configured'],
    ['expired credentials', { name: 'ExpiredTokenException', message: 'expired' }, 3, 'AWS rejected the credentials'],
    ['access denied', { name: 'AccessDeniedException', message: 'not authorized to perform states:ListExecutions' }, 3, 'access denied on ListExecutions'],
    ['state machine does not exist', { name: 'StateMachineDoesNotExist', message: 'State Machine Does Not Exist' }, 3, '--state-machine'],
    ['AWS refuses an ARN as malformed', { name: 'InvalidArn', message: 'Invalid Arn' }, 2, '--state-machine'],
    ['throttled', { name: 'ThrottlingException', message: 'Rate exceeded' }, 1, 'throttled'],
    ['too many running executions (SDK name)', { name: 'ExecutionLimitExceeded', message: 'Maximum executions reached' }, 1, 'too many running executions (ExecutionLimitExceeded): try again once some have finished'],
    ['too many running executions (…Exception)', { name: 'ExecutionLimitExceededException', message: 'Maximum executions reached' }, 1, 'too many running executions (ExecutionLimitExceededException)'],
    ['anything else, multi-line', { name: 'InternalFailure', message: 'boom\n  at x' }, 1, 'ListExecutions failed: InternalFailure: boom at x'],
  ])('%s → exit %i', (_name, err, code, text) => {
    const f = describeAwsFailure(err, 'ListExecutions', {});
    expect(f.exitCode).toBe(code);
    expect(f.message).toContain(text);
    expect(f.message).not.toContain('\n');
  });
});

describe('environment errors from the real bin', () => {
  let home: string;
  let empty: Server;
  let emptyUrl: string;
  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'egress-home-'));
    // An endpoint that speaks Step Functions but has no state machines at all.
    empty = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.setHeader('content-type', 'application/x-amz-json-1.0');
        res.end(String(req.headers['x-amz-target']).endsWith('ListStateMachines') ? '{"stateMachines":[]}' : '{}');
      });
    });
    await new Promise<void>((r) => empty.listen(0, '127.0.0.1', r));
    emptyUrl = `http://127.0.0.1:${(empty.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    rmSync(home, { recursive: true, force: true });
    await new Promise((r) => empty.close(r));
  });

  const noCredentials = () => ({
    HOME: home, AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: join(home, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'none'),
  });
  const local = (url: string) => ({ HOME: home, AWS_ENDPOINT_URL: url, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });

  test('no credentials: one line saying what to do, exit 3, for every AWS command', async () => {
    const results = await Promise.all([['status'], ['executions'], ['history', 'some-run'], ['reconcile', 'vpc-0123456789abcdef0']].map((a) => egressWithOnly(a, noCredentials())));
    for (const r of results) {
      expect(r.code).toBe(3);
      expectOneLineError(r.stderr, 'no AWS credentials found', 'aws configure');
    }
  });

  test('no region: one line, exit 3', async () => {
    const { AWS_REGION: _, ...env } = noCredentials();
    const r = await egressWithOnly(['status'], { ...env, AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' });
    expect(r.code).toBe(3);
    expectOneLineError(r.stderr, 'no AWS region configured', '--region');
  });

  test('no operator stack found: one line, exit 3', async () => {
    const results = await Promise.all([['executions'], ['history', 'some-run'], ['reconcile', 'vpc-0123456789abcdef0']].map((a) => egressWithOnly(a, local(emptyUrl))));
    for (const r of results) {
      expect(r.code).toBe(3);
      expectOneLineError(r.stderr, 'no operator stack found', '--state-machine');
    }
  });

  test('the local cloud not running: one line naming AWS_ENDPOINT_URL, exit 3', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((r) => closed.close(r));
    const r = await egressWithOnly(['status'], { ...local(url), AWS_MAX_ATTEMPTS: '1' });
    expect(r.code).toBe(3);
    expectOneLineError(r.stderr, `cannot reach the local cloud at AWS_ENDPOINT_URL=${url}`);
  });
});

describe('bad flags and arguments: one line, exit 2, before any AWS call', () => {
  test.each([
    [['executions', '--state-machine', 'not-an-arn'], {}, '--state-machine "not-an-arn" is not a state machine ARN'],
    [['history', 'some-run'], { EGRESS_RECONCILE_VPC_ARN: 'arn:aws:states:us-east-1:123:stateMachine:x' }, 'EGRESS_RECONCILE_VPC_ARN'],
    [['reconcile', 'vpc-0123456789abcdef0', '--state-machine', 'arn:aws:states:us-east-1:123456789012:stateMachine:a:b'], {}, '--state-machine'],
  ])('malformed state machine ARN: egress %j → exit 2', async (args, env, text) => {
    // The endpoint is closed: had the CLI called AWS, this would be exit 3 "cannot reach".
    const r = await egress(args as string[], { AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b', AWS_MAX_ATTEMPTS: '1', ...env });
    expect(r.code).toBe(2);
    expectOneLineError(r.stderr, text);
  });

  test.each([
    [['status', '--bogus'], "unknown option '--bogus'"],
    [['status', '--interval', 'soon'], '--interval'],
    [['executions', '--limit', 'x'], '--limit'],
    [['history'], "missing required argument 'execution'"],
    [['reconcile'], "missing required argument 'vpc-id'"],
    [['reconcile', 'vpc-1', '--timeout', '0'], '--timeout'],
    [['cost', '--vpcs', '1', '--azs', '9'], '--azs'],
    [['nonsense'], "unknown command 'nonsense'"],
  ])('egress %j', async (args, text) => {
    const r = await egress(args as string[], { AWS_ENDPOINT_URL: 'http://127.0.0.1:9' });
    expect(r.code).toBe(2);
    expectOneLineError(r.stderr, text);
  });

  test('every command has --help (exit 0)', async () => {
    const results = await Promise.all(['status', 'executions', 'history', 'reconcile', 'cost'].map((c) => egress([c, '--help'])));
    for (const r of results) {
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Usage: egress \S+/);
      expect(r.stdout).toContain('--json');
    }
  });
});
