/**
 * Pacing settings from the environment. `ROLLOUT_PACING=off` turns pacing off (the benchmark's
 * baseline); `ROLLOUT_PACING_RATE` and `ROLLOUT_PACING_BURST` override the lane limits, e.g. for an
 * account whose EC2 rate limits were raised, or for the local cloud, whose AWS time runs faster.
 */
import { ENV } from '../../catalog';
import { InvalidSetting } from '../errors';
import { assertLaneLimits, DEFAULT_LANE_LIMITS, type LaneLimits } from './slot';

export type PacingConfig = { enabled: false } | { enabled: true; limits: LaneLimits };

export function pacingFromEnv(env: Record<string, string | undefined> = process.env): PacingConfig {
  const mode = env[ENV.rolloutPacing]?.trim().toLowerCase();
  if (mode === 'off') return { enabled: false };
  if (mode && mode !== 'on') throw new InvalidSetting(`${ENV.rolloutPacing} must be 'on' or 'off', got '${env[ENV.rolloutPacing]}'`);
  const limits: LaneLimits = {
    ratePerSecond: numberOr(env, ENV.rolloutPacingRate, DEFAULT_LANE_LIMITS.ratePerSecond),
    burst: numberOr(env, ENV.rolloutPacingBurst, DEFAULT_LANE_LIMITS.burst),
  };
  try {
    assertLaneLimits(limits);
  } catch (err) {
    throw new InvalidSetting(`${ENV.rolloutPacingRate}/${ENV.rolloutPacingBurst}: ${(err as Error).message}`);
  }
  return { enabled: true, limits };
}

function numberOr(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new InvalidSetting(`${name} must be a number, got '${raw}'`);
  return n;
}
