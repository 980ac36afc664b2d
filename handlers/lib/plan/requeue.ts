/**
 * The requeue planner: when a VPC's status alone asks for another reconcile, whatever its resources.
 * Progressing/Deleting younger than 30 minutes belong to the execution writing them; older ones are
 * stuck. A transient Error carries `egress-proxy:retry` (`attempt=N next=ISO`, written by PublishStatus
 * from `nextRetry`) and is retried by the first sweep whose period reaches `next`: after 1, 2, 4 … sweeps,
 * capped at an hour, like controller-runtime's rate-limited requeue. A terminal Error (no retry tag)
 * waits for a spec change and is re-checked hourly; an Error for a missing hub is retried as soon as
 * the hub is usable again. docs/design.md#errors
 */
import type { Drift } from '../drift/types';
import { generationOf } from '../spec';
import { STATES, STATUS_KEYS, type TagMap } from '../tags';
import { isHubUnavailableReason } from './reasons';

const STUCK_AFTER_MS = 30 * 60_000;
const ERROR_RETRY_MS = 60 * 60_000;
/** The longest wait between two retries of a transient Error. */
export const MAX_BACKOFF_MS = 60 * 60_000;

/**
 * Errors that wait for a person (a spec change, a permission, an ownership conflict, the hub): never
 * requeued with backoff. Every other error — including ones we do not know — is transient.
 */
const TERMINAL_ERRORS = new Set([
  'InvalidSpec', 'AccessDenied', 'OwnershipConflict', 'SecurityGroupInUse', 'HubUnavailable',
  // The owner's network settings (docs/design.md#workflows, "What Ready means"): re-checked hourly, at once on a spec change.
  'VpcDnsDisabled', 'NetworkAclBlocksProxyPort', 'NetworkAclBlocksReturnTraffic',
  // A function's setting is wrong: a person fixes the stack's configuration.
  'InvalidSetting',
]);

export function isTransientFailure(errorName: string): boolean {
  return !TERMINAL_ERRORS.has(errorName);
}

export interface RetryTag { attempt: number; next: Date }

const RETRY_TAG = /^attempt=(\d{1,6}) next=(\S+)$/;

export function parseRetryTag(value: string | undefined): RetryTag | undefined {
  const m = RETRY_TAG.exec(value ?? '');
  const next = m ? new Date(m[2]) : undefined;
  return m && next && !Number.isNaN(next.getTime()) ? { attempt: Number(m[1]), next } : undefined;
}

export function formatRetryTag(r: RetryTag): string {
  return `attempt=${r.attempt} next=${r.next.toISOString().replace(/\.\d{3}Z$/, 'Z')}`;
}

/** Wait before retry number `attempt` (1-based): 1, 2, 4 … sweep periods, at most an hour. */
export function backoffMs(attempt: number, periodMs: number): number {
  return Math.min(periodMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)), MAX_BACKOFF_MS);
}

/**
 * The retry tag a run that ends in a transient Error leaves: one attempt more than the tag it found
 * (when that tag is for the same spec generation), due one backoff from now.
 */
export function nextRetry(previous: string | undefined, sameGeneration: boolean, now: Date, periodMs: number): string {
  const attempt = (sameGeneration ? parseRetryTag(previous)?.attempt ?? 0 : 0) + 1;
  return formatRetryTag({ attempt, next: new Date(now.getTime() + backoffMs(attempt, periodMs)) });
}

export interface RequeueContext {
  now: number;
  hubOk: boolean;
  sweepIntervalMs: number;
}

/** Milliseconds since `egress-proxy:since` (Infinity without a readable one). */
function statusAge(tags: TagMap, now: number): number {
  const since = Date.parse(tags[STATUS_KEYS.since] ?? '');
  return Number.isNaN(since) ? Infinity : now - since;
}

const inFlight = (state: string | undefined) => state === 'Progressing' || state === 'Deleting';

/**
 * A run is still working on this VPC: leave it to that run. Not when the status names another spec
 * generation than the tags: the run that wrote it was superseded (it stops at its next step, writing
 * nothing more), so what it left — a `Progressing` on an opted-out VPC, an endpoint — is drift now.
 */
export function isYoung(tags: TagMap, now: number): boolean {
  const written = tags[STATUS_KEYS.generation];
  const superseded = written !== undefined && written !== generationOf(tags);
  return inFlight(tags[STATUS_KEYS.state]) && statusAge(tags, now) <= STUCK_AFTER_MS && !superseded;
}

export function stuckDrift(tags: TagMap, now: number): Drift[] {
  const state = tags[STATUS_KEYS.state];
  if (!inFlight(state) || isYoung(tags, now)) return [];
  return [{ kind: 'StuckProgressing', detail: `${state} since ${tags[STATUS_KEYS.since] ?? '(no since tag)'}` }];
}

export function isKnownState(state: string): boolean {
  return (STATES as readonly string[]).includes(state);
}

export function errorRetry(tags: TagMap, ctx: RequeueContext): Drift[] {
  const reason = tags[STATUS_KEYS.reason];
  if (isHubUnavailableReason(reason)) {
    return ctx.hubOk ? [{ kind: 'HubRecovered', detail: 'the resource configuration is usable again' }] : [];
  }
  if (!ctx.hubOk) return []; // a retry could only end in HubUnavailable
  const retry = parseRetryTag(tags[STATUS_KEYS.retry]);
  if (retry) {
    // Transient: due at `next`. The detail holds no clock reading, so overlapping sweeps name the retry alike.
    // Due in the first sweep whose period reaches `next`: attempt 1 is the very next sweep.
    return ctx.now + ctx.sweepIntervalMs > retry.next.getTime()
      ? [{ kind: 'ErrorRetry', detail: `transient Error, retry ${tags[STATUS_KEYS.retry]}: ${(reason ?? '').slice(0, 80)}` }]
      : [];
  }
  const age = statusAge(tags, ctx.now);
  const window = age >= ERROR_RETRY_MS && (age === Infinity || age % ERROR_RETRY_MS < ctx.sweepIntervalMs);
  // The detail holds no clock reading, so overlapping sweeps name the retry alike.
  const since = tags[STATUS_KEYS.since] ?? '(no since tag)';
  return window ? [{ kind: 'ErrorRetry', detail: `Error since ${since}: ${(reason ?? '').slice(0, 80)}` }] : [];
}

/** Degraded before it ever got an address, and the proxy answers again: a run gives it one. */
export function proxyRecovered(tags: TagMap, proxyOk: boolean | undefined): Drift[] {
  if (tags[STATUS_KEYS.state] !== 'Degraded' || !proxyOk || (tags[STATUS_KEYS.proxy] && tags[STATUS_KEYS.endpoint])) return [];
  return [{ kind: 'ProxyRecovered', detail: 'the proxy answers again and this VPC never got its address' }];
}
