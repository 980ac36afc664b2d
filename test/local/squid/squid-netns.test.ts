/**
 * Real Squid with the real rendered config, probed with the real probe, inside a private network
 * namespace (loopback only). See scenarios.ts for what runs; this file names and asserts each case.
 */
import type { ProbeResult } from '../../../handlers/lib/probe/types';
import { findSquidBinary } from '../../../local/squid';
import { lastJsonLine, privateNetnsSupport, runInPrivateNetns } from '../../helpers/netns';
import { DENIED_TARGETS, PLAIN_HTTP_CASES } from './scenario-cases';

interface Results {
  testRules: Record<'localTarget' | 'localTargetOtherPort' | 'otherLoopbackAddress', ProbeResult>;
  targetConnections: number;
  denied: Record<string, ProbeResult>;
  publicTarget: ProbeResult;
  plainHttp: Record<string, { status: number; squidError?: string }>;
  foreign: Record<'localTarget' | 'publicTarget', ProbeResult>;
  domains: Record<'ipLiteral' | 'unlistedName', ProbeResult>;
  forwarding: { forwarded: Array<Record<string, string>>; answers: Array<{ status: number; headers: Record<string, string> }> };
  accessLog: string[];
  stop: { ms: number; pidAlive: boolean; afterStop: ProbeResult };
  unreachable: Record<'blackholedProxy' | 'unresolvableProxy', ProbeResult>;
}

const netns = privateNetnsSupport();
const squid = findSquidBinary();
const skipReason = !squid ? 'squid is not installed (apt-get install -y squid)' : !netns.ok ? netns.reason : undefined;

if (skipReason) {
  test.skip(`real-Squid scenarios skipped: ${skipReason}`, () => undefined);
} else {
  describe('real Squid in a private network namespace', () => {
    let results: Results;

    beforeAll(async () => {
      const run = await runInPrivateNetns('test/local/squid/scenarios.ts', {
        // Inside the namespace only: an address that routes to nowhere, for the connect timeout.
        setup: ['ip route add 10.99.0.0/24 dev lo'],
        timeoutMs: 60000,
      });
      if (run.code !== 0) throw new Error(`scenarios failed (exit ${run.code}):\n${run.stderr.slice(-3000)}`);
      results = lastJsonLine<Results>(run.stdout);
    }, 70000);

    describe('test-only rule (local cloud check target)', () => {
      test('CONNECT to the local target allowed by testAllowDestinations → Ok, tunnel reaches the target', () => {
        expect(results.testRules.localTarget).toMatchObject({ outcome: 'Ok', status: 200 });
        expect(results.targetConnections).toBeGreaterThanOrEqual(1);
      });
      test('the bypass opens the address, not other ports on it → Denied', () => {
        expect(results.testRules.localTargetOtherPort).toMatchObject({ outcome: 'Denied', squidError: 'ERR_ACCESS_DENIED' });
      });
      test('the bypass opens only the listed address → Denied', () => {
        expect(results.testRules.otherLoopbackAddress).toMatchObject({ outcome: 'Denied', squidError: 'ERR_ACCESS_DENIED' });
      });
    });

    describe('production rendering (no test rules)', () => {
      test.each(DENIED_TARGETS)('refuses %s (%s) → Denied', (name) => {
        expect(results.denied[name]).toMatchObject({ outcome: 'Denied', status: 403, squidError: 'ERR_ACCESS_DENIED' });
      });
      test('a public address on 443 passes the ACLs, then fails upstream (no route in the namespace) → UpstreamFailed', () => {
        expect(results.publicTarget).toMatchObject({ outcome: 'UpstreamFailed', status: 503, squidError: 'ERR_CONNECT_FAIL' });
      });
      test.each(PLAIN_HTTP_CASES)('plain HTTP: %s (%s) → %s', (name, _url, expected) => {
        const answer = results.plainHttp[name];
        if (expected === 'denied') expect(answer).toMatchObject({ status: 403, squidError: 'ERR_ACCESS_DENIED 0' });
        else expect(answer.status).toBe(503);
      });
      test('access log lines are readable: time, client, method, target, status, verdict, error', () => {
        expect(results.accessLog[0]).toMatch(
          /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4} client=127\.0\.0\.1 CONNECT 169\.254\.169\.254:443 status=403 result=TCP_DENIED\/HIER_NONE upstream=- bytes=\d+ ms=\d+ error=ERR_ACCESS_DENIED$/,
        );
      });
    });

    test('a client outside the allowed sources → Denied, even for an otherwise allowed target', () => {
      expect(results.foreign.localTarget).toMatchObject({ outcome: 'Denied', squidError: 'ERR_ACCESS_DENIED' });
      expect(results.foreign.publicTarget).toMatchObject({ outcome: 'Denied', squidError: 'ERR_ACCESS_DENIED' });
    });

    test('domain allowlist: IP literals and unlisted names → Denied without waiting for DNS', () => {
      expect(results.domains.ipLiteral).toMatchObject({ outcome: 'Denied' });
      expect(results.domains.unlistedName).toMatchObject({ outcome: 'Denied' });
      expect(results.domains.unlistedName.latencyMs).toBeLessThan(1000);
    });

    test('forwards no Via or X-Forwarded-For, caches nothing, adds no cache headers', () => {
      const { forwarded, answers } = results.forwarding;
      // Two requests for a page marked cacheable for an hour: both reach the origin.
      expect(forwarded).toHaveLength(2);
      for (const headers of forwarded) {
        expect(headers).not.toHaveProperty('via');
        expect(headers).not.toHaveProperty('x-forwarded-for');
        expect(JSON.stringify({ ...headers, host: undefined })).not.toContain('127.0.0.1');
      }
      for (const answer of answers) {
        expect(answer.status).toBe(200);
        expect(answer.headers).not.toHaveProperty('via');
        expect(answer.headers).not.toHaveProperty('x-cache');
        expect(answer.headers).not.toHaveProperty('age');
      }
    });

    test('Squid stopped → ProxyUnreachable at once; the process is gone', () => {
      expect(results.stop.pidAlive).toBe(false);
      expect(results.stop.afterStop.outcome).toBe('ProxyUnreachable');
      expect(results.stop.afterStop.latencyMs).toBeLessThan(1000);
      expect(results.stop.ms).toBeLessThan(8000);
    });

    test('a proxy address that drops packets → ProxyUnreachable within the connect timeout', () => {
      const { blackholedProxy } = results.unreachable;
      expect(blackholedProxy.outcome).toBe('ProxyUnreachable');
      expect(blackholedProxy.message).toContain('no TCP connection within 500 ms');
      expect(blackholedProxy.latencyMs).toBeLessThan(1500);
    });

    test('a proxy name that does not resolve → ProxyUnreachable', () => {
      expect(results.unreachable.unresolvableProxy.outcome).toBe('ProxyUnreachable');
    });
  });
}
