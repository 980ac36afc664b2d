/**
 * The local clock (docs/local-cloud.md#clock): advancing it moves execution start times, and with them
 * the sweep's "now", so an hour-long requeue backoff is tested in seconds.
 */
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { generationOf } from '../../handlers/lib/spec';
import { now as handlerNow } from '../../handlers/lib/clock';
import { startLocalCloud, type LocalCloud } from '../../local/cloud';
import { ClockError, LocalClock, underClockDate, useClock } from '../../local/clock';
import { executionsOf, sfn, tagVpc } from '../helpers/local-cloud';

describe('LocalClock', () => {
  it('advances, runs faster, and resets to real time', () => {
    let real = 1_000_000;
    const clock = new LocalClock(() => real);
    clock.advance(3_600_000);
    expect(clock.now()).toBe(4_600_000);
    clock.setScale(60);
    real += 1000;
    expect(clock.now()).toBe(4_660_000);
    expect(clock.snapshot()).toMatchObject({ nowMs: 4_660_000, offsetMs: 3_659_000, scale: 60 });
    expect(clock.reset()).toMatchObject({ nowMs: 1_001_000, offsetMs: 0, scale: 1 });
    expect(() => clock.advance(-1)).toThrow(ClockError);
    expect(() => clock.setScale(0)).toThrow('scale must be a number > 0, got 0');
  });

  it('sleep ends when the clock is advanced past it, not before', async () => {
    const clock = new LocalClock();
    let woke = false;
    const slept = clock.sleep(3_600_000).then(() => { woke = true; });
    clock.advance(1_800_000);
    await new Promise((r) => setTimeout(r, 5));
    expect(woke).toBe(false);
    clock.advance(1_800_000);
    await slept;
    expect(woke).toBe(true);
    expect(clock.sleeping).toBe(0);
  });
});

describe('underClockDate', () => {
  it('lets synchronous code read the local clock through new Date(), and restores Date even when it throws', () => {
    const clock = new LocalClock();
    useClock(clock);
    try {
      clock.advance(86_400_000);
      const inside = underClockDate(() => new Date().getTime());
      expect(inside - Date.now()).toBeGreaterThanOrEqual(86_400_000 - 50);
      expect(new Date(5).getTime()).toBe(5);
      expect(() => underClockDate(() => { throw new Error('boom'); })).toThrow('boom');
      expect(Math.abs(new Date().getTime() - Date.now())).toBeLessThan(50);
    } finally {
      clock.dispose();
      useClock(undefined);
    }
  });
});

describe('in the local cloud', () => {
  let cloud: LocalCloud;
  beforeAll(async () => { cloud = await startLocalCloud({ iam: 'off', seedProjects: 1, memberAccounts: [], endpointPendingMs: 50, timeScale: 0.01 }); });
  afterAll(async () => { await cloud?.stop(); });

  const clockRoute = async (method: string, body?: unknown) => {
    const res = await fetch(`${cloud.url}/_local/clock`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  async function sweep(): Promise<void> {
    const { executionArn } = await sfn().send(new StartExecutionCommand({
      stateMachineArn: cloud.stateMachineArn('reconcile-fleet'), name: `clock-sweep-${Date.now()}`, input: '{}',
    }));
    await cloud.stepFunctions.awaitExecution(executionArn!);
    await cloud.awaitIdle();
  }

  it('GET/POST/DELETE /_local/clock, and the handlers read the same time', async () => {
    const before = await clockRoute('GET');
    expect(before.body).toMatchObject({ offsetMs: expect.any(Number), scale: 1, now: expect.any(String) });
    const advanced = await clockRoute('POST', { advanceMs: 7_200_000 });
    expect(advanced.body.offsetMs).toBeGreaterThanOrEqual(7_200_000 - 50);
    expect(handlerNow().getTime() - Date.now()).toBeGreaterThanOrEqual(7_200_000 - 50);
    expect((await clockRoute('POST', { advanceMs: -5 })).status).toBe(400);
    expect((await clockRoute('POST', { later: 5 })).status).toBe(400);
    expect((await clockRoute('POST', {})).body).toMatchObject({ message: expect.stringContaining('give advanceMs and/or scale') });
    const reset = await clockRoute('DELETE');
    expect(Math.abs(reset.body.offsetMs as number)).toBeLessThan(50);
  });

  it('a VPC whose retry is due in an hour is skipped by a sweep, and retried by the first sweep an hour later', async () => {
    const vpc = cloud.projectVpcIds[0];
    const next = new Date(cloud.clock.now() + 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const owner = { egress: 'proxy' };
    // A transient Error left by an earlier run, written while tag events are off so nothing reacts to it.
    await cloud.pauseTagEvents(() => tagVpc(vpc, {
      ...owner,
      'egress-proxy:state': 'Error',
      'egress-proxy:reason': 'AwsTransient: InternalError from CreateVpcEndpoint',
      'egress-proxy:generation': generationOf(owner),
      'egress-proxy:since': new Date(cloud.clock.now()).toISOString(),
      'egress-proxy:retry': `attempt=7 next=${next}`,
    }));
    await sweep();
    expect(executionsOf(cloud, vpc)).toHaveLength(0);

    await clockRoute('POST', { advanceMs: 3_600_000 });
    await sweep();
    const runs = executionsOf(cloud, vpc);
    expect(runs).toHaveLength(1);
    expect(runs[0].startDate).toBeGreaterThanOrEqual(Date.parse(next) - 900_000); // its clock is the advanced one
  });
});
