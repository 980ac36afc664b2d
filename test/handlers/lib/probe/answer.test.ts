import { classifyAnswer, MAX_HEAD_BYTES, parseHead } from '../../../../handlers/lib/probe/answer';
import type { ProbeResult } from '../../../../handlers/lib/probe/types';

const ctx = { proxy: '10.0.0.5:3128', target: 'aws.amazon.com:443', latencyMs: 42 };
const squidPage = (status: string, error: string) =>
  `HTTP/1.1 ${status}\r\nServer: squid\r\nContent-Type: text/html;charset=utf-8\r\nContent-Length: 3060\r\n`
  + `X-Squid-Error: ${error}\r\nConnection: keep-alive\r\n\r\n<!DOCTYPE html>`;

type Case = [name: string, bytes: string, ended: boolean, expected: Partial<ProbeResult> | undefined];

const cases: Case[] = [
  ['nothing yet', '', false, undefined],
  ['partial status line', 'HTTP/1.1 20', false, undefined],
  ['partial prefix', 'HT', false, undefined],
  ['headers not complete', 'HTTP/1.1 200 Connection established\r\n', false, undefined],
  ['Squid 200', 'HTTP/1.1 200 Connection established\r\n\r\n', false, { outcome: 'Ok', status: 200 }],
  ['200 followed by tunnel bytes', 'HTTP/1.1 200 OK\r\n\r\n\x16\x03\x01', false, { outcome: 'Ok' }],
  ['HTTP/1.0 200 with bare LF', 'HTTP/1.0 200 OK\nProxy-Agent: x\n\n', false, { outcome: 'Ok' }],
  ['403 ERR_ACCESS_DENIED, body not awaited', squidPage('403 Forbidden', 'ERR_ACCESS_DENIED 0'), false,
    { outcome: 'Denied', status: 403, squidError: 'ERR_ACCESS_DENIED' }],
  ['407 proxy auth', 'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\n\r\n', false,
    { outcome: 'Denied', status: 407 }],
  ['503 ERR_CONNECT_FAIL', squidPage('503 Service Unavailable', 'ERR_CONNECT_FAIL 111'), false,
    { outcome: 'UpstreamFailed', status: 503, squidError: 'ERR_CONNECT_FAIL' }],
  ['502 without Squid header', 'HTTP/1.1 502 Bad Gateway\r\n\r\n', false, { outcome: 'UpstreamFailed', status: 502 }],
  ['504 ERR_DNS_FAIL', squidPage('504 Gateway Timeout', 'ERR_DNS_FAIL 0'), false,
    { outcome: 'UpstreamFailed', squidError: 'ERR_DNS_FAIL' }],
  ['500 ERR_CANNOT_FORWARD (DNS silent)', squidPage('500 Internal Server Error', 'ERR_CANNOT_FORWARD 0'), false,
    { outcome: 'UpstreamFailed', status: 500, squidError: 'ERR_CANNOT_FORWARD' }],
  ['400 from Squid', squidPage('400 Bad Request', 'ERR_INVALID_URL 0'), false,
    { outcome: 'Denied', status: 400, squidError: 'ERR_INVALID_URL' }],
  ['405 from a web server', 'HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n', false,
    { outcome: 'NotAProxy', status: 405 }],
  ['400 from nginx', 'HTTP/1.1 400 Bad Request\r\nServer: nginx\r\n\r\n', false, { outcome: 'NotAProxy', status: 400 }],
  ['501 from python http.server', 'HTTP/1.0 501 Unsupported method\r\n\r\n', false, { outcome: 'NotAProxy', status: 501 }],
  ['301 redirect', 'HTTP/1.1 301 Moved Permanently\r\nLocation: https://x/\r\n\r\n', false, { outcome: 'NotAProxy' }],
  ['200 with a body (web page)', 'HTTP/1.1 200 OK\r\nContent-Length: 12\r\n\r\nhello world!', false,
    { outcome: 'NotAProxy', status: 200 }],
  ['200 chunked (web page)', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n', false, { outcome: 'NotAProxy' }],
  ['SSH banner, decided on first bytes', 'SSH-2.0-OpenSSH_9.2', false, { outcome: 'NotAProxy' }],
  ['SMTP banner', '220 mail.example.com ESMTP\r\n', false, { outcome: 'NotAProxy' }],
  ['TLS alert', '\x15\x03\x01\x00\x02\x02\x46', false, { outcome: 'NotAProxy' }],
  ['HTTP/2 preface-like', 'HTTP/2 200\r\n\r\n', false, { outcome: 'NotAProxy' }],
  ['malformed status code', 'HTTP/1.1 2x0 OK\r\n\r\n', false, { outcome: 'NotAProxy' }],
  ['closed without a byte', '', true, { outcome: 'NotAProxy' }],
  ['closed mid-headers', 'HTTP/1.1 200 Connection est', true, { outcome: 'NotAProxy' }],
  ['closed after complete 403', squidPage('403 Forbidden', 'ERR_ACCESS_DENIED 0'), true,
    { outcome: 'Denied', squidError: 'ERR_ACCESS_DENIED' }],
];

describe('classifyAnswer', () => {
  test.each(cases)('%s', (_name, bytes, ended, expected) => {
    const result = classifyAnswer(Buffer.from(bytes, 'latin1'), ended, ctx);
    if (expected === undefined) {
      expect(result).toBeUndefined();
      return;
    }
    expect(result).toMatchObject({ latencyMs: 42, ...expected });
    expect(result!.message.length).toBeLessThan(200);
    if (!expected.squidError) expect(result!.squidError).toBeUndefined();
  });

  test('headers past the size limit are not a proxy', () => {
    const huge = Buffer.from(`HTTP/1.1 200 OK\r\nX-Filler: ${'a'.repeat(MAX_HEAD_BYTES)}`);
    expect(classifyAnswer(huge, false, ctx)?.outcome).toBe('NotAProxy');
  });

  test('messages name the proxy, the target and the evidence', () => {
    const denied = classifyAnswer(Buffer.from(squidPage('403 Forbidden', 'ERR_ACCESS_DENIED 0')), false, ctx);
    expect(denied?.message).toBe('Proxy 10.0.0.5:3128 refused the tunnel to aws.amazon.com:443 (HTTP 403, ERR_ACCESS_DENIED 0)');
    const ok = classifyAnswer(Buffer.from('HTTP/1.1 200 Connection established\r\n\r\n'), false, ctx);
    expect(ok?.message).toBe('Proxy 10.0.0.5:3128 opened a tunnel to aws.amazon.com:443 in 42 ms');
    const banner = classifyAnswer(Buffer.from('SSH-2.0-OpenSSH_9.2\r\n'), false, ctx);
    expect(banner?.message).toBe('10.0.0.5:3128 is not an HTTP proxy: it answered with something that is not HTTP ("SSH-2.0-OpenSSH_9.2..")');
  });
});

describe('parseHead', () => {
  test('lower-cases names and joins repeated headers', () => {
    expect(parseHead('HTTP/1.1 403 Forbidden\r\nX-Squid-Error: ERR_ACCESS_DENIED 0\r\nVary: a\r\nvary: b')).toEqual({
      status: 403, reason: 'Forbidden', headers: { 'x-squid-error': 'ERR_ACCESS_DENIED 0', vary: 'a, b' },
    });
  });
  test('rejects a status line that is not HTTP/1.x', () => {
    expect(parseHead('ICY 200 OK')).toBeUndefined();
  });
});
