/**
 * What the operator needs to know about the hub: where Squid listens behind the resource
 * configuration, and which AZs (by AZ ID, DESIGN.md §8) the resource gateway serves.
 */
import { DescribeSubnetsCommand } from '@aws-sdk/client-ec2';
import { GetResourceConfigurationCommand, GetResourceGatewayCommand } from '@aws-sdk/client-vpc-lattice';
import { ENV } from '../catalog';
import { ec2, lattice } from './aws-clients';
import { hasCode, toOperatorError } from './aws-errors';
import { HubUnavailable } from './errors';
import type { HubInfo } from './workflow-state';

export async function readHub(): Promise<HubInfo> {
  const arn = process.env[ENV.resourceConfigurationArn];
  if (!arn) throw new HubUnavailable(`${ENV.resourceConfigurationArn} is not set on the operator`);
  const config = await hubCall(`resource configuration ${arn}`, () =>
    lattice.send(new GetResourceConfigurationCommand({ resourceConfigurationIdentifier: arn })));
  if (config.status && config.status !== 'ACTIVE') {
    throw new HubUnavailable(`resource configuration ${arn} is ${config.status}, not ACTIVE`);
  }
  const definition = config.resourceConfigurationDefinition;
  const proxyHost = definition?.ipResource?.ipAddress ?? definition?.dnsResource?.domainName;
  const proxyPort = parsePort(config.portRanges?.[0]);
  if (!proxyHost || !proxyPort) {
    throw new HubUnavailable(`resource configuration ${arn} names no single IP or DNS target with a port`);
  }
  if (!config.resourceGatewayId) throw new HubUnavailable(`resource configuration ${arn} has no resource gateway`);
  const gateway = await hubCall(`resource gateway ${config.resourceGatewayId}`, () =>
    lattice.send(new GetResourceGatewayCommand({ resourceGatewayIdentifier: config.resourceGatewayId })));
  const subnets = await hubCall('the resource gateway subnets', () =>
    ec2.send(new DescribeSubnetsCommand({ SubnetIds: gateway.subnetIds ?? [] })));
  const gatewayAzIds = [...new Set((subnets.Subnets ?? []).map((s) => s.AvailabilityZoneId!).filter(Boolean))].sort();
  return {
    resourceConfigurationArn: config.arn ?? arn,
    proxyHost,
    proxyPort,
    gatewayAzIds,
    ...(config.customDomainName ? { customDomainName: config.customDomainName } : {}),
  };
}

/** "3128" or "3128-3128" → 3128; a real range is not a single proxy port. */
export function parsePort(range: string | undefined): number | undefined {
  const m = /^(\d+)(?:-(\d+))?$/.exec(range ?? '');
  if (!m || (m[2] && m[2] !== m[1])) return undefined;
  const port = Number(m[1]);
  return port >= 1 && port <= 65535 ? port : undefined;
}

async function hubCall<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (hasCode(err, 'ResourceNotFoundException', 'AccessDeniedException', 'InvalidSubnetID.NotFound')) {
      throw new HubUnavailable(`${what} is gone or not shared with this account (${(err as Error).name})`);
    }
    throw toOperatorError(err, `reading ${what}`);
  }
}
