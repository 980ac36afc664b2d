/**
 * The JSON that flows through reconcile-vpc.asl.json. Each Task receives
 * `{ state: <the whole state so far>, execution: <execution name> }` and its result lands at the
 * ResultPath named below. Kept small: Step Functions payloads are limited to 256 KiB.
 */
import type { Spec } from './spec';
import type { TagMap } from './tags';

/** What starts an execution (dispatcher, sweep, CLI). */
export interface ReconcileRequest {
  vpcId: string;
  account?: string;
  region?: string;
  trigger?: string;
  /** Plan only: the act stage is skipped and the plan is logged and returned. */
  dryRun?: boolean;
}

export interface ObservedEndpoint {
  id: string;
  state: string;
  subnetIds: string[];
  securityGroupIds: string[];
  resourceConfigurationArn?: string;
  createdAt?: string;
}

export interface HubInfo {
  resourceConfigurationArn: string;
  /** Squid address behind the resource configuration, as the hub sees it. */
  proxyHost: string;
  proxyPort: number;
  /** AZ IDs (use1-az1, …) the resource gateway serves. */
  gatewayAzIds: string[];
  customDomainName?: string;
}

/** Result of Observe, at $.observed. */
export interface Observed {
  vpcId: string;
  account?: string;
  region?: string;
  exists: boolean;
  desired: 'present' | 'absent';
  spec: Spec;
  generation: string;
  cidrs: string[];
  statusTags: TagMap;
  ownedEndpoints: ObservedEndpoint[];
  ownedSecurityGroupIds: string[];
  hub?: HubInfo;
}

export interface TaskError { Error: string; Cause?: string }

export interface WorkflowState extends ReconcileRequest {
  observed?: Observed;
  overlaps?: { count: number; overlapsWith: string[]; tag: string };
  securityGroup?: { groupId: string; created: boolean; authorized: number; revoked: number };
  endpoint?: { endpointId: string; state?: string; created?: boolean; proxyHost?: string; ips?: string[]; retire?: string[] };
  verify?: { outcome: string; latencyMs: number; message: string };
  finalized?: { deletedEndpoints: string[]; deletedSecurityGroups: string[]; retained: string[] };
  error?: TaskError;
}

export interface TaskInput { state: WorkflowState; execution: string }
