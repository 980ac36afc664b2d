/**
 * Request throttling for the local cloud, one set of buckets per account and Region: EC2 per action
 * (ec2-limits.ts) and Step Functions StartExecution (service-quotas.ts). `check` answers whether a
 * call made now is throttled and, if so, the error AWS returns; `throttled()` counts refusals per
 * `service:Operation` for `/_local/stats`. The clock is injected; switch it off with `enabled: false`.
 * The server (local/server.ts) calls `check` once the caller and operation are known, before the
 * request reaches its service, and answers a throttled call with `error` (docs/local-cloud.md#request-throttling).
 */
import { ec2BucketFor } from './ec2-limits';
import { startExecutionLimits } from './service-quotas';
import { TokenBucket, type BucketLimits } from './token-bucket';

export interface ThrottledCall {
  /** Signing name: ec2, states, … (services without limits here are never throttled). */
  service: string;
  operation: string;
  account: string;
  region: string;
  /** EC2 only: the request's Query parameter names (a filter or pagination picks the larger bucket). */
  paramNames?: Iterable<string>;
}

/** The error a throttled call gets, in the terms of its service's protocol. */
export interface ThrottleError { status: number; code: string; message: string }

export type ThrottleDecision =
  | { throttled: false; bucket?: string }
  | { throttled: true; bucket: string; retryAfterMs: number; error: ThrottleError };

export interface RequestThrottleOptions {
  /** Milliseconds; default Date.now. */
  now?: () => number;
  /** Default true. */
  enabled?: boolean;
}

// EC2 answers a throttled call with HTTP 503 RequestLimitExceeded
// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html).
const EC2_THROTTLED: ThrottleError = { status: 503, code: 'RequestLimitExceeded', message: 'Request limit exceeded.' };
const SFN_THROTTLED: ThrottleError = { status: 400, code: 'ThrottlingException', message: 'Rate exceeded' };

export class RequestThrottle {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly counts = new Map<string, number>();
  private readonly now: () => number;
  enabled: boolean;

  constructor(options: RequestThrottleOptions = {}) {
    this.now = options.now ?? Date.now;
    this.enabled = options.enabled ?? true;
  }

  check(call: ThrottledCall): ThrottleDecision {
    if (!this.enabled) return { throttled: false };
    const rule = ruleFor(call);
    if (!rule) return { throttled: false };
    const key = `${call.account}/${call.region}/${call.service}:${rule.bucket}`;
    let bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, (bucket = new TokenBucket(rule.limits)));
    const taken = bucket.take(this.now());
    if (taken.allowed) return { throttled: false, bucket: rule.bucket };
    const counter = `${call.service}:${call.operation}`;
    this.counts.set(counter, (this.counts.get(counter) ?? 0) + 1);
    return { throttled: true, bucket: rule.bucket, retryAfterMs: taken.retryAfterMs, error: rule.error };
  }

  /** Throttled calls so far, `{"ec2:DescribeVpcs": n, …}`. */
  throttled(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => (a < b ? -1 : 1)));
  }

  /** Forget counts and refill every bucket (the stats reset). */
  reset(): void {
    this.counts.clear();
    this.buckets.clear();
  }
}

function ruleFor(call: ThrottledCall): { bucket: string; limits: BucketLimits; error: ThrottleError } | undefined {
  if (call.service === 'ec2') {
    const { key, limits } = ec2BucketFor(call.operation, call.paramNames);
    return { bucket: key, limits, error: EC2_THROTTLED };
  }
  if (call.service === 'states' && call.operation === 'StartExecution') {
    return { bucket: 'StartExecution', limits: startExecutionLimits(call.region), error: SFN_THROTTLED };
  }
  return undefined;
}
