/**
 * The hub as the sweep needs it, in one GetResourceConfiguration call per sweep: the configuration's
 * ARN, and Squid's host and port behind it. (handlers/lib/hub.ts readHub also reads the gateway and its
 * subnets — three calls — because EnsureEndpoint needs the served AZs; the sweep does not.)
 */
import { GetResourceConfigurationCommand } from '@aws-sdk/client-vpc-lattice';
import { ENV } from '../../catalog';
import { lattice } from '../aws-clients';
import { hasCode, toOperatorError } from '../aws-errors';
import type { HubView } from '../drift';
import { parsePort } from '../hub';

export async function readHubView(): Promise<HubView> {
  const arn = process.env[ENV.resourceConfigurationArn];
  if (!arn) return { ok: false, problem: `${ENV.resourceConfigurationArn} is not set on the operator` };
  let config;
  try {
    config = await lattice.send(new GetResourceConfigurationCommand({ resourceConfigurationIdentifier: arn }));
  } catch (err) {
    if (hasCode(err, 'ResourceNotFoundException', 'AccessDeniedException')) {
      return { ok: false, problem: `resource configuration ${arn} is gone or not shared with this account (${(err as Error).name})` };
    }
    throw toOperatorError(err, 'GetResourceConfiguration');
  }
  if (config.status && config.status !== 'ACTIVE') return { ok: false, problem: `resource configuration ${arn} is ${config.status}, not ACTIVE` };
  const definition = config.resourceConfigurationDefinition;
  const host = definition?.ipResource?.ipAddress ?? definition?.dnsResource?.domainName;
  const port = parsePort(config.portRanges?.[0]);
  if (!host || !port) return { ok: false, problem: `resource configuration ${arn} names no single IP or DNS target with a port` };
  return { ok: true, arn: config.arn ?? arn, host, port };
}
