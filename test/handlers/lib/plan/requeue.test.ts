/**
 * The requeue planner's backoff (docs/design.md#errors): transient Errors are retried after 1, 2, 4 …
 * sweep periods, capped at an hour, with the attempt and the next retry kept in `egress-proxy:retry`.
 */
import {
  backoffMs, errorRetry, isTransientFailure, MAX_BACKOFF_MS, nextRetry, parseRetryTag,
} from '../../../../handlers/lib/plan/requeue';

const MIN = 60_000;
const NOW = new Date('2026-11-30T01:00:00Z');

describe('backoffMs', () => {
  it.each([
    [1, 15, 15], [2, 15, 30], [3, 15, 60], [4, 15, 60], [20, 15, 60],
    [1, 5, 5], [2, 5, 10], [3, 5, 20], [4, 5, 40], [5, 5, 60],
    [1, 1 / 60, 1 / 60], [3, 1 / 60, 4 / 60],
  ])('attempt %i with a %f min period waits %f min', (attempt, periodMin, want) => {
    expect(backoffMs(attempt, periodMin * MIN)).toBeCloseTo(want * MIN);
  });
  it('never exceeds an hour, even for absurd attempt numbers', () => {
    expect(backoffMs(1_000_000, 15 * MIN)).toBe(MAX_BACKOFF_MS);
  });
});

describe('nextRetry', () => {
  it.each([
    ['first transient failure', undefined, true, 'attempt=1 next=2026-11-30T01:15:00Z'],
    ['second, same spec', 'attempt=1 next=2026-11-30T00:45:00Z', true, 'attempt=2 next=2026-11-30T01:30:00Z'],
    ['third, same spec: 4 periods, capped at 1 h', 'attempt=2 next=2026-11-30T00:30:00Z', true, 'attempt=3 next=2026-11-30T02:00:00Z'],
    ['tenth: still 1 h', 'attempt=9 next=2026-11-30T00:30:00Z', true, 'attempt=10 next=2026-11-30T02:00:00Z'],
    ['the owner changed the spec: starts over', 'attempt=5 next=2026-11-30T00:30:00Z', false, 'attempt=1 next=2026-11-30T01:15:00Z'],
    ['a malformed tag: starts over', 'attempt=lots', true, 'attempt=1 next=2026-11-30T01:15:00Z'],
  ])('%s', (_name, previous, sameGeneration, want) => {
    expect(nextRetry(previous, sameGeneration, NOW, 15 * MIN)).toBe(want);
  });
});

describe('parseRetryTag', () => {
  it('reads what nextRetry writes', () => {
    expect(parseRetryTag('attempt=3 next=2026-11-30T02:00:00Z')).toEqual({ attempt: 3, next: new Date('2026-11-30T02:00:00Z') });
  });
  it.each(['', 'attempt=1', 'attempt=x next=2026-11-30T02:00:00Z', 'attempt=1 next=tomorrow', 'attempt=1 next=2026-11-30T02:00:00Z extra'])(
    'rejects %p', (value) => { expect(parseRetryTag(value)).toBeUndefined(); },
  );
});

describe('isTransientFailure', () => {
  it.each([
    ['AwsThrottled', true], ['AwsTransient', true], ['AwsFailure', true], ['DeletionInProgress', true],
    ['EndpointNotReady', true], ['EndpointFailed', true], ['Lambda.ServiceException', true], ['States.Timeout', true],
    ['SomethingNobodyKnows', true],
    ['InvalidSpec', false], ['AccessDenied', false], ['OwnershipConflict', false], ['SecurityGroupInUse', false], ['HubUnavailable', false],
  ])('%s → %p', (name, transient) => { expect(isTransientFailure(name)).toBe(transient); });
});

describe('errorRetry', () => {
  const ctx = { now: NOW.getTime(), hubOk: true, sweepIntervalMs: 15 * MIN };
  const error = (retry?: string, sinceMin = 10) => ({
    'egress-proxy:state': 'Error', 'egress-proxy:reason': 'AwsTransient: DeleteVpcEndpoints: IncorrectState',
    'egress-proxy:since': new Date(NOW.getTime() - sinceMin * MIN).toISOString(), ...(retry ? { 'egress-proxy:retry': retry } : {}),
  });
  it.each([
    ['transient, due before this sweep', 'attempt=1 next=2026-11-30T00:55:00Z', ['ErrorRetry']],
    ['transient, due within this sweep period: the next sweep retries it', 'attempt=1 next=2026-11-30T01:10:00Z', ['ErrorRetry']],
    ['transient, due in two periods: waits', 'attempt=2 next=2026-11-30T01:20:00Z', []],
    ['terminal (no retry tag), 10 min old: waits for the hourly re-check', undefined, []],
  ])('%s', (_name, retry, want) => {
    expect(errorRetry(error(retry), ctx).map((d) => d.kind)).toEqual(want);
  });
  it('the hub is unusable: a retry could only end in HubUnavailable', () => {
    expect(errorRetry(error('attempt=1 next=2026-11-30T00:55:00Z'), { ...ctx, hubOk: false })).toEqual([]);
  });
});
