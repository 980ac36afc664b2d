/**
 * The operator's timing settings for a local cloud: AwaitProvisioning waits the local endpoint's pending
 * time (its SecondsPath Wait runs unscaled, local/sfn/timing.ts, like endpointPendingMs), and the pacing
 * lanes' rate is set for a local cloud whose AWS time runs 1/timeScale as fast as the wall
 * clock. The pacing lanes run in the handlers' (wall-clock) time, so the documented rate per AWS second
 * becomes rate / timeScale per wall second (docs/design.md#workflows, "Pacing"); at scale 0 (no AWS
 * pauses at all) the lanes keep their default.
 */
import { ENV } from '../handlers/catalog';
import { DEFAULT_LANE_LIMITS } from '../handlers/lib/pacing/slot';

export function applyLocalTiming(timeScale: number, endpointPendingMs: number, env: NodeJS.ProcessEnv = process.env): void {
  env[ENV.endpointProvisioningSeconds] = String(Math.round(endpointPendingMs / 1000));
  if (timeScale > 0) env[ENV.rolloutPacingRate] = String(DEFAULT_LANE_LIMITS.ratePerSecond / timeScale);
  else delete env[ENV.rolloutPacingRate];
}
