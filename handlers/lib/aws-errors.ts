/**
 * The one place where AWS SDK errors become the operator's named errors (DESIGN.md §7.6).
 * The SDK has already retried throttles and 5xx (its default 3 attempts); what still fails here is
 * handed to the workflow's Retry (retryable names) or Catch (terminal names).
 */
import {
  AccessDenied, AwsFailure, AwsThrottled, AwsTransient, OperatorError, VpcGone,
} from './errors';

const THROTTLE_CODES = new Set([
  'Throttling', 'ThrottlingException', 'RequestLimitExceeded', 'TooManyRequestsException',
  'RequestThrottled', 'RequestThrottledException', 'ProvisionedThroughputExceededException',
]);
const TRANSIENT_CODES = new Set([
  'InternalError', 'InternalFailure', 'InternalServerException', 'ServiceUnavailable', 'Unavailable',
  'RequestTimeout', 'RequestTimeoutException', 'TimeoutError', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE',
  'ETIMEDOUT', 'EAI_AGAIN',
]);
const DENIED_CODES = new Set([
  'UnauthorizedOperation', 'AccessDenied', 'AccessDeniedException', 'AuthFailure', 'InvalidClientTokenId',
]);

interface SdkErrorLike {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  $fault?: 'client' | 'server';
}

/** The AWS error code of an SDK (or network) error. */
export function awsErrorCode(err: unknown): string {
  const e = err as SdkErrorLike;
  return e?.code ?? e?.name ?? 'Error';
}

/** Map any error thrown while calling AWS to a named operator error. */
export function toOperatorError(err: unknown, action: string): OperatorError {
  if (err instanceof OperatorError) return err;
  const e = err as SdkErrorLike;
  const code = awsErrorCode(err);
  const detail = `${action}: ${code}: ${e?.message ?? String(err)}`;
  if (THROTTLE_CODES.has(code)) return new AwsThrottled(detail);
  if (TRANSIENT_CODES.has(code) || e?.$fault === 'server' || (e?.$metadata?.httpStatusCode ?? 0) >= 500) {
    return new AwsTransient(detail);
  }
  if (code === 'InvalidVpcID.NotFound') return new VpcGone(detail);
  if (DENIED_CODES.has(code)) return new AccessDenied(detail);
  return new AwsFailure(detail);
}

/** Run one AWS call; failures leave as named operator errors. */
export async function callAws<T>(action: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw toOperatorError(err, action);
  }
}

/** True when the SDK error carries this AWS error code. */
export function hasCode(err: unknown, ...codes: string[]): boolean {
  return codes.includes(awsErrorCode(err));
}
