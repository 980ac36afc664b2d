/**
 * Operator stack: the handler functions, the workflows, the event bus and rules, the fleet-sweep
 * schedule, the dead-letter queue and alarms. Generic over handlers/catalog.ts: a new LAMBDAS or
 * STATE_MACHINES entry needs no change here.
 */
import { Aws, CfnOutput, Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { DISPATCHER, LAMBDAS, LambdaEntry, STATE_MACHINES, WORKFLOWS } from '../../handlers/catalog';
import type { EgressConfig } from '../config';
import { AlarmTopic } from '../constructs/alarm-topic';
import { OperatorAlarms } from '../constructs/operator-alarms';
import { OperatorEvents } from '../constructs/operator-events';
import { OperatorFunctions } from '../constructs/operator-functions';
import { OperatorSnapshots } from '../constructs/operator-snapshots';
import { OperatorWorkflows, WorkflowSpec, stateMachineArn, stateMachineName } from '../constructs/operator-workflows';
import { suppressOperatorFindings } from '../nag/operator-suppressions';
import { retention } from './retention';
import { sweepIntervalSeconds } from '../sweep-schedule';

export interface OperatorStackProps extends StackProps {
  config: EgressConfig;
  /** From the hub stack (or the platform team's own hub). */
  hub: {
    vpc: ec2.IVpc;
    probeSecurityGroup: ec2.ISecurityGroup;
    resourceConfigurationArn: string;
    resourceGatewayArn: string;
  };
  /** Defaults to handlers/catalog.ts; overridable for tests. */
  lambdas?: LambdaEntry[];
  workflows?: readonly WorkflowSpec[];
}

/** `account:region,…` the sweep scans: configured, or own account plus member accounts in this region. */
function fleetTargets(config: EgressConfig): string | undefined {
  if (config.fleetTargets.length) return config.fleetTargets.join(',');
  if (!config.memberAccounts.length) return undefined;
  return [Aws.ACCOUNT_ID, ...config.memberAccounts].map((a) => `${a}:${Aws.REGION}`).join(',');
}

/** IAM path of the function roles; the member role trusts exactly these roles. */
export const rolePathFor = (prefix: string) => `/${prefix}/`;

export class OperatorStack extends Stack {
  readonly functions: OperatorFunctions;
  readonly workflows: OperatorWorkflows;
  readonly events: OperatorEvents;
  readonly snapshots: OperatorSnapshots;

  constructor(scope: Construct, id: string, props: OperatorStackProps) {
    super(scope, id, props);
    const { config, hub } = props;
    const lambdas = props.lambdas ?? LAMBDAS;
    const workflowSpecs = props.workflows ?? STATE_MACHINES;
    const logRetention = retention(config.logRetentionDays);
    const crossAccount = config.memberAccounts.length > 0 || config.organizationId !== undefined;
    const smArns = workflowSpecs.map((wf) => stateMachineArn(this, stateMachineName(config.prefix, wf.name)));
    const reconcileArn = stateMachineArn(this, stateMachineName(config.prefix, WORKFLOWS.reconcileVpc));
    // Organization-wide: any account's member role, limited by aws:ResourceOrgID to the organization's accounts.
    const orgWideMembers = crossAccount && !config.memberAccounts.length ? config.organizationId : undefined;
    const memberRoleArns = !crossAccount ? [] : config.memberAccounts.length
      ? config.memberAccounts.map((a) => `arn:${this.partition}:iam::${a}:role/${config.memberRoleName}`)
      : [`arn:${this.partition}:iam::*:role/${config.memberRoleName}`];

    this.snapshots = new OperatorSnapshots(this, 'Snapshots', { prefix: config.prefix });
    this.functions = new OperatorFunctions(this, 'Functions', {
      entries: [...lambdas, DISPATCHER],
      hubVpc: hub.vpc,
      probeSecurityGroup: hub.probeSecurityGroup,
      logRetention,
      rolePath: rolePathFor(config.prefix),
      environment: {
        resourceConfigurationArn: hub.resourceConfigurationArn,
        proxyCheckTarget: config.proxyCheckTarget,
        statusEventBusName: config.statusEventBusName,
        reconcileStateMachineArn: reconcileArn,
        memberRoleName: crossAccount ? config.memberRoleName : undefined,
        memberExternalId: crossAccount ? config.memberExternalId : undefined,
        operatorAccountId: Aws.ACCOUNT_ID,
        fleetTargets: fleetTargets(config),
        sweepIntervalSeconds: sweepIntervalSeconds(config)?.toString(),
        fleetSnapshotBucket: this.snapshots.bucketName,
        fleetSnapshot: undefined,
        fleetSnapshotMaxAgeSeconds: undefined,
        ...(config.rolloutPacing ? {} : { rolloutPacing: 'off' }),
        ...(config.endpointPacingRate !== undefined ? { rolloutPacingRate: String(config.endpointPacingRate) } : {}),
        ...(config.endpointProvisioningSeconds !== undefined ? { endpointProvisioningSeconds: String(config.endpointProvisioningSeconds) } : {}),
      },
      scope: {
        partition: this.partition,
        account: Aws.ACCOUNT_ID,
        region: Aws.REGION,
        resourceConfigurationArn: hub.resourceConfigurationArn,
        resourceGatewayArn: hub.resourceGatewayArn,
        stateMachineArns: smArns,
        statusEventBusArn: `arn:${this.partition}:events:${Aws.REGION}:${Aws.ACCOUNT_ID}:event-bus/${config.statusEventBusName}`,
        memberRoleArns,
        snapshotObjectsArn: this.snapshots.objectsArn,
        ...(orgWideMembers ? { memberOrganizationId: orgWideMembers } : {}),
      },
    });

    this.functions.node.addDependency(this.snapshots.bucket);

    this.workflows = new OperatorWorkflows(this, 'Workflows', {
      workflows: workflowSpecs,
      namePrefix: config.prefix,
      functionFor: (placeholder) => this.functions.forPlaceholder(placeholder, lambdas),
      logRetention,
    });

    const dispatcher = this.functions.byId.get(DISPATCHER.id)!;
    this.events = new OperatorEvents(this, 'Events', {
      busName: config.prefix,
      memberAccounts: config.memberAccounts,
      organizationId: config.organizationId,
      dispatcher,
      fleetSweep: this.workflows.byName.get(WORKFLOWS.reconcileFleet),
      fleetSweepSchedule: config.fleetSweepSchedule,
    });

    const alarmTopic = new AlarmTopic(this, 'Alarms', { email: config.alarmEmail });
    new OperatorAlarms(this, 'Alarm', {
      workflows: this.workflows.byName,
      deadLetterQueue: this.events.deadLetterQueue,
      dispatcher,
      topic: alarmTopic.topic,
    });

    for (const wf of workflowSpecs) {
      const machine = this.workflows.byName.get(wf.name)!;
      new CfnOutput(this, wf.placeholder, { value: machine.stateMachineArn, description: `${wf.name} state machine` });
    }
    new CfnOutput(this, 'EventBusArn', { value: this.events.bus.eventBusArn, description: 'member accounts forward tag events here' });
    suppressOperatorFindings(this, orgWideMembers ? { memberRoleName: config.memberRoleName, organizationId: orgWideMembers } : undefined);
  }
}
