/**
 * The one place where AWS SDK errors become the operator's named errors (docs/design.md#errors).
 * The SDK has already retried throttles and 5xx (its default 3 attempts); what still fails here is
 * handed to the workflow's Retry (transient classes, including errors we do not classify: AwsFailure)
 * or Catch (terminal ones).
 */
import {
  AccessDenied, AwsFailure, AwsThrottled, AwsTransient, OperatorError, VpcGone,
} from '../errors';
import { awsErrorCode, classifyAwsError } from './classify';

/** Map any error thrown while calling AWS to a named operator error. */
export function toOperatorError(err: unknown, action: string): OperatorError {
  if (err instanceof OperatorError) return err;
  const c = classifyAwsError(err);
  const detail = `${action}: ${c.code}: ${c.message}`;
  switch (c.class) {
    case 'throttled': return new AwsThrottled(detail);
    case 'transient':
    case 'busy':
    case 'unreachable': return new AwsTransient(detail);
    case 'vpc-not-found': return new VpcGone(detail);
    case 'denied':
    case 'credentials': return new AccessDenied(detail);
    default: return new AwsFailure(detail);
  }
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

/** True for SDK errors (they carry `$metadata`) and Node.js system errors (a string `code`). */
export function isAwsError(err: unknown): boolean {
  const e = err as { $metadata?: unknown; code?: unknown } | undefined;
  return Boolean(e) && (e!.$metadata !== undefined || typeof e!.code === 'string');
}
