/**
 * One HTTP CONNECT through a proxy, classified. Two clocks: one for getting a TCP connection to
 * the proxy (unreachable), one for its answer once connected (timeout). The socket is destroyed
 * as soon as the answer's headers are judged: Squid keeps the connection open after an error
 * page, and a 200 opens a tunnel we have no use for.
 */
import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { classifyAnswer } from './answer';
import { describeSocketError } from './socket-errors';
import { formatHostPort, parseTarget } from './target';
import {
  DEFAULT_ANSWER_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT_MS, type ProbeOptions, type ProbeResult,
} from './types';

/** Never rejects for network outcomes; throws only for invalid options. */
export function probeProxy(opts: ProbeOptions): Promise<ProbeResult> {
  const target = parseTarget(opts.target);
  const connectTimeoutMs = positive(opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS, 'connectTimeoutMs');
  const answerTimeoutMs = positive(opts.answerTimeoutMs ?? DEFAULT_ANSWER_TIMEOUT_MS, 'answerTimeoutMs');
  if (!opts.host || !Number.isInteger(opts.port) || opts.port < 1 || opts.port > 65535) {
    throw new Error(`probe: proxy '${opts.host}:${opts.port}' is not host and TCP port`);
  }
  const proxy = formatHostPort(opts.host, opts.port);
  const request = `CONNECT ${target.authority} HTTP/1.1\r\nHost: ${target.authority}\r\n`
    + 'User-Agent: egress-operator-probe\r\n\r\n';

  return new Promise((resolve) => {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    let connected = false;
    let received = Buffer.alloc(0);
    let settled = false;
    let socket: Socket;

    const finish = (result: ProbeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const judge = (ended: boolean) => {
      const verdict = classifyAnswer(received, ended, { proxy, target: target.authority, latencyMs: elapsed() });
      if (verdict) finish(verdict);
    };
    const unreachable = (why: string): ProbeResult => ({
      outcome: 'ProxyUnreachable', latencyMs: elapsed(), message: `Cannot connect to proxy ${proxy}: ${why}`,
    });

    let timer = setTimeout(() => finish(unreachable(`no TCP connection within ${connectTimeoutMs} ms`)), connectTimeoutMs);
    socket = connect({ host: opts.host, port: opts.port });
    socket.setNoDelay(true);
    socket.once('connect', () => {
      connected = true;
      clearTimeout(timer);
      timer = setTimeout(() => finish({
        outcome: 'ProxyTimeout',
        latencyMs: elapsed(),
        message: `Proxy ${proxy} accepted the connection but did not answer CONNECT ${target.authority} within ${answerTimeoutMs} ms`,
      }), answerTimeoutMs);
      socket.write(request);
    });
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      judge(false);
    });
    socket.once('end', () => judge(true));
    socket.once('error', (err) => {
      // A reset after some bytes is judged on those bytes; otherwise the proxy is not usable.
      if (connected && received.length > 0) judge(true);
      finish(unreachable(connected ? `${describeSocketError(err)} before it answered` : describeSocketError(err)));
    });
    socket.once('close', () => judge(true));
  });
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new Error(`probe: ${name} must be a positive number, got ${value}`);
  return value;
}
