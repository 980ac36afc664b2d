/**
 * Backpressure for a burst of opt-ins: the sweep's Maps bound their concurrency and retry throttled
 * starts with full jitter; starts a workflow makes itself draw on the StartExecution bucket like API
 * callers' and fail as `StepFunctions.ThrottlingException` when it is empty; the dispatcher runs at most
 * its reserved concurrency at once, the other events waiting their turn in order.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DISPATCHER } from '../../handlers/catalog';
import { startExecutionTask, useStartExecutionLimit } from '../../local/sfn/service-task';
import { AsyncInvokeQueue, RequestThrottle, startExecutionLimit } from '../../local/throttle';

const fleet = JSON.parse(readFileSync(join(__dirname, '..', '..', 'statemachines', 'reconcile-fleet.asl.json'), 'utf8'));

test.each(['StartReconciles', 'StartReconcilesDistributed'])('%s: bounded concurrency, throttled starts retried with full jitter before giving up', (name) => {
  const map = fleet.States[name];
  expect(map.MaxConcurrency).toBeGreaterThan(0);
  expect(map.MaxConcurrency).toBeLessThanOrEqual(50);
  const task = Object.values(map.ItemProcessor.States).find((s: any) => s.Type === 'Task') as any;
  const retrier = task.Retry.find((r: any) => r.ErrorEquals.includes('StepFunctions.ThrottlingException'));
  expect(retrier).toMatchObject({ JitterStrategy: 'FULL', MaxAttempts: expect.any(Number) });
  expect(retrier.MaxAttempts).toBeGreaterThanOrEqual(5);
  expect(retrier.ErrorEquals).toEqual(expect.arrayContaining(['StepFunctions.ExecutionLimitExceededException', 'StepFunctions.AWSStepFunctionsException']));
  // Only what is left after the retries reaches the Catch that gives the item up to the next sweep.
  expect(task.Catch.at(-1).ErrorEquals).toEqual(['States.ALL']);
});

describe('starts a workflow makes itself', () => {
  const arn = 'arn:aws:states:us-east-1:123456789012:stateMachine:reconcile-vpc';
  const started: string[] = [];
  const starter = {
    start: (p: { name?: unknown }) => { started.push(String(p.name)); return { executionArn: `${arn}:${String(p.name)}`, startDate: 0 }; },
    awaitExecution: async () => ({}),
  };
  afterEach(() => useStartExecutionLimit(undefined));

  test('draw on the account\'s StartExecution bucket: counted, and refused as StepFunctions.ThrottlingException once it is empty', async () => {
    const counted: string[] = [];
    const throttle = new RequestThrottle({ now: () => 0 });
    useStartExecutionLimit(startExecutionLimit(throttle, { countApiCall: (k) => counted.push(k), countThrottled: (k) => counted.push(`throttled ${k}`) }));
    const task = startExecutionTask('start', starter);
    for (let i = 0; i < 1300; i++) await task({ StateMachineArn: arn, Name: `n${i}`, Input: {} });
    const err = await Promise.resolve(task({ StateMachineArn: arn, Name: 'one-too-many', Input: {} })).catch((e) => e);
    expect(err).toMatchObject({ name: 'StepFunctions.ThrottlingException', message: 'Rate exceeded' });
    expect(started).toHaveLength(1300);
    expect(counted.filter((c) => c === 'states:StartExecution')).toHaveLength(1301);
    expect(counted.filter((c) => c.startsWith('throttled'))).toEqual(['throttled states:StartExecution']);
    expect(throttle.throttled()).toEqual({ 'states:StartExecution': 1 });
  });

  test('another account\'s bucket is its own', async () => {
    const throttle = new RequestThrottle({ now: () => 0 });
    for (let i = 0; i < 1300; i++) throttle.check({ service: 'states', operation: 'StartExecution', account: '123456789012', region: 'us-east-1' });
    useStartExecutionLimit(startExecutionLimit(throttle, { countApiCall: () => {}, countThrottled: () => {} }));
    const other = arn.replace('123456789012', '210987654321');
    await expect(startExecutionTask('start', starter)({ StateMachineArn: other, Name: 'x', Input: {} })).resolves.toMatchObject({ ExecutionArn: `${arn}:x` });
  });
});

test('the dispatcher runs one event at a time (the single writer of the pacing lanes); later events wait, in order, and none is lost', async () => {
  expect(DISPATCHER.reservedConcurrency).toBe(1);
  const queue = new AsyncInvokeQueue(DISPATCHER.reservedConcurrency!);
  let running = 0;
  let peak = 0;
  const order: number[] = [];
  const invoke = (i: number) => queue.run(async () => {
    running += 1;
    peak = Math.max(peak, running);
    await new Promise((r) => setTimeout(r, 1));
    order.push(i);
    running -= 1;
    return i;
  });
  const results = await Promise.all(Array.from({ length: 50 }, (_, i) => invoke(i)));
  expect(results).toEqual(Array.from({ length: 50 }, (_, i) => i));
  expect(peak).toBe(1);
  expect(queue.load).toEqual({ running: 0, queued: 0, maxQueued: 49 });
  expect(order).toEqual(Array.from({ length: 50 }, (_, i) => i));
  expect(() => new AsyncInvokeQueue(0)).toThrow('reserved concurrency must be a positive integer, got 0');
});

test('a failing invocation frees its slot', async () => {
  const queue = new AsyncInvokeQueue(1);
  await expect(queue.run(async () => { throw new Error('boom'); })).rejects.toThrow('boom');
  await expect(queue.run(async () => 'next')).resolves.toBe('next');
});
