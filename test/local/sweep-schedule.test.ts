/** The local sweep schedule: ticks on the interval, never overlaps two sweeps, survives failed starts. */
import { startSweepSchedule } from '../../local/sweep-schedule';

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

const flush = async () => { for (let i = 0; i < 5; i++) await Promise.resolve(); };

test('0 seconds is off', () => {
  const startSweep = jest.fn(async () => {});
  startSweepSchedule({ startSweep, intervalSeconds: 0 });
  jest.advanceTimersByTime(60_000);
  expect(startSweep).not.toHaveBeenCalled();
});

test('a tick while a sweep is still running starts nothing', async () => {
  let finish!: () => void;
  const startSweep = jest.fn(() => new Promise<void>((r) => { finish = r; }));
  const schedule = startSweepSchedule({ startSweep, intervalSeconds: 10 });
  jest.advanceTimersByTime(10_000);
  await flush();
  jest.advanceTimersByTime(10_000);
  await flush();
  expect(startSweep).toHaveBeenCalledTimes(1);
  expect(schedule.counts).toMatchObject({ started: 1, skipped: 1 });
  finish();
  await flush();
  jest.advanceTimersByTime(10_000);
  await flush();
  expect(startSweep).toHaveBeenCalledTimes(2);
  schedule.stop();
});

test('a failed start is logged, and the next tick tries again', async () => {
  const log = jest.fn();
  const startSweep = jest.fn(async () => { throw new Error('StateMachineDoesNotExist'); });
  const schedule = startSweepSchedule({ startSweep, intervalSeconds: 5, log });
  jest.advanceTimersByTime(5_000);
  await flush();
  jest.advanceTimersByTime(5_000);
  await flush();
  expect(startSweep).toHaveBeenCalledTimes(2);
  expect(log).toHaveBeenCalledTimes(2);
  expect(schedule.counts.failed).toBe(2);
  schedule.stop();
  jest.advanceTimersByTime(60_000);
  expect(startSweep).toHaveBeenCalledTimes(2);
});
