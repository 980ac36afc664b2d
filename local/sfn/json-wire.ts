/**
 * The AWS JSON 1.0/1.1 wire protocol as Step Functions and EventBridge speak it: the operation is the
 * part of `X-Amz-Target` after the dot, bodies are JSON, errors carry `__type` (the SDK strips the
 * `namespace#` prefix and raises the exception by that name), timestamps are epoch seconds.
 * Responses and body parsing come from local/protocol/json.ts; this adds what both our services share:
 * target-prefix checks, thrown API errors, timestamps and stable page tokens.
 */
import {
  awsJsonError, awsJsonResponse, JsonBodyError, parseJsonBody, targetOperation as anyTargetOperation, type AwsJsonVersion,
} from '../protocol/json';
import type { LocalRequest, LocalResponse } from '../service';

export type JsonVersion = AwsJsonVersion;

/** `AWSStepFunctions.StartExecution` → `StartExecution`, only when the target prefix is this service's. */
export function targetOperation(headers: LocalRequest['headers'], prefix: string): string | undefined {
  const raw = headers['x-amz-target'];
  const target = Array.isArray(raw) ? raw[0] : raw;
  if (!target || !target.startsWith(`${prefix}.`)) return undefined;
  return anyTargetOperation(headers) || undefined;
}

export const jsonOk = (version: JsonVersion, body: unknown): LocalResponse => awsJsonResponse(body, version);
export const jsonError = (version: JsonVersion, status: number, code: string, message: string): LocalResponse =>
  awsJsonError(status, code, message, version);

/** An error a handler throws to answer with an AWS error (400 unless said otherwise). */
export class ApiError extends Error {
  constructor(readonly code: string, message: string, readonly status = 400) {
    super(message);
    this.name = code;
  }
}

/** Parse a request body; malformed JSON is the protocol's SerializationException. */
export function parseBody(body: string): Record<string, unknown> {
  try {
    return parseJsonBody(body);
  } catch (e) {
    if (e instanceof JsonBodyError) throw new ApiError(e.code, e.message);
    throw e;
  }
}

/** Epoch seconds with millisecond fraction: the JSON protocols' timestamp format. */
export function epochSeconds(ms: number): number {
  return ms / 1000;
}

/**
 * One page of `items` and the token for the next. The token names the key of the last item returned
 * (not an offset), so pages stay exact while new executions or history events are added meanwhile.
 */
export function page<T>(
  items: T[], keyOf: (item: T) => string, maxResults: unknown, nextToken: unknown, fallback = 100,
): { items: T[]; nextToken?: string } {
  let start = 0;
  if (nextToken !== undefined && nextToken !== null && nextToken !== '') {
    const after = decodeKey(String(nextToken));
    const index = after === undefined ? -1 : items.findIndex((item) => keyOf(item) === after);
    if (index < 0) throw new ApiError('InvalidToken', `Invalid Token: '${String(nextToken)}'`);
    start = index + 1;
  }
  const size = typeof maxResults === 'number' && maxResults > 0 ? Math.min(maxResults, 1000) : fallback;
  const slice = items.slice(start, start + size);
  const more = start + size < items.length;
  return { items: slice, ...(more ? { nextToken: Buffer.from(keyOf(slice[slice.length - 1])).toString('base64url') } : {}) };
}

function decodeKey(token: string): string | undefined {
  const key = Buffer.from(token, 'base64url').toString('utf8');
  return key.length > 0 ? key : undefined;
}
