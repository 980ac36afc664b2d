/**
 * Pure decisions about one opted-in VPC: the DNS attributes private DNS needs, and subnets in AZ IDs
 * the resource gateway serves (https://docs.aws.amazon.com/vpc/latest/userguide/AmazonDNS-concepts.html#vpc-dns-support).
 */
import { fail, ok, problemText, skip, type Check, type Observed } from './check';

export interface VpcRef { vpcId: string; account: string; region: string }
export interface DnsAttributes { enableDnsSupport: boolean; enableDnsHostnames: boolean }

const label = (v: VpcRef) => `${v.vpcId} (${v.account})`;

export function dnsCheck(vpc: VpcRef, attrs: Observed<DnsAttributes>): Check {
  const name = `${label(vpc)}: DNS attributes`;
  if (attrs.error) return fail(name, `DescribeVpcAttribute: ${problemText(attrs.error)}`, 'redeploy the member stack (its role needs ec2:DescribeVpcAttribute)');
  const off = (['enableDnsSupport', 'enableDnsHostnames'] as const).filter((k) => !attrs.value[k]);
  if (!off.length) return ok(name, 'enableDnsSupport and enableDnsHostnames on');
  const flag = (k: string) => `--${k.replace(/^enable/, 'enable-').replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()}`;
  return fail(name, `VpcDnsDisabled: ${off.join(' and ')} off: the endpoint's DNS name would not resolve in this VPC`,
    off.map((k) => `aws ec2 modify-vpc-attribute --vpc-id ${vpc.vpcId} ${flag(k)} --region ${vpc.region}`).join('; then '));
}

export interface SubnetView { subnetId: string; azId: string }

export function vpcAzCheck(vpc: VpcRef, subnets: Observed<SubnetView[]>, gatewayAzIds: string[] | undefined): Check {
  const name = `${label(vpc)}: AZ IDs`;
  if (!gatewayAzIds?.length) return skip(name, 'the gateway\'s AZ IDs are unknown (see above)');
  if (subnets.error) return fail(name, `DescribeSubnets: ${problemText(subnets.error)}`, 'redeploy the member stack (its role needs ec2:DescribeSubnets)');
  if (!subnets.value.length) return fail(name, 'the VPC has no subnets', `create a subnet in one of ${gatewayAzIds.join(', ')}`);
  const ids = [...new Set(subnets.value.map((s) => s.azId))].sort();
  const served = ids.filter((z) => gatewayAzIds.includes(z));
  if (!served.length) {
    return fail(name, `its subnets are in ${ids.join(', ')}; the gateway serves ${gatewayAzIds.join(', ')}`,
      `create a subnet in one of ${gatewayAzIds.join(', ')} (aws ec2 describe-availability-zones --query 'AvailabilityZones[].[ZoneName,ZoneId]' in ${vpc.account} names their AZ names)`);
  }
  return ok(name, `subnets in ${served.join(', ')} are served${served.length < ids.length ? `; ${ids.filter((z) => !served.includes(z)).join(', ')} are not (left out of the endpoint)` : ''}`);
}
