/**
 * Checks of the whole spec against the world, made in Observe before the first write so that an
 * invalid spec creates nothing (docs/design.md#workflows). Pure: the facts are read by the caller.
 */

/** The Region of an ARN (`arn:partition:service:region:account:…`), undefined when it names none. */
export function regionOfArn(arn: string): string | undefined {
  return arn.split(':')[3] || undefined;
}

/**
 * A resource endpoint can only use a resource configuration of its own Region
 * (https://docs.aws.amazon.com/vpc/latest/privatelink/use-resource-endpoint.html): name both Regions.
 */
export function regionProblem(vpcRegion: string | undefined, resourceConfigurationArn: string): string | undefined {
  const hubRegion = regionOfArn(resourceConfigurationArn);
  if (!vpcRegion || !hubRegion || vpcRegion === hubRegion) return undefined;
  return `no hub in ${vpcRegion} (the hub's resource configuration is in ${hubRegion}); an endpoint can only use a resource configuration of its own Region: deploy a hub and operator in ${vpcRegion}`;
}

export interface VpcDnsAttributes { enableDnsSupport: boolean; enableDnsHostnames: boolean }

/**
 * Private DNS of an endpoint needs both DNS attributes of the VPC, or the proxy's name never resolves
 * (https://docs.aws.amazon.com/vpc/latest/userguide/AmazonDNS-concepts.html#vpc-dns-support).
 */
export function vpcDnsProblem(vpcId: string, dns: VpcDnsAttributes): string | undefined {
  const off = (['enableDnsSupport', 'enableDnsHostnames'] as const).filter((k) => !dns[k]);
  if (!off.length) return undefined;
  const fix = off.map((k) => `aws ec2 modify-vpc-attribute --vpc-id ${vpcId} --${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} '{"Value":true}'`).join(' and ');
  return `${off.join(' and ')} ${off.length > 1 ? 'are' : 'is'} off on ${vpcId}, so the proxy's private DNS name would never resolve; turn ${off.length > 1 ? 'them' : 'it'} on: ${fix}`;
}
