/**
 * Starting a reconcile from the CLI under a deterministic name: the same VPC, spec and UTC minute give
 * the same execution. StartExecution is idempotent while that run is still going; once it has closed,
 * ExecutionAlreadyExists means "this minute's run already happened" and the CLI reports that run.
 */
import { randomBytes } from 'node:crypto';
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { executionName } from '../../handlers/lib/names';
import { generationOf } from '../../handlers/lib/spec';
import { toTagMap, type AwsTag } from '../../handlers/lib/tags';
import type { ReconcileRequest } from '../../handlers/lib/workflow-state';
import type { AwsClients } from './aws-clients';
import { callAws } from './aws-call';
import { regionOfArn } from './console-links';
import { minuteBucket } from './time-format';

export interface ReconcileTarget { vpcId: string; account?: string; region: string; tags?: AwsTag[] }

export interface StartedReconcile {
  name: string;
  executionArn: string;
  /** false: this minute's execution had already closed (ExecutionAlreadyExists); that run is the one reported. */
  started: boolean;
  input: ReconcileRequest;
}

/**
 * Pure: the execution name and input for a CLI reconcile at `now`. A dry run (`"dryRun": true`: plan,
 * change nothing) gets a name of its own, unique per call (`salt`), so it never stands in for a real run.
 */
export function reconcileRequest(target: ReconcileTarget, now: Date, dryRun?: { salt: string }): { name: string; input: ReconcileRequest } {
  const generation = generationOf(toTagMap(target.tags));
  const discriminator = dryRun ? `${now.toISOString().slice(0, 19).replace(/[-:T]/g, '')}-dry-run-${dryRun.salt}` : minuteBucket(now);
  return {
    name: executionName(target.vpcId, generation, 'cli', discriminator),
    input: {
      vpcId: target.vpcId, ...(target.account ? { account: target.account } : {}), region: target.region, trigger: 'cli',
      ...(dryRun ? { dryRun: true } : {}),
    },
  };
}

export function executionArnOf(stateMachineArn: string, name: string): string {
  return `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
}

export async function startReconcile(clients: AwsClients, stateMachineArn: string, target: ReconcileTarget, now = new Date(), dryRun = false): Promise<StartedReconcile> {
  const { name, input } = reconcileRequest(target, now, dryRun ? { salt: randomBytes(2).toString('hex') } : undefined);
  const sfn = clients.sfn(regionOfArn(stateMachineArn));
  try {
    const out = await sfn.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
    const arn = out.executionArn ?? executionArnOf(stateMachineArn, name);
    // A start identical to a running execution is idempotent and also lands here: that run is followed.
    return { name, executionArn: arn, started: true, input };
  } catch (err) {
    if ((err as Error).name === 'ExecutionAlreadyExists') return { name, executionArn: executionArnOf(stateMachineArn, name), started: false, input };
    return callAws('StartExecution', () => Promise.reject(err));
  }
}
