/**
 * The hub as the operator sees it through VPC Lattice: where Squid listens behind the resource
 * configuration (one parser for Observe and the sweep), and — for Observe only — which AZs (by AZ ID)
 * the resource gateway serves. The sweep reads one GetResourceConfiguration per sweep; Observe three
 * calls, because EnsureEndpoint needs the served AZs — once per Lambda execution environment and
 * HUB_CACHE_TTL_MS (below), not once per run.
 * https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_GetResourceConfiguration.html
 */
import { DescribeSubnetsCommand } from '@aws-sdk/client-ec2';
import {
  GetResourceConfigurationCommand, GetResourceGatewayCommand, type GetResourceConfigurationResponse,
} from '@aws-sdk/client-vpc-lattice';
import { ENV } from '../../catalog';
import { ec2, lattice } from '../aws-clients';
import type { HubView } from '../drift/types';
import { createTtlCache } from '../cache';
import { HubUnavailable } from '../errors';
import type { HubInfo } from '../workflow-state';
import { hasCode, toOperatorError } from './call';

/** "3128" or "3128-3128" → 3128; a real range is not a single proxy port. */
function parsePort(range: string | undefined): number | undefined {
  const m = /^(\d+)(?:-(\d+))?$/.exec(range ?? '');
  if (!m || (m[2] && m[2] !== m[1])) return undefined;
  const port = Number(m[1]);
  return port >= 1 && port <= 65535 ? port : undefined;
}

export type ParsedHub = Extract<HubView, { ok: true }> & { gatewayId?: string; customDomainName?: string } | Extract<HubView, { ok: false }>;

/** A resource configuration as GetResourceConfiguration returns it → where the proxy is, or why it cannot be used. */
export function parseHubConfiguration(arn: string, config: GetResourceConfigurationResponse): ParsedHub {
  if (config.status && config.status !== 'ACTIVE') return { ok: false, problem: `resource configuration ${arn} is ${config.status}, not ACTIVE` };
  const definition = config.resourceConfigurationDefinition;
  const host = definition?.ipResource?.ipAddress ?? definition?.dnsResource?.domainName;
  const port = parsePort(config.portRanges?.[0]);
  if (!host || !port) return { ok: false, problem: `resource configuration ${arn} names no single IP or DNS target with a port` };
  return {
    ok: true, arn: config.arn ?? arn, host, port,
    ...(config.resourceGatewayId ? { gatewayId: config.resourceGatewayId } : {}),
    ...(config.customDomainName ? { customDomainName: config.customDomainName } : {}),
  };
}

const GONE = ['ResourceNotFoundException', 'AccessDeniedException', 'InvalidSubnetID.NotFound'];

/** One hub read; a missing or unshared resource becomes `{ ok: false }`, anything else a named error. */
async function hubCall<T>(what: string, call: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; problem: string }> {
  try {
    return { ok: true, value: await call() };
  } catch (err) {
    if (hasCode(err, ...GONE)) return { ok: false, problem: `${what} is gone or not shared with this account (${(err as Error).name})` };
    throw toOperatorError(err, `reading ${what}`);
  }
}

/** The sweep's view: one call. */
export async function readHubView(): Promise<ParsedHub> {
  const arn = process.env[ENV.resourceConfigurationArn];
  if (!arn) return { ok: false, problem: `${ENV.resourceConfigurationArn} is not set on the operator` };
  const config = await hubCall(`resource configuration ${arn}`, () =>
    lattice.send(new GetResourceConfigurationCommand({ resourceConfigurationIdentifier: arn })));
  return config.ok ? parseHubConfiguration(arn, config.value) : config;
}

/**
 * How long Observe trusts the hub it read. Safe because the hub changes rarely and never silently for
 * long: the sweep reads the resource configuration itself every period (readHubView, uncached) and marks
 * the VPCs Error (HubUnavailable) in bulk when it goes away (docs/design.md#workflows); a run that acts on
 * a hub gone since its environment cached it fails on CreateVpcEndpoint with a reason and is requeued.
 */
export const HUB_CACHE_TTL_MS = 5 * 60_000;

/** Keyed by the configuration ARN: a changed RESOURCE_CONFIGURATION_ARN is read at once. */
const hubCache = createTtlCache<HubInfo>(HUB_CACHE_TTL_MS);

/**
 * Observe's view: the configuration, its gateway and the gateway's AZ IDs; HubUnavailable when unusable.
 * Cached per execution environment (HUB_CACHE_TTL_MS); a failed read or an unusable hub is never cached.
 */
export async function readHub(): Promise<HubInfo> {
  return hubCache.getOrLoad(process.env[ENV.resourceConfigurationArn] ?? '', readHubUncached);
}

/** Forget the cached hub (tests that change the hub under one environment). */
export function forgetHub(): void {
  hubCache.clear();
}

async function readHubUncached(): Promise<HubInfo> {
  const view = await readHubView();
  if (!view.ok) throw new HubUnavailable(view.problem);
  if (!view.gatewayId) throw new HubUnavailable(`resource configuration ${view.arn} has no resource gateway`);
  const gateway = await hubCall(`resource gateway ${view.gatewayId}`, () =>
    lattice.send(new GetResourceGatewayCommand({ resourceGatewayIdentifier: view.gatewayId })));
  if (!gateway.ok) throw new HubUnavailable(gateway.problem);
  const subnets = await hubCall('the resource gateway subnets', () =>
    ec2.send(new DescribeSubnetsCommand({ SubnetIds: gateway.value.subnetIds ?? [] })));
  if (!subnets.ok) throw new HubUnavailable(subnets.problem);
  const gatewayAzIds = [...new Set((subnets.value.Subnets ?? []).map((s) => s.AvailabilityZoneId!).filter(Boolean))].sort();
  return {
    resourceConfigurationArn: view.arn,
    proxyHost: view.host,
    proxyPort: view.port,
    gatewayAzIds,
    ...(view.customDomainName ? { customDomainName: view.customDomainName } : {}),
  };
}
