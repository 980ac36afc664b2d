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

export type ResourceKind = 'vpc' | 'subnet' | 'security-group' | 'vpc-endpoint' | 'network-interface';

/** The resource kind an ID names, by prefix (how AWS decides which NotFound code to send). */
export function kindOf(id: string): ResourceKind | undefined {
  if (id.startsWith('vpce-')) return 'vpc-endpoint';
  if (id.startsWith('vpc-')) return 'vpc';
  if (id.startsWith('subnet-')) return 'subnet';
  if (id.startsWith('sg-')) return 'security-group';
  if (id.startsWith('eni-')) return 'network-interface';
  return undefined;
}

/** The NotFound code and wording AWS uses for an unknown ID (kind from the parameter, else the prefix). */
export function notFound(id: string, kind: ResourceKind | undefined = kindOf(id)): Ec2Error {
  switch (kind) {
    case 'vpc-endpoint': return new Ec2Error('InvalidVpcEndpointId.NotFound', `The Vpc Endpoint Id '${id}' does not exist`);
    case 'vpc': return new Ec2Error('InvalidVpcID.NotFound', `The vpc ID '${id}' does not exist`);
    case 'subnet': return new Ec2Error('InvalidSubnetID.NotFound', `The subnet ID '${id}' does not exist`);
    case 'security-group': return new Ec2Error('InvalidGroup.NotFound', `The security group '${id}' does not exist`);
    case 'network-interface': return new Ec2Error('InvalidNetworkInterfaceID.NotFound', `The networkInterface ID '${id}' does not exist`);
    default: return new Ec2Error('InvalidID', `The ID '${id}' is not valid`);
  }
}

export function missing(param: string): Ec2Error {
  return new Ec2Error('MissingParameter', `The request must contain the parameter ${param}`);
}

export function invalidValue(message: string): Ec2Error {
  return new Ec2Error('InvalidParameterValue', message);
}
