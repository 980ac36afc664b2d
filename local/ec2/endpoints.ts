/**
 * Resource VPC endpoints (VpcEndpointType `Resource`, docs/local-cloud.md#resource-endpoints): checks AWS makes at creation,
 * ClientToken idempotency, one ENI per subnet, and the Pending → Available → Deleting lifecycle.
 */
import { Ec2Error, missing } from './errors';
import { newId, newMac } from './ids';
import { nextFreeAddress, parseCidr } from './cidr';
import { tagNewResource } from './tagging';
import type { Ec2State } from './state';
import type { EndpointRecord, EndpointState, EniRecord, SubnetRecord } from './types';
import type { QueryTag } from '../protocol/query';

/** Quota: resource endpoints per VPC. */
export const MAX_RESOURCE_ENDPOINTS_PER_VPC = 200;

export interface CreateEndpointInput {
  vpcId?: string;
  vpcEndpointType?: string;
  resourceConfigurationArn?: string;
  subnetIds?: string[];
  securityGroupIds?: string[];
  clientToken?: string;
  privateDnsEnabled?: boolean;
  ipAddressType?: string;
  tags?: QueryTag[];
}

const invalidParameter = (message: string) => new Ec2Error('InvalidParameter', message);

/** Everything that identifies the request, for comparing two uses of one ClientToken. */
function canonical(input: CreateEndpointInput): string {
  const { clientToken: _ignored, ...rest } = input;
  return JSON.stringify(rest, Object.keys(rest).sort());
}

function checkSubnets(state: Ec2State, vpcId: string, ids: string[]): SubnetRecord[] {
  if (ids.length === 0) throw invalidParameter('At least one subnet must be specified for an endpoint of type Resource.');
  const subnets = ids.map((id) => state.requireSubnet(id));
  const seenAz = new Set<string>();
  for (const s of subnets) {
    if (s.vpcId !== vpcId) throw invalidParameter(`The subnet '${s.id}' does not belong to VPC '${vpcId}'.`);
    if (seenAz.has(s.availabilityZoneId)) {
      throw new Ec2Error(
        'DuplicateSubnetsInSameZone',
        `Found another VPC endpoint subnet in the availability zone of ${s.id}. VPC endpoint subnets should be in different availability zones supported by the VPC endpoint service.`,
      );
    }
    seenAz.add(s.availabilityZoneId);
  }
  return subnets;
}

function checkGroups(state: Ec2State, vpcId: string, ids: string[]): string[] {
  const groups = ids.length > 0 ? ids : [state.requireVpc(vpcId).defaultSecurityGroupId];
  for (const id of groups) {
    const g = state.requireSecurityGroup(id);
    if (g.vpcId !== vpcId) throw invalidParameter(`Security group ${id} and VPC ${vpcId} belong to different networks.`);
  }
  return groups;
}

function createEni(state: Ec2State, endpointId: string, subnet: SubnetRecord, groupIds: string[]): EniRecord {
  const used = new Set([...state.networkInterfaces.values()].filter((e) => e.subnetId === subnet.id).map((e) => e.privateIpAddress));
  const ip = nextFreeAddress(parseCidr(subnet.cidrBlock)!, used);
  if (!ip) throw new Ec2Error('InsufficientFreeAddressesInSubnet', `There are not enough free addresses in subnet '${subnet.id}' to satisfy the requested number of instances.`);
  const eni: EniRecord = {
    id: newId('eni'), seq: state.nextSeq(), tags: new Map(), vpcId: subnet.vpcId, subnetId: subnet.id,
    availabilityZone: subnet.availabilityZone, availabilityZoneId: subnet.availabilityZoneId,
    privateIpAddress: ip, macAddress: newMac(), description: `VPC Endpoint Interface ${endpointId}`,
    interfaceType: 'vpc_endpoint', groupIds, requesterManaged: true, status: 'in-use', endpointId,
  };
  state.networkInterfaces.set(eni.id, eni);
  return eni;
}

export function createVpcEndpoint(state: Ec2State, input: CreateEndpointInput): EndpointRecord {
  const request = canonical(input);
  if (input.clientToken) {
    const seen = state.clientTokens.get(input.clientToken);
    if (seen && seen.request !== request) {
      throw new Ec2Error('IdempotentParameterMismatch', 'The client token you have provided is associated with a different request.');
    }
    const existing = seen && (state.endpoints.get(seen.endpointId) ?? state.deletedEndpoints.get(seen.endpointId));
    if (existing) return existing;
  }
  if (!input.vpcId) throw missing('VpcId');
  const vpc = state.requireVpc(input.vpcId);
  if (input.vpcEndpointType !== 'Resource') {
    throw invalidParameter(`The local cloud supports only VpcEndpointType 'Resource' (got '${input.vpcEndpointType ?? 'Gateway'}').`);
  }
  if (!input.resourceConfigurationArn) throw missing('ResourceConfigurationArn');
  const rcfg = state.options.resourceConfigurations(input.resourceConfigurationArn);
  // Another account's configuration is usable only once shared through RAM and accepted
  // (https://docs.aws.amazon.com/vpc/latest/privatelink/use-resource-endpoint.html#prerequisites-resource-endpoints).
  if (!rcfg) throw invalidParameter(`The resource configuration '${input.resourceConfigurationArn}' does not exist or is not shared with this account.`);
  if (rcfg.gatewayVpcId === vpc.id) throw invalidParameter('A resource endpoint cannot be created in the VPC of its resource gateway.');
  const requested = checkSubnets(state, vpc.id, input.subnetIds ?? []);
  // Network interfaces only where the resource gateway serves the AZ ID (AZ IDs are the same physical
  // zone in every account: https://docs.aws.amazon.com/global-infrastructure/latest/regions/az-ids.html).
  const subnets = requested.filter((s) => rcfg.gatewayAzIds.includes(s.availabilityZoneId));
  if (subnets.length === 0) {
    // The wording AWS uses when an endpoint service does not support a subnet's zone (InvalidParameter).
    const azs = requested.map((s) => `${s.id} (${s.availabilityZoneId})`).join(', ');
    throw invalidParameter(
      `The resource configuration ${rcfg.arn} does not support the availability zone of the subnet: ${azs}. ` +
      `Its resource gateway serves ${[...rcfg.gatewayAzIds].sort().join(', ')}.`,
    );
  }
  const groupIds = checkGroups(state, vpc.id, input.securityGroupIds ?? []);
  const count = [...state.endpoints.values()].filter((e) => e.vpcId === vpc.id).length;
  if (count >= MAX_RESOURCE_ENDPOINTS_PER_VPC) {
    throw new Ec2Error('VpcEndpointLimitExceeded', `The maximum number of VPC endpoints (${MAX_RESOURCE_ENDPOINTS_PER_VPC}) has been reached for '${vpc.id}'.`);
  }
  const id = newId('vpce');
  const enis = subnets.map((s) => createEni(state, id, s, groupIds));
  const endpoint: EndpointRecord = {
    id, seq: state.nextSeq(), tags: new Map(), vpcId: vpc.id, type: 'Resource',
    resourceConfigurationArn: rcfg.arn, resourceConfigurationId: rcfg.id,
    subnetIds: subnets.map((s) => s.id), securityGroupIds: groupIds, networkInterfaceIds: enis.map((e) => e.id),
    associationId: newId('vpce-rsc-asc'), privateDnsEnabled: input.privateDnsEnabled ?? false,
    ipAddressType: input.ipAddressType ?? 'ipv4', createdAt: state.now(), state: 'Pending',
    customDomainName: rcfg.customDomainName,
  };
  state.endpoints.set(id, endpoint);
  if (input.clientToken) state.clientTokens.set(input.clientToken, { endpointId: id, request });
  tagNewResource(state, endpoint, input.tags);
  state.refresh(); // a zero pending delay makes the endpoint Available at once
  return endpoint;
}

export interface UnsuccessfulItem {
  resourceId: string;
  code: string;
  message: string;
}

/** Unknown IDs are reported per item, not as a failed call (AWS's `Unsuccessful` set). */
export function deleteVpcEndpoints(state: Ec2State, ids: string[]): UnsuccessfulItem[] {
  state.refresh();
  const unsuccessful: UnsuccessfulItem[] = [];
  for (const id of ids) {
    const ep = state.endpoints.get(id);
    if (!ep) {
      unsuccessful.push({ resourceId: id, code: 'InvalidVpcEndpoint.NotFound', message: `The VpcEndpoint Id '${id}' does not exist` });
      continue;
    }
    if (ep.state !== 'Deleting') {
      ep.state = 'Deleting';
      ep.deletingSince = state.now();
    }
  }
  state.refresh();
  return unsuccessful;
}

/** Store API for tests and demos: force a state (e.g. Failed, to exercise drift handling). */
export function setEndpointState(state: Ec2State, id: string, next: EndpointState, lastError?: { code: string; message: string }): void {
  const ep = state.requireEndpoint(id);
  ep.state = next;
  ep.forced = true;
  ep.lastError = lastError;
  if (next === 'Deleting') ep.deletingSince = state.now();
}
