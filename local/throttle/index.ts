/** Documented AWS throttling for the local cloud: token buckets per account and Region, Lambda concurrency. */
export { TokenBucket, InvalidBucketLimitsError } from './token-bucket';
export type { BucketLimits, TakeResult } from './token-bucket';
export { ec2BucketFor, EC2_CATEGORY_LIMITS, UNCATEGORIZED_LIMITS } from './ec2-limits';
export type { Ec2Bucket, Ec2Category } from './ec2-limits';
export { startExecutionLimits, LAMBDA_DEFAULT_CONCURRENCY } from './service-quotas';
export { RequestThrottle } from './request-throttle';
export type { ThrottledCall, ThrottleDecision, ThrottleError, RequestThrottleOptions } from './request-throttle';
export { LambdaConcurrency } from './lambda-concurrency';
export type { ConcurrencyDecision } from './lambda-concurrency';
export { startExecutionLimit } from './start-execution-limit';
export type { StartCounters } from './start-execution-limit';
export { AsyncInvokeQueue } from './async-invoke-queue';
