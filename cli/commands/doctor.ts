/**
 * `egress doctor`: checks a deployment step by step — credentials, the operator stack, its workflows and
 * rules, the hub, every member account (assume role, forwarding rule, AZ IDs, RAM share, DryRun of the
 * operator's calls, least privilege) and the opted-in VPCs' DNS attributes. Read-only calls and DryRun
 * only. The work is in cli/actions/doctor.ts, loaded only when the command runs.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { addAwsOptions } from '../lib/aws-options';
import { collect } from '../lib/options';

const EXAMPLES = `
Examples:
  egress doctor                                   # after each deployment step, with hub-account credentials
  egress doctor --account 222222222222 --external-id "$EXTERNAL_ID" \\
      --assume-role arn:aws:iam::111111111111:role/egress-operator/egress-doctor
  egress doctor --member-profile 222222222222=project-a-admin   # also read that account's forwarding rule
  egress doctor --vpc vpc-0123456789abcdef0 --json | jq '.checks[] | select(.status == "fail")'

Exit codes: 0 every check passed (skipped ones do not count), 1 a check failed, 2 bad flags or config.
Docs: docs/cli.md ("egress doctor") and docs/first-deployment.md.`;

/** A commander parser that checks a repeatable option's value against `pattern` before collecting it. */
function checked(pattern: RegExp, what: string): (value: string, previous?: string[]) => string[] {
  return (value, previous = []) => {
    if (!pattern.test(value)) throw new InvalidArgumentError(`${JSON.stringify(value)} is not ${what}.`);
    return collect(value, previous);
  };
}

function roleArn(value: string): string {
  if (!/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/.test(value)) throw new InvalidArgumentError(`${JSON.stringify(value)} is not an IAM role ARN (arn:aws:iam::ACCOUNT:role/PATH/NAME).`);
  return value;
}

export function register(program: Command): void {
  const cmd = program
    .command('doctor')
    .description('check a deployment: one line per check, ✓ or ✗ with the fix (read-only calls and DryRun only; exit 0 only when all pass)')
    .option('--account <id>', 'a member account to check (repeatable; default: $FLEET_TARGETS, else the config\'s memberAccounts and fleetTargets)', checked(/^\d{12}$/, 'a 12-digit AWS account ID'))
    .option('--external-id <value>', 'the ExternalId of the member roles (default: $MEMBER_EXTERNAL_ID, else the config\'s memberExternalId)')
    .option('--assume-role <arn>', 'assume this role first and reach the member roles from it; the member roles trust only roles under the operator\'s IAM path (/<prefix>/) (default: $EGRESS_DOCTOR_ROLE_ARN, else your credentials)', roleArn)
    .option('--member-profile <account=profile>', 'credentials of a member account for what its member role may not read (its EventBridge forwarding rule); repeatable', checked(/^\d{12}=[\w.@+-]+$/, 'ACCOUNT=PROFILE'))
    .option('--vpc <id>', 'check only this VPC (repeatable; default: every opted-in VPC found)', checked(/^vpc-([0-9a-f]{8}|[0-9a-f]{17})$/, 'a VPC ID (vpc- and 8 or 17 hex digits)'))
    .option('--resource-configuration <arn>', 'the hub\'s resource configuration (default: $RESOURCE_CONFIGURATION_ARN, the EgressHub stack\'s outputs, else the one named <prefix>-squid)')
    .option('--config <file>', 'the CDK config file (default: egress.config.json in this directory, when present)')
    .option('--json', 'print {"checks": [{name, status, detail, fix}]}');
  addAwsOptions(cmd)
    .addHelpText('after', EXAMPLES)
    .action(async (flags) => (require('../actions/doctor') as typeof import('../actions/doctor')).runDoctorCommand(flags));
}
