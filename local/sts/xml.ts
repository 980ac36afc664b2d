/**
 * STS speaks the AWS Query protocol: form-encoded requests, XML answers in the STS namespace.
 * Success: `<XResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><XResult>…</XResult><ResponseMetadata>…`;
 * errors: `<ErrorResponse xmlns=…><Error><Type>Sender</Type><Code>…</Code><Message>…</Message></Error><RequestId>…`.
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html#API_GetCallerIdentity_Examples
 * https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html
 */
import { randomUUID } from 'node:crypto';
import type { LocalResponse } from '../service';

export const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export type XmlTree = { [name: string]: string | number | XmlTree | undefined };

function render(tree: XmlTree): string {
  return Object.entries(tree)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `<${k}>${typeof v === 'object' ? render(v as XmlTree) : escape(String(v))}</${k}>`)
    .join('');
}

export function stsResponse(operation: string, result: XmlTree): LocalResponse {
  const body = `<${operation}Response xmlns="${STS_NAMESPACE}"><${operation}Result>${render(result)}</${operation}Result>`
    + `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${operation}Response>`;
  return { status: 200, headers: { 'content-type': 'text/xml' }, body };
}

export function stsErrorResponse(status: number, code: string, message: string): LocalResponse {
  const type = status >= 500 ? 'Receiver' : 'Sender';
  const body = `<ErrorResponse xmlns="${STS_NAMESPACE}"><Error><Type>${type}</Type><Code>${escape(code)}</Code>`
    + `<Message>${escape(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`;
  return { status, headers: { 'content-type': 'text/xml' }, body };
}
