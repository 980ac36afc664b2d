/**
 * S3 errors in S3's REST-XML shape: `<Error><Code>…</Code><Message>…</Message>…<RequestId>…</RequestId></Error>`
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#RESTErrorResponses). Extra
 * elements (`Key`, `BucketName`) name the resource, as S3 does.
 */
import { randomUUID } from 'node:crypto';
import type { LocalResponse } from '../service';
import { escapeXml } from '../protocol/xml';

export class S3Error extends Error {
  readonly name = 'S3Error';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly detail: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const noSuchBucket = (bucket: string) => new S3Error(404, 'NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucket });
export const noSuchKey = (key: string) => new S3Error(404, 'NoSuchKey', 'The specified key does not exist.', { Key: key });

export function s3ErrorResponse(status: number, code: string, message: string, detail: Record<string, string> = {}, head = false): LocalResponse {
  const requestId = randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase();
  const headers = { 'x-amz-request-id': requestId, 'x-amz-id-2': requestId };
  // A HEAD response has no body; the SDK names the error from the status alone.
  if (head) return { status, headers, body: '' };
  const extra = Object.entries(detail).map(([k, v]) => `<${k}>${escapeXml(v)}</${k}>`).join('');
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message>${extra}<RequestId>${requestId}</RequestId><HostId>${requestId}</HostId></Error>`;
  return { status, headers: { ...headers, 'content-type': 'application/xml' }, body };
}
