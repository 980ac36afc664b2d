/** TCP helpers for the runner: a free port to listen on, and waiting until something listens. */
import { connect, createServer } from 'node:net';

/** A port the OS considers free on `host` right now (bind to port 0, read it, release it). */
export function findFreePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ host, port: 0, exclusive: true }, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** One TCP connection attempt; true when it was accepted. */
export function canConnect(host: string, port: number, timeoutMs = 200): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Polls until `host:port` accepts a connection. `gaveUp` is asked between attempts so that a
 * process that died while starting ends the wait at once instead of after the timeout.
 */
export async function waitForPort(
  host: string, port: number, timeoutMs: number, gaveUp: () => string | undefined,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await canConnect(host, port)) return;
    const reason = gaveUp();
    if (reason) throw new Error(reason);
    if (Date.now() >= deadline) throw new Error(`nothing listens on ${host}:${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
