/**
 * Member stack, one per project account and region, rolled out as a service-managed StackSet:
 * forwards the VPC tag events to the operator bus (in the operator's region, a parameter), and —
 * in one region per account only, since IAM is global — gives the operator a role with only the
 * EC2 actions its handlers call, destructive ones limited to what the operator owns. Synthesized
 * without any CDK bootstrap dependency and without assets, so accounts that were never
 * bootstrapped can run it (docs/design.md#cross-account-and-regions). Single-account setups need
 * no member stack.
 */
import { Aws, CfnCondition, CfnParameter, Duration, Fn, LegacyStackSynthesizer, Stack, StackProps } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DISPATCHER, LAMBDAS, LambdaEntry } from '../../handlers/catalog';
import { EXTERNAL_ID_PATTERN, type EgressConfig } from '../config';
import { tagChangeEventPattern } from '../constructs/operator-events';
import { ec2Statements } from '../iam/ec2-permissions';
import { hubShareName, ramStatements } from '../iam/ram-permissions';
import { suppressMemberFindings } from '../nag/member-suppressions';
import { rolePathFor } from './operator-stack';

export interface MemberStackProps extends Omit<StackProps, 'synthesizer'> {
  config: EgressConfig;
  lambdas?: LambdaEntry[];
}

const REGION_PATTERN = '^[a-z]{2}(-[a-z]+)+-\\d$';

export class MemberStack extends Stack {
  readonly role: iam.Role;
  /** True in the member role's region: the role and its policy carry this condition. */
  readonly createsRole: CfnCondition;

  constructor(scope: Construct, id: string, props: MemberStackProps) {
    // No BootstrapVersion parameter, no CheckBootstrapVersion rule, no asset, no bootstrap role to assume:
    // StackSets deploy the template as is, and `cdk deploy` uses the caller's credentials. (CDK's
    // BootstraplessSynthesizer still names the bootstrap deploy role for `cdk deploy`.)
    super(scope, id, { ...props, synthesizer: new LegacyStackSynthesizer() });
    const { config } = props;
    const param = (name: string, options: Omit<ConstructorParameters<typeof CfnParameter>[2] & object, 'type'>) =>
      new CfnParameter(this, name, { type: 'String', ...options }).valueAsString;
    const operatorAccount = param('OperatorAccountId', {
      allowedPattern: '^\\d{12}$',
      description: 'Account of the egress-operator operator stack',
      ...(config.operatorAccountId ? { default: config.operatorAccountId } : {}),
    });
    const operatorRegion = param('OperatorRegion', {
      allowedPattern: REGION_PATTERN,
      description: 'Region of the egress-operator operator stack (its event bus); tag events from every member region go there',
      ...(config.operatorRegion ? { default: config.operatorRegion } : {}),
    });
    const roleRegion = param('MemberRoleRegion', {
      allowedPattern: REGION_PATTERN,
      description: `The one region whose stack instance creates the ${config.memberRoleName} role (IAM is global: one role per account)`,
      ...(config.memberRoleRegion ?? config.operatorRegion ? { default: config.memberRoleRegion ?? config.operatorRegion } : {}),
    });
    const externalId = param('ExternalId', {
      noEcho: true,
      allowedPattern: EXTERNAL_ID_PATTERN,
      constraintDescription: '16 to 1224 characters of [A-Za-z0-9_+=,.@:/-]; generate one with `openssl rand -hex 32`',
      description: 'ExternalId the operator passes when it assumes the member role (the operator config\'s memberExternalId)',
    });
    this.createsRole = new CfnCondition(this, 'CreatesMemberRole', { expression: Fn.conditionEquals(Aws.REGION, roleRegion) });

    this.role = new iam.Role(this, 'OperatorRole', {
      // A fixed name: the operator builds the role ARN from the account ID alone.
      roleName: config.memberRoleName,
      description: 'Assumed by the egress-operator functions to reconcile this account\'s VPCs (all regions)',
      maxSessionDuration: Duration.hours(1),
      assumedBy: new iam.AccountPrincipal(operatorAccount).withConditions({
        StringEquals: { 'sts:ExternalId': externalId },
        // Only the operator's function roles (created under this IAM path), not the whole account.
        ArnLike: { 'aws:PrincipalArn': `arn:${this.partition}:iam::${operatorAccount}:role${rolePathFor(config.prefix)}*` },
      }),
    });
    const actions = [...(props.lambdas ?? LAMBDAS), DISPATCHER].flatMap((e) => e.actions);
    const policy = new iam.Policy(this, 'OperatorPolicy', {
      statements: [
        ...ec2Statements(actions, { partition: this.partition, account: Aws.ACCOUNT_ID }),
        // The hub stack runs in the operator's account: its share's invitations come from there.
        ...ramStatements(actions, { partition: this.partition, hubAccount: operatorAccount, shareName: hubShareName(config.prefix) }),
      ],
    });
    this.role.attachInlinePolicy(policy);
    for (const resource of [this.role.node.defaultChild, policy.node.defaultChild] as iam.CfnRole[]) {
      resource.cfnOptions.condition = this.createsRole;
    }

    const busArn = `arn:${this.partition}:events:${operatorRegion}:${operatorAccount}:event-bus/${config.prefix}`;
    const deadLetterQueue = new sqs.Queue(this, 'ForwardDeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    new events.Rule(this, 'ForwardTagChanges', {
      description: 'VPC owner tag changes → egress-operator bus in the operator account and region',
      eventPattern: tagChangeEventPattern(),
      targets: [new targets.EventBus(events.EventBus.fromEventBusArn(this, 'OperatorBus', busArn), { deadLetterQueue })],
    });
    suppressMemberFindings(this);
  }
}
