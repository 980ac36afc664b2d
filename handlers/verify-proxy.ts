/**
 * VerifyProxy: a real HTTP CONNECT through Squid (at the address the resource configuration names)
 * to a check target. Runs in the hub VPC in AWS. The probe's outcome becomes the status reason.
 */
import { ENV } from './catalog';
import { ProxyCheckFailed } from './lib/errors';
import { probeProxy } from './lib/probe';
import { step } from './lib/step';
import type { Observed } from './lib/workflow-state';

const DEFAULT_TARGET = 'aws.amazon.com:443';

export const handler = step('VerifyProxy', async ({ state }) => {
  if (state.dryRun) return { outcome: 'Skipped', latencyMs: 0, message: 'dry run: no probe' };
  const hub = (state.observed as Observed).hub!;
  const target = process.env[ENV.proxyCheckTarget] || DEFAULT_TARGET;
  const result = await probeProxy({ host: hub.proxyHost, port: hub.proxyPort, target, connectTimeoutMs: 3000, answerTimeoutMs: 12000 });
  if (result.outcome !== 'Ok') throw new ProxyCheckFailed(`${result.outcome}: ${result.message}`);
  return { outcome: result.outcome, latencyMs: result.latencyMs, message: result.message };
});
