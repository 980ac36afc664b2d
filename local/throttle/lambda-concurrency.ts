/**
 * Lambda concurrency per account and Region: at most `limit` invocations run at once (default 1,000,
 * service-quotas.ts). `tryStart` either admits an invocation — the caller ends it with the returned
 * `finish` — or returns the error Lambda gives when the account is at its limit.
 */
import { LAMBDA_DEFAULT_CONCURRENCY } from './service-quotas';
import type { ThrottleError } from './request-throttle';

export type ConcurrencyDecision =
  | { admitted: true; finish: () => void }
  | { admitted: false; error: ThrottleError & { reason: 'ConcurrentInvocationLimitExceeded' } };

export class LambdaConcurrency {
  private readonly running = new Map<string, number>();
  private refusedCount = 0;

  constructor(readonly limit = LAMBDA_DEFAULT_CONCURRENCY, public enabled = true) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`Lambda concurrency limit must be a positive integer, got ${limit}`);
  }

  tryStart(account: string, region: string): ConcurrencyDecision {
    const key = `${account}/${region}`;
    const now = this.running.get(key) ?? 0;
    if (this.enabled && now >= this.limit) {
      this.refusedCount++;
      return {
        admitted: false,
        error: { status: 429, code: 'TooManyRequestsException', message: 'Rate Exceeded.', reason: 'ConcurrentInvocationLimitExceeded' },
      };
    }
    this.running.set(key, now + 1);
    let finished = false;
    return {
      admitted: true,
      finish: () => {
        if (finished) return; // finishing twice must not free a slot another invocation holds
        finished = true;
        this.running.set(key, (this.running.get(key) ?? 1) - 1);
      },
    };
  }

  inFlight(account: string, region: string): number {
    return this.running.get(`${account}/${region}`) ?? 0;
  }

  get refused(): number {
    return this.refusedCount;
  }
}
