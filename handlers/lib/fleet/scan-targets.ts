/**
 * The sweep survives partial failure: each fleet target (account and Region) is read on its own; a
 * target whose reads still fail after the SDK's retries is skipped and reported — an
 * `Egress Fleet Target Skipped` event and a CloudWatch metric (Embedded Metric Format log line) —
 * while every other target is swept. Only when no target can be read does the sweep fail (and the
 * workflow's Retry takes it). docs/design.md#workflows
 */
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { ENV } from '../../catalog';
import { events } from '../aws-clients';
import { toOperatorError } from '../aws/call';
import type { FleetSnapshot } from '../drift/types';
import { STATUS_EVENT_SOURCE } from '../event-patterns';
import { logger } from '../logger';
import type { FleetTarget } from './targets';

export const TARGET_SKIPPED_DETAIL_TYPE = 'Egress Fleet Target Skipped';
/** CloudWatch namespace and metric of skipped targets (dimensions: Account, Region). */
export const METRIC_NAMESPACE = 'EgressOperator';
export const SKIPPED_METRIC = 'FleetTargetsSkipped';

export interface SkippedTarget extends FleetTarget {
  /** The named operator error (AwsTransient, AccessDenied, …). */
  error: string;
  message: string;
}

export interface TargetScans<S = FleetSnapshot> { snapshots: S[]; skipped: SkippedTarget[] }

/**
 * Reads the targets one after another (each target's own reads run in parallel), so one slow or
 * failing account cannot starve the others of the SDK's retries.
 */
export async function scanTargets<S = FleetSnapshot>(targets: FleetTarget[], scan: (t: FleetTarget) => Promise<S>): Promise<TargetScans<S>> {
  const out: TargetScans<S> = { snapshots: [], skipped: [] };
  let firstError: unknown;
  for (const target of targets) {
    try {
      out.snapshots.push(await scan(target));
    } catch (err) {
      firstError ??= err;
      const named = toOperatorError(err, `scan ${target.account}:${target.region}`);
      out.skipped.push({ ...target, error: named.name, message: named.message.slice(0, 400) });
    }
  }
  if (!out.snapshots.length && firstError !== undefined) throw firstError;
  return out;
}

/** One metric line and one event per skipped target; a rejected event is logged, not fatal. */
export async function reportSkipped(skipped: SkippedTarget[], execution: string): Promise<void> {
  if (!skipped.length) return;
  for (const s of skipped) {
    // Embedded Metric Format by hand: Powertools Metrics is not a dependency, and EMF is one JSON line.
    logger.warn('fleet target skipped', {
      _aws: {
        Timestamp: Date.now(),
        CloudWatchMetrics: [{ Namespace: METRIC_NAMESPACE, Dimensions: [['Account', 'Region']], Metrics: [{ Name: SKIPPED_METRIC, Unit: 'Count' }] }],
      },
      Account: s.account, Region: s.region, [SKIPPED_METRIC]: 1, error: s.error, reason: s.message,
    });
  }
  const Entries = skipped.slice(0, 10).map((s) => ({
    Source: STATUS_EVENT_SOURCE,
    DetailType: TARGET_SKIPPED_DETAIL_TYPE,
    Detail: JSON.stringify({ account: s.account, region: s.region, error: s.error, reason: s.message, execution }),
    EventBusName: process.env[ENV.statusEventBusName] || undefined,
  }));
  try {
    const result = await events.send(new PutEventsCommand({ Entries }));
    if (result.FailedEntryCount) logger.warn('fleet target events rejected', { failed: result.FailedEntryCount });
  } catch (err) {
    logger.warn('fleet target events not sent', { error: toOperatorError(err, 'PutEvents').message });
  }
}
