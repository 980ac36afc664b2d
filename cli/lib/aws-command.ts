/**
 * What every AWS-reading command shares: the `--region` / state machine flags, clients that are
 * closed afterwards, and the operator's state machines with "not found" as one clear line.
 */
import type { Command } from 'commander';
import { awsClients, type AwsClients } from './aws-clients';
import { callAws } from './aws-call';
import { CliError } from './errors';
import { EXIT } from './exit-codes';
import { findOperator, type MachineFlags } from './operator';
import { InvalidStateMachineArn, NoOperatorFound, type OperatorMachines } from './state-machines';

export interface AwsFlags extends MachineFlags { region?: string; json?: boolean }

export function addRegionOption(cmd: Command): Command {
  return cmd.option('--region <region>', 'AWS region (default: AWS_REGION or your profile\'s)');
}

export function addStateMachineOptions(cmd: Command): Command {
  return cmd
    .option('--state-machine <arn>', 'reconcile-vpc state machine ARN (default: $EGRESS_RECONCILE_VPC_ARN, the operator stack\'s outputs, or ListStateMachines)')
    .option('--fleet-state-machine <arn>', 'reconcile-fleet state machine ARN (default: $EGRESS_RECONCILE_FLEET_ARN, the stack, or ListStateMachines)');
}

/** Run `fn` with fresh clients for `region` (default region when undefined), closing them afterwards. */
export async function withAws<T>(region: string | undefined, fn: (clients: AwsClients) => Promise<T>): Promise<T> {
  const clients = awsClients(region);
  try {
    return await fn(clients);
  } finally {
    clients.destroy();
  }
}

export async function operatorMachines(clients: AwsClients, flags: MachineFlags): Promise<OperatorMachines> {
  try {
    return await findOperator(clients, flags);
  } catch (err) {
    if (err instanceof NoOperatorFound) throw new CliError(err.message, EXIT.environment);
    if (err instanceof InvalidStateMachineArn) throw new CliError(err.message, EXIT.usage);
    throw err;
  }
}

/** The region requests go to; "no region" is one line. */
export function resolveRegion(clients: AwsClients): Promise<string> {
  return callAws('resolving the AWS region', () => clients.region());
}
