/**
 * Real-Squid scenarios, run by squid-netns.test.ts through `unshare -n` (see test/helpers/netns.ts).
 * Prints one JSON line with every result; the jest test asserts them. It refuses to run outside a
 * private namespace because it deliberately asks Squid for internal and public addresses.
 */
import { createServer as createHttpServer, type IncomingHttpHeaders } from 'node:http';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { probeProxy } from '../../../handlers/lib/probe';
import type { ProbeResult } from '../../../handlers/lib/probe/types';
import { startSquid, type RunningSquid } from '../../../local/squid';
import { isIsolatedNetns } from '../../helpers/netns';
import { requestThroughProxy } from './plain-http';
import { DENIED_TARGETS, PLAIN_HTTP_CASES, PUBLIC_IP } from './scenario-cases';

/** Address routed to nowhere by the test's namespace setup (`ip route add 10.99.0.0/24 dev lo`). */
export const BLACKHOLE_PROXY = '10.99.0.2';
const CLIENTS = ['127.0.0.1/32', '::1/128'];

async function main(): Promise<Record<string, unknown>> {
  const openSockets: Socket[] = [];
  let targetConnections = 0;
  // The check target of the local cloud: a TCP server on loopback that accepts and holds.
  const target = createServer((socket) => { targetConnections++; openSockets.push(socket); socket.on('error', () => undefined); });
  const targetPort = await listen(target, 0);
  // An origin web server on port 80, recording what the proxy forwards.
  const forwarded: IncomingHttpHeaders[] = [];
  const web = createHttpServer((req, res) => {
    forwarded.push(req.headers);
    res.writeHead(200, { 'Cache-Control': 'public, max-age=3600', 'Content-Type': 'text/plain' }).end('cacheable');
  });
  await listen(web, 80);

  const [testRules, production, foreign, domains] = await Promise.all([
    startSquid({ sources: CLIENTS, allowPorts: [443, targetPort], testAllowDestinations: ['127.0.0.1/32'] }),
    startSquid({ sources: CLIENTS }),
    startSquid({ sources: ['10.9.9.0/24'], allowPorts: [443, targetPort], testAllowDestinations: ['127.0.0.1/32'] }),
    startSquid({ sources: CLIENTS, allowDomains: ['aws.amazon.com', '.amazonaws.com'] }),
  ]);
  const probe = (squid: RunningSquid, to: string, connectTimeoutMs = 1000) =>
    probeProxy({ host: squid.host, port: squid.port, target: to, connectTimeoutMs, answerTimeoutMs: 5000 });
  const all = async <T>(entries: Array<[string, Promise<T>]>) =>
    Object.fromEntries(await Promise.all(entries.map(async ([k, p]) => [k, await p] as const)));

  const results: Record<string, unknown> = {};
  results.testRules = await all([
    ['localTarget', probe(testRules, `127.0.0.1:${targetPort}`)],
    ['localTargetOtherPort', probe(testRules, '127.0.0.1:22')],
    ['otherLoopbackAddress', probe(testRules, `127.0.0.2:${targetPort}`)],
  ]);
  results.denied = await all(DENIED_TARGETS.map(([name, to]) => [name, probe(production, to)]));
  results.publicTarget = await probe(production, `${PUBLIC_IP}:443`);
  results.plainHttp = await all(PLAIN_HTTP_CASES.map(([name, url]) => [name, requestThroughProxy(production, url)
    .then((a) => ({ status: a.status, squidError: a.headers['x-squid-error'] }))]));
  results.foreign = await all([
    ['localTarget', probe(foreign, `127.0.0.1:${targetPort}`)],
    ['publicTarget', probe(foreign, `${PUBLIC_IP}:443`)],
  ]);
  results.domains = await all([
    ['ipLiteral', probe(domains, `${PUBLIC_IP}:443`)],
    ['unlistedName', probe(domains, 'evil.example.net:443')],
  ]);
  // Twice the same cacheable page: with no cache, both reach the origin.
  const answers = [];
  for (let i = 0; i < 2; i++) answers.push(await requestThroughProxy(testRules, 'http://127.0.0.1/page', { 'X-Forwarded-For': '10.1.2.3' }));
  results.forwarding = { forwarded, answers: answers.map((a) => ({ status: a.status, headers: a.headers, body: a.body })) };
  results.accessLog = await readLog(production);
  // Read late: the target's accept callback may run after the probe has its 200.
  results.targetConnections = targetConnections;

  const stopStarted = Date.now();
  await production.stop();
  results.stop = { ms: Date.now() - stopStarted, pidAlive: alive(production.pid), afterStop: await probe(production, `${PUBLIC_IP}:443`) };
  results.unreachable = await all<ProbeResult>([
    ['blackholedProxy', probeProxy({ host: BLACKHOLE_PROXY, port: 3128, target: 'aws.amazon.com:443', connectTimeoutMs: 500 })],
    ['unresolvableProxy', probeProxy({ host: 'no-such-proxy.invalid', port: 3128, target: 'aws.amazon.com:443', connectTimeoutMs: 3000 })],
  ]);

  await Promise.all([testRules, foreign, domains].map((s) => s.stop({ graceful: false })));
  openSockets.forEach((s) => s.destroy());
  await Promise.all([target, web].map((s) => new Promise((r) => s.close(r))));
  return results;
}

function listen(server: Server | ReturnType<typeof createHttpServer>, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

async function readLog(squid: RunningSquid): Promise<string[]> {
  const { readFileSync } = await import('node:fs');
  // Squid writes its access log line by line; give it a moment to flush the last requests.
  await new Promise((r) => setTimeout(r, 200));
  return readFileSync(squid.accessLogPath, 'utf8').trim().split('\n').filter((l) => !l.includes('transaction-end-before-headers'));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

if (!isIsolatedNetns()) {
  console.error('scenarios.ts: refusing to run outside a private network namespace (run it through test/helpers/netns.ts)');
  process.exit(2);
}
main().then(
  (results) => { process.stdout.write(`${JSON.stringify(results)}\n`); process.exit(0); },
  (err) => { console.error(err); process.exit(1); },
);
