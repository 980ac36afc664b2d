/** The sweep schedule as EventBridge reads it, and the sweep period the functions are given. */
import { parseSweepSchedule, sweepIntervalSeconds } from '../../infra/sweep-schedule';

it.each([
  ['rate(1 minute)', 60], ['rate(15 minutes)', 900], ['rate(1 hour)', 3600], ['rate(6 hours)', 21_600], ['rate(1 day)', 86_400], [' rate(2 days) ', 172_800],
])('%s: every %i s', (expression, seconds) => {
  expect(parseSweepSchedule(expression)).toEqual({ kind: 'rate', seconds });
});

it.each([
  ['rate(1 hours)', /singular for 1 and plural otherwise/],
  ['rate(5 hour)', /singular for 1 and plural otherwise/],
  ['rate(0 minutes)', /positive integer/],
  ['rate(1.5 hours)', /not an EventBridge schedule/],
  ['rate(15 mins)', /not an EventBridge schedule/],
  ['every 15 minutes', /not an EventBridge schedule/],
  ['cron(0 * * * ?)', /six fields .* this one 5/],
])('%s is refused: %p', (expression, problem) => {
  const parsed = parseSweepSchedule(expression);
  expect(parsed.kind).toBe('invalid');
  expect(parsed.kind === 'invalid' && parsed.problem).toMatch(problem);
});

it('a cron() schedule has no period of its own: the config names it', () => {
  expect(parseSweepSchedule('cron(0 * * * ? *)')).toEqual({ kind: 'cron' });
  expect(sweepIntervalSeconds({ fleetSweepSchedule: 'cron(0 * * * ? *)', fleetSweepIntervalSeconds: 3600 })).toBe(3600);
  expect(sweepIntervalSeconds({ fleetSweepSchedule: 'rate(30 minutes)' })).toBe(1800);
});
