/**
 * What every AWS-reading command does: clients for `--region` / `--profile` that are closed afterwards,
 * and the operator's state machines with "not found" as one clear line. (The flags are in aws-options.ts.)
 */
import { awsClients, type AwsClients } from './aws-clients';
import { callAws } from './aws-call';
import { CliError } from './errors';
import { EXIT } from './exit-codes';
import type { MachineFlags } from './operator';
import { InvalidStateMachineArn, NoOperatorFound, type OperatorMachines } from './state-machines';

export type { AwsFlags } from './aws-options';

/** Run `fn` with fresh clients for `--region` / `--profile` (the SDK's defaults when absent), closing them afterwards. */
export async function withAws<T>(flags: { region?: string; profile?: string }, fn: (clients: AwsClients) => Promise<T>): Promise<T> {
  const clients = awsClients(flags.region, process.env, flags.profile);
  try {
    return await fn(clients);
  } finally {
    clients.destroy();
  }
}

export async function operatorMachines(clients: AwsClients, flags: MachineFlags): Promise<OperatorMachines> {
  // Loaded here: it brings the CloudFormation and Step Functions SDKs, which `status` never needs.
  const { findOperator } = require('./operator') as typeof import('./operator');
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
