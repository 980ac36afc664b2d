/**
 * Every Lambda of the operator: the ASL placeholder that names its ARN, and the module that holds
 * its `handler`. One list, read by the CDK operator stack and by the local workflow runner, so the
 * deployed and the local bindings cannot drift apart.
 */
export interface LambdaEntry {
  /** Construct id in CDK and the function's short name. */
  id: string;
  /** File under handlers/ exporting `handler`. */
  file: string;
  /** `${…}` placeholder in statemachines/*.asl.json that receives the function ARN. */
  placeholder: string;
  /** VerifyProxy runs in the hub VPC so it can reach Squid; the rest run outside any VPC. */
  inHubVpc?: boolean;
  /**
   * AWS actions the handler calls. The CDK stack grants exactly these; destructive EC2 actions
   * (Delete*, Modify*, Revoke*, DeleteTags) are further limited there by the ownership tag.
   */
  actions: string[];
  /** Reserved concurrency: at most this many invocations at once (asynchronous events wait in Lambda's queue). */
  reservedConcurrency?: number;
}

export const LAMBDAS: LambdaEntry[] = [
  { id: 'Observe', file: 'observe.ts', placeholder: 'ObserveFunctionArn', actions: ['ec2:DescribeVpcs', 'ec2:DescribeSubnets', 'ec2:DescribeVpcAttribute', 'vpc-lattice:GetResourceConfiguration', 'vpc-lattice:GetResourceGateway', 'ram:GetResourceShareAssociations', 'ram:GetResourceShareInvitations', 'ram:AcceptResourceShareInvitation'] },
  { id: 'Finalize', file: 'finalize.ts', placeholder: 'FinalizeFunctionArn', actions: ['ec2:DescribeVpcs', 'ec2:DescribeVpcEndpoints', 'ec2:DescribeSecurityGroups', 'ec2:DescribeNetworkInterfaces', 'ec2:DeleteVpcEndpoints', 'ec2:DeleteSecurityGroup', 'ec2:CreateTags', 'ec2:DeleteTags'] },
  { id: 'DetectOverlaps', file: 'detect-overlaps.ts', placeholder: 'DetectOverlapsFunctionArn', actions: ['ec2:DescribeVpcs', 's3:GetObject', 's3:PutObject'] },
  { id: 'EnsureSecurityGroup', file: 'ensure-security-group.ts', placeholder: 'EnsureSecurityGroupFunctionArn', actions: ['ec2:DescribeSecurityGroups', 'ec2:DescribeVpcEndpoints', 'ec2:CreateSecurityGroup', 'ec2:CreateTags', 'ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress'] },
  { id: 'EnsureEndpoint', file: 'ensure-endpoint.ts', placeholder: 'EnsureEndpointFunctionArn', actions: ['ec2:DescribeVpcEndpoints', 'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups', 'ec2:CreateVpcEndpoint', 'ec2:CreateTags', 'ec2:DeleteTags', 'ec2:DeleteVpcEndpoints', 'ec2:DescribeVpcs'] },
  { id: 'AwaitEndpoint', file: 'await-endpoint.ts', placeholder: 'AwaitEndpointFunctionArn', actions: ['ec2:DescribeVpcEndpoints', 'ec2:DescribeVpcEndpointAssociations', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSecurityGroups'] },
  { id: 'VerifyProxy', file: 'verify-proxy.ts', placeholder: 'VerifyProxyFunctionArn', inHubVpc: true, actions: ['ec2:DescribeVpcEndpoints', 'ec2:DescribeVpcEndpointAssociations', 'ec2:DescribeSecurityGroups', 'ec2:DescribeNetworkAcls', 'ec2:DescribeVpcAttribute'] },
  { id: 'RetireReplaced', file: 'retire-replaced.ts', placeholder: 'RetireReplacedFunctionArn', actions: ['ec2:DescribeVpcEndpoints', 'ec2:DescribeSecurityGroups', 'ec2:DeleteVpcEndpoints'] },
  { id: 'PublishStatus', file: 'publish-status.ts', placeholder: 'PublishStatusFunctionArn', actions: ['ec2:DescribeVpcs', 'ec2:CreateTags', 'ec2:DeleteTags', 'events:PutEvents'] },
  // The fleet sweep (reconcile-fleet). ScanFleet probes Squid once per sweep, so it runs in the hub VPC.
  { id: 'ScanFleet', file: 'scan-fleet.ts', placeholder: 'ScanFleetFunctionArn', inHubVpc: true, actions: ['ec2:DescribeVpcs', 'ec2:DescribeVpcEndpoints', 'ec2:DescribeSecurityGroups', 'ec2:DescribeSubnets', 'ec2:DescribeVpcEndpointAssociations', 'vpc-lattice:GetResourceConfiguration', 'vpc-lattice:GetResourceGateway', 'states:ListExecutions', 'events:PutEvents', 's3:GetObject', 's3:PutObject'] },
  { id: 'MarkProxyHealth', file: 'mark-proxy-health.ts', placeholder: 'MarkProxyHealthFunctionArn', actions: ['ec2:DescribeVpcs', 'ec2:CreateTags', 'events:PutEvents'] },
];

/** The tag-event rule's target: validates the event and starts reconcile-vpc. Not in any ASL. */
export const DISPATCHER: LambdaEntry = {
  id: 'DispatchTagEvent', file: 'dispatch-tag-event.ts', placeholder: '', actions: ['states:StartExecution'],
  // One environment at a time: it is the single writer of the pacing lanes (handlers/lib/pacing), which
  // live in module scope. A recycled environment starts its lanes from `now` again; the throttles that may
  // follow in that minute are retried by the workflow (docs/design.md#workflows, "Pacing"). A dispatcher
  // of tens of ms handles ~20-30 events/s; the rest of a burst waits in Lambda's asynchronous queue, which
  // holds an event for up to 6 hours (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html).
  reservedConcurrency: 1,
};

/** The two workflows' names: the state machine names in AWS and locally, and what people call them. */
export const WORKFLOWS = { reconcileVpc: 'reconcile-vpc', reconcileFleet: 'reconcile-fleet' } as const;
export type WorkflowName = (typeof WORKFLOWS)[keyof typeof WORKFLOWS];

/** State machines: file under statemachines/ and the placeholder other definitions use for its ARN. */
export const STATE_MACHINES = [
  { name: WORKFLOWS.reconcileVpc, file: 'reconcile-vpc.asl.json', placeholder: 'ReconcileVpcStateMachineArn' },
  { name: WORKFLOWS.reconcileFleet, file: 'reconcile-fleet.asl.json', placeholder: 'ReconcileFleetStateMachineArn' },
] as const;

/**
 * Environment variables the handlers read. CDK sets them on the functions; the local cloud sets them
 * on its own process before it loads the handler modules.
 */
export const ENV = {
  /** ARN of the hub's VPC Lattice resource configuration (→ Squid). */
  resourceConfigurationArn: 'RESOURCE_CONFIGURATION_ARN',
  /** host:port VerifyProxy CONNECTs to through Squid (default aws.amazon.com:443). */
  proxyCheckTarget: 'PROXY_CHECK_TARGET',
  /** Event bus for status events (default: `default`). */
  statusEventBusName: 'STATUS_EVENT_BUS_NAME',
  /** reconcile-vpc state machine ARN (dispatcher, fleet sweep). */
  reconcileStateMachineArn: 'RECONCILE_STATE_MACHINE_ARN',
  /** Role name the operator assumes in member accounts (cross-account only). */
  memberRoleName: 'MEMBER_ROLE_NAME',
  /** ExternalId for that role. */
  memberExternalId: 'MEMBER_EXTERNAL_ID',
  /** The operator's own account (VPCs in other accounts go through the member role). */
  operatorAccountId: 'OPERATOR_ACCOUNT_ID',
  /** Where the fleet sweep looks: `account:region,…` (default: the operator's own account and region). */
  fleetTargets: 'FLEET_TARGETS',
  /** The sweep schedule's period in seconds (default 900): Error VPCs are retried once an hour within it. */
  sweepIntervalSeconds: 'FLEET_SWEEP_INTERVAL_SECONDS',
  /** S3 bucket of the fleet snapshot (the sweep writes it, DetectOverlaps reads it); unset: every DetectOverlaps reads the fleet. */
  fleetSnapshotBucket: 'FLEET_SNAPSHOT_BUCKET',
  /** `off`: DetectOverlaps ignores the snapshot and reads the whole fleet (the design before snapshots). */
  fleetSnapshot: 'FLEET_SNAPSHOT',
  /** A snapshot older than this many seconds is stale (default: two sweep periods). */
  fleetSnapshotMaxAgeSeconds: 'FLEET_SNAPSHOT_MAX_AGE_SECONDS',
  /** How long a DetectOverlaps environment keeps the snapshot it read (default 60; 0 keeps none). */
  fleetSnapshotCacheSeconds: 'FLEET_SNAPSHOT_CACHE_SECONDS',
  /** Seconds a new endpoint takes to provision (default 120): the workflow's AwaitProvisioning waits this long before the first look. */
  endpointProvisioningSeconds: 'ENDPOINT_PROVISIONING_SECONDS',
  /** `off`: the dispatcher and the sweep start every reconcile at once (no pacing of endpoint creation). */
  rolloutPacing: 'ROLLOUT_PACING',
  /** Paced CreateVpcEndpoint/DeleteVpcEndpoints per second per account and Region (default 0.27). */
  rolloutPacingRate: 'ROLLOUT_PACING_RATE',
  /** Paced calls an idle lane may make at once (default 1). */
  rolloutPacingBurst: 'ROLLOUT_PACING_BURST',
} as const;
