/**
 * DispatchTagEvent: target of the tag-change rule. Validates the event and starts reconcile-vpc under
 * a deterministic name, so a duplicated event starts nothing new. Malformed events are logged with
 * the reason and dropped (returning normally, so EventBridge does not retry them into the DLQ).
 */
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { ENV } from './catalog';
import { sfn } from './lib/aws-clients';
import { hasCode, toOperatorError } from './lib/aws/call';
import { logger } from './lib/logger';
import { parseTagEvent } from './lib/tag-event';

export interface DispatchResult {
  started?: string;
  duplicate?: string;
  dropped?: string;
}

export async function handler(event: unknown): Promise<DispatchResult> {
  const parsed = parseTagEvent(event);
  if (!parsed.ok) {
    logger.warn('tag event dropped', { reason: parsed.reason, eventId: (event as { id?: unknown })?.id });
    return { dropped: parsed.reason };
  }
  const stateMachineArn = process.env[ENV.reconcileStateMachineArn];
  if (!stateMachineArn) throw new Error(`${ENV.reconcileStateMachineArn} is not set`);
  logger.appendKeys({ vpcId: parsed.request.vpcId, execution: parsed.name });
  try {
    const out = await sfn.send(new StartExecutionCommand({
      stateMachineArn, name: parsed.name, input: JSON.stringify(parsed.request),
    }));
    logger.info('reconcile started', { executionArn: out.executionArn });
    return { started: out.executionArn };
  } catch (err) {
    if (hasCode(err, 'ExecutionAlreadyExists')) {
      logger.info('duplicate event: this change already has an execution', { name: parsed.name });
      return { duplicate: parsed.name };
    }
    throw toOperatorError(err, 'StartExecution');
  } finally {
    logger.resetKeys();
  }
}
