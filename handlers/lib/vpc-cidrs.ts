import type { Vpc } from '@aws-sdk/client-ec2';

/** A VPC's associated IPv4 and IPv6 blocks (blocks being associated or disassociated do not count). */
export function vpcCidrs(vpc: Vpc | undefined): string[] {
  if (!vpc) return [];
  const v4 = (vpc.CidrBlockAssociationSet ?? [])
    .filter((a) => a.CidrBlockState?.State === 'associated').map((a) => a.CidrBlock!);
  const v6 = (vpc.Ipv6CidrBlockAssociationSet ?? [])
    .filter((a) => a.Ipv6CidrBlockState?.State === 'associated').map((a) => a.Ipv6CidrBlock!);
  // Without an association set (an emulator, an old API shape) the primary block is all we know.
  return vpc.CidrBlockAssociationSet === undefined && vpc.CidrBlock ? [vpc.CidrBlock, ...v6] : [...v4, ...v6];
}
