/**
 * DispatchTagEvent: target of the tag-change rule. Validates the event and starts reconcile-vpc under
 * a deterministic name, so a duplicated event starts nothing new. Malformed events are logged with
 * the reason and dropped (returning normally, so EventBridge does not retry them into the DLQ).
 */
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { ENV, WORKFLOWS } from './catalog';
import { sfn } from './lib/aws-clients';
import { hasCode, toOperatorError } from './lib/aws/call';
import { awsErrorCode } from './lib/aws/classify';
import { AwsThrottled } from './lib/errors';
import { logger } from './lib/logger';
import { parseTagEvent } from './lib/tag-event';

/**
 * StartExecution's "too many running executions": the SDK names it `ExecutionLimitExceeded`; other
 * SDKs and the Step Functions service integration spell it `…Exception`. Both are matched.
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html
 */
export const EXECUTION_LIMIT_CODES = ['ExecutionLimitExceeded', 'ExecutionLimitExceededException'];

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
    if (hasCode(err, ...EXECUTION_LIMIT_CODES)) {
      // Too many running executions is a throttle: Lambda retries this event, and should those retries
      // fail too the fleet sweep still sees the changed spec as drift (docs/design.md#errors).
      throw new AwsThrottled(`StartExecution: ${awsErrorCode(err)}: too many running executions of ${WORKFLOWS.reconcileVpc}; the event is retried and the sweep reconciles ${parsed.request.vpcId} if it is lost`);
    }
    throw toOperatorError(err, 'StartExecution');
  } finally {
    logger.resetKeys();
  }
}
