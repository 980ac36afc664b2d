/**
 * Response helpers for the JSON protocols: AWS JSON 1.0 (Step Functions), AWS JSON 1.1 (EventBridge)
 * and REST-JSON (VPC Lattice). The SDK reads an error's code from the `x-amzn-errortype` header first
 * and from `__type` / `code` in the body after, so errors carry both.
 */
import { randomUUID } from 'node:crypto';
import type { LocalResponse } from '../service';

export type AwsJsonVersion = '1.0' | '1.1';

function jsonHeaders(contentType: string, extra: Record<string, string> = {}): Record<string, string> {
  return { 'content-type': contentType, 'x-amzn-requestid': randomUUID(), ...extra };
}

/** A successful AWS JSON 1.0/1.1 response (body is any JSON-serialisable value). */
export function awsJsonResponse(body: unknown, version: AwsJsonVersion = '1.0'): LocalResponse {
  return {
    status: 200,
    headers: jsonHeaders(`application/x-amz-json-${version}`),
    body: JSON.stringify(body ?? {}),
  };
}

/** `{"__type":"Code","message":"…"}` with `x-amzn-errortype: Code`. */
export function awsJsonError(
  status: number,
  code: string,
  message: string,
  version: AwsJsonVersion = '1.0',
  extra: Record<string, unknown> = {},
): LocalResponse {
  return {
    status,
    headers: jsonHeaders(`application/x-amz-json-${version}`, { 'x-amzn-errortype': code }),
    body: JSON.stringify({ __type: code, message, ...extra }),
  };
}

/** A successful REST-JSON response. */
export function restJsonResponse(body: unknown, status = 200): LocalResponse {
  return { status, headers: jsonHeaders('application/json'), body: JSON.stringify(body ?? {}) };
}

/** REST-JSON error: `x-amzn-errortype` header plus `{"message": …}` and any modeled members. */
export function restJsonError(status: number, code: string, message: string, extra: Record<string, unknown> = {}): LocalResponse {
  return {
    status,
    headers: jsonHeaders('application/json', { 'x-amzn-errortype': code }),
    body: JSON.stringify({ message, ...extra }),
  };
}

/** Thrown by parseJsonBody; services turn it into their protocol's SerializationException. */
export class JsonBodyError extends Error {
  readonly code = 'SerializationException';
  constructor(message: string) {
    super(message);
    this.name = 'JsonBodyError';
  }
}

/** Parse a JSON request body; empty bodies are `{}` (the SDK sends `{}` but curl users may not). */
export function parseJsonBody<T = Record<string, unknown>>(body: string): T {
  if (body.trim() === '') return {} as T;
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new JsonBodyError('Request body must be a JSON object');
    }
    return parsed as T;
  } catch (e) {
    if (e instanceof JsonBodyError) throw e;
    throw new JsonBodyError(`Malformed JSON request body: ${(e as Error).message}`);
  }
}

/** `X-Amz-Target: AWSStepFunctions.StartExecution` → `StartExecution`. */
export function targetOperation(headers: Record<string, string | string[] | undefined>): string | undefined {
  const raw = headers['x-amz-target'];
  const target = Array.isArray(raw) ? raw[0] : raw;
  if (!target) return undefined;
  const dot = target.lastIndexOf('.');
  return dot >= 0 ? target.slice(dot + 1) : target;
}
