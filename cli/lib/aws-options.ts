/**
 * The flags every AWS command shares — `--region`, `--profile`, and where to find the operator's state
 * machines. Kept free of the AWS SDK, so `egress --help` loads none of it.
 */
import type { Command } from 'commander';
import type { MachineFlags } from './operator';

export interface AwsFlags extends MachineFlags { region?: string; profile?: string; json?: boolean }

/** `--region` and `--profile`, on every command that calls AWS. */
export function addAwsOptions(cmd: Command): Command {
  return cmd
    .option('--region <region>', 'AWS region (default: AWS_REGION or your profile\'s)')
    .option('--profile <name>', 'named profile of ~/.aws/config and ~/.aws/credentials (default: AWS_PROFILE, else the default chain)');
}

export function addStateMachineOptions(cmd: Command): Command {
  return cmd
    .option('--state-machine <arn>', 'reconcile-vpc state machine ARN (default: $EGRESS_RECONCILE_VPC_ARN, the operator stack\'s outputs, or ListStateMachines)')
    .option('--fleet-state-machine <arn>', 'reconcile-fleet state machine ARN (default: $EGRESS_RECONCILE_FLEET_ARN, the stack, or ListStateMachines)');
}
