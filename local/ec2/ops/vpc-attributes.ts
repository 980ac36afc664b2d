/**
 * DescribeVpcAttribute and ModifyVpcAttribute for the DNS attributes. A VPC made by CreateVpc starts
 * with DNS resolution on and DNS hostnames off (only default VPCs have both on):
 * https://docs.aws.amazon.com/vpc/latest/userguide/AmazonDNS-concepts.html#vpc-dns-support.
 * ModifyVpcAttribute changes one attribute per call, as its API reference says
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyVpcAttribute.html).
 */
import type { QueryParams } from '../../protocol/query';
import type { XmlObject } from '../../protocol/xml';
import { Ec2Error, invalidValue } from '../errors';
import type { Ec2State } from '../state';
import type { VpcRecord } from '../types';

export interface VpcAttributes {
  enableDnsSupport: boolean;
  enableDnsHostnames: boolean;
  enableNetworkAddressUsageMetrics: boolean;
}

type AttributeName = keyof VpcAttributes;
const NAMES: AttributeName[] = ['enableDnsSupport', 'enableDnsHostnames', 'enableNetworkAddressUsageMetrics'];

/** Kept beside the store (keyed by state, then VPC ID) so the VPC records stay as the store made them. */
const attributes = new WeakMap<Ec2State, Map<string, VpcAttributes>>();

export function vpcAttributes(state: Ec2State, vpc: VpcRecord): VpcAttributes {
  let byVpc = attributes.get(state);
  if (!byVpc) attributes.set(state, (byVpc = new Map()));
  let attrs = byVpc.get(vpc.id);
  if (!attrs) {
    attrs = { enableDnsSupport: true, enableDnsHostnames: vpc.isDefault, enableNetworkAddressUsageMetrics: false };
    byVpc.set(vpc.id, attrs);
  }
  return attrs;
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export const vpcAttributeOps = {
  DescribeVpcAttribute(state: Ec2State, p: QueryParams): XmlObject {
    const vpc = state.requireVpc(p.get('VpcId')!); // VpcId and Attribute: required by the model (checked first)
    const name = p.get('Attribute') as AttributeName;
    return { vpcId: vpc.id, [name]: { value: vpcAttributes(state, vpc)[name] } };
  },

  ModifyVpcAttribute(state: Ec2State, p: QueryParams): XmlObject {
    const vpc = state.requireVpc(p.get('VpcId')!);
    const given = NAMES.filter((n) => p.has(`${capitalize(n)}.Value`));
    if (given.length === 0) {
      throw new Ec2Error('MissingParameter', 'The request must contain exactly one of the parameters EnableDnsSupport, EnableDnsHostnames, EnableNetworkAddressUsageMetrics');
    }
    if (given.length > 1) throw new Ec2Error('InvalidParameterCombination', 'Fields for multiple attribute types specified: ' + given.join(', '));
    const raw = p.get(`${capitalize(given[0])}.Value`)!.toLowerCase();
    if (raw !== 'true' && raw !== 'false') throw invalidValue(`Value (${raw}) for parameter ${given[0]} is invalid. Expected a boolean.`);
    vpcAttributes(state, vpc)[given[0]] = raw === 'true';
    return { return: true };
  },
};
