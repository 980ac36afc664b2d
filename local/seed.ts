/**
 * Seed data for the local cloud, through the store APIs (no HTTP): the hub the operator points at
 * (docs/design.md#architecture), and project VPCs that all use 10.0.0.0/16 — the overlap the product exists for.
 */
import { isIP } from 'node:net';
import type { Ec2Store } from './ec2/store';
import type { LatticeStore, ResourceDefinition } from './lattice/store';

export interface HubSeed {
  hubVpcId: string;
  hubSubnetIds: string[];
  resourceGatewayId: string;
  resourceGatewayArn: string;
  resourceConfigurationId: string;
  resourceConfigurationArn: string;
}

export interface HubOptions {
  squidHost: string;
  squidPort: number;
  /** AZ names for the hub subnets (default us-east-1a..c of the store's region). */
  zones?: string[];
  customDomainName?: string;
}

export function seedHub(ec2: Ec2Store, lattice: LatticeStore, opts: HubOptions): HubSeed {
  const zones = opts.zones ?? ['a', 'b', 'c'].map((l) => `${ec2.region}${l}`);
  const vpc = ec2.createVpc({ cidrBlock: '10.0.0.0/16', tags: { Name: 'egress-hub' } });
  const subnets = zones.map((zone, i) =>
    ec2.createSubnet({ vpcId: vpc.id, cidrBlock: `10.0.${i + 1}.0/24`, availabilityZone: zone, tags: { Name: `egress-hub-${zone}` } }),
  );
  const sg = ec2.createSecurityGroup({ vpcId: vpc.id, groupName: 'egress-hub-resource-gateway', description: 'Resource gateway to Squid' });
  const gateway = lattice.createResourceGateway({
    name: 'egress-hub',
    vpcId: vpc.id,
    subnetIds: subnets.map((s) => s.id),
    securityGroupIds: [sg.id],
    azIds: subnets.map((s) => s.availabilityZoneId),
  });
  const definition: ResourceDefinition = isIP(opts.squidHost)
    ? { ipResource: { ipAddress: opts.squidHost } }
    : { dnsResource: { domainName: opts.squidHost, ipAddressType: 'IPV4' } };
  const config = lattice.createResourceConfiguration({
    name: 'egress-squid',
    portRanges: [String(opts.squidPort)],
    resourceGatewayId: gateway.id,
    definition,
    customDomainName: opts.customDomainName,
  });
  return {
    hubVpcId: vpc.id,
    hubSubnetIds: subnets.map((s) => s.id),
    resourceGatewayId: gateway.id,
    resourceGatewayArn: gateway.arn,
    resourceConfigurationId: config.id,
    resourceConfigurationArn: config.arn,
  };
}

/** `n` project VPCs, all 10.0.0.0/16, two subnets each (us-east-1a, us-east-1b), Name=project-i, not opted in. */
export function seedProjects(ec2: Ec2Store, n = 3): string[] {
  const ids: string[] = [];
  for (let i = 1; i <= n; i++) {
    const vpc = ec2.createVpc({ cidrBlock: '10.0.0.0/16', tags: { Name: `project-${i}` } });
    ec2.createSubnet({ vpcId: vpc.id, cidrBlock: '10.0.1.0/24', availabilityZone: `${ec2.region}a`, tags: { Name: `project-${i}-a` } });
    ec2.createSubnet({ vpcId: vpc.id, cidrBlock: '10.0.2.0/24', availabilityZone: `${ec2.region}b`, tags: { Name: `project-${i}-b` } });
    ids.push(vpc.id);
  }
  return ids;
}
