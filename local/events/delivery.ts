/**
 * Delivering one event to one rule's target, as EventBridge does, with the injected delivery faults
 * (delivery-faults.ts): dropped, duplicated, delayed, or failed invocations retried under the target's
 * retry policy. By default EventBridge "retries sending the event for 24 hours and up to 185 times with
 * an exponential back off and jitter", then drops it
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-retry-policy.html). The schedule
 * itself is not documented: here retry n waits a random time up to min(2^n s, 8 min) (full jitter) on
 * the local clock (local/clock.ts), so advancing the clock brings a retry forward.
 * A target that is invoked and throws is not retried by EventBridge (for a Lambda target that is
 * Lambda's asynchronous retry): it is recorded as a failed delivery.
 */
import { clockNow, clockSleep } from '../clock';
import { mulberry32 } from '../random';
import { deliveryFaults, type DeliveryTarget } from './delivery-faults';

export const DEFAULT_RETRY_POLICY = { maximumRetryAttempts: 185, maximumEventAgeSeconds: 86_400 } as const;
export const MAX_RETRY_BACKOFF_MS = 8 * 60_000;

export interface DeliveryRecord {
  rule: string;
  eventId: string;
  ok: boolean;
  error?: string;
  /** 1 for the first invocation, 2 for the first retry …; 0 when the event never reached the target. */
  attempt: number;
}

export interface DeliveryHooks {
  /** Invoke the target once with a fresh copy of the event. */
  invoke(): Promise<void>;
  record(d: DeliveryRecord): void;
  /** The bus keeps this promise as in flight until it settles (awaitIdle waits for it). */
  track(p: Promise<void>): void;
}

const jitter = mulberry32(0x5eed);
let waitingRetries = 0;

/** Retries waiting out their backoff (not in flight: awaitIdle does not wait for them). */
export function retriesPending(): number {
  return waitingRetries;
}

/** The wait before retry `n` (1-based): full jitter over min(2^n s, 8 min). */
export function retryDelayMs(n: number, random: () => number = jitter): number {
  const ceiling = Math.min(1000 * 2 ** Math.min(n, 30), MAX_RETRY_BACKOFF_MS);
  return Math.floor(random() * ceiling);
}

const describe = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

/** Deliver `target.event` to its rule's target (in the background), applying any delivery faults. */
export function deliver(target: DeliveryTarget, hooks: DeliveryHooks): void {
  const faults = deliveryFaults();
  const publishedAt = clockNow();
  const base = { rule: target.ruleName, eventId: target.event.id ?? '' };
  const plan = faults?.plan(target) ?? { drop: false, copies: 1, delayMs: 0 };
  if (plan.drop) {
    hooks.record({ ...base, ok: false, attempt: 0, error: 'Dropped (injected delivery fault)' });
    return;
  }

  const retryLater = (n: number): void => {
    const tooOld = clockNow() - publishedAt >= DEFAULT_RETRY_POLICY.maximumEventAgeSeconds * 1000;
    if (n > DEFAULT_RETRY_POLICY.maximumRetryAttempts || tooOld) {
      hooks.record({ ...base, ok: false, attempt: n, error: `Dropped after ${n} attempts: retry policy exhausted (185 retries / 24 hours)` });
      return;
    }
    waitingRetries++;
    void clockSleep(retryDelayMs(n)).then(() => {
      waitingRetries--;
      hooks.track(attempt(n + 1, 0));
    });
  };

  const attempt = async (n: number, waitMs: number): Promise<void> => {
    // The publisher (an API call) answers before any target runs, as with AWS.
    await (waitMs > 0 ? clockSleep(waitMs) : new Promise<void>((resolve) => setImmediate(resolve)));
    if (faults?.failsAttempt(target)) {
      hooks.record({ ...base, ok: false, attempt: n, error: 'TargetUnavailable: the target invocation failed (injected delivery fault); retrying' });
      retryLater(n);
      return;
    }
    try {
      await hooks.invoke();
      hooks.record({ ...base, ok: true, attempt: n });
    } catch (e) {
      hooks.record({ ...base, ok: false, attempt: n, error: describe(e) });
    }
  };

  for (let i = 0; i < plan.copies; i++) hooks.track(attempt(1, plan.delayMs));
}
