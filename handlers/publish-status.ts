/**
 * PublishStatus: the end of every path. Asks the status planner, writes the diff of the VPC's status
 * tags — unless the owner changed the spec meanwhile (a newer run owns the status then) — and publishes
 * a status event when the state changed. A dry run decides and writes nothing. When the decision is a
 * failure it throws `ReconcileFailed` after writing, and the workflow ends in its `ReconcileFailed`
 * state; otherwise its result ends the run (docs/design.md#workflows).
 */
import { ec2For } from './lib/aws-clients';
import { publishStatusEvent } from './lib/aws/status-events';
import { writeStatus } from './lib/aws/status-writer';
import { ReconcileFailed, VpcGone } from './lib/errors';
import { decideStatus } from './lib/plan/status';
import { sweepIntervalSeconds } from './lib/settings';
import { step } from './lib/step';
import { STATUS_KEYS } from './lib/tags';
import type { TaskInput } from './lib/workflow-state';

export const handler = step('PublishStatus', async (input) => {
  const result = await publish(input);
  if (result.failed) throw new ReconcileFailed(failureMessage(result));
  return result;
});

function failureMessage(r: { state: string | null; reason: string | null; dryRun?: boolean }): string {
  if (r.dryRun) return `dry run: the reconcile would fail${r.reason ? `: ${r.reason}` : ''}`;
  return `the reconcile ended ${r.state ?? 'without a state'}${r.reason ? `: ${r.reason}` : ''} (status written to the VPC's tags)`;
}

async function publish({ state, execution }: TaskInput) {
  const decision = decideStatus(state, { sweepPeriodMs: sweepIntervalSeconds() * 1000 });
  const summary = { state: decision.state ?? null, reason: decision.reason ?? null, change: decision.change.kind, failed: decision.failed };
  if (state.dryRun) return { ...summary, dryRun: true, written: [], removed: [], event: false };

  let write;
  try {
    // A run that created an endpoint wrote Progressing first: the status read must show that write.
    write = await writeStatus(ec2For(state), state.vpcId, decision.change, execution, {
      expectedGeneration: state.observed?.generation, ownEarlierWrite: state.endpoint?.created === true,
    });
  } catch (err) {
    if (!(err instanceof VpcGone)) throw err;
    write = { previous: {}, after: {}, set: {}, remove: [], vpcExists: false, superseded: false };
  }
  if (write.superseded || decision.change.kind === 'skip') {
    return { ...summary, state: write.previous[STATUS_KEYS.state] ?? null, superseded: write.superseded || state.error?.Error === 'Superseded', vpcExists: write.vpcExists, written: [], removed: [], event: false, failed: false };
  }
  const previousState = write.previous[STATUS_KEYS.state] ?? null;
  const newState = write.vpcExists ? decision.state ?? null : null;
  const changed = write.vpcExists && previousState !== newState;
  if (changed) {
    await publishStatusEvent({
      vpc: state.vpcId,
      account: state.account,
      region: state.region,
      previousState,
      state: newState,
      reason: decision.reason ?? null,
      proxy: write.after[STATUS_KEYS.proxy] ?? null,
      execution,
    });
  }
  return {
    ...summary,
    state: newState,
    previousState,
    written: Object.keys(write.set),
    removed: write.remove,
    vpcExists: write.vpcExists,
    event: changed,
  };
}
