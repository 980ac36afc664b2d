/**
 * Starting and reading executions through the real SFN client: lifecycle, idempotent names, the
 * errors AWS raises by name, listing with filters and pages.
 */
import {
  DescribeExecutionCommand, ExecutionAlreadyExists, InvalidArn, InvalidExecutionInput, InvalidName,
  ListExecutionsCommand, ListStateMachinesCommand, StartExecutionCommand, StateMachineDoesNotExist, StopExecutionCommand,
  ExecutionDoesNotExist, GetExecutionHistoryCommand,
} from '@aws-sdk/client-sfn';
import { startSfn, type SfnHarness } from './harness';

let h: SfnHarness;
const gates: Array<() => void> = [];
const hold = () => new Promise<{ held: true }>((resolve) => gates.push(() => resolve({ held: true })));
const releaseAll = () => { while (gates.length) gates.shift()!(); };

beforeAll(async () => { h = await startSfn({ extraTaskHandlers: { Hold: hold } }); });
afterAll(async () => { releaseAll(); await h.close(); });

const start = (machine: string, name?: string, input?: unknown) =>
  h.sfn.send(new StartExecutionCommand({ stateMachineArn: h.arn(machine), name, input: input === undefined ? undefined : JSON.stringify(input) }));

describe('StartExecution → DescribeExecution', () => {
  it('runs in the background and ends SUCCEEDED with the output', async () => {
    const { executionArn, startDate } = await start('hello', 'hello-1', { who: 'vpc-1' });
    expect(executionArn).toBe('arn:aws:states:us-east-1:123456789012:execution:hello:hello-1');
    expect(startDate).toBeInstanceOf(Date);
    await h.service.awaitExecution(executionArn!);
    const d = await h.sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(d.status).toBe('SUCCEEDED');
    expect(d.stopDate!.getTime()).toBeGreaterThanOrEqual(d.startDate!.getTime());
    expect(JSON.parse(d.output!)).toEqual({ who: 'vpc-1', greeting: { text: 'hello vpc-1', execution: 'hello-1' } });
  });

  it('shows RUNNING until the work is done', async () => {
    const { executionArn } = await start('gate', 'held-1');
    await new Promise((r) => setTimeout(r, 20));
    expect((await h.sfn.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('RUNNING');
    releaseAll();
    await h.service.awaitExecution(executionArn!);
    expect((await h.sfn.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('SUCCEEDED');
  });

  it('ends FAILED with the Fail state error and cause', async () => {
    const { executionArn } = await start('hello', 'refused', { who: 'nobody' });
    await h.service.awaitExecution(executionArn!);
    const d = await h.sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(d).toMatchObject({ status: 'FAILED', error: 'NoOneToGreet', cause: 'who is nobody' });
  });

  it('StopExecution aborts a running execution', async () => {
    const { executionArn } = await start('gate', 'stopped-1');
    await h.sfn.send(new StopExecutionCommand({ executionArn, error: 'Manual', cause: 'test' }));
    await h.service.awaitExecution(executionArn!);
    expect(await h.sfn.send(new DescribeExecutionCommand({ executionArn }))).toMatchObject({ status: 'ABORTED', error: 'Manual' });
    const { events } = await h.sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(events!.at(-1)).toMatchObject({ type: 'ExecutionAborted', executionAbortedEventDetails: { error: 'Manual', cause: 'test' } });
    releaseAll();
  });
});

describe('execution names (DESIGN §8)', () => {
  it('same name and input while RUNNING → the same ARN, one execution', async () => {
    const before = h.stats.snapshot().executions.gate ?? 0;
    const a = await start('gate', 'vpc-1-g1', { v: 1 });
    const b = await start('gate', 'vpc-1-g1', { v: 1 });
    expect(b.executionArn).toBe(a.executionArn);
    expect(b.startDate).toEqual(a.startDate);
    expect(h.stats.snapshot().executions.gate).toBe(before + 1);
    await expect(start('gate', 'vpc-1-g1', { v: 2 })).rejects.toBeInstanceOf(ExecutionAlreadyExists);
    releaseAll();
    await h.service.awaitExecution(a.executionArn!);
  });

  it('the same name after the execution closed → ExecutionAlreadyExists', async () => {
    const { executionArn } = await start('hello', 'once', { who: 'a' });
    await h.service.awaitExecution(executionArn!);
    await expect(start('hello', 'once', { who: 'a' })).rejects.toBeInstanceOf(ExecutionAlreadyExists);
  });

  it.each([
    ['empty', ''],
    ['81 characters', 'x'.repeat(81)],
    ['a space', 'vpc 1'],
    ['a colon', 'vpc:1'],
  ])('a name with %s → InvalidName', async (_case, name) => {
    await expect(start('hello', name, { who: 'a' })).rejects.toBeInstanceOf(InvalidName);
  });

  it('no name → a generated UUID name', async () => {
    const { executionArn } = await start('hello', undefined, { who: 'a' });
    expect(executionArn).toMatch(/:execution:hello:[0-9a-f-]{36}$/);
  });
});

describe('request errors', () => {
  it.each([
    ['input that is not JSON', () => h.sfn.send(new StartExecutionCommand({ stateMachineArn: h.arn('hello'), input: '{nope' })), InvalidExecutionInput],
    ['input over 256 KiB', () => start('hello', 'big', { pad: 'x'.repeat(256 * 1024) }), InvalidExecutionInput],
    ['a malformed state machine ARN', () => h.sfn.send(new StartExecutionCommand({ stateMachineArn: 'arn:aws:states:nope' })), InvalidArn],
    ['an unknown state machine', () => start('no-such-machine'), StateMachineDoesNotExist],
    ['an unknown execution', () => h.sfn.send(new DescribeExecutionCommand({ executionArn: 'arn:aws:states:us-east-1:123456789012:execution:hello:ghost' })), ExecutionDoesNotExist],
    ['a malformed execution ARN', () => h.sfn.send(new DescribeExecutionCommand({ executionArn: 'ghost' })), InvalidArn],
  ])('%s', async (_case, call, errorClass) => {
    await expect(call()).rejects.toBeInstanceOf(errorClass);
  });

  it('an operation the local cloud does not implement → UnknownOperationException naming it', async () => {
    const res = await fetch(h.server.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AWSStepFunctions.CreateActivity',
        authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/states/aws4_request, SignedHeaders=host, Signature=0',
      },
      body: '{}',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ __type: 'UnknownOperationException', message: expect.stringContaining('CreateActivity') });
  });
});

describe('listing', () => {
  it('ListStateMachines names every fixture file', async () => {
    const { stateMachines } = await h.sfn.send(new ListStateMachinesCommand({}));
    expect(stateMachines!.map((m) => m.name)).toEqual(['flaky', 'fleet', 'gate', 'hello']);
    expect(stateMachines![0].creationDate).toBeInstanceOf(Date);
  });

  it('ListExecutions filters by status and pages newest first', async () => {
    const names = ['p-1', 'p-2', 'p-3', 'p-4', 'p-5'];
    for (const name of names) await h.service.awaitExecution((await start('hello', name, { who: name })).executionArn!);
    const running = await start('gate', 'p-running');

    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await h.sfn.send(new ListExecutionsCommand({ stateMachineArn: h.arn('hello'), statusFilter: 'SUCCEEDED', maxResults: 2, nextToken }));
      expect(page.executions!.length).toBeLessThanOrEqual(2);
      seen.push(...page.executions!.map((e) => e.name!));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(seen.filter((n) => n.startsWith('p-'))).toEqual(['p-5', 'p-4', 'p-3', 'p-2', 'p-1']);
    expect(seen).not.toContain('refused');

    const gate = await h.sfn.send(new ListExecutionsCommand({ stateMachineArn: h.arn('gate'), statusFilter: 'RUNNING' }));
    expect(gate.executions!.map((e) => e.executionArn)).toEqual([running.executionArn]);
    releaseAll();
  });
});
