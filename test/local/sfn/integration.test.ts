/**
 * The startExecution integration inside a Map (what the fleet sweep does), time scaling that keeps
 * the backoff, and runner faults that must become FAILED executions instead of crashes.
 */
import { GetExecutionHistoryCommand, ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { startSfn, type SfnHarness } from './harness';

let h: SfnHarness;
beforeAll(async () => { h = await startSfn({ timeScale: 0.001 }); });
afterAll(async () => { await h.close(); });

const start = (machine: string, name: string, input: unknown) =>
  h.service.executions.start({ stateMachineArn: h.arn(machine), name, input: JSON.stringify(input) }).executionArn;

describe('states:startExecution from a Map', () => {
  it('starts one child per item, idempotently, and records Map and Task events', async () => {
    h.service.executions.start({ stateMachineArn: h.arn('hello'), name: 'vpc-b', input: '{"who":"earlier"}' });
    await h.service.awaitIdle();
    const arn = start('fleet', 'sweep-1', { vpcs: [{ name: 'vpc-a' }, { name: 'vpc-b' }, { name: 'vpc-c' }] });
    const parent = await h.service.awaitExecution(arn);
    await h.service.awaitIdle();
    expect(parent.Status).toBe('SUCCEEDED');

    const output = JSON.parse(parent.Output as string) as Array<Record<string, unknown>>;
    expect(output[0]).toMatchObject({ ExecutionArn: 'arn:aws:states:us-east-1:123456789012:execution:hello:vpc-a', StartDate: expect.any(Number) });
    // vpc-b already ran: the integration raises StepFunctions.ExecutionAlreadyExistsException, which the ASL catches.
    expect(output[1]).toMatchObject({ error: { Error: 'StepFunctions.ExecutionAlreadyExistsException' } });

    const { executions } = await h.sfn.send(new ListExecutionsCommand({ stateMachineArn: h.arn('hello') }));
    expect(executions!.map((e) => e.name).sort()).toEqual(['vpc-a', 'vpc-b', 'vpc-c']);

    const { events } = await h.sfn.send(new GetExecutionHistoryCommand({ executionArn: arn, maxResults: 1000 }));
    const types = events!.map((e) => e.type);
    expect(types.slice(0, 2)).toEqual(['ExecutionStarted', 'MapStateEntered']);
    expect(types.filter((t) => t === 'MapIterationStarted')).toHaveLength(3);
    expect(types.filter((t) => t === 'TaskScheduled')).toHaveLength(3);
    expect(types.filter((t) => t === 'TaskSucceeded')).toHaveLength(2);
    expect(types.filter((t) => t === 'TaskFailed')).toHaveLength(1);
    expect(types.slice(-3)).toEqual(['MapStateSucceeded', 'MapStateExited', 'ExecutionSucceeded']);
    expect(events!.find((e) => e.type === 'TaskScheduled')!.taskScheduledEventDetails).toMatchObject({
      resourceType: 'states', resource: 'startExecution', region: 'us-east-1',
    });
  });
});

describe('timeScale', () => {
  it('scales the backoff instead of skipping it (10 s × 2^n at 0.001 = 10 ms, 20 ms, then a 30 ms Wait)', async () => {
    const began = Date.now();
    const result = await h.service.awaitExecution(start('flaky', 'scaled', { key: 'scaled', failTimes: 2, error: 'EndpointNotReady' }));
    expect(result.Status).toBe('SUCCEEDED');
    expect(Date.now() - began).toBeGreaterThanOrEqual(55);
  });
});

describe('runner faults', () => {
  it('a runner that throws gives a FAILED execution with the reason, not a crash', async () => {
    const machine = h.service.machines.get('hello')!;
    const original = machine.runner.run.bind(machine.runner);
    machine.runner.run = () => { throw new Error('boom'); };
    try {
      const result = await h.service.awaitExecution(start('hello', 'crash', {}));
      expect(result).toMatchObject({ Status: 'FAILED', Error: 'States.Runtime', Cause: 'local runner failure: Error: boom' });
      const { events } = await h.sfn.send(new GetExecutionHistoryCommand({ executionArn: result.ExecutionArn as string }));
      expect(events!.map((e) => e.type)).toEqual(['ExecutionStarted', 'ExecutionFailed']);
    } finally {
      machine.runner.run = original;
    }
  });

  it('a handler module that cannot be loaded fails the task as Runtime.ImportModuleError, like Lambda', async () => {
    const service = (await import('../../../local/sfn/service')).createStepFunctionsService(
      (await import('./harness')).testContext(),
      { ...(await import('./fixtures/catalog')).FIXTURES, lambdas: [{ id: 'Greet', file: 'missing.ts', placeholder: 'GreetFunctionArn' }, { id: 'Flaky', file: 'flaky.ts', placeholder: 'FlakyFunctionArn' }], extraTaskHandlers: { Hold: () => null } },
    );
    const { executionArn } = service.executions.start({ stateMachineArn: h.arn('hello'), name: 'no-module', input: '{"who":"x"}' });
    expect(await service.awaitExecution(executionArn)).toMatchObject({ Status: 'FAILED', Error: 'Runtime.ImportModuleError' });
  });
});
