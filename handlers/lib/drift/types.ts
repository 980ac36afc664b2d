/**
 * What the fleet sweep sees of one account and region (bulk reads, no per-VPC calls) and the drift it
 * finds there. Pure data: handlers/lib/aws/fleet-scan.ts fills it, handlers/lib/drift asks the
 * planners about it.
 */
import type { IngressRule } from '../plan/security-group';
import type { TagMap } from '../tags';
import type { ObservedEndpoint } from '../workflow-state';

export interface ScannedVpc {
  vpcId: string;
  tags: TagMap;
  cidrs: string[];
}

/** An endpoint carrying our ownership tags; `owner` is the `egress-proxy:owner` tag's VPC. */
export interface ScannedEndpoint extends ObservedEndpoint {
  owner: string;
  vpcId: string;
}

export interface ScannedGroup {
  id: string;
  owner: string;
  vpcId: string;
  rules: IngressRule[];
}

export interface ScannedAssociation {
  endpointId: string;
  accessibility?: string;
  /** DNS names of the association (private DNS name first, when there is one). */
  dnsNames: string[];
}

/** One account and region, as the sweep read it. */
export interface FleetSnapshot {
  account: string;
  region: string;
  /** VPCs with the opt-in key or our status (tag-key filter), whatever their values. */
  vpcs: ScannedVpc[];
  endpoints: ScannedEndpoint[];
  groups: ScannedGroup[];
  associations: ScannedAssociation[];
}

/** The hub as one GetResourceConfiguration shows it, or why it cannot be used. */
export type HubView =
  | { ok: true; arn: string; host: string; port: number }
  | { ok: false; problem: string };

/** The once-per-sweep Squid probe; `reason` is `Outcome: message` like VerifyProxy's. */
export interface ProxyHealth { ok: boolean; reason: string }

export interface DriftContext {
  /** Milliseconds since the epoch, the sweep's start. */
  now: number;
  hub: HubView;
  /** Undefined when the proxy could not be probed (no usable hub). */
  proxy?: ProxyHealth;
  /** The sweep schedule's period: Error VPCs are retried in the first period after each full hour. */
  sweepIntervalMs: number;
}

const DRIFT_KINDS = [
  'NeverReconciled', 'SpecChanged', 'OptedOut', 'Orphaned',
  'EndpointMissing', 'EndpointFailed', 'DuplicateEndpoints', 'WrongSubnets', 'WrongSecurityGroups',
  'WrongResourceConfiguration', 'AssociationInaccessible',
  'SecurityGroupMissing', 'SecurityGroupRulesChanged',
  'StatusTampered', 'ProxyRecovered', 'HubRecovered', 'ErrorRetry', 'StuckProgressing', 'InFlight',
] as const;
export type DriftKind = (typeof DRIFT_KINDS)[number];

/** One reason a VPC needs a reconcile, with the observation behind it (logged, and hashed into the name). */
export interface Drift { kind: DriftKind; detail: string }

export interface VpcDrift {
  vpcId: string;
  /** generationOf(the VPC's current tags): the spec a reconcile started now would work towards. */
  generation: string;
  /** The VPC's `egress-proxy:state` (undefined: no status, or the VPC is not in the scan). */
  state?: string;
  /** The VPC's `egress-proxy:execution`: the last execution that wrote status. */
  lastExecution?: string;
  drift: Drift[];
}
