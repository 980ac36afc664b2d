/** An EC2 API error: thrown anywhere in the EC2 emulator, rendered once as the EC2 XML error shape. */
export class Ec2Error extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = 'Ec2Error';
  }
}

export type ResourceKind = 'vpc' | 'subnet' | 'security-group' | 'vpc-endpoint' | 'network-interface' | 'route-table' | 'network-acl';

/** ID prefix of each kind. */
const PREFIX: Record<ResourceKind, string> = {
  vpc: 'vpc', subnet: 'subnet', 'security-group': 'sg', 'vpc-endpoint': 'vpce', 'network-interface': 'eni',
  'route-table': 'rtb', 'network-acl': 'acl',
};

/** The Malformed code of each kind, as EC2 answers an ID that cannot be one (`vpc-xyz`). */
const MALFORMED: Record<ResourceKind, string> = {
  vpc: 'InvalidVpcID.Malformed', subnet: 'InvalidSubnetID.Malformed', 'security-group': 'InvalidGroupId.Malformed',
  'vpc-endpoint': 'InvalidVpcEndpointId.Malformed', 'network-interface': 'InvalidNetworkInterfaceID.Malformed',
  'route-table': 'InvalidRouteTableID.Malformed', 'network-acl': 'InvalidNetworkAclID.Malformed',
};

/** EC2 IDs are the prefix and 8 (older resources) or 17 lowercase hex digits. */
export function isWellFormedId(id: string, kind: ResourceKind): boolean {
  const prefix = `${PREFIX[kind]}-`;
  if (!id.startsWith(prefix)) return false;
  return /^(?:[0-9a-f]{8}|[0-9a-f]{17})$/.test(id.slice(prefix.length));
}

export function malformed(id: string, kind: ResourceKind): Ec2Error {
  return new Ec2Error(MALFORMED[kind], `Invalid id: "${id}" (expecting "${PREFIX[kind]}-...")`);
}

/** The resource kind an ID names, by prefix (how AWS decides which NotFound code to send). */
export function kindOf(id: string): ResourceKind | undefined {
  if (id.startsWith('vpce-')) return 'vpc-endpoint';
  if (id.startsWith('vpc-')) return 'vpc';
  if (id.startsWith('subnet-')) return 'subnet';
  if (id.startsWith('sg-')) return 'security-group';
  if (id.startsWith('eni-')) return 'network-interface';
  if (id.startsWith('rtb-')) return 'route-table';
  if (id.startsWith('acl-')) return 'network-acl';
  return undefined;
}

/**
 * The NotFound code and wording AWS uses for an unknown ID (kind from the parameter, else the prefix);
 * an ID that cannot be of that kind at all gets the kind's Malformed code instead, as EC2 answers.
 */
export function notFound(id: string, kind: ResourceKind | undefined = kindOf(id)): Ec2Error {
  if (kind && !id.includes(',') && !isWellFormedId(id, kind)) return malformed(id, kind);
  switch (kind) {
    case 'vpc-endpoint': return new Ec2Error('InvalidVpcEndpointId.NotFound', `The Vpc Endpoint Id '${id}' does not exist`);
    case 'vpc': return new Ec2Error('InvalidVpcID.NotFound', `The vpc ID '${id}' does not exist`);
    case 'subnet': return new Ec2Error('InvalidSubnetID.NotFound', `The subnet ID '${id}' does not exist`);
    case 'security-group': return new Ec2Error('InvalidGroup.NotFound', `The security group '${id}' does not exist`);
    case 'network-interface': return new Ec2Error('InvalidNetworkInterfaceID.NotFound', `The networkInterface ID '${id}' does not exist`);
    case 'route-table': return new Ec2Error('InvalidRouteTableID.NotFound', `The routeTable ID '${id}' does not exist`);
    case 'network-acl': return new Ec2Error('InvalidNetworkAclID.NotFound', `The networkAcl ID '${id}' does not exist`);
    default: return new Ec2Error('InvalidID', `The ID '${id}' is not valid`);
  }
}

export function missing(param: string): Ec2Error {
  return new Ec2Error('MissingParameter', `The request must contain the parameter ${param}`);
}

export function invalidValue(message: string): Ec2Error {
  return new Ec2Error('InvalidParameterValue', message);
}
