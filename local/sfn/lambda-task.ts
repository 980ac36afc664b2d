/**
 * A Task state bound to a handler module, behaving like Lambda as Step Functions sees it:
 * the module is required at first use (so the process env — AWS_ENDPOINT_URL, credentials — is in
 * place before its module-scope SDK clients are built), the input and output cross a JSON boundary,
 * and a thrown error becomes a Lambda function error:
 *   Error = the error's `name` (the Node.js runtime's `errorType`), so `ErrorEquals: ["EndpointNotReady"]`
 *           matches `class EndpointNotReady extends Error { name = 'EndpointNotReady' }`;
 *   Cause = the runtime's error JSON string, `{"errorType":…,"errorMessage":…,"trace":[…]}`.
 * That is what a Catch's ResultPath receives in AWS: `{ "Error": "EndpointNotReady", "Cause": "{\"errorType\"…}" }`.
 * With a concurrency limit in place (useLambdaConcurrency), an invocation past it does not start and
 * fails as `Lambda.TooManyRequestsException`, which a Retry can match
 * (https://docs.aws.amazon.com/step-functions/latest/dg/bp-lambda-serviceexception.html).
 * Injected task faults (task-faults.ts, docs/local-cloud.md#task-crashes) fail an invocation before
 * the handler runs, or after it ran (its AWS calls took effect) instead of returning its result.
 */
import { randomUUID } from 'node:crypto';
import { runAsFunction } from '../iam/function-identities';
import type { ExecutionHistory } from './history';
import type { JSONValue } from './lib-types';
import type { LambdaConcurrency } from '../throttle';
import { taskFaultFor, type TaskFault } from './task-faults';

/** Lambda's concurrency limit for the Task states of this process's local cloud, and who hears of a refusal. */
export interface LambdaConcurrencyHook { concurrency: LambdaConcurrency; onThrottled?: (functionName: string) => void }
let concurrencyHook: LambdaConcurrencyHook | undefined;

/** Bound Lambda concurrency for every Task state run from now on (undefined: unbounded). One local cloud per process. */
export function useLambdaConcurrency(hook: LambdaConcurrencyHook | undefined): void {
  concurrencyHook = hook;
}

export interface LambdaTarget {
  functionName: string;
  arn: string;
  /** Absolute path of the module exporting `handler(event, context)`. */
  modulePath: string;
  /** The Task state's TimeoutSeconds (the library's default is 60). */
  timeoutSeconds: number;
  /** The Task state's name: task faults are matched by it. */
  stateName?: string;
}

/** Thrown to the runner: `name` is what Retry/Catch match, `message` becomes the Cause. */
export class LambdaFunctionError extends Error {
  constructor(errorType: string, cause: string) {
    super(cause);
    this.name = errorType;
  }
}

type Handler = (event: unknown, context: unknown) => unknown;
const modules = new Map<string, Handler>();

/** Like the Lambda runtime: a missing module or handler is a named Runtime.* error of the invocation. */
function loadHandler(modulePath: string): Handler {
  const cached = modules.get(modulePath);
  if (cached) return cached;
  let mod: { handler?: unknown };
  try {
    mod = require(modulePath);
  } catch (e) {
    throw Object.assign(new Error(`Error: Cannot load ${modulePath}: ${(e as Error).message}`), { name: 'Runtime.ImportModuleError' });
  }
  if (typeof mod.handler !== 'function') {
    throw Object.assign(new Error(`${modulePath}.handler is undefined or not exported`), { name: 'Runtime.HandlerNotFound' });
  }
  modules.set(modulePath, mod.handler as Handler);
  return mod.handler as Handler;
}

/** The Node.js runtime's error payload for a thrown value, as the JSON string Step Functions puts in Cause. */
export function lambdaErrorOf(thrown: unknown): { error: string; cause: string } {
  if (thrown instanceof Error) {
    const errorType = thrown.name || 'Error';
    const trace = (thrown.stack ?? '').split('\n').filter(Boolean);
    return { error: errorType, cause: JSON.stringify({ errorType, errorMessage: thrown.message, trace }) };
  }
  const errorType = typeof thrown;
  return { error: errorType, cause: JSON.stringify({ errorType, errorMessage: String(thrown), trace: [] }) };
}

function lambdaContext(target: LambdaTarget, deadline: number) {
  return {
    functionName: target.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: target.arn,
    memoryLimitInMB: '128',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${target.functionName}`,
    logStreamName: `local/${target.functionName}`,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => {}, fail: () => {}, succeed: () => {},
  };
}

/** The task handler for one execution: records Lambda events in `history` around the invocation. */
export function lambdaTask(target: LambdaTarget, history: ExecutionHistory) {
  return async (input: JSONValue): Promise<JSONValue> => {
    await history.settle(); // let TaskStateEntered land first
    history.add('LambdaFunctionScheduled', 'lambdaFunctionScheduledEventDetails', {
      resource: target.arn, input: JSON.stringify(input), inputDetails: { truncated: false }, timeoutInSeconds: target.timeoutSeconds,
    });
    const admitted = admit(target);
    if (!admitted.ok) {
      await history.settle();
      history.add('LambdaFunctionStartFailed', 'lambdaFunctionStartFailedEventDetails', { error: admitted.error, cause: admitted.cause });
      throw new LambdaFunctionError(admitted.error, admitted.cause);
    }
    const fault = taskFaultFor(target.stateName, target.timeoutSeconds);
    if (fault?.when === 'before') {
      admitted.finish();
      // A function that hangs has started; a 500 from Lambda never started it.
      if (fault.outcome !== 'startFailed') history.add('LambdaFunctionStarted');
      await history.settle();
      throw injected(fault, history).asLambdaError();
    }
    history.add('LambdaFunctionStarted');
    const deadline = Date.now() + target.timeoutSeconds * 1000;
    // After the deadline the runner has already recorded a timeout; a late result is not news.
    const late = () => Date.now() > deadline;
    try {
      const event = JSON.parse(JSON.stringify(input ?? null));
      const result = await runAsFunction(target.functionName, () => loadHandler(target.modulePath)(event, lambdaContext(target, deadline)));
      const output = JSON.parse(JSON.stringify(result ?? null)) as JSONValue;
      await history.settle();
      if (fault) throw injected(fault, history);
      if (!late()) history.add('LambdaFunctionSucceeded', 'lambdaFunctionSucceededEventDetails', { output: JSON.stringify(output), outputDetails: { truncated: false } });
      return output;
    } catch (thrown) {
      if (thrown instanceof InjectedTaskFault) throw thrown.asLambdaError();
      if (fault) { await history.settle(); throw injected(fault, history).asLambdaError(); }
      const { error, cause } = lambdaErrorOf(thrown);
      await history.settle();
      if (!late()) history.add('LambdaFunctionFailed', 'lambdaFunctionFailedEventDetails', { error, cause });
      throw new LambdaFunctionError(error, cause);
    } finally {
      admitted.finish();
    }
  };
}

/** An injected fault on its way out of the handler's try block (recorded already). */
class InjectedTaskFault extends Error {
  constructor(readonly fault: TaskFault) { super(fault.cause); }
  asLambdaError(): LambdaFunctionError { return new LambdaFunctionError(this.fault.error, this.fault.cause); }
}

/** Record the injected failure as Step Functions would, and the error Retry/Catch then see. */
function injected(fault: TaskFault, history: ExecutionHistory): InjectedTaskFault {
  const details = { error: fault.error, cause: fault.cause };
  if (fault.outcome === 'startFailed') history.add('LambdaFunctionStartFailed', 'lambdaFunctionStartFailedEventDetails', details);
  // A States.Timeout is recorded by the history itself (LambdaFunctionTimedOut), as for the runner's own timeouts.
  else if (fault.outcome === 'timedOut') return new InjectedTaskFault(fault);
  else history.add('LambdaFunctionFailed', 'lambdaFunctionFailedEventDetails', details);
  return new InjectedTaskFault(fault);
}

type Admission = { ok: true; finish: () => void } | { ok: false; error: string; cause: string };

/** Take a concurrency slot in the function's account and Region (from its ARN), or say why not. */
function admit(target: LambdaTarget): Admission {
  const hook = concurrencyHook;
  if (!hook) return { ok: true, finish: () => undefined };
  const [, , , region = '', account = ''] = target.arn.split(':'); // arn:aws:lambda:REGION:ACCOUNT:function:NAME
  const decision = hook.concurrency.tryStart(account, region);
  if (decision.admitted) return { ok: true, finish: decision.finish };
  hook.onThrottled?.(target.functionName);
  const { status, code, message, reason } = decision.error;
  // Step Functions reports Lambda service errors as `Lambda.<Code>`, the service's message in Cause.
  return { ok: false, error: `Lambda.${code}`, cause: `${message} (Service: AWSLambda; Status Code: ${status}; Error Code: ${code}; Reason: ${reason})` };
}
