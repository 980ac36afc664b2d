/**
 * DispatchTagEvent: target of the tag-change rule. Validates the event and starts reconcile-vpc under
 * a deterministic name, so a duplicated event starts nothing new. Malformed events are logged with
 * the reason and dropped (returning normally, so EventBridge does not retry them into the DLQ).
 * A reconcile that will create (or delete) an endpoint gets a slot in its account's pacing lane and,
 * when that slot is later than now, `notBefore`: the workflow waits in `Pace` until then
 * (docs/design.md#workflows, "Pacing"). Reserved concurrency 1 makes this module the lanes' only writer.
 */
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { ENV, WORKFLOWS } from './catalog';
import { sfn } from './lib/aws-clients';
import { hasCode, toOperatorError } from './lib/aws/call';
import { awsErrorCode } from './lib/aws/classify';
import { AwsThrottled } from './lib/errors';
import { now } from './lib/clock';
import { logger } from './lib/logger';
import { laneActionForTags, laneKey, notBeforeOf, pacingFromEnv, PacingLanes } from './lib/pacing';
import { parseTagEvent } from './lib/tag-event';
import type { TagMap } from './lib/tags';

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
  /** The paced start's slot (ISO 8601), when later than the dispatch. */
  notBefore?: string;
}

/** The pacing lanes of this environment (module scope: kept while Lambda reuses the environment). */
let lanes: { key: string; book: PacingLanes } | undefined;

/**
 * `notBefore` for this reconcile, or undefined when it goes at once (unpaced action, idle lane, pacing
 * off); `giveBack` returns the slot when the start fails, so a refused or duplicate start does not push
 * the account's later runs back (its retry, if any, takes a slot of its own).
 */
function slotFor(request: { account: string; region: string }, tags: TagMap): { notBefore?: string; giveBack(): void } {
  const config = pacingFromEnv();
  const action = laneActionForTags(tags);
  if (!config.enabled || !action) return { giveBack: () => {} };
  const limitsKey = `${config.limits.ratePerSecond}/${config.limits.burst}`;
  if (lanes?.key !== limitsKey) lanes = { key: limitsKey, book: new PacingLanes(config.limits) };
  const { book } = lanes;
  const key = laneKey(request, action);
  const t = now().getTime();
  return { notBefore: notBeforeOf(book.take(key, t), t), giveBack: () => { book.giveBack(key); } };
}

export async function handler(event: unknown): Promise<DispatchResult> {
  const parsed = parseTagEvent(event);
  if (!parsed.ok) {
    logger.warn('tag event dropped', { reason: parsed.reason, eventId: (event as { id?: unknown })?.id });
    return { dropped: parsed.reason };
  }
  const stateMachineArn = process.env[ENV.reconcileStateMachineArn];
  if (!stateMachineArn) throw new Error(`${ENV.reconcileStateMachineArn} is not set`);
  // Validated by parseTagEvent: a `detail.tags` map is present.
  const slot = slotFor(parsed.request, (event as { detail: { tags: TagMap } }).detail.tags);
  const { notBefore } = slot;
  logger.appendKeys({ vpcId: parsed.request.vpcId, execution: parsed.name });
  try {
    const out = await sfn.send(new StartExecutionCommand({
      stateMachineArn, name: parsed.name, input: JSON.stringify({ ...parsed.request, ...(notBefore ? { notBefore } : {}) }),
    }));
    logger.info('reconcile started', { executionArn: out.executionArn, ...(notBefore ? { notBefore } : {}) });
    return { started: out.executionArn, ...(notBefore ? { notBefore } : {}) };
  } catch (err) {
    // Nothing started (or, after a lost response, it started with this slot: one more run in the slot
    // is what the lane's spare tokens absorb, see handlers/lib/pacing/slot.ts).
    slot.giveBack();
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
