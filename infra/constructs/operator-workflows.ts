/**
 * The operator's state machines, one per STATE_MACHINES entry, loaded from statemachines/ with
 * every `${Placeholder}` filled: Lambda ARNs by their catalog placeholder, state machine ARNs by
 * theirs. State machines get fixed names, so their ARNs are known before they exist: a workflow
 * may start another (reconcile-fleet → reconcile-vpc), itself (distributed Map), or be named in a
 * function's environment without a dependency cycle.
 */
import { Aws, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { PARTITION_PLACEHOLDER, placeholdersOf, readDefinition, sfnFeatures, withDeployedPartition } from './asl';

export interface WorkflowSpec {
  name: string;
  file: string;
  placeholder: string;
}

export interface OperatorWorkflowsProps {
  workflows: readonly WorkflowSpec[];
  namePrefix: string;
  /** The function for a Lambda placeholder, or undefined when the placeholder is not a Lambda's. */
  functionFor: (placeholder: string) => lambda.IFunction | undefined;
  logRetention: logs.RetentionDays;
}

export function stateMachineName(prefix: string, workflow: string): string {
  return `${prefix}-${workflow}`;
}

export function stateMachineArn(scope: Construct, name: string): string {
  return `arn:${Stack.of(scope).partition}:states:${Aws.REGION}:${Aws.ACCOUNT_ID}:stateMachine:${name}`;
}

const executionsOf = (stateMachineArn: string) => stateMachineArn.replace(':stateMachine:', ':execution:');

export class OperatorWorkflows extends Construct {
  readonly byName = new Map<string, sfn.StateMachine>();
  /** ARN of each workflow by name, usable anywhere (no reference to the resource). */
  readonly arns = new Map<string, string>();

  constructor(scope: Construct, id: string, props: OperatorWorkflowsProps) {
    super(scope, id);
    for (const wf of props.workflows) this.arns.set(wf.name, stateMachineArn(this, stateMachineName(props.namePrefix, wf.name)));
    const byPlaceholder = new Map(props.workflows.map((wf) => [wf.placeholder, wf.name]));

    for (const wf of props.workflows) {
      const definition = withDeployedPartition(readDefinition(wf.file));
      const substitutions: Record<string, string> = {};
      const invoked: lambda.IFunction[] = [];
      const started: string[] = [];
      for (const placeholder of placeholdersOf(definition)) {
        const fn = props.functionFor(placeholder);
        const other = byPlaceholder.get(placeholder);
        if (placeholder === PARTITION_PLACEHOLDER) {
          substitutions[placeholder] = Aws.PARTITION;
        } else if (fn) {
          substitutions[placeholder] = fn.functionArn;
          invoked.push(fn);
        } else if (other) {
          substitutions[placeholder] = this.arns.get(other)!;
          started.push(this.arns.get(other)!);
        } else {
          throw new Error(`${wf.file}: \${${placeholder}} is neither a LAMBDAS nor a STATE_MACHINES placeholder in handlers/catalog.ts`);
        }
      }

      const id = wf.name.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase());
      const logGroup = new logs.LogGroup(this, `${id}Logs`, {
        logGroupName: `/aws/vendedlogs/states/${stateMachineName(props.namePrefix, wf.name)}`,
        retention: props.logRetention,
      });
      const machine = new sfn.StateMachine(this, id, {
        stateMachineName: stateMachineName(props.namePrefix, wf.name),
        stateMachineType: sfn.StateMachineType.STANDARD,
        definitionBody: sfn.DefinitionBody.fromString(definition),
        definitionSubstitutions: substitutions,
        // ALL: every state transition in the log, the same story the console shows per execution.
        logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: true },
        tracingEnabled: true,
      });
      this.grantTasks(machine, wf.name, definition, invoked, started);
      this.byName.set(wf.name, machine);
    }
  }

  /** fromString grants nothing by itself: exactly what the definition's tasks call (docs/design.md#workflows). */
  private grantTasks(machine: sfn.StateMachine, name: string, definition: string, invoked: lambda.IFunction[], started: string[]) {
    if (invoked.length) {
      // The ASL names unqualified function ARNs, so no version/alias wildcard is needed.
      machine.addToRolePolicy(new iam.PolicyStatement({
        actions: ['lambda:InvokeFunction'], resources: [...new Set(invoked.map((f) => f.functionArn))],
      }));
    }
    const features = sfnFeatures(definition);
    const self = this.arns.get(name)!;
    const targets = [...new Set([...started, ...(features.distributedMap ? [self] : [])])];
    if (targets.length) {
      machine.addToRolePolicy(new iam.PolicyStatement({ actions: ['states:StartExecution'], resources: targets }));
    }
    // Waiting on children: .sync on the started workflows; a distributed Map on its own child executions
    // (named `<state machine>/<map run>:…`).
    const watched = [
      ...(features.sync ? started.map((arn) => `${executionsOf(arn)}:*`) : []),
      ...(features.distributedMap ? [`${executionsOf(self)}/*`] : []),
    ];
    if (watched.length) {
      machine.addToRolePolicy(new iam.PolicyStatement({ actions: ['states:DescribeExecution', 'states:StopExecution'], resources: watched }));
    }
    if (features.sync) {
      machine.addToRolePolicy(new iam.PolicyStatement({
        actions: ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'],
        resources: [`arn:${Stack.of(this).partition}:events:${Aws.REGION}:${Aws.ACCOUNT_ID}:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule`],
      }));
    }
  }
}
