/**
 * Seconds settings of the functions' environment (handlers/catalog.ts, ENV), all read one way: unset or
 * blank gives the default; anything else must be a number of seconds in range, or the step fails with
 * InvalidSetting naming the variable and the value. A value mistyped by hand never silently becomes the
 * default: a sweep period of "1h" read as 900 s would make an hourly sweep's fleet snapshot look stale
 * for half of every hour, and every DetectOverlaps then read the whole fleet.
 */
import { ENV } from '../catalog';
import { InvalidSetting } from './errors';
import { DEFAULT_SWEEP_PERIOD_MS } from './plan/status';

/** The sweep period the functions assume when FLEET_SWEEP_INTERVAL_SECONDS is unset (the stack's default rate). */
export const DEFAULT_SWEEP_INTERVAL_SECONDS = DEFAULT_SWEEP_PERIOD_MS / 1000;

/**
 * `name` in seconds: `fallback` when unset or blank; `least` 0 admits 0 (e.g. "keep none"), 'positive'
 * does not. Fractions are kept; callers round where whole seconds are needed.
 */
export function secondsSetting(raw: string | undefined, name: string, fallback: number, least: 0 | 'positive'): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0 || (least === 'positive' && seconds === 0)) {
    const wanted = least === 0 ? '0 or a positive number of seconds' : 'a positive number of seconds';
    throw new InvalidSetting(`${name} must be ${wanted}, got ${JSON.stringify(raw)}`);
  }
  return seconds;
}

/** FLEET_SWEEP_INTERVAL_SECONDS: the sweep schedule's period, which the stack derives from it (infra/sweep-schedule.ts). */
export function sweepIntervalSeconds(env: NodeJS.ProcessEnv = process.env): number {
  return secondsSetting(env[ENV.sweepIntervalSeconds], ENV.sweepIntervalSeconds, DEFAULT_SWEEP_INTERVAL_SECONDS, 'positive');
}
