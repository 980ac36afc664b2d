/**
 * The flags every AWS command shares — `--region`, `--profile`, and where to find the operator's state
 * machines. Kept free of the AWS SDK, so `egress --help` loads none of it.
 */
import { InvalidArgumentError, type Command } from 'commander';
import type { MachineFlags } from './operator';

/** Region names as AWS spells them (us-east-1, us-gov-west-1, cn-north-1, ap-southeast-7). */
const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/** A commander parser for `--region`: a typo or an empty value is a usage error, not a failed request. */
export function regionName(value: string): string {
  if (!REGION_NAME.test(value)) throw new InvalidArgumentError(`${JSON.stringify(value)} is not an AWS Region name (like us-east-1).`);
  return value;
}

export interface AwsFlags extends MachineFlags { region?: string; profile?: string; json?: boolean }

/** `--region` and `--profile`, on every command that calls AWS. */
export function addAwsOptions(cmd: Command): Command {
  return cmd
    .option('--region <region>', 'AWS region (default: AWS_REGION or your profile\'s)', regionName)
    .option('--profile <name>', 'named profile of ~/.aws/config and ~/.aws/credentials (default: AWS_PROFILE, else the default chain)');
}

export function addStateMachineOptions(cmd: Command): Command {
  return cmd
    .option('--state-machine <arn>', 'reconcile-vpc state machine ARN (default: $EGRESS_RECONCILE_VPC_ARN, the operator stack\'s outputs, or ListStateMachines)')
    .option('--fleet-state-machine <arn>', 'reconcile-fleet state machine ARN (default: $EGRESS_RECONCILE_FLEET_ARN, the stack, or ListStateMachines)');
}
