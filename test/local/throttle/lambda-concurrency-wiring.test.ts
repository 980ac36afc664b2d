/**
 * Lambda concurrency as the local cloud bounds it for the workflows' Task states: with every slot of
 * the account and Region taken, a Task cannot start and fails as Step Functions reports Lambda's
 * throttle, `Lambda.TooManyRequestsException` (history `LambdaFunctionStartFailed`), which the shipped
 * ASL retries (https://docs.aws.amazon.com/step-functions/latest/dg/bp-lambda-serviceexception.html);
 * once a slot frees, the run converges. Counted in `/_local/stats` as `throttled["lambda:Invoke"]`.
 */
import type { StatsSnapshot } from '../../../local/stats';
import { startLocalCloud, type LocalCloud } from '../../../local/cloud';
import { executionsOf, historyOf, tagsOf, tagVpc } from '../../helpers/local-cloud';

let cloud: LocalCloud;
// timeScale 0.25: Retry pauses of up to 0.5 s, 1 s, 2 s (FULL jitter), far longer than the 5 ms polls below.
beforeAll(async () => {
  cloud = await startLocalCloud({
    throttling: true, lambdaConcurrency: 1, iam: 'off', proxy: 'stand-in', seedProjects: 1, memberAccounts: [],
    endpointPendingMs: 0, timeScale: 0.25,
  });
});
afterAll(async () => { await cloud?.stop(); });

async function until<T>(probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}

test('a Task that finds no free concurrency fails to start as Lambda.TooManyRequestsException, is retried, and the VPC ends Ready', async () => {
  expect(cloud.throttling.lambda.limit).toBe(1);
  const held = cloud.throttling.lambda.tryStart(cloud.accountId, cloud.region); // another function holds the only slot
  if (!held.admitted) throw new Error('the slot should be free');
  const vpc = cloud.projectVpcIds[0];
  await tagVpc(vpc, { egress: 'proxy' });

  const execution = await until(() => executionsOf(cloud, vpc)[0]);
  const refused = await until(() => execution.history.events.find((e) => e.type === 'LambdaFunctionStartFailed'));
  held.finish();

  await cloud.awaitIdle();
  expect(execution.status).toBe('SUCCEEDED');
  expect((await tagsOf(vpc))['egress-proxy:state']).toBe('Ready');
  const events = await historyOf(execution.arn);
  const startFailed = events.find((e) => e.type === 'LambdaFunctionStartFailed');
  expect(refused).toBeDefined();
  expect(startFailed?.lambdaFunctionStartFailedEventDetails?.error).toBe('Lambda.TooManyRequestsException');
  expect(startFailed?.lambdaFunctionStartFailedEventDetails?.cause).toMatch(/Status Code: 429; Error Code: TooManyRequestsException; Reason: ConcurrentInvocationLimitExceeded/);
  // The refused Task ran after its Retry: the state after the failure started the function.
  const after = events.slice(events.indexOf(startFailed!));
  expect(after.some((e) => e.type === 'LambdaFunctionStarted')).toBe(true);
  const stats = await (await fetch(`${cloud.url}/_local/stats`)).json() as StatsSnapshot;
  expect(stats.throttled['lambda:Invoke']).toBeGreaterThanOrEqual(1);
  expect(cloud.throttling.lambda.inFlight(cloud.accountId, cloud.region)).toBe(0);
});
