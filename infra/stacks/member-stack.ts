/**
 * Member stack, one per project account (StackSets-friendly: the operator account and the
 * ExternalId are parameters): forwards the VPC tag events to the operator bus, and gives the
 * operator a role with only the EC2 actions its handlers call, destructive ones limited to what
 * the operator owns. Single-account setups need no member stack.
 */
import { Aws, CfnParameter, Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DISPATCHER, LAMBDAS, LambdaEntry } from '../../handlers/catalog';
import type { EgressConfig } from '../config';
import { tagChangeEventPattern } from '../constructs/operator-events';
import { ec2Statements } from '../iam/ec2-permissions';
import { suppressMemberFindings } from '../nag/member-suppressions';
import { rolePathFor } from './operator-stack';

export interface MemberStackProps extends StackProps {
  config: EgressConfig;
  lambdas?: LambdaEntry[];
}

export class MemberStack extends Stack {
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: MemberStackProps) {
    super(scope, id, props);
    const { config } = props;
    const operatorAccount = new CfnParameter(this, 'OperatorAccountId', {
      type: 'String',
      allowedPattern: '^\\d{12}$',
      description: 'Account of the egress-operator operator stack',
      ...(config.operatorAccountId ? { default: config.operatorAccountId } : {}),
    }).valueAsString;
    const externalId = new CfnParameter(this, 'ExternalId', {
      type: 'String',
      noEcho: true,
      minLength: 2,
      description: 'ExternalId the operator passes when it assumes the member role (memberExternalId)',
      default: config.memberExternalId,
    }).valueAsString;

    this.role = new iam.Role(this, 'OperatorRole', {
      roleName: config.memberRoleName,
      description: 'Assumed by the egress-operator functions to reconcile this account\'s VPCs',
      maxSessionDuration: Duration.hours(1),
      assumedBy: new iam.AccountPrincipal(operatorAccount).withConditions({
        StringEquals: { 'sts:ExternalId': externalId },
        // Only the operator's function roles (created under this IAM path), not the whole account.
        ArnLike: { 'aws:PrincipalArn': `arn:${this.partition}:iam::${operatorAccount}:role${rolePathFor(config.prefix)}*` },
      }),
    });
    const actions = [...(props.lambdas ?? LAMBDAS), DISPATCHER].flatMap((e) => e.actions);
    const policy = new iam.Policy(this, 'OperatorPolicy', {
      statements: ec2Statements(actions, { partition: this.partition, account: Aws.ACCOUNT_ID }),
    });
    this.role.attachInlinePolicy(policy);

    const busArn = `arn:${this.partition}:events:${Aws.REGION}:${operatorAccount}:event-bus/${config.prefix}`;
    const deadLetterQueue = new sqs.Queue(this, 'ForwardDeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    new events.Rule(this, 'ForwardTagChanges', {
      description: 'VPC owner tag changes → egress-operator bus in the operator account',
      eventPattern: tagChangeEventPattern(),
      targets: [new targets.EventBus(events.EventBus.fromEventBusArn(this, 'OperatorBus', busArn), { deadLetterQueue })],
    });
    suppressMemberFindings(this);
  }
}
