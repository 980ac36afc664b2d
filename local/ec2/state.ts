/**
 * The in-memory state of the local EC2: records by ID, a clock, and the endpoint lifecycle
 * (Pending → Available after `endpointPendingMs`, Deleting → gone after `endpointDeletingMs`), which is
 * derived from the clock on every access instead of timers, so nothing keeps a test process alive.
 */
import { clockNow } from '../clock';
import type { ServiceContext } from '../service';
import { notFound, type ResourceKind } from './errors';
import type {
  EndpointRecord, EniRecord, Resource, ResourceConfigurationLookup, SecurityGroupRecord, SubnetRecord, VpcRecord,
} from './types';

export interface Ec2Options {
  /** How long a new resource endpoint stays Pending. */
  endpointPendingMs: number;
  /** How long a deleted endpoint stays Deleting before it disappears (default: endpointPendingMs). */
  endpointDeletingMs?: number;
  /** Resolves a resource configuration ARN (or ID) to what CreateVpcEndpoint checks. */
  resourceConfigurations: ResourceConfigurationLookup;
  /** Injectable clock (ms since epoch). */
  now?: () => number;
}

export class Ec2State {
  readonly vpcs = new Map<string, VpcRecord>();
  readonly subnets = new Map<string, SubnetRecord>();
  readonly securityGroups = new Map<string, SecurityGroupRecord>();
  readonly endpoints = new Map<string, EndpointRecord>();
  readonly networkInterfaces = new Map<string, EniRecord>();
  /** ClientToken → endpoint ID and canonical request, for CreateVpcEndpoint idempotency. */
  readonly clientTokens = new Map<string, { endpointId: string; request: string }>();
  /**
   * Endpoints that finished deleting, as `Deleted`: invisible to Describe, but a CreateVpcEndpoint
   * retried with the same ClientToken answers with them, as EC2's idempotency does.
   */
  readonly deletedEndpoints = new Map<string, EndpointRecord>();
  /** Per-resource counter for `detail.version` of aws.tag events. */
  readonly tagVersions = new Map<string, number>();
  private seqCounter = 0;
  readonly now: () => number;

  constructor(
    readonly ctx: ServiceContext,
    readonly options: Ec2Options,
  ) {
    this.now = options.now ?? clockNow; // the local cloud's clock (docs/local-cloud.md#clock); real time by default
  }

  nextSeq(): number {
    return ++this.seqCounter;
  }

  /** The highest creation sequence handed out so far (0: nothing created). */
  get lastSeq(): number {
    return this.seqCounter;
  }

  get accountId(): string {
    return this.ctx.accountId;
  }

  get region(): string {
    return this.ctx.region;
  }

  /** Advance the endpoint lifecycle to the current clock. Called before every read and write. */
  refresh(): void {
    const now = this.now();
    const deletingMs = this.options.endpointDeletingMs ?? this.options.endpointPendingMs;
    for (const ep of [...this.endpoints.values()]) {
      if (ep.state === 'Pending' && !ep.forced && now >= ep.createdAt + this.options.endpointPendingMs) ep.state = 'Available';
      if (ep.state === 'Deleting' && now >= (ep.deletingSince ?? now) + deletingMs) {
        for (const eni of ep.networkInterfaceIds) this.networkInterfaces.delete(eni);
        this.endpoints.delete(ep.id);
        this.deletedEndpoints.set(ep.id, { ...ep, state: 'Deleted' });
      }
    }
  }

  /** Any taggable resource by ID (prefix decides the kind, as in AWS). */
  findResource(id: string): Resource | undefined {
    this.refresh();
    if (id.startsWith('vpce-')) return this.endpoints.get(id);
    if (id.startsWith('vpc-')) return this.vpcs.get(id);
    if (id.startsWith('subnet-')) return this.subnets.get(id);
    if (id.startsWith('sg-')) return this.securityGroups.get(id);
    if (id.startsWith('eni-')) return this.networkInterfaces.get(id);
    return undefined;
  }

  requireResource(id: string): Resource {
    const r = this.findResource(id);
    if (!r) throw notFound(id);
    return r;
  }

  /** A record of one kind, or that kind's NotFound error. */
  require<T>(map: Map<string, T>, id: string, kind: ResourceKind): T {
    this.refresh();
    const r = map.get(id);
    if (!r) throw notFound(id, kind);
    return r;
  }

  requireVpc(id: string): VpcRecord {
    return this.require(this.vpcs, id, 'vpc');
  }

  requireSubnet(id: string): SubnetRecord {
    return this.require(this.subnets, id, 'subnet');
  }

  requireSecurityGroup(id: string): SecurityGroupRecord {
    return this.require(this.securityGroups, id, 'security-group');
  }

  requireEndpoint(id: string): EndpointRecord {
    return this.require(this.endpoints, id, 'vpc-endpoint');
  }

  requireNetworkInterface(id: string): EniRecord {
    return this.require(this.networkInterfaces, id, 'network-interface');
  }

  vpcArn(vpcId: string): string {
    return `arn:aws:ec2:${this.region}:${this.accountId}:vpc/${vpcId}`;
  }
}
