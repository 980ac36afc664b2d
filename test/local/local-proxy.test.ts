/** The proxy behind the local hub: real Squid when installed, else the stand-in; both let the check through. */
import { probeProxy } from '../../handlers/lib/probe';
import { startCheckTarget, type CheckTarget } from '../../local/check-target';
import { createLocalProxy } from '../../local/local-proxy';
import { findSquidBinary } from '../../local/squid/binary';

let target: CheckTarget;
beforeAll(async () => { target = await startCheckTarget(); });
afterAll(async () => { await target.close(); });

const kinds = findSquidBinary() ? (['stand-in', 'squid'] as const) : (['stand-in'] as const);
if (!findSquidBinary()) it.skip('squid: skipped, Squid is not installed (apt-get install -y squid)', () => undefined);

it.each(kinds)('%s: CONNECT to the check target is Ok; stopped → ProxyUnreachable; started again → Ok', async (kind) => {
  const proxy = await createLocalProxy({ prefer: kind, checkTarget: target });
  try {
    expect(proxy.kind).toBe(kind);
    const check = () => probeProxy({ host: proxy.host, port: proxy.port, target: `${target.host}:${target.port}`, connectTimeoutMs: 1000, answerTimeoutMs: 3000 });
    expect((await check()).outcome).toBe('Ok');
    await proxy.stop();
    expect((await check()).outcome).toBe('ProxyUnreachable');
    await proxy.start();
    expect((await check()).outcome).toBe('Ok');
  } finally {
    await proxy.stop();
  }
});

it('the stand-in says plainly that it is not Squid', async () => {
  const proxy = await createLocalProxy({ prefer: 'stand-in', checkTarget: target });
  expect(proxy.note).toMatch(/^stand-in CONNECT proxy \(npm "proxy"\)/);
  await proxy.stop();
});
