/** The in-memory records of the local EC2. Field names follow the SDK shapes, lower-camel. */
export type Tags = Map<string, string>;

/** Common to every taggable record: ID, tags, and a creation sequence number for stable pagination. */
export interface Resource {
  id: string;
  seq: number;
  tags: Tags;
}

export interface VpcRecord extends Resource {
  cidrBlock: string;
  cidrAssociationId: string;
  ipv6CidrBlock?: string;
  ipv6AssociationId?: string;
  state: 'pending' | 'available';
  isDefault: boolean;
  instanceTenancy: string;
  dhcpOptionsId: string;
  defaultSecurityGroupId: string;
}

export interface SubnetRecord extends Resource {
  vpcId: string;
  cidrBlock: string;
  availabilityZone: string;
  availabilityZoneId: string;
  state: 'available';
}

/** One rule per peer: AWS groups them by protocol/ports when describing. */
export interface SgRule {
  ruleId: string;
  protocol: string;
  fromPort?: number;
  toPort?: number;
  cidrIp?: string;
  cidrIpv6?: string;
  groupId?: string;
  description?: string;
}

export interface SecurityGroupRecord extends Resource {
  vpcId: string;
  groupName: string;
  description: string;
  ingress: SgRule[];
  egress: SgRule[];
}

/** The EC2 API's VpcEndpoint.State values (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcEndpoint.html). */
export type EndpointState = 'PendingAcceptance' | 'Pending' | 'Available' | 'Deleting' | 'Deleted' | 'Rejected' | 'Failed' | 'Expired' | 'Partial';

export interface EndpointRecord extends Resource {
  vpcId: string;
  type: 'Resource';
  resourceConfigurationArn: string;
  resourceConfigurationId: string;
  subnetIds: string[];
  securityGroupIds: string[];
  networkInterfaceIds: string[];
  associationId: string;
  privateDnsEnabled: boolean;
  ipAddressType: string;
  createdAt: number;
  /** Set when state was forced (store API) or deletion began; otherwise state derives from the clock. */
  state: EndpointState;
  deletingSince?: number;
  /** The state was forced (store API, POST /_local/endpoints/{id}/state): a forced Pending stays Pending. */
  forced?: boolean;
  lastError?: { code: string; message: string };
  /** Set at creation from the resource configuration (private DNS via custom domain name). */
  customDomainName?: string;
}

export interface EniRecord extends Resource {
  vpcId: string;
  subnetId: string;
  availabilityZone: string;
  availabilityZoneId: string;
  privateIpAddress: string;
  macAddress: string;
  description: string;
  interfaceType: string;
  groupIds: string[];
  requesterManaged: boolean;
  status: 'in-use' | 'available';
  endpointId?: string;
}

/** What the EC2 emulator needs to know about a VPC Lattice resource configuration (lattice store provides it). */
export interface ResourceConfigurationView {
  arn: string;
  id: string;
  gatewayVpcId: string;
  /** AZ IDs (not names) the resource gateway serves. */
  gatewayAzIds: string[];
  customDomainName?: string;
}

export type ResourceConfigurationLookup = (arnOrId: string) => ResourceConfigurationView | undefined;
