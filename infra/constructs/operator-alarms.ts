/**
 * Alarms that say the operator needs a human: failed or timed-out executions of each workflow,
 * messages in the dead-letter queue (tag events not dispatched), dispatcher errors.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface OperatorAlarmsProps {
  workflows: Map<string, sfn.StateMachine>;
  deadLetterQueue: sqs.IQueue;
  dispatcher: lambda.IFunction;
  topic: sns.ITopic;
}

export class OperatorAlarms extends Construct {
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: OperatorAlarmsProps) {
    super(scope, id);
    const period = Duration.minutes(5);
    for (const [name, machine] of props.workflows) {
      const id = name.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase());
      this.add(`${id}Failed`, machine.metricFailed({ period, statistic: 'Sum' }),
        `${name}: executions failed (a VPC is not Ready; its egress-proxy:reason tag says why)`);
      this.add(`${id}TimedOut`, machine.metricTimedOut({ period, statistic: 'Sum' }), `${name}: executions timed out`);
    }
    this.add('DeadLetters', props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }),
      'tag events or sweeps that could not be delivered: see the dead-letter queue');
    this.add('DispatcherErrors', props.dispatcher.metricErrors({ period, statistic: 'Sum' }), 'the tag-event dispatcher failed');
    const action = new actions.SnsAction(props.topic);
    for (const alarm of this.alarms) alarm.addAlarmAction(action);
  }

  private add(id: string, metric: cloudwatch.IMetric, description: string) {
    this.alarms.push(new cloudwatch.Alarm(this, id, {
      metric,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    }));
  }
}
