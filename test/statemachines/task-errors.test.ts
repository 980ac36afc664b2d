/**
 * Every Lambda Task can time out and retries the Lambda service's transient failures
 * (docs/design.md#errors):
 * - `TimeoutSeconds` slightly above the function's own timeout in the synthesized operator stack, so a
 *   hung invocation ends as `States.Timeout` (without it a Task waits up to a year) while the function's
 *   own timeout (`Sandbox.Timedout`) normally fires first;
 *   https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
 * - a Retry matching the Lambda service exceptions AWS recommends retrying, `Sandbox.Timedout` and
 *   `States.Timeout`, beside the operator's transient errors;
 *   https://docs.aws.amazon.com/step-functions/latest/dg/bp-lambda-serviceexception.html
 * - StartExecution's "too many running executions" is matched in both spellings, `ExecutionLimitExceeded`
 *   (the API's) and `ExecutionLimitExceededException`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LAMBDAS } from '../../handlers/catalog';
import { buildStacks, template, TEST_EXTERNAL_ID } from '../infra/helpers';

const dir = join(__dirname, '../../statemachines');
const files = readdirSync(dir).filter((f) => f.endsWith('.asl.json'));

type State = Record<string, any>;
function allStates(states: Record<string, State>): [string, State][] {
  return Object.entries(states).flatMap(([name, s]) => [
    [name, s] as [string, State],
    ...(s.ItemProcessor ? allStates(s.ItemProcessor.States) : []),
    ...(s.Iterator ? allStates(s.Iterator.States) : []),
    ...(s.Branches ?? []).flatMap((b: State) => allStates(b.States)),
  ]);
}

const lambdaTasks = files.flatMap((file) => allStates(JSON.parse(readFileSync(join(dir, file), 'utf8')).States)
  .filter(([, s]) => s.Type === 'Task' && /^\$\{\w+FunctionArn\}$/.test(s.Resource))
  .map(([name, s]) => [`${file} ${name}`, name, s] as const));

const TRANSIENT = [
  'AwsThrottled', 'AwsTransient', 'AwsFailure',
  'Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException',
  'Lambda.ClientExecutionTimeoutException', 'Lambda.TooManyRequestsException',
  'Sandbox.Timedout', 'States.Timeout',
];

describe('Lambda Task timeouts', () => {
  /** Function construct id (= the Task state's name) → its Timeout in seconds, from the synthesized stack. */
  let functionTimeouts: Map<string, number>;
  beforeAll(() => {
    const t = template(buildStacks({ memberExternalId: TEST_EXTERNAL_ID }).operator);
    functionTimeouts = new Map(Object.entries(t.findResources('AWS::Lambda::Function'))
      .filter(([id]) => /^Functions[A-Za-z]+[0-9A-F]{8}$/.test(id))
      .map(([id, r]) => [id.replace(/^Functions/, '').replace(/[0-9A-F]{8}$/, ''), r.Properties.Timeout as number]));
  });

  it('the stack has a function for every catalogued Lambda', () => {
    for (const l of LAMBDAS) expect(functionTimeouts.get(l.id)).toBeGreaterThan(0);
  });

  it.each(lambdaTasks)('%s: TimeoutSeconds is 1–10 s above its function\'s timeout', (_label, name, state) => {
    const functionTimeout = functionTimeouts.get(name)!;
    expect(typeof state.TimeoutSeconds).toBe('number');
    expect(state.TimeoutSeconds).toBeGreaterThan(functionTimeout);
    expect(state.TimeoutSeconds).toBeLessThanOrEqual(functionTimeout + 10);
  });
});

describe('Lambda Task retries', () => {
  it('there are Lambda Tasks in both workflows', () => {
    expect(new Set(lambdaTasks.map(([label]) => label.split(' ')[0]))).toEqual(new Set(files));
  });

  it.each(lambdaTasks)('%s retries every transient error, with full jitter', (_label, _name, state) => {
    const retrier = (state.Retry ?? []).find((r: State) => r.ErrorEquals.includes('Lambda.ServiceException'));
    expect(retrier).toBeDefined();
    expect([...retrier.ErrorEquals].sort()).toEqual([...TRANSIENT].sort());
    expect(retrier.JitterStrategy).toBe('FULL');
  });
});

describe('ExecutionLimitExceeded in both spellings', () => {
  const matchers = files.flatMap((file) => allStates(JSON.parse(readFileSync(join(dir, file), 'utf8')).States)
    .flatMap(([name, s]) => [...(s.Retry ?? []), ...(s.Catch ?? [])]
      .filter((m: State) => m.ErrorEquals.some((e: string) => /ExecutionLimitExceeded/.test(e)))
      .map((m: State) => [`${file} ${name}`, m.ErrorEquals as string[]] as const)));

  it('the sweep\'s startExecution Tasks match it', () => {
    expect(matchers.length).toBeGreaterThanOrEqual(2);
  });

  it.each(matchers)('%s matches both', (_label, errors) => {
    expect(errors).toEqual(expect.arrayContaining(['StepFunctions.ExecutionLimitExceeded', 'StepFunctions.ExecutionLimitExceededException']));
  });
});
