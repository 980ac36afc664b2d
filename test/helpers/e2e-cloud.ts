/**
 * The local cloud as the end-to-end tests start it: eventual consistency ON by default with a fixed
 * seed (docs/local-cloud.md#eventual-consistency), so every e2e run sees reads that lag writes, as in
 * AWS, and a failure replays. `LOCAL_EVENTUAL_CONSISTENCY=SEED` replays another seed, `=true` draws a
 * new one, `=off` turns it off (for comparison).
 */
import { CONSISTENCY_ENV, parseSeed } from '../../local/consistency';
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from '../../local/cloud';
import { recordConsistencySeed } from './eventually';

/** The seed e2e tests use unless LOCAL_EVENTUAL_CONSISTENCY names another (or turns it off). */
export const E2E_CONSISTENCY_SEED = 1130;

/** The `eventualConsistency` option for an e2e cloud: a seed, or false when the environment turns it off. */
export function e2eConsistency(env: NodeJS.ProcessEnv = process.env): number | false {
  const text = env[CONSISTENCY_ENV];
  if (text === undefined) return E2E_CONSISTENCY_SEED;
  return parseSeed(text) ?? false;
}

/** The `LocalCloudOptions` an e2e test passes, with eventual consistency as above (an explicit option wins). */
export function e2eOptions(opts: LocalCloudOptions = {}): LocalCloudOptions {
  const eventualConsistency = opts.eventualConsistency ?? e2eConsistency();
  recordConsistencySeed(typeof eventualConsistency === 'number' ? eventualConsistency : undefined);
  return { ...opts, eventualConsistency };
}

/** startLocalCloud for an end-to-end test. */
export async function startE2eCloud(opts: LocalCloudOptions = {}): Promise<LocalCloud> {
  const cloud = await startLocalCloud(e2eOptions(opts));
  recordConsistencySeed(cloud.consistency?.seed);
  return cloud;
}
