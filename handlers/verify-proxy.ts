/**
 * VerifyProxy: a real HTTP CONNECT through Squid (at the address the resource configuration names)
 * to a check target. Runs in the hub VPC in AWS. The probe's outcome becomes the status reason.
 */
import { ProxyCheckFailed } from './lib/errors';
import { probeReason } from './lib/plan/reasons';
import { checkProxy } from './lib/proxy-check';
import { step } from './lib/step';

export const handler = step('VerifyProxy', async ({ state }) => {
  if (state.dryRun) return { outcome: 'Skipped', latencyMs: 0, message: 'dry run: no probe' };
  const hub = state.observed!.hub!;
  const result = await checkProxy(hub.proxyHost, hub.proxyPort);
  if (result.outcome !== 'Ok') throw new ProxyCheckFailed(probeReason(result));
  return { outcome: result.outcome, latencyMs: result.latencyMs, message: result.message };
});
