/**
 * The fleet sweep's schedule, checked when the config loads rather than when CloudFormation refuses it,
 * and the sweep period the functions are given (FLEET_SWEEP_INTERVAL_SECONDS): how old a fleet snapshot
 * may be, and how long a Ready status stays fresh, are counted in sweep periods
 * (docs/design.md#tag-contract). A rate() gives the period; a cron() does not, so the config then names
 * it (fleetSweepIntervalSeconds): left to the functions' default of 15 minutes, an hourly sweep's
 * snapshot would look stale for half of each hour and every DetectOverlaps would read the whole fleet.
 */

export type SweepSchedule = { kind: 'rate'; seconds: number } | { kind: 'cron' } | { kind: 'invalid'; problem: string };

const UNIT_SECONDS: Record<string, number> = { minute: 60, hour: 3600, day: 86400 };

/**
 * EventBridge's rule syntax: rate(value unit), value a positive integer, unit singular for 1 and plural
 * otherwise (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rate-expressions.html); or
 * cron(fields), six of them (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html),
 * whose fields EventBridge checks itself.
 */
export function parseSweepSchedule(expression: string): SweepSchedule {
  const text = expression.trim();
  const rate = /^rate\((\d+) (minute|hour|day)(s?)\)$/.exec(text);
  if (rate) {
    const value = Number(rate[1]);
    if (value < 1) return { kind: 'invalid', problem: `'${text}': the value must be a positive integer` };
    if ((value === 1) !== (rate[3] === '')) {
      return { kind: 'invalid', problem: `'${text}': EventBridge wants the unit singular for 1 and plural otherwise, e.g. rate(1 hour), rate(5 hours)` };
    }
    return { kind: 'rate', seconds: value * UNIT_SECONDS[rate[2]] };
  }
  const cron = /^cron\((.*)\)$/.exec(text);
  if (cron) {
    const fields = cron[1].trim().split(/\s+/).filter(Boolean).length;
    return fields === 6 ? { kind: 'cron' } : { kind: 'invalid', problem: `'${text}': a cron() schedule has six fields (minutes hours day-of-month month day-of-week year), this one ${fields}` };
  }
  return { kind: 'invalid', problem: `'${text}' is not an EventBridge schedule: use rate(15 minutes), rate(1 hour), … or cron(0 * * * ? *)` };
}

/** The sweep period the functions get: the rate's, or the one the config names for a cron() schedule. */
export function sweepIntervalSeconds(config: { fleetSweepSchedule: string; fleetSweepIntervalSeconds?: number }): number | undefined {
  const schedule = parseSweepSchedule(config.fleetSweepSchedule);
  return schedule.kind === 'rate' ? schedule.seconds : config.fleetSweepIntervalSeconds;
}
