/**
 * The Squid runner on loopback: start, readiness, a tunnel to a loopback target (the local
 * cloud's setup), stop by PID, and the errors people see. Only 127.0.0.1 is ever contacted here.
 */
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { probeProxy } from '../../../handlers/lib/probe';
import { findSquidBinary, SquidNotInstalledError, startSquid, type RunningSquid } from '../../../local/squid';
import { canConnect } from '../../../local/squid/ports';
import { squidUser } from '../../../local/squid/run-dir';

const squidBinary = findSquidBinary();

describe('Squid runner errors', () => {
  test('squid not installed → SquidNotInstalledError saying how to install it', async () => {
    const start = startSquid({ sources: ['127.0.0.1/32'], squidBinary: '/nonexistent/sbin/squid' });
    await expect(start).rejects.toBeInstanceOf(SquidNotInstalledError);
    await expect(start).rejects.toThrow(/Squid is not installed: no executable 'squid' in \/nonexistent\/sbin\/squid\. Install it with `apt-get install -y squid`/);
  });

  test('a squid that dies while starting → error with its output, without waiting for the timeout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fake-squid-'));
    const fake = join(dir, 'squid');
    writeFileSync(fake, '#!/bin/sh\necho "FATAL: Bungled squid.conf line 1" >&2\nexit 1\n');
    chmodSync(fake, 0o755);
    const started = Date.now();
    try {
      await expect(startSquid({ sources: ['127.0.0.1/32'], squidBinary: fake, readyTimeoutMs: 10000 }))
        .rejects.toThrow(/Squid did not start on 127\.0\.0\.1:\d+: squid stopped while starting \(exit code 1\)\nFATAL: Bungled/);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('invalid options are refused before anything starts, installed or not (the binary is looked up after)', async () => {
    await expect(startSquid({ sources: ['not-a-cidr'] })).rejects.toThrow(/source: 'not-a-cidr'/);
    await expect(startSquid({ sources: ['not-a-cidr'], squidBinary: '/nonexistent/sbin/squid' })).rejects.toThrow(/source: 'not-a-cidr'/);
  });

  test('EGRESS_HIDE_SQUID=1 hides an installed Squid: the lookup finds nothing and says why', async () => {
    const saved = process.env.EGRESS_HIDE_SQUID;
    process.env.EGRESS_HIDE_SQUID = '1';
    try {
      expect(findSquidBinary()).toBeUndefined();
      await expect(startSquid({ sources: ['127.0.0.1/32'] })).rejects.toThrow(/no executable 'squid' in nowhere \(EGRESS_HIDE_SQUID=1 hides it\)/);
    } finally {
      if (saved === undefined) delete process.env.EGRESS_HIDE_SQUID;
      else process.env.EGRESS_HIDE_SQUID = saved;
    }
  });
});

(squidBinary ? describe : describe.skip)(`Squid runner with real Squid (${squidBinary ?? 'skipped: Squid is not installed — apt-get install -y squid'})`, () => {
  let squid: RunningSquid;
  let targetPort: number;
  const held: Socket[] = [];
  const target = createServer((socket) => held.push(socket));

  beforeAll(async () => {
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    targetPort = (target.address() as AddressInfo).port;
    squid = await startSquid({
      sources: ['127.0.0.1/32'], allowPorts: [443, targetPort], testAllowDestinations: ['127.0.0.1/32'], keepRunDir: false,
    });
  });

  afterAll(async () => {
    await squid?.stop({ graceful: false });
    held.forEach((s) => s.destroy());
    await new Promise((r) => target.close(r));
  });

  test('listens on loopback only, in a fresh run directory owned by the Squid user', () => {
    expect(squid.host).toBe('127.0.0.1');
    expect(squid.pid).toBeGreaterThan(0);
    expect(existsSync(squid.configPath)).toBe(true);
    expect(existsSync(join(squid.runDir, 'squid.pid'))).toBe(true);
    const owner = squidUser();
    if (process.getuid?.() === 0 && owner) expect(statSync(squid.runDir).uid).toBe(owner.uid);
  });

  test('the local cloud setup: CONNECT to a loopback check target → Ok', async () => {
    const result = await probeProxy({ host: squid.host, port: squid.port, target: `127.0.0.1:${targetPort}` });
    expect(result).toMatchObject({ outcome: 'Ok', status: 200 });
  });

  test('stop ends the process group, frees the port and removes the run directory; twice is harmless', async () => {
    const other = await startSquid({ sources: ['127.0.0.1/32'] });
    await other.stop();
    await other.stop();
    expect(() => process.kill(-other.pid, 0)).toThrow();
    expect(await canConnect(other.host, other.port)).toBe(false);
    expect(existsSync(other.runDir)).toBe(false);
    const result = await probeProxy({ host: other.host, port: other.port, target: 'aws.amazon.com:443', connectTimeoutMs: 500 });
    expect(result.outcome).toBe('ProxyUnreachable');
  }, 15000);

  test('keepRunDir leaves the logs for debugging', async () => {
    const kept = await startSquid({ sources: ['127.0.0.1/32'], keepRunDir: true });
    await kept.stop({ graceful: false });
    try {
      expect(existsSync(kept.cacheLogPath)).toBe(true);
    } finally {
      rmSync(kept.runDir, { recursive: true, force: true });
    }
  });
});
