/** Constructs and stacks for platform teams' own CDK apps. */
export { loadConfig, defaultConfig, configSchema, EXTERNAL_ID_PATTERN, type EgressConfig } from './config';
export { buildEgressApp, buildHubAndOperator, STACK_IDS, type EgressAppOptions } from './app';
export { HubNetwork, type HubNetworkProps } from './constructs/hub-network';
export { SquidFleet, type SquidFleetProps, SQUID_COMPONENT_TAG } from './constructs/squid-fleet';
export { squidUserData } from './constructs/squid-user-data';
export { ProxyResource, type ProxyResourceProps } from './constructs/proxy-resource';
export { ProxyShare, type ProxyShareProps } from './constructs/resource-share';
export { AlarmTopic } from './constructs/alarm-topic';
export { OperatorFunctions, type OperatorFunctionsProps } from './constructs/operator-functions';
export { OperatorWorkflows, type OperatorWorkflowsProps, stateMachineArn, stateMachineName } from './constructs/operator-workflows';
export { OperatorEvents, type OperatorEventsProps, tagChangeEventPattern } from './constructs/operator-events';
export { OperatorAlarms, type OperatorAlarmsProps } from './constructs/operator-alarms';
export { ec2Statements, isDestructive } from './iam/ec2-permissions';
export { operatorStatements, type OperatorScope } from './iam/operator-permissions';
export { HubStack, type HubStackProps } from './stacks/hub-stack';
export { OperatorStack, type OperatorStackProps } from './stacks/operator-stack';
export { MemberStack, type MemberStackProps } from './stacks/member-stack';
