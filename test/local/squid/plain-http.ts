/**
 * A plain (non-CONNECT) HTTP request through a proxy, reading only the answer's head: Squid keeps
 * the connection open after an error page, so waiting for the end would hang.
 */
import { connect } from 'node:net';
import { parseHead, type AnswerHead } from '../../../handlers/lib/probe/answer';

export interface PlainAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function requestThroughProxy(
  proxy: { host: string; port: number }, requestTarget: string, extraHeaders: Record<string, string> = {}, timeoutMs = 5000,
): Promise<PlainAnswer> {
  // Not `new URL()`: `cache_object:` is not a valid URL scheme to WHATWG, but Squid knows it.
  const hostHeader = requestTarget.startsWith('/') ? `${proxy.host}:${proxy.port}` : /^[\w+.-]+:\/\/([^/]+)/.exec(requestTarget)?.[1];
  const head = [`GET ${requestTarget} HTTP/1.1`, `Host: ${hostHeader}`,
    ...Object.entries(extraHeaders).map(([k, v]) => `${k}: ${v}`)].join('\r\n');
  return new Promise((resolve, reject) => {
    const socket = connect({ host: proxy.host, port: proxy.port });
    let data = Buffer.alloc(0);
    let parsed: AnswerHead | undefined;
    let bodyStart = 0;
    const timer = setTimeout(() => { socket.destroy(); reject(new Error(`no answer to GET ${requestTarget} within ${timeoutMs} ms`)); }, timeoutMs);
    const done = (answer: PlainAnswer) => { clearTimeout(timer); socket.destroy(); resolve(answer); };
    socket.on('connect', () => socket.write(`${head}\r\n\r\n`));
    socket.on('error', (err) => { clearTimeout(timer); reject(err); });
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      if (!parsed) {
        const end = data.indexOf('\r\n\r\n');
        if (end < 0) return;
        parsed = parseHead(data.subarray(0, end).toString('latin1'));
        if (!parsed) { clearTimeout(timer); socket.destroy(); reject(new Error('not HTTP')); return; }
        bodyStart = end + 4;
      }
      const length = Number(parsed.headers['content-length'] ?? 0);
      if (data.length - bodyStart >= length) {
        done({ status: parsed.status, headers: parsed.headers, body: data.subarray(bodyStart, bodyStart + length).toString() });
      }
    });
  });
}
