/**
 * PublishStatus: the end of every path. Decides the status (pure), writes the diff of the VPC's status
 * tags, and publishes a status event when the state changed.
 */
import { ec2For } from './lib/aws-clients';
import { VpcGone } from './lib/errors';
import { decideStatus } from './lib/status';
import { publishStatusEvent } from './lib/status-event';
import { writeStatus } from './lib/status-writer';
import { step } from './lib/step';
import { STATUS_KEYS } from './lib/tags';

export const handler = step('PublishStatus', async ({ state, execution }) => {
  const decision = decideStatus(state);
  let write;
  try {
    write = await writeStatus(ec2For(state), state.vpcId, decision.tags, execution);
  } catch (err) {
    if (!(err instanceof VpcGone)) throw err;
    write = { previous: {}, set: {}, remove: [], vpcExists: false };
  }
  const previousState = write.previous[STATUS_KEYS.state] ?? null;
  const newState = write.vpcExists ? decision.state ?? null : null;
  const changed = previousState !== newState;
  if (changed && !state.dryRun) {
    await publishStatusEvent({
      vpc: state.vpcId,
      account: state.account,
      region: state.region,
      previousState,
      state: newState,
      reason: decision.reason ?? null,
      proxy: decision.tags[STATUS_KEYS.proxy] ?? null,
      execution,
    });
  }
  return {
    state: newState,
    previousState,
    reason: decision.reason ?? null,
    written: Object.keys(write.set),
    removed: write.remove,
    vpcExists: write.vpcExists,
    event: changed,
    failed: decision.failed,
  };
});
