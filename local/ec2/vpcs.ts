/** VPCs and subnets: creation checks, AWS's dependency rules on deletion. */
import { Ec2Error, invalidValue, missing } from './errors';
import { newId } from './ids';
import { contains, formatCidr, overlaps, parseCidr, type Cidr } from './cidr';
import { findZone, zonesOf } from './az';
import { tagNewResource } from './tagging';
import { createDefaultSecurityGroup } from './security-groups';
import type { Ec2State } from './state';
import type { SubnetRecord, VpcRecord } from './types';
import type { QueryTag } from '../protocol/query';

export interface CreateVpcInput {
  cidrBlock?: string;
  amazonProvidedIpv6CidrBlock?: boolean;
  instanceTenancy?: string;
  tags?: QueryTag[];
}

/** VPC and subnet CIDRs must be between /16 and /28 (AWS's limits). */
function blockOf(text: string | undefined, param: string, rangeCode: string): Cidr {
  if (!text) throw missing(param);
  const cidr = parseCidr(text);
  if (!cidr) throw invalidValue(`Value (${text}) for parameter ${param} is invalid. This is not a valid CIDR block.`);
  if (cidr.prefix < 16 || cidr.prefix > 28) throw new Ec2Error(rangeCode, `The CIDR '${text}' is invalid.`);
  return cidr;
}

/** An Amazon-provided /56, unique per VPC (derived from its creation sequence). */
function amazonIpv6Block(seq: number): string {
  return `2600:1f18:${(0x4000 + Math.floor(seq / 256)).toString(16)}:${(seq % 256).toString(16).padStart(2, '0')}00::/56`;
}

export function createVpc(state: Ec2State, input: CreateVpcInput): VpcRecord {
  const cidr = blockOf(input.cidrBlock, 'cidrBlock', 'InvalidVpc.Range');
  const seq = state.nextSeq();
  const vpc: VpcRecord = {
    id: newId('vpc'),
    seq,
    tags: new Map(),
    cidrBlock: formatCidr(cidr),
    cidrAssociationId: newId('vpc-cidr-assoc'),
    ipv6CidrBlock: input.amazonProvidedIpv6CidrBlock ? amazonIpv6Block(seq) : undefined,
    ipv6AssociationId: input.amazonProvidedIpv6CidrBlock ? newId('vpc-cidr-assoc') : undefined,
    state: 'available',
    isDefault: false,
    instanceTenancy: input.instanceTenancy ?? 'default',
    dhcpOptionsId: 'dopt-0default0000000001',
    defaultSecurityGroupId: '',
  };
  state.vpcs.set(vpc.id, vpc);
  vpc.defaultSecurityGroupId = createDefaultSecurityGroup(state, vpc.id).id;
  tagNewResource(state, vpc, input.tags);
  return vpc;
}

/** AWS refuses while subnets, endpoints (even Deleting ones) or non-default security groups remain. */
export function deleteVpc(state: Ec2State, vpcId: string): void {
  const vpc = state.requireVpc(vpcId);
  const inVpc = <T extends { vpcId: string }>(m: Map<string, T>) => [...m.values()].some((r) => r.vpcId === vpcId);
  const extraGroups = [...state.securityGroups.values()].some((g) => g.vpcId === vpcId && g.id !== vpc.defaultSecurityGroupId);
  if (inVpc(state.subnets) || inVpc(state.endpoints) || inVpc(state.networkInterfaces) || extraGroups) {
    throw new Ec2Error('DependencyViolation', `The vpc '${vpcId}' has dependencies and cannot be deleted.`);
  }
  state.securityGroups.delete(vpc.defaultSecurityGroupId);
  state.vpcs.delete(vpcId);
  state.tagVersions.delete(vpcId);
}

export interface CreateSubnetInput {
  vpcId?: string;
  cidrBlock?: string;
  availabilityZone?: string;
  availabilityZoneId?: string;
  tags?: QueryTag[];
}

export function createSubnet(state: Ec2State, input: CreateSubnetInput): SubnetRecord {
  if (!input.vpcId) throw missing('VpcId');
  const vpc = state.requireVpc(input.vpcId);
  const cidr = blockOf(input.cidrBlock, 'cidrBlock', 'InvalidSubnet.Range');
  if (!contains(parseCidr(vpc.cidrBlock)!, cidr)) throw new Ec2Error('InvalidSubnet.Range', `The CIDR '${input.cidrBlock}' is invalid.`);
  for (const s of state.subnets.values()) {
    if (s.vpcId === vpc.id && overlaps(parseCidr(s.cidrBlock)!, cidr)) {
      throw new Ec2Error('InvalidSubnet.Conflict', `The CIDR '${input.cidrBlock}' conflicts with another subnet`);
    }
  }
  const wanted = input.availabilityZoneId ?? input.availabilityZone;
  const zones = zonesOf(state.region, state.accountId);
  const zone = wanted === undefined ? zones[0] : findZone(state.region, state.accountId, wanted);
  if (!zone) {
    const names = zones.map((z) => z.name).join(', ');
    throw invalidValue(`Value (${wanted}) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: ${names}.`);
  }
  const subnet: SubnetRecord = {
    id: newId('subnet'),
    seq: state.nextSeq(),
    tags: new Map(),
    vpcId: vpc.id,
    cidrBlock: formatCidr(cidr),
    availabilityZone: zone.name,
    availabilityZoneId: zone.id,
    state: 'available',
  };
  state.subnets.set(subnet.id, subnet);
  tagNewResource(state, subnet, input.tags);
  return subnet;
}

export function deleteSubnet(state: Ec2State, subnetId: string): void {
  state.requireSubnet(subnetId);
  if ([...state.networkInterfaces.values()].some((e) => e.subnetId === subnetId)) {
    throw new Ec2Error('DependencyViolation', `The subnet '${subnetId}' has dependencies and cannot be deleted.`);
  }
  state.subnets.delete(subnetId);
}

/** Free addresses left in a subnet (AWS reserves 5 per subnet). */
export function availableIpCount(state: Ec2State, subnet: SubnetRecord): number {
  const total = 2 ** (32 - parseCidr(subnet.cidrBlock)!.prefix) - 5;
  const used = [...state.networkInterfaces.values()].filter((e) => e.subnetId === subnet.id).length;
  return total - used;
}
