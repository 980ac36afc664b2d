/**
 * reconcile-vpc's shape where it is about cost and pacing (docs/design.md#workflows, "Pacing"): a paced
 * start waits in Pace before it reads anything, a new endpoint is first looked at after its expected
 * provisioning time, and PublishStatus ends the run (no Choice and Succeed after it). Every state entered
 * is a billed transition, so the happy path is counted here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const definition = JSON.parse(readFileSync(join(__dirname, '../../statemachines/reconcile-vpc.asl.json'), 'utf8'));
const states: Record<string, any> = definition.States;

test('a start with notBefore waits in Pace until then; one without goes straight to Observe', () => {
  expect(definition.StartAt).toBe('Paced?');
  expect(states['Paced?']).toMatchObject({
    Type: 'Choice', Default: 'Observe',
    // Only a well-formed timestamp waits; anything else goes to Observe, which refuses it with a reason.
    Choices: [{ And: [{ Variable: '$.notBefore', IsPresent: true }, { Variable: '$.notBefore', IsTimestamp: true }], Next: 'Pace' }],
  });
  expect(states.Pace).toMatchObject({ Type: 'Wait', TimestampPath: '$.notBefore', Next: 'Observe' });
});

test('AwaitProvisioning waits what EnsureEndpoint says, then AwaitEndpoint polls a few times over about 10 minutes', () => {
  expect(states.EnsureEndpoint.Next).toBe('AwaitProvisioning');
  expect(states.AwaitProvisioning).toMatchObject({ Type: 'Wait', SecondsPath: '$.endpoint.checkAfterSeconds', Next: 'AwaitEndpoint' });
  const retrier = states.AwaitEndpoint.Retry.find((r: any) => r.ErrorEquals.includes('EndpointNotReady'));
  expect(retrier.MaxDelaySeconds).toBeGreaterThan(0);
  const pauses = Array.from({ length: retrier.MaxAttempts }, (_, k) => Math.min(retrier.IntervalSeconds * retrier.BackoffRate ** k, retrier.MaxDelaySeconds));
  const total = pauses.reduce((a, b) => a + b, 0);
  expect(retrier.MaxAttempts).toBeLessThanOrEqual(12);
  expect(total).toBeGreaterThanOrEqual(540);
  expect(total).toBeLessThanOrEqual(900);
});

test('the VpcGone routes still reach Finalize from the Ensure and Await steps', () => {
  for (const name of ['EnsureSecurityGroup', 'EnsureEndpoint', 'AwaitEndpoint']) {
    expect(states[name].Catch[0]).toEqual({ ErrorEquals: ['VpcGone'], ResultPath: '$.error', Next: 'Finalize' });
    expect(states[name].Catch.at(-1)).toMatchObject({ ErrorEquals: ['States.ALL'], Next: 'PublishStatus' });
  }
});

test('PublishStatus ends the run; its ReconcileFailed (thrown after writing) is caught to the Fail state, never retried', () => {
  const publish = states.PublishStatus;
  expect(publish.End).toBe(true);
  expect(publish.Next).toBeUndefined();
  expect(states['Outcome?']).toBeUndefined();
  expect(states.Done).toBeUndefined();
  expect(publish.Retry.flatMap((r: any) => r.ErrorEquals)).not.toContain('ReconcileFailed');
  expect(publish.Retry.flatMap((r: any) => r.ErrorEquals)).not.toContain('States.ALL');
  expect(publish.Catch.map((c: any) => [c.ErrorEquals, c.Next])).toEqual([[['ReconcileFailed'], 'ReconcileFailed'], [['States.ALL'], 'StatusNotWritten']]);
  expect(states.ReconcileFailed).toMatchObject({ Type: 'Fail', Error: 'ReconcileFailed' });
});

test('a paced onboarding whose endpoint is ready in time enters 12 states (11 + one AwaitEndpoint)', () => {
  const path: string[] = [];
  let name: string | undefined = definition.StartAt;
  // The happy path: notBefore present, opted in, no endpoint replaced.
  const choose: Record<string, string> = { 'Paced?': 'Pace', 'OptedIn?': 'DetectOverlaps', 'Replaced?': 'PublishStatus' };
  while (name) {
    path.push(name);
    const s: any = states[name];
    name = s.Type === 'Choice' ? choose[name] : s.End ? undefined : s.Next;
  }
  expect(path).toEqual(['Paced?', 'Pace', 'Observe', 'OptedIn?', 'DetectOverlaps', 'EnsureSecurityGroup', 'EnsureEndpoint',
    'AwaitProvisioning', 'AwaitEndpoint', 'VerifyProxy', 'Replaced?', 'PublishStatus']);
});
