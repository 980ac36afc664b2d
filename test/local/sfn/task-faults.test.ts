/**
 * Task crash injection (docs/local-cloud.md#task-crashes): the error names Step Functions reports, the
 * history events, and the workflows' Retry surviving a crash after the handler's AWS calls took effect.
 */
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { startLocalCloud, type LocalCloud } from '../../../local/cloud';
import { createTaskFaults } from '../../../local/sfn/task-faults';
import { executionsOf, historyOf, ownedEndpoints, ownedGroups, settledTags, tagVpc } from '../../helpers/local-cloud';

describe('task fault rules', () => {
  it('match by state name or *, consume their count, and name the errors Step Functions reports', () => {
    const faults = createTaskFaults();
    faults.add({ state: 'EnsureEndpoint', kind: 'crash-after', error: 'Sandbox.Timedout', count: 1 });
    faults.add({ state: '*', kind: 'States.Timeout', count: 1 });
    expect(faults.decide('Observe', 60)).toMatchObject({ when: 'after', outcome: 'timedOut', error: 'States.Timeout' });
    const crash = faults.decide('EnsureEndpoint', 30);
    expect(crash).toMatchObject({ when: 'after', outcome: 'failed', error: 'Sandbox.Timedout' });
    expect(JSON.parse(crash!.cause)).toMatchObject({ errorType: 'Sandbox.Timedout', errorMessage: expect.stringMatching(/Task timed out after 30\.00 seconds$/) });
    expect(faults.decide('EnsureEndpoint', 30)).toBeUndefined();
    expect(faults.list()).toEqual([]);
  });

  it('Lambda.ServiceException fails before the handler; a rate draws from the rule\'s seed', () => {
    const draw = () => {
      const faults = createTaskFaults();
      faults.add({ state: '*', kind: 'Lambda.ServiceException', rate: 0.5, seed: 42 });
      return Array.from({ length: 20 }, () => faults.decide('Observe', 60) !== undefined);
    };
    const first = draw();
    expect(draw()).toEqual(first); // the same seed replays
    expect(first.filter(Boolean).length).toBeGreaterThan(3);
    expect(first.filter(Boolean).length).toBeLessThan(17);
    const faults = createTaskFaults();
    faults.add({ state: 'Observe', kind: 'Lambda.ServiceException' });
    expect(faults.decide('Observe', 60)).toMatchObject({ when: 'before', outcome: 'startFailed', error: 'Lambda.ServiceException' });
  });

  it('States.Timeout with ran: false times out before the handler; crash-after defaults to Lambda.ServiceException', () => {
    const faults = createTaskFaults();
    faults.add({ state: 'Observe', kind: 'States.Timeout', ran: false, count: 1 });
    faults.add({ state: 'Observe', kind: 'crash-after', count: 1 });
    faults.add({ state: 'Observe', kind: 'crash-after', error: 'Lambda.Unknown', count: 1 });
    expect(faults.decide('Observe', 60)).toMatchObject({ when: 'before', outcome: 'timedOut', error: 'States.Timeout' });
    expect(faults.decide('Observe', 60)).toMatchObject({ when: 'after', outcome: 'failed', error: 'Lambda.ServiceException' });
    expect(faults.decide('Observe', 60)).toMatchObject({ when: 'after', error: 'Lambda.Unknown', cause: expect.stringMatching(/^The cause could not be determined because Lambda did not return an error type\. Returned payload: \{"errorMessage":".* Task timed out after 60\.00 seconds"\}$/) });
  });

  it('refuses unknown kinds and crash errors', () => {
    const faults = createTaskFaults();
    expect(() => faults.add({ state: '*', kind: 'explode' } as never)).toThrow();
    expect(() => faults.add({ state: '*', kind: 'crash-after', error: 'States.ALL' } as never)).toThrow();
  });
});

describe('in the workflows', () => {
  let cloud: LocalCloud;
  beforeAll(async () => { cloud = await startLocalCloud({ iam: 'off', seedProjects: 4, memberAccounts: [], endpointPendingMs: 50, timeScale: 0.01 }); });
  afterAll(async () => { await cloud?.stop(); });
  afterEach(() => cloud.taskFaults.clear());

  const lambdaEvents = (events: HistoryEvent[], type: string) => events.filter((e) => e.type === type);
  const historyOfVpc = async (vpc: string) => historyOf(executionsOf(cloud, vpc)[0].arn);

  it('crash-after on EnsureEndpoint (Sandbox.Timedout): the endpoint it created is adopted by the retry, never duplicated', async () => {
    const vpc = cloud.projectVpcIds[0];
    cloud.taskFaults.add({ state: 'EnsureEndpoint', kind: 'crash-after', error: 'Sandbox.Timedout', count: 1 });
    await tagVpc(vpc, { egress: 'proxy' });
    await cloud.awaitIdle();
    const events = await historyOfVpc(vpc);
    const failed = lambdaEvents(events, 'LambdaFunctionFailed');
    // One crash; any other failure is AwaitEndpoint's normal "not Available yet" poll.
    const errors = failed.map((e) => e.lambdaFunctionFailedEventDetails?.error);
    expect(errors.filter((e) => e === 'Sandbox.Timedout')).toHaveLength(1);
    expect(errors.filter((e) => e !== 'Sandbox.Timedout' && e !== 'EndpointNotReady')).toEqual([]);
    expect(cloud.stats.snapshot().apiCalls['ec2:CreateVpcEndpoint']).toBeGreaterThanOrEqual(1); // it ran before crashing
    const tags = await settledTags(vpc, (t) => expect(t['egress-proxy:state']).toBe('Ready'));
    const endpoints = await ownedEndpoints(vpc);
    expect(endpoints).toHaveLength(1);
    expect(tags['egress-proxy:endpoint']).toBe(endpoints[0].VpcEndpointId);
  });

  it('States.Timeout after EnsureSecurityGroup ran: LambdaFunctionTimedOut, retried, one group', async () => {
    const vpc = cloud.projectVpcIds[1];
    cloud.taskFaults.add({ state: 'EnsureSecurityGroup', kind: 'States.Timeout', count: 1 });
    await tagVpc(vpc, { egress: 'proxy' });
    await cloud.awaitIdle();
    const events = await historyOfVpc(vpc);
    expect(lambdaEvents(events, 'LambdaFunctionTimedOut').map((e) => e.lambdaFunctionTimedOutEventDetails?.error)).toEqual(['States.Timeout']);
    expect(events.some((e) => e.type === 'TaskStateEntered' && e.stateEnteredEventDetails?.name === 'EnsureSecurityGroup')).toBe(true);
    await settledTags(vpc, (t) => expect(t['egress-proxy:state']).toBe('Ready'));
    expect(await ownedGroups(vpc)).toHaveLength(1); // the retry adopted the group the timed-out run created
  });

  it('Lambda.ServiceException before Observe ran: LambdaFunctionStartFailed, the Retry runs it again', async () => {
    const vpc = cloud.projectVpcIds[2];
    cloud.taskFaults.add({ state: 'Observe', kind: 'Lambda.ServiceException', count: 2 });
    await tagVpc(vpc, { egress: 'proxy' });
    await cloud.awaitIdle();
    const events = await historyOfVpc(vpc);
    const startFailed = lambdaEvents(events, 'LambdaFunctionStartFailed');
    expect(startFailed.map((e) => e.lambdaFunctionStartFailedEventDetails?.error)).toEqual(['Lambda.ServiceException', 'Lambda.ServiceException']);
    expect(startFailed[0].lambdaFunctionStartFailedEventDetails?.cause).toMatch(/Status Code: 500; Error Code: ServiceException/);
    await settledTags(vpc, (t) => expect(t['egress-proxy:state']).toBe('Ready'));
  });

  it('POST /_local/task-faults adds, lists and clears rules; a bad body is a 400 naming the field', async () => {
    const post = (body: unknown) => fetch(`${cloud.url}/_local/task-faults`, { method: 'POST', body: JSON.stringify(body) });
    const created = await post([{ state: 'VerifyProxy', kind: 'crash-after', count: 2 }, { state: '*', kind: 'Lambda.ServiceException', rate: 0.1, seed: 9 }]);
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({ ids: [expect.any(Number), expect.any(Number)] });
    const listed = (await (await fetch(`${cloud.url}/_local/task-faults`)).json()) as { taskFaults: unknown[] };
    expect(listed.taskFaults).toEqual([
      expect.objectContaining({ state: 'VerifyProxy', kind: 'crash-after', remaining: 2 }),
      expect.objectContaining({ state: '*', kind: 'Lambda.ServiceException', rate: 0.1 }),
    ]);
    const bad = await post({ state: 'Observe', kind: 'crash' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/^0\.kind: /);
    expect(await (await fetch(`${cloud.url}/_local/task-faults`, { method: 'DELETE' })).json()).toEqual({ cleared: true });
    expect(cloud.taskFaults.list()).toEqual([]);
  });
});
