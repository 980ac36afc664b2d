/**
 * MarkProxyHealth: applies the sweep's status marks in bulk — Ready → Degraded while Squid is down,
 * Degraded → Ready when it answers again, Ready/Degraded → Error while the hub's resource configuration
 * is gone — with one status event per VPC that changed state (PutEvents, 10 per call).
 */
import { z } from 'zod';
import { ec2For } from './lib/aws-clients';
import { applyMark } from './lib/aws/fleet-marks';
import { publishStatusEvents } from './lib/aws/status-events';
import type { StatusMark } from './lib/fleet/plan';
import { fleetTask } from './lib/fleet/task';
import { logger } from './lib/logger';
import { STATES, TAG_VALUE_MAX } from './lib/tags';

const markSchema = z.object({
  account: z.string(),
  region: z.string().min(1),
  to: z.enum(['Ready', 'Degraded', 'Error']),
  reason: z.string().min(1).max(TAG_VALUE_MAX),
  fromStates: z.array(z.enum(STATES)).min(1),
  fromReasons: z.array(z.string().min(1)).optional(),
  requireAddress: z.boolean().optional(),
  exclude: z.array(z.string()),
  seen: z.number().int().nonnegative(),
});

const inputSchema = z.object({ execution: z.string().min(1), marks: z.array(markSchema) });

export const handler = fleetTask('MarkProxyHealth', inputSchema, async ({ execution, marks }) => {
  let marked = 0;
  let events = 0;
  let failedEvents = 0;
  for (const mark of marks satisfies StatusMark[]) {
    const result = await applyMark(ec2For(mark), mark, execution);
    marked += result.marked.length;
    events += result.events.length;
    failedEvents += (await publishStatusEvents(result.events)).failed;
    logger.info('status mark applied', { to: mark.to, reason: mark.reason, seen: mark.seen, marked: result.marked.length });
  }
  if (failedEvents) logger.warn('status events rejected by EventBridge', { failedEvents });
  return { marked, events, failedEvents };
});
