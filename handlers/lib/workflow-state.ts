/**
 * The JSON that flows through reconcile-vpc.asl.json, as zod schemas: every step validates its whole
 * input against them (handlers/lib/step.ts). Each Task receives `{ state: <the whole state so far>,
 * execution: <execution name> }` and its result lands at the ResultPath named below. Kept small: Step
 * Functions payloads are limited to 256 KiB. Objects are loose: a step's result may carry more than
 * the later steps read (logged plans), and passing it on unchanged is the point.
 */
import { z } from 'zod';
import { VPC_ID } from './names';
import { specSchema } from './spec';

const tagMap = z.record(z.string(), z.string());

/** What starts an execution (dispatcher, sweep, CLI). */
const reconcileRequestSchema = z.looseObject({
  vpcId: z.string().regex(VPC_ID, 'is not a VPC ID (vpc- and 8 or 17 hex digits)'),
  account: z.string().optional(),
  region: z.string().optional(),
  trigger: z.string().optional(),
  /** Plan only: the act stage is skipped and the plan is logged and returned. */
  dryRun: z.boolean().optional(),
  /** The pacing slot (ISO 8601): the run waits in `Pace` until then (docs/design.md#workflows, "Pacing"). */
  notBefore: z.iso.datetime({ offset: true }).optional(),
});
export type ReconcileRequest = z.infer<typeof reconcileRequestSchema>;

const observedEndpointSchema = z.object({
  id: z.string(),
  state: z.string(),
  subnetIds: z.array(z.string()),
  securityGroupIds: z.array(z.string()),
  resourceConfigurationArn: z.string().optional(),
  createdAt: z.string().optional(),
});
export type ObservedEndpoint = z.infer<typeof observedEndpointSchema>;

const hubInfoSchema = z.object({
  resourceConfigurationArn: z.string(),
  /** Squid address behind the resource configuration, as the hub sees it. */
  proxyHost: z.string(),
  proxyPort: z.number().int(),
  /** AZ IDs (use1-az1, …) the resource gateway serves. */
  gatewayAzIds: z.array(z.string()),
  customDomainName: z.string().optional(),
});
export type HubInfo = z.infer<typeof hubInfoSchema>;

const ingressRuleSchema = z.object({ protocol: z.string(), fromPort: z.number(), toPort: z.number(), cidr: z.string() });

/** The endpoint as AwaitEndpoint read it once it was ready: what VerifyProxy judges besides the network ACLs. */
const endpointFactsSchema = z.object({
  readIn: z.string(),
  groupIds: z.array(z.string()),
  subnetIds: z.array(z.string()),
  association: z.object({ accessibility: z.string().optional(), failureReason: z.string().optional() }),
});
export type EndpointFacts = z.infer<typeof endpointFactsSchema>;

/** Result of Observe, at $.observed. */
const observedSchema = z.looseObject({
  vpcId: z.string(),
  account: z.string().optional(),
  region: z.string().optional(),
  exists: z.boolean(),
  desired: z.enum(['present', 'absent']),
  spec: specSchema,
  generation: z.string(),
  cidrs: z.array(z.string()),
  statusTags: tagMap,
  /**
   * Whether EnsureSecurityGroup and EnsureEndpoint list what the operator owns for the VPC before they
   * plan. false: an opted-in VPC without any status tag (never reconciled, or fully cleaned up), where
   * they create optimistically (name and ClientToken make that idempotent) and AwaitEndpoint's one
   * listing finds older owned endpoints (docs/design.md#workflows, "What each step reads"). Observe
   * does not list itself: each of those steps lists right before it plans, so a list here was read twice.
   */
  listOwned: z.boolean().optional(),
  /** The endpoint's subnets as the spec check chose them (from its one DescribeSubnets), for EnsureEndpoint. */
  endpointSubnetIds: z.array(z.string()).optional(),
  hub: hubInfoSchema.optional(),
});
export type Observed = z.infer<typeof observedSchema>;

/**
 * Observed.listOwned, for an execution that Observe ran before the field existed: that Observe listed
 * (ownedSecurityGroupIds) exactly when the steps must, so a run in flight across an update still lists.
 */
export function listsOwned(observed: Observed): boolean {
  return observed.listOwned ?? (observed as Record<string, unknown>).ownedSecurityGroupIds !== undefined;
}

const taskErrorSchema = z.object({ Error: z.string(), Cause: z.string().optional() });
export type TaskError = z.infer<typeof taskErrorSchema>;

const workflowStateSchema = reconcileRequestSchema.extend({
  observed: observedSchema.optional(),
  /** $.overlaps (DetectOverlaps) */
  overlaps: z.looseObject({ count: z.number(), overlapsWith: z.array(z.string()), tag: z.string() }).optional(),
  /** $.securityGroup (EnsureSecurityGroup) */
  securityGroup: z.looseObject({
    groupId: z.string(), created: z.boolean(), authorized: z.number(), revoked: z.number(),
    /** The group's ingress rules as this step left them, for VerifyProxy (only from the execution `readIn`). */
    rules: z.array(ingressRuleSchema).optional(),
    readIn: z.string().optional(),
  }).optional(),
  /** $.endpoint (EnsureEndpoint, then AwaitEndpoint) */
  endpoint: z.looseObject({
    endpointId: z.string(),
    state: z.string().optional(),
    created: z.boolean().optional(),
    /** Seconds the AwaitProvisioning Wait lets pass before AwaitEndpoint first looks. */
    checkAfterSeconds: z.number().optional(),
    proxyHost: z.string().optional(),
    ips: z.array(z.string()).optional(),
    retire: z.array(z.string()).optional(),
    /** What AwaitEndpoint read of the endpoint, for VerifyProxy (only from the execution `readIn`). */
    facts: endpointFactsSchema.optional(),
  }).optional(),
  /** $.verify (VerifyProxy) */
  verify: z.looseObject({ outcome: z.string(), latencyMs: z.number(), message: z.string() }).optional(),
  /** $.finalized (Finalize) */
  finalized: z.looseObject({ deletedEndpoints: z.array(z.string()), deletedSecurityGroups: z.array(z.string()), retained: z.array(z.string()) }).optional(),
  /** $.error (every Catch) */
  error: taskErrorSchema.optional(),
  /** $.retireError (RetireReplaced's Catch: the successor serves, the old endpoint is still there) */
  retireError: taskErrorSchema.optional(),
});
export type WorkflowState = z.infer<typeof workflowStateSchema>;

export const taskInputSchema = z.object({ execution: z.string().min(1), state: workflowStateSchema });
export type TaskInput = z.infer<typeof taskInputSchema>;
