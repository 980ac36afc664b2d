/**
 * EC2 XML responses, shaped like the EC2 API reference's example responses: a root
 * `<ActionResponse xmlns=…>` with `requestId`, lower-camel element names, lists as `…Set` of `item`.
 * Responses are built from plain objects whose keys are already the wire names, so render code
 * reads like the API reference and this file stays the only place that writes angle brackets.
 */
import { randomUUID } from 'node:crypto';
import type { LocalResponse } from '../service';

export const EC2_XMLNS = 'http://ec2.amazonaws.com/doc/2016-11-15/';

/** An element value: scalars become text, arrays become `<item>` lists, objects nest. */
export type XmlValue = string | number | boolean | Date | undefined | null | XmlObject | XmlValue[];
export interface XmlObject {
  [name: string]: XmlValue;
}

/**
 * Escape text content. Besides the five XML entities, `\r` is written as a character reference:
 * XML parsers normalise a literal CR to LF, which would break a round-trip of tag values.
 */
const NEEDS_ESCAPE = /[&<>"'\r]/;

export function escapeXml(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text; // most values (IDs, CIDRs, states): no copy
  return text.replace(/[&<>"'\r]/g, (c) => {
    switch (c) {
      case '&': return '&amp;';
      case '<': return '&lt;';
      case '>': return '&gt;';
      case '"': return '&quot;';
      case "'": return '&apos;';
      default: return '&#13;';
    }
  });
}

function scalarText(value: string | number | boolean | Date): string {
  if (value instanceof Date) return value.toISOString();
  return escapeXml(String(value));
}

// Plain loops and string appends rather than map/join: whole-fleet reads render thousands of records per call.
export function renderXml(name: string, value: XmlValue): string {
  if (value === undefined || value === null) return '';
  let inner = '';
  if (Array.isArray(value)) {
    for (const v of value) inner += renderXml('item', v);
  } else if (typeof value === 'object' && !(value instanceof Date)) {
    for (const k of Object.keys(value)) inner += renderXml(k, value[k]);
  } else {
    inner = scalarText(value);
  }
  return `<${name}>${inner}</${name}>`;
}

const XML_HEADERS = { 'content-type': 'text/xml;charset=UTF-8' };

/** A successful EC2 response: `<{Action}Response xmlns=…><requestId>…</requestId>…body…</…>`. */
export function ec2Response(action: string, body: XmlObject, requestId: string = randomUUID()): LocalResponse {
  let inner = '';
  for (const k of Object.keys(body)) inner += renderXml(k, body[k]);
  const root = `${action}Response`;
  return {
    status: 200,
    headers: { ...XML_HEADERS, 'x-amzn-requestid': requestId },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${EC2_XMLNS}"><requestId>${requestId}</requestId>${inner}</${root}>`,
  };
}

/** The EC2 error shape: `<Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>`. */
export function ec2ErrorResponse(status: number, code: string, message: string, requestId: string = randomUUID()): LocalResponse {
  return {
    status,
    headers: { ...XML_HEADERS, 'x-amzn-requestid': requestId },
    body:
      `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${escapeXml(code)}</Code>` +
      `<Message>${escapeXml(message)}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`,
  };
}
