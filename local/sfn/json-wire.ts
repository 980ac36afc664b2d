/**
 * The AWS JSON 1.0/1.1 wire protocol as Step Functions and EventBridge speak it: the operation is the
 * part of `X-Amz-Target` after the dot, bodies are JSON, errors carry `__type` (the SDK strips the
 * `namespace#` prefix and raises the exception by that name), timestamps are epoch seconds.
 * Private to local/sfn and local/events until local/protocol/json.ts takes this job.
 */
import type { LocalRequest, LocalResponse } from '../service';

export type JsonVersion = '1.0' | '1.1';

/** `AWSStepFunctions.StartExecution` → `StartExecution` when the prefix matches, else undefined. */
export function targetOperation(headers: LocalRequest['headers'], prefix: string): string | undefined {
  const raw = headers['x-amz-target'] ?? headers['X-Amz-Target'];
  const target = Array.isArray(raw) ? raw[0] : raw;
  if (!target) return undefined;
  const dot = target.indexOf('.');
  if (dot < 0 || target.slice(0, dot) !== prefix) return undefined;
  return target.slice(dot + 1) || undefined;
}

export function jsonOk(version: JsonVersion, body: unknown): LocalResponse {
  return {
    status: 200,
    headers: { 'content-type': `application/x-amz-json-${version}` },
    body: JSON.stringify(body ?? {}),
  };
}

export function jsonError(version: JsonVersion, status: number, code: string, message: string): LocalResponse {
  return {
    status,
    headers: { 'content-type': `application/x-amz-json-${version}`, 'x-amzn-errortype': code },
    body: JSON.stringify({ __type: code, message }),
  };
}

/** An error a handler throws to answer with an AWS error (400 unless said otherwise). */
export class ApiError extends Error {
  constructor(readonly code: string, message: string, readonly status = 400) {
    super(message);
    this.name = code;
  }
}

/** Parse a request body; an empty body is `{}` as the SDK sends for no-input operations. */
export function parseBody(body: string): Record<string, unknown> {
  if (!body.trim()) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new ApiError('SerializationException', 'Request body is not valid JSON');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ApiError('SerializationException', 'Request body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
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
