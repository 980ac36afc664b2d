/** What the spec check reads about a VPC (handlers/lib/validate-spec.ts): its subnets and DNS attributes. */
import { DescribeSubnetsCommand, DescribeVpcAttributeCommand, type EC2Client } from '@aws-sdk/client-ec2';
import type { VpcDnsAttributes } from '../plan/spec-checks';
import type { SubnetFacts } from '../plan/subnets';
import { callAws } from './call';

/** The VPC's subnets with their AZ IDs (what the subnet planner compares). */
export async function describeSubnetsOf(client: EC2Client, vpcId: string): Promise<SubnetFacts[]> {
  const out = await callAws('DescribeSubnets', () => client.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] })));
  return (out.Subnets ?? []).map((s) => ({
    id: s.SubnetId!, azId: s.AvailabilityZoneId!, az: s.AvailabilityZone, mapPublicIpOnLaunch: s.MapPublicIpOnLaunch,
  }));
}

/** enableDnsSupport and enableDnsHostnames: one DescribeVpcAttribute call each, as the API takes one attribute. */
export async function describeVpcDns(client: EC2Client, vpcId: string): Promise<VpcDnsAttributes> {
  const read = (Attribute: 'enableDnsSupport' | 'enableDnsHostnames') =>
    callAws('DescribeVpcAttribute', () => client.send(new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute })));
  const [support, hostnames] = await Promise.all([read('enableDnsSupport'), read('enableDnsHostnames')]);
  return { enableDnsSupport: Boolean(support.EnableDnsSupport?.Value), enableDnsHostnames: Boolean(hostnames.EnableDnsHostnames?.Value) };
}
