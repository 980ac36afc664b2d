/**
 * The proxy behind the local hub's resource configuration: real Squid (rendered from the one
 * template in infra/squid/) when it is installed, otherwise a stand-in CONNECT proxy from the
 * `proxy` npm package — said clearly, since the stand-in has none of Squid's hardening.
 * stop()/start() keep the port, so tests can take the proxy down and bring it back.
 */
import http from 'node:http';
import type net from 'node:net';
import { createProxy } from 'proxy';
import { findSquidBinary } from './squid/binary';
import { findFreePort } from './squid/ports';
import { startSquid, type RunningSquid } from './squid/runner';

export type ProxyKind = 'squid' | 'stand-in';

export interface LocalProxy {
  kind: ProxyKind;
  host: string;
  port: number;
  running: boolean;
  /** Why this kind was chosen (shown by the demo). */
  note: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface LocalProxyOptions {
  prefer: 'auto' | ProxyKind;
  /** The check target the proxy must let through (loopback is otherwise denied by the Squid template). */
  checkTarget: { host: string; port: number };
}

export async function createLocalProxy(opts: LocalProxyOptions): Promise<LocalProxy> {
  const squidBinary = findSquidBinary();
  if (opts.prefer === 'squid' && !squidBinary) {
    throw new Error('Squid was asked for (--proxy squid) but is not installed: apt-get install -y squid, or use --proxy auto or stand-in');
  }
  const kind: ProxyKind = opts.prefer === 'stand-in' || !squidBinary ? 'stand-in' : 'squid';
  const host = '127.0.0.1';
  const port = await findFreePort(host);
  let squid: RunningSquid | undefined;
  let standIn: http.Server | undefined;
  const sockets = new Set<net.Socket>();

  const proxy: LocalProxy = {
    kind,
    host,
    port,
    running: false,
    note: kind === 'squid'
      ? `real Squid (${squidBinary}) with the hub's hardened config, plus a local-only rule for the check target`
      : `stand-in CONNECT proxy (npm "proxy"): ${squidBinary ? 'asked for' : 'squid is not installed (apt-get install -y squid for the real one)'}`,
    async start() {
      if (proxy.running) return;
      if (kind === 'squid') {
        squid = await startSquid({
          port,
          listenAddress: host,
          sources: ['127.0.0.1/32'],
          allowPorts: [443, opts.checkTarget.port],
          testAllowDestinations: [`${opts.checkTarget.host}/32`],
        });
      } else {
        standIn = createProxy(http.createServer());
        standIn.on('connection', (s: net.Socket) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
        await new Promise<void>((resolve, reject) => {
          standIn!.once('error', reject);
          standIn!.listen(port, host, () => resolve());
        });
      }
      proxy.running = true;
    },
    async stop() {
      if (!proxy.running) return;
      proxy.running = false;
      if (squid) await squid.stop();
      if (standIn) {
        for (const s of sockets) s.destroy();
        await new Promise<void>((resolve) => standIn!.close(() => resolve()));
      }
      squid = undefined;
      standIn = undefined;
    },
  };
  await proxy.start();
  return proxy;
}
