/**
 * Judges a proxy's answer to CONNECT from the bytes read so far. Pure: the socket code feeds it
 * every chunk and stops reading as soon as it returns a verdict, so the probe never waits for a
 * connection that Squid keeps open after an error page.
 */
import type { ProbeResult } from './types';

export interface AnswerContext {
  /** `host:port` of the proxy, for messages. */
  proxy: string;
  /** `host:port` of the check target, for messages. */
  target: string;
  latencyMs: number;
}

/** A status line plus headers larger than this is not a proxy answering CONNECT. */
export const MAX_HEAD_BYTES = 16 * 1024;

const HTTP_PREFIX = Buffer.from('HTTP/');

/**
 * The verdict for the bytes read so far, or `undefined` when more bytes are needed.
 * `ended` says the peer closed its side: nothing more will come.
 */
export function classifyAnswer(bytes: Buffer, ended: boolean, ctx: AnswerContext): ProbeResult | undefined {
  const notAProxy = (why: string): ProbeResult => ({
    outcome: 'NotAProxy', latencyMs: ctx.latencyMs, message: `${ctx.proxy} is not an HTTP proxy: ${why}`,
  });
  if (bytes.length === 0) return ended ? notAProxy('it closed the connection without answering CONNECT') : undefined;

  // Decide on the first bytes: an SSH or SMTP banner need not be read to the end.
  const prefixLength = Math.min(bytes.length, HTTP_PREFIX.length);
  if (!bytes.subarray(0, prefixLength).equals(HTTP_PREFIX.subarray(0, prefixLength))) {
    return notAProxy(`it answered with something that is not HTTP (${excerpt(bytes)})`);
  }
  const headEnd = findHeadEnd(bytes);
  if (headEnd < 0) {
    if (bytes.length > MAX_HEAD_BYTES) return notAProxy(`its answer headers exceed ${MAX_HEAD_BYTES} bytes`);
    return ended ? notAProxy('its answer ended before the headers were complete') : undefined;
  }
  const head = parseHead(bytes.subarray(0, headEnd).toString('latin1'));
  if (!head) return notAProxy(`it sent a malformed status line (${excerpt(bytes)})`);
  return classifyHead(head, ctx);
}

export interface AnswerHead {
  status: number;
  reason: string;
  /** Lower-case names; repeated headers joined with `, `. */
  headers: Record<string, string>;
}

/** Parses `HTTP/1.x NNN reason` and the header lines; `undefined` when the status line is malformed. */
export function parseHead(text: string): AnswerHead | undefined {
  const [statusLine, ...lines] = text.split(/\r?\n/);
  const match = statusLine.match(/^HTTP\/1\.[01] (\d{3})(?: (.*))?$/);
  if (!match) return undefined;
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  return { status: Number(match[1]), reason: (match[2] ?? '').trim(), headers };
}

/** Maps a complete answer head to an outcome. */
export function classifyHead(head: AnswerHead, ctx: AnswerContext): ProbeResult {
  const { status } = head;
  const squidErrorText = head.headers['x-squid-error'];
  const squidError = squidErrorText?.split(/\s+/)[0] || undefined;
  const result = (outcome: ProbeResult['outcome'], message: string): ProbeResult => ({
    outcome, latencyMs: ctx.latencyMs, status, ...(squidError ? { squidError } : {}), message,
  });
  const why = `HTTP ${status}${squidErrorText ? `, ${squidErrorText}` : head.reason ? ` ${head.reason}` : ''}`;

  if (status >= 200 && status < 300) {
    // RFC 9110 §9.3.6: a 2xx answer to CONNECT carries no body. One that frames a body is a web
    // server answering as if CONNECT were GET.
    if ('content-length' in head.headers || 'transfer-encoding' in head.headers) {
      return result('NotAProxy', `${ctx.proxy} is not an HTTP proxy: it answered CONNECT like a web page (${why})`);
    }
    return result('Ok', `Proxy ${ctx.proxy} opened a tunnel to ${ctx.target} in ${ctx.latencyMs} ms`);
  }
  if (status === 403 || status === 407) {
    return result('Denied', `Proxy ${ctx.proxy} refused the tunnel to ${ctx.target} (${why})`);
  }
  if (status === 502 || status === 503 || status === 504) {
    return result('UpstreamFailed', `Proxy ${ctx.proxy} could not reach ${ctx.target} (${why})`);
  }
  if (squidError) {
    // Squid's own error pages for other codes: 4xx is about the request, 5xx about forwarding
    // (e.g. 500 ERR_CANNOT_FORWARD when DNS does not answer).
    return status >= 500
      ? result('UpstreamFailed', `Proxy ${ctx.proxy} could not reach ${ctx.target} (${why})`)
      : result('Denied', `Proxy ${ctx.proxy} refused the tunnel to ${ctx.target} (${why})`);
  }
  // 400/404/405/501, redirects, …: an HTTP server that does not do CONNECT.
  return result('NotAProxy', `${ctx.proxy} is not an HTTP proxy: it answered CONNECT with ${why}`);
}

/** Offset of the blank line ending the head (CRLF or bare LF), or -1. */
function findHeadEnd(bytes: Buffer): number {
  const crlf = bytes.indexOf('\r\n\r\n');
  const lf = bytes.indexOf('\n\n');
  if (crlf < 0) return lf;
  return lf < 0 ? crlf : Math.min(crlf, lf);
}

/** The first bytes as printable text, for messages that must stay one short line. */
function excerpt(bytes: Buffer): string {
  const text = bytes.subarray(0, 40).toString('latin1').replace(/[^\x20-\x7e]/g, '.');
  return JSON.stringify(bytes.length > 40 ? `${text}…` : text);
}
