/**
 * VPC Lattice resource gateways and resource configurations (what the hub owns), in memory.
 * Filled by seed.ts; read by GetResourceConfiguration/GetResourceGateway and by the EC2 emulator's
 * CreateVpcEndpoint checks through `resourceConfigurationView`.
 */
import { newId } from '../ec2/ids';
import type { ResourceConfigurationView } from '../ec2/types';

export interface ResourceGatewayRecord {
  id: string;
  arn: string;
  name: string;
  vpcId: string;
  subnetIds: string[];
  securityGroupIds: string[];
  /** AZ IDs of the subnets (resolved at creation; the gateway's subnets never change here). */
  azIds: string[];
  ipAddressType: 'IPV4' | 'IPV6' | 'DUALSTACK';
  status: 'ACTIVE';
  createdAt: Date;
}

export type ResourceDefinition =
  | { ipResource: { ipAddress: string } }
  | { dnsResource: { domainName: string; ipAddressType: 'IPV4' | 'IPV6' | 'DUALSTACK' } };

export interface ResourceConfigurationRecord {
  id: string;
  arn: string;
  name: string;
  type: 'SINGLE';
  protocol: 'TCP';
  portRanges: string[];
  resourceGatewayId: string;
  definition: ResourceDefinition;
  customDomainName?: string;
  status: 'ACTIVE';
  createdAt: Date;
}

export class LatticeStore {
  readonly gateways = new Map<string, ResourceGatewayRecord>();
  readonly configurations = new Map<string, ResourceConfigurationRecord>();

  constructor(
    readonly accountId: string,
    readonly region: string,
  ) {}

  private arn(kind: string, id: string): string {
    return `arn:aws:vpc-lattice:${this.region}:${this.accountId}:${kind}/${id}`;
  }

  createResourceGateway(input: Omit<ResourceGatewayRecord, 'id' | 'arn' | 'status' | 'createdAt' | 'ipAddressType'> & {
    ipAddressType?: ResourceGatewayRecord['ipAddressType'];
  }): ResourceGatewayRecord {
    const id = newId('rgw');
    const gw: ResourceGatewayRecord = {
      ipAddressType: 'IPV4', ...input, id, arn: this.arn('resourcegateway', id), status: 'ACTIVE', createdAt: new Date(),
    };
    this.gateways.set(id, gw);
    return gw;
  }

  createResourceConfiguration(
    input: Omit<ResourceConfigurationRecord, 'id' | 'arn' | 'status' | 'createdAt' | 'type' | 'protocol'>,
  ): ResourceConfigurationRecord {
    if (!this.gateways.has(input.resourceGatewayId)) throw new Error(`unknown resource gateway ${input.resourceGatewayId}`);
    const id = newId('rcfg');
    const cfg: ResourceConfigurationRecord = {
      ...input, id, arn: this.arn('resourceconfiguration', id), type: 'SINGLE', protocol: 'TCP', status: 'ACTIVE', createdAt: new Date(),
    };
    this.configurations.set(id, cfg);
    return cfg;
  }

  /** By ID or ARN, like the `…Identifier` path parameters of the API. */
  findConfiguration(idOrArn: string): ResourceConfigurationRecord | undefined {
    return this.configurations.get(idOrArn) ?? [...this.configurations.values()].find((c) => c.arn === idOrArn);
  }

  findGateway(idOrArn: string): ResourceGatewayRecord | undefined {
    return this.gateways.get(idOrArn) ?? [...this.gateways.values()].find((g) => g.arn === idOrArn);
  }

  /** What CreateVpcEndpoint needs to know (the EC2 emulator's ResourceConfigurationLookup). */
  resourceConfigurationView(arnOrId: string): ResourceConfigurationView | undefined {
    const cfg = this.findConfiguration(arnOrId);
    const gw = cfg && this.gateways.get(cfg.resourceGatewayId);
    if (!cfg || !gw) return undefined;
    return { arn: cfg.arn, id: cfg.id, gatewayVpcId: gw.vpcId, gatewayAzIds: gw.azIds, customDomainName: cfg.customDomainName };
  }
}
