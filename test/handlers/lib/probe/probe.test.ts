/**
 * The socket side of the probe against small loopback servers that behave like the things a
 * probe meets: a proxy, a proxy that never answers, a web server, an SSH server, a closed port.
 * Loopback only: nothing here leaves the machine.
 */
import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { probeProxy } from '../../../../handlers/lib/probe';

const servers: Array<{ close(callback: () => void): unknown }> = [];
const sockets: Socket[] = [];

/** A raw TCP server on 127.0.0.1 that runs `onRequest` once the CONNECT head has arrived. */
async function rawServer(onRequest: (socket: Socket, head: string) => void, greet?: (socket: Socket) => void): Promise<number> {
  const server = createServer((socket) => {
    sockets.push(socket);
    greet?.(socket);
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
      if (text.includes('\r\n\r\n')) onRequest(socket, text);
    });
    socket.on('error', () => undefined);
  });
  return listen(server);
}

async function listen(server: Server | ReturnType<typeof createHttpServer>): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

afterAll(async () => {
  sockets.forEach((s) => s.destroy());
  await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
});

const probe = (port: number, extra: { connectTimeoutMs?: number; answerTimeoutMs?: number } = {}) =>
  probeProxy({ host: '127.0.0.1', port, target: 'aws.amazon.com:443', connectTimeoutMs: 1000, answerTimeoutMs: 1000, ...extra });

describe('probeProxy over loopback', () => {
  test('a proxy that opens the tunnel → Ok, and the request is a proper CONNECT', async () => {
    let seen = '';
    const port = await rawServer((socket, head) => {
      seen = head;
      socket.write('HTTP/1.1 200 Connection established\r\n\r\n');
    });
    const result = await probe(port);
    expect(result).toMatchObject({ outcome: 'Ok', status: 200 });
    expect(seen).toMatch(/^CONNECT aws\.amazon\.com:443 HTTP\/1\.1\r\nHost: aws\.amazon\.com:443\r\n/);
  });

  test('Squid-style 403 with the connection kept open → Denied without waiting for close', async () => {
    const port = await rawServer((socket) => {
      socket.write('HTTP/1.1 403 Forbidden\r\nX-Squid-Error: ERR_ACCESS_DENIED 0\r\nContent-Length: 3000\r\n'
        + 'Connection: keep-alive\r\n\r\n<html>');
    });
    const result = await probe(port, { answerTimeoutMs: 5000 });
    expect(result).toMatchObject({ outcome: 'Denied', status: 403, squidError: 'ERR_ACCESS_DENIED' });
    expect(result.latencyMs).toBeLessThan(1000);
  });

  test('an answer split across packets is reassembled', async () => {
    const port = await rawServer((socket) => {
      socket.write('HTTP/1.1 50');
      setTimeout(() => socket.write('3 Service Unavailable\r\nX-Squid-Error: ERR_CONNECT_FAIL 111\r\n'), 20);
      setTimeout(() => socket.write('\r\n'), 40);
    });
    expect(await probe(port)).toMatchObject({ outcome: 'UpstreamFailed', status: 503, squidError: 'ERR_CONNECT_FAIL' });
  });

  test('accepts and never answers → ProxyTimeout after the answer timeout', async () => {
    const port = await rawServer(() => undefined);
    const result = await probe(port, { answerTimeoutMs: 300 });
    expect(result.outcome).toBe('ProxyTimeout');
    expect(result.latencyMs).toBeGreaterThanOrEqual(290);
    expect(result.latencyMs).toBeLessThan(1000);
    expect(result.message).toContain('within 300 ms');
  });

  test('nothing listening → ProxyUnreachable at once', async () => {
    const server = createServer();
    const port = await listen(server);
    await new Promise((r) => server.close(r));
    const result = await probe(port);
    expect(result.outcome).toBe('ProxyUnreachable');
    expect(result.message).toContain('ECONNREFUSED');
    expect(result.latencyMs).toBeLessThan(500);
  });

  test('a plain Node HTTP server (drops CONNECT) → NotAProxy', async () => {
    const port = await listen(createHttpServer((_req, res) => res.end('hello')));
    expect(await probe(port)).toMatchObject({ outcome: 'NotAProxy' });
  });

  test('a web server answering 405 with a page → NotAProxy', async () => {
    const port = await rawServer((socket) => {
      socket.write('HTTP/1.1 405 Method Not Allowed\r\nContent-Type: text/html\r\nContent-Length: 5\r\n\r\nnope!');
    });
    expect(await probe(port)).toMatchObject({ outcome: 'NotAProxy', status: 405 });
  });

  test('an SSH server banner → NotAProxy before any answer to CONNECT', async () => {
    const port = await rawServer(() => undefined, (socket) => socket.write('SSH-2.0-OpenSSH_9.2p1 Debian\r\n'));
    const result = await probe(port, { answerTimeoutMs: 5000 });
    expect(result.outcome).toBe('NotAProxy');
    expect(result.message).toContain('SSH-2.0');
  });

  test('a reset before any answer → ProxyUnreachable', async () => {
    const port = await rawServer((socket) => socket.resetAndDestroy());
    const result = await probe(port);
    expect(result.outcome).toBe('ProxyUnreachable');
    expect(result.message).toContain('ECONNRESET');
  });

  test.each([
    ['target without port', { target: 'aws.amazon.com' }],
    ['target with bad port', { target: 'aws.amazon.com:70000' }],
    ['IPv6 target without brackets', { target: '::1:443' }],
    ['proxy port 0', { port: 0 }],
    ['negative timeout', { answerTimeoutMs: -1 }],
  ])('invalid options throw: %s', (_name, override) => {
    expect(() => probeProxy({ host: '127.0.0.1', port: 3128, target: 'a:443', ...override })).toThrow(/probe/);
  });
});
