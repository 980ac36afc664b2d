/**
 * Step Functions and Lambda default quotas the local cloud enforces.
 *
 * Step Functions, "Quotas related to API action throttling" for Standard workflows: StartExecution
 * has a bucket of 1,300 refilled at 300 per second in US East (N. Virginia), US West (Oregon) and
 * Europe (Ireland), and 800 refilled at 150 per second in every other Region, per account and Region
 * (https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html). Throttled calls get
 * `ThrottlingException`.
 *
 * Lambda: 1,000 concurrent executions per account and Region by default, shared by all functions
 * (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html); an invocation past it
 * gets `TooManyRequestsException` (HTTP 429, reason `ConcurrentInvocationLimitExceeded`)
 * (https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html).
 */
import type { BucketLimits } from './token-bucket';

const SFN_LARGE_REGIONS = new Set(['us-east-1', 'us-west-2', 'eu-west-1']);

export function startExecutionLimits(region: string): BucketLimits {
  return SFN_LARGE_REGIONS.has(region) ? { capacity: 1300, refillPerSecond: 300 } : { capacity: 800, refillPerSecond: 150 };
}

export const LAMBDA_DEFAULT_CONCURRENCY = 1000;
