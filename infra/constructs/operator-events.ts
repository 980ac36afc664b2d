/**
 * How work reaches the operator: the operator's event bus (member accounts forward their VPC tag
 * events to it), the tag-event rules (own account's default bus and the operator bus) → the
 * dispatcher, with a dead-letter queue, and the scheduled fleet sweep when that workflow exists.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { TAG_CHANGE_PATTERN } from '../../handlers/lib/event-patterns';

export interface OperatorEventsProps {
  busName: string;
  /** Accounts allowed to put events on the bus … */
  memberAccounts: string[];
  /** … or every account of this organization. */
  organizationId?: string;
  dispatcher: lambda.IFunction;
  /** The fleet sweep workflow (reconcile-fleet), when the catalog has it. */
  fleetSweep?: sfn.IStateMachine;
  fleetSweepSchedule: string;
}

/** The shared pattern (handlers/lib/event-patterns.ts) in CDK's spelling. */
export function tagChangeEventPattern(): events.EventPattern {
  const { source, 'detail-type': detailType, detail } = TAG_CHANGE_PATTERN;
  return { source, detailType, detail };
}

export class OperatorEvents extends Construct {
  readonly bus: events.EventBus;
  readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: OperatorEventsProps) {
    super(scope, id);
    this.bus = new events.EventBus(this, 'Bus', { eventBusName: props.busName });
    // The bus's own Policy property (AWS::Events::EventBus), not separate AWS::Events::EventBusPolicy
    // resources, whose Principal/Condition form CloudFormation and CDK deprecate.
    // Its ARN by name: a reference to the bus's own Arn attribute would make the bus depend on itself.
    const busArn = Stack.of(this).formatArn({ service: 'events', resource: 'event-bus', resourceName: props.busName });
    const statements: iam.PolicyStatement[] = [];
    if (props.organizationId) {
      statements.push(new iam.PolicyStatement({
        sid: 'OrganizationPutsTagEvents',
        principals: [new iam.AnyPrincipal()],
        actions: ['events:PutEvents'],
        resources: [busArn],
        conditions: { StringEquals: { 'aws:PrincipalOrgID': props.organizationId } },
      }));
    }
    if (props.memberAccounts.length) {
      statements.push(new iam.PolicyStatement({
        sid: 'MembersPutTagEvents',
        principals: props.memberAccounts.map((a) => new iam.AccountPrincipal(a)),
        actions: ['events:PutEvents'],
        resources: [busArn],
      }));
    }
    if (statements.length) {
      (this.bus.node.defaultChild as events.CfnEventBus).policy = new iam.PolicyDocument({ statements });
    }

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    // A tag event the dispatcher could not take is only a hint (the sweep catches up), but a
    // message here means the operator is missing events: the DLQ alarm says so.
    const target = () => new targets.LambdaFunction(props.dispatcher, {
      deadLetterQueue: this.deadLetterQueue, retryAttempts: 8, maxEventAge: Duration.hours(2),
    });
    new events.Rule(this, 'OwnAccountTagChanges', {
      description: 'VPC owner tag changes in this account → dispatcher',
      eventPattern: tagChangeEventPattern(),
      targets: [target()],
    });
    new events.Rule(this, 'MemberTagChanges', {
      description: 'VPC owner tag changes forwarded by member accounts → dispatcher',
      eventBus: this.bus,
      eventPattern: tagChangeEventPattern(),
      targets: [target()],
    });
    // EventBridge invokes asynchronously: failures inside the dispatcher land in the same queue.
    props.dispatcher.configureAsyncInvoke({
      onFailure: new destinations.SqsDestination(this.deadLetterQueue),
      retryAttempts: 2,
    });

    if (props.fleetSweep) {
      new events.Rule(this, 'FleetSweepSchedule', {
        description: `Fleet sweep (${props.fleetSweepSchedule}): re-observe every opted-in VPC, reconcile what drifted`,
        schedule: events.Schedule.expression(props.fleetSweepSchedule),
        targets: [new targets.SfnStateMachine(props.fleetSweep, {
          input: events.RuleTargetInput.fromObject({ trigger: 'schedule' }),
          deadLetterQueue: this.deadLetterQueue,
          retryAttempts: 4,
        })],
      });
    }
  }
}
