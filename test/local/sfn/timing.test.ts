/** Time compression: pure functions over definitions, table-driven. */
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { allStates, scaleRetries, waitOverrides } from '../../../local/sfn/timing';

const definition = {
  StartAt: 'Poll',
  States: {
    Poll: {
      Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:F', Next: 'Nap',
      Retry: [{ ErrorEquals: ['A'], IntervalSeconds: 2, BackoffRate: 2, MaxDelaySeconds: 30 }, { ErrorEquals: ['B'] }],
    },
    Nap: { Type: 'Wait', Seconds: 10, Next: 'Until' },
    Until: { Type: 'Wait', TimestampPath: '$.at', Next: 'Each' },
    Each: {
      Type: 'Map', End: true,
      ItemProcessor: { StartAt: 'Inner', States: { Inner: { Type: 'Wait', Seconds: 4, End: true } } },
    },
  },
} as unknown as StateMachineDefinition;

const retriers = (d: StateMachineDefinition) => (d.States.Poll as unknown as { Retry: Record<string, unknown>[] }).Retry;

describe('scaleRetries', () => {
  it.each([
    ['real time keeps the file values', 1, [{ IntervalSeconds: 2, MaxDelaySeconds: 30 }, { ErrorEquals: ['B'] }]],
    ['0.01 scales interval and cap (the default 1 s too)', 0.01, [{ IntervalSeconds: 0.02, MaxDelaySeconds: 0.3 }, { IntervalSeconds: 0.01 }]],
    ['0 removes pauses', 0, [{ IntervalSeconds: 0, MaxDelaySeconds: 0 }, { IntervalSeconds: 0 }]],
  ])('%s', (_case, scale, expected) => {
    const scaled = retriers(scaleRetries(definition, scale));
    expected.forEach((fields, i) => expect(scaled[i]).toMatchObject(fields));
  });

  it('never changes the definition it was given', () => {
    scaleRetries(definition, 0);
    expect(retriers(definition)[0].IntervalSeconds).toBe(2);
  });

  it('refuses a negative scale', () => {
    expect(() => scaleRetries(definition, -1)).toThrow(/timeScale/);
  });
});

describe('waitOverrides', () => {
  it.each([
    ['real time overrides nothing', 1, {}],
    ['0.5 halves Seconds, top level and inside Map; input-dependent waits stay real', 0.5, { Nap: 5000, Inner: 2000 }],
    ['0 skips every wait', 0, { Nap: 0, Until: 0, Inner: 0 }],
  ])('%s', (_case, scale, expected) => {
    expect(waitOverrides(definition, scale)).toEqual(expected);
  });
});

it('allStates walks nested Map and Parallel states', () => {
  expect(allStates(definition as never).map(([name]) => name)).toEqual(['Poll', 'Nap', 'Until', 'Each', 'Inner']);
});
