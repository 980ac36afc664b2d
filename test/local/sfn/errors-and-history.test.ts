/**
 * Named errors from handler modules through Retry and Catch, as AWS shows them: the history records
 * every failed attempt, Catch hands `{Error, Cause}` on, and transitions are counted as billed.
 */
import { GetExecutionHistoryCommand, type HistoryEvent } from '@aws-sdk/client-sfn';
import { startSfn, type SfnHarness } from './harness';

let h: SfnHarness;
beforeAll(async () => { h = await startSfn({ timeScale: 0 }); });
afterAll(async () => { await h.close(); });

async function run(machine: string, name: string, input: unknown) {
  const { executionArn } = h.service.executions.start({ stateMachineArn: h.arn(machine), name, input: JSON.stringify(input) });
  const result = await h.service.awaitExecution(executionArn);
  const { events } = await h.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
  return { result, events: events! };
}

const types = (events: HistoryEvent[]) => events.map((e) => e.type);

describe('Retry on a named error', () => {
  it('retries EndpointNotReady, then succeeds; each failed attempt is visible in history', async () => {
    const { result, events } = await run('flaky', 'retry-ok', { key: 'retry-ok', failTimes: 2, error: 'EndpointNotReady' });
    expect(result.Status).toBe('SUCCEEDED');
    expect(JSON.parse(result.Output as string).result).toEqual({ ready: true, attempts: 3 });
    expect(types(events)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled', 'LambdaFunctionStarted', 'LambdaFunctionFailed',
      'LambdaFunctionScheduled', 'LambdaFunctionStarted', 'LambdaFunctionFailed',
      'LambdaFunctionScheduled', 'LambdaFunctionStarted', 'LambdaFunctionSucceeded',
      'TaskStateExited',
      'WaitStateEntered', 'WaitStateExited',
      'PassStateEntered', 'PassStateExited',
      'ExecutionSucceeded',
    ]);
    const failed = events.filter((e) => e.type === 'LambdaFunctionFailed');
    expect(failed[0].lambdaFunctionFailedEventDetails).toMatchObject({ error: 'EndpointNotReady' });
    expect(JSON.parse(failed[0].lambdaFunctionFailedEventDetails!.cause!)).toMatchObject({
      errorType: 'EndpointNotReady', errorMessage: 'attempt 1: vpce-0123 is Pending', trace: expect.any(Array),
    });
    expect(events[2].lambdaFunctionScheduledEventDetails).toMatchObject({
      resource: 'arn:aws:lambda:us-east-1:123456789012:function:Flaky', timeoutInSeconds: 60,
    });
  });

  it('counts every state entered and every retry as a transition', async () => {
    const before = h.stats.snapshot().stateTransitions.flaky ?? 0;
    await run('flaky', 'retry-count', { key: 'retry-count', failTimes: 2, error: 'EndpointNotReady' });
    // 3 states entered + 2 retries.
    expect(h.stats.snapshot().stateTransitions.flaky - before).toBe(5);
  });

  it('when retries run out, Catch routes with the last error', async () => {
    const { result, events } = await run('flaky', 'retry-exhausted', { key: 'retry-exhausted', failTimes: 9, error: 'EndpointNotReady' });
    expect(result.Status).toBe('SUCCEEDED');
    expect(events.filter((e) => e.type === 'LambdaFunctionFailed')).toHaveLength(4); // 1 + MaxAttempts 3
    expect(JSON.parse(result.Output as string).error.Error).toBe('EndpointNotReady');
  });
});

describe('Catch of a terminal error', () => {
  it('puts {Error, Cause} at ResultPath, Cause being the Lambda runtime error JSON', async () => {
    const { result, events } = await run('flaky', 'caught', { key: 'caught', failTimes: 1, error: 'EndpointFailed' });
    const output = JSON.parse(result.Output as string);
    expect(output.error.Error).toBe('EndpointFailed');
    expect(JSON.parse(output.error.Cause)).toEqual({
      errorType: 'EndpointFailed', errorMessage: 'attempt 1: vpce-0123 is Pending', trace: expect.any(Array),
    });
    expect(types(events)).toEqual([
      'ExecutionStarted', 'TaskStateEntered',
      'LambdaFunctionScheduled', 'LambdaFunctionStarted', 'LambdaFunctionFailed',
      'TaskStateExited', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded',
    ]);
  });

  it('an error nobody catches fails the execution with the same error and cause', async () => {
    const { result, events } = await run('flaky', 'uncaught', { key: 'uncaught', failTimes: 1, error: 'AccessDenied' });
    expect(result).toMatchObject({ Status: 'FAILED', Error: 'AccessDenied' });
    expect(JSON.parse(result.Cause as string).errorType).toBe('AccessDenied');
    expect(events.at(-1)).toMatchObject({ type: 'ExecutionFailed', executionFailedEventDetails: { error: 'AccessDenied', cause: result.Cause } });
  });
});

describe('GetExecutionHistory', () => {
  let executionArn: string;
  let all: HistoryEvent[];
  beforeAll(async () => {
    ({ executionArn } = h.service.executions.start({ stateMachineArn: h.arn('hello'), name: 'history', input: '{"who":"h"}' }));
    await h.service.awaitExecution(executionArn);
    all = (await h.sfn.send(new GetExecutionHistoryCommand({ executionArn }))).events!;
  });

  it('numbers events from 1 with previousEventId and timestamps, input and output as JSON strings', () => {
    expect(all.map((e) => e.id)).toEqual(all.map((_, i) => i + 1));
    expect(all.map((e) => e.previousEventId)).toEqual(all.map((_, i) => i));
    expect(all.every((e) => e.timestamp instanceof Date)).toBe(true);
    expect(all[0].executionStartedEventDetails).toMatchObject({ input: '{"who":"h"}', inputDetails: { truncated: false } });
    expect(all[1]).toMatchObject({ type: 'TaskStateEntered', stateEnteredEventDetails: { name: 'Greet', input: '{"who":"h"}' } });
    expect(types(all)).toContain('ChoiceStateEntered');
    expect(all.at(-1)!.executionSucceededEventDetails!.output).toBeDefined();
  });

  it('pages with maxResults/nextToken, forwards and in reverse', async () => {
    for (const reverseOrder of [false, true]) {
      const ids: number[] = [];
      let nextToken: string | undefined;
      do {
        const page = await h.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 3, nextToken, reverseOrder }));
        expect(page.events!.length).toBeLessThanOrEqual(3);
        ids.push(...page.events!.map((e) => e.id!));
        nextToken = page.nextToken;
      } while (nextToken);
      const expected = all.map((e) => e.id!);
      expect(ids).toEqual(reverseOrder ? expected.reverse() : expected);
    }
  });

  it('includeExecutionData: false leaves out inputs and outputs', async () => {
    const { events } = await h.sfn.send(new GetExecutionHistoryCommand({ executionArn, includeExecutionData: false }));
    expect(events![0].executionStartedEventDetails?.input).toBeUndefined();
    expect(events![1].stateEnteredEventDetails).toEqual({ name: 'Greet' });
  });
});
