/**
 * The stacks the local cloud stands for, as `cdk deploy` would leave them (CREATE_COMPLETE): the hub
 * and the operator (the stack IDs of infra/app.ts STACK_IDS), in the operator account and home Region,
 * with the outputs their CDK stacks declare and the local cloud's own values for them.
 */
import { stackId, type LocalStack } from './service';

export interface LocalStackValues {
  accountId: string;
  region: string;
  resourceConfigurationArn: string;
  proxyPort: number;
  stateMachineArn(name: string): string;
  /** The operator's event bus, which member accounts forward tag events to. */
  operatorBusName: string;
}

export function localStacks(v: LocalStackValues): LocalStack[] {
  const at = new Date();
  const stack = (name: string, description: string, outputs: LocalStack['outputs']): LocalStack => ({
    accountId: v.accountId, region: v.region, name, id: stackId(v.accountId, v.region, name), description, status: 'CREATE_COMPLETE', createdAt: at, outputs,
  });
  return [
    stack('EgressHub', 'egress-operator hub: VPC, NAT, Squid, VPC Lattice resource gateway and configuration', [
      { key: 'ResourceConfigurationArn', value: v.resourceConfigurationArn, description: 'VPC Lattice resource configuration of Squid (RESOURCE_CONFIGURATION_ARN of the operator)' },
      { key: 'ProxyPort', value: String(v.proxyPort), description: 'Squid port' },
    ]),
    stack('EgressOperator', 'egress-operator: reconcile workflows, tag-event rules, fleet sweep', [
      { key: 'ReconcileVpcStateMachineArn', value: v.stateMachineArn('reconcile-vpc'), description: 'reconcile-vpc state machine' },
      { key: 'ReconcileFleetStateMachineArn', value: v.stateMachineArn('reconcile-fleet'), description: 'reconcile-fleet state machine' },
      { key: 'EventBusArn', value: `arn:aws:events:${v.region}:${v.accountId}:event-bus/${v.operatorBusName}`, description: 'member accounts forward tag events here' },
    ]),
  ];
}
