/**
 * One classification of AWS SDK (and network) errors, shared by the handlers (which turn it into the
 * named errors the workflows Retry or Catch) and the CLI (which turns it into a line and an exit
 * code). Throttling and transient faults are judged by the SDK's own classifier; the rest by code.
 * Each class is either transient (worth retrying as is) or terminal (needs a person or a new spec).
 * docs/design.md#errors
 */
import { isServerError, isThrottlingError, isTransientError } from '@smithy/service-error-classification';

export type AwsErrorClass =
  /** Slow down and retry. */
  | 'throttled'
  /** 5xx, timeouts, connection resets: retry as is. */
  | 'transient'
  /** No usable credentials, or AWS rejected them. */
  | 'credentials'
  /** Authenticated but not allowed (IAM, SCP, missing member role). */
  | 'denied'
  /** The endpoint (AWS or the local cloud) cannot be reached at all. */
  | 'unreachable'
  /** The VPC named in the call does not exist. */
  | 'vpc-not-found'
  /**
   * The resource is busy or not visible yet: IncorrectState (e.g. deleting a pending endpoint),
   * DependencyViolation while something drains, a NotFound right after our own create (EC2 is
   * eventually consistent: https://docs.aws.amazon.com/ec2/latest/devguide/eventual-consistency.html).
   */
  | 'busy'
  /** Anything else: the message carries the service's own code. Retried, as controller-runtime does. */
  | 'other';

/**
 * Terminal classes wait for a person (new credentials, a permission, a VPC); every other class is
 * transient: retried inside the run, then requeued by the sweep with backoff (docs/design.md#errors).
 */
const TERMINAL: readonly AwsErrorClass[] = ['credentials', 'denied', 'vpc-not-found'];

export interface ClassifiedAwsError {
  class: AwsErrorClass;
  /** Retrying the same call may succeed (every class but credentials, denied, vpc-not-found). */
  transient: boolean;
  /** The AWS error code (or Node.js system error code). */
  code: string;
  message: string;
}

interface SdkErrorLike {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  $fault?: 'client' | 'server';
}

const CREDENTIALS = new Set([
  'CredentialsProviderError', 'UnrecognizedClientException', 'InvalidClientTokenId', 'ExpiredToken', 'ExpiredTokenException',
  'AuthFailure', 'InvalidSignatureException', 'SignatureDoesNotMatch', 'IncompleteSignature',
]);
const DENIED = new Set(['UnauthorizedOperation', 'AccessDenied', 'AccessDeniedException']);
/** Server faults EC2 and Lattice name by code; the SDK's classifier judges them by HTTP status alone. */
const SERVER_FAULTS = new Set(['InternalError', 'InternalFailure', 'InternalServerException', 'ServiceUnavailable', 'Unavailable']);
/** No connection at all: to a person this is "is it running / is the network up", not a fault to retry blindly. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND']);
/** Busy or not yet visible: the same call succeeds once AWS catches up. */
const BUSY = new Set(['IncorrectState', 'IncorrectInstanceState', 'DependencyViolation', 'ResourceInUse', 'ConflictException']);
const NOT_FOUND = /^Invalid[A-Za-z]*(ID|Id)?\.NotFound$|^ResourceNotFoundException$/;

/** The AWS error code of an SDK (or network) error. */
export function awsErrorCode(err: unknown): string {
  const e = err as SdkErrorLike | undefined;
  return e?.code ?? e?.name ?? 'Error';
}

export function classifyAwsError(err: unknown): ClassifiedAwsError {
  const e = (err ?? {}) as SdkErrorLike;
  const code = awsErrorCode(err);
  const message = e.message ?? String(err);
  const of = (cls: AwsErrorClass): ClassifiedAwsError => ({ class: cls, transient: !TERMINAL.includes(cls), code, message });
  if (CREDENTIALS.has(code) || /Could not load credentials/i.test(message)) return of('credentials');
  if (UNREACHABLE.has(code) || /ECONNREFUSED|ENOTFOUND/.test(message)) return of('unreachable');
  const sdk = e as Parameters<typeof isThrottlingError>[0];
  if (typeof e === 'object' && isThrottlingError(sdk)) return of('throttled');
  if (typeof e === 'object' && (isTransientError(sdk) || isServerError(sdk) || e.$fault === 'server')) return of('transient');
  if (SERVER_FAULTS.has(code) || (e.$metadata?.httpStatusCode ?? 0) >= 500) return of('transient');
  if (code === 'InvalidVpcID.NotFound') return of('vpc-not-found');
  if (DENIED.has(code)) return of('denied');
  if (BUSY.has(code) || NOT_FOUND.test(code)) return of('busy');
  return of('other');
}
