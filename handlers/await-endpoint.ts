/**
 * AwaitEndpoint: "not ready yet" is the named error EndpointNotReady, which the state's Retry turns
 * into a requeue with backoff (no SDK waiter exists for resource endpoints, DESIGN.md §8). Ready means
 * Available, the association Accessible, and an address for the proxy URL.
 */
import {
  DescribeNetworkInterfacesCommand, DescribeVpcEndpointAssociationsCommand, DescribeVpcEndpointsCommand,
} from '@aws-sdk/client-ec2';
import { ec2For } from './lib/aws-clients';
import { callAws, hasCode } from './lib/aws-errors';
import { EndpointFailed, EndpointNotReady } from './lib/errors';
import { step } from './lib/step';

const WAITING = new Set(['pending', 'pendingacceptance']);

export const handler = step('AwaitEndpoint', async ({ state }) => {
  if (state.dryRun) return { ...state.endpoint!, dryRun: true };
  const client = ec2For(state);
  const endpointId = state.endpoint!.endpointId;
  let described;
  try {
    described = await client.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [endpointId] }));
  } catch (err) {
    // Right after creation EC2 can briefly not know the new ID (eventual consistency).
    if (hasCode(err, 'InvalidVpcEndpointId.NotFound')) throw new EndpointNotReady(`endpoint ${endpointId} is not visible yet`);
    return callAws('DescribeVpcEndpoints', () => Promise.reject(err));
  }
  const endpoint = described.VpcEndpoints?.[0];
  const status = (endpoint?.State ?? 'unknown').toLowerCase();
  if (WAITING.has(status)) throw new EndpointNotReady(`endpoint ${endpointId} is ${endpoint?.State}`);
  if (status !== 'available') {
    const why = endpoint?.LastError?.Message ? ` (${endpoint.LastError.Message})` : '';
    throw new EndpointFailed(`endpoint ${endpointId} is ${endpoint?.State ?? 'gone'}${why}`);
  }

  const associations = await callAws('DescribeVpcEndpointAssociations', () =>
    client.send(new DescribeVpcEndpointAssociationsCommand({ VpcEndpointIds: [endpointId] })));
  const association = associations.VpcEndpointAssociations?.[0];
  if (association?.AssociatedResourceAccessibility !== 'Accessible') {
    const why = association?.FailureReason ? `: ${association.FailureReason}` : '';
    throw new EndpointNotReady(`endpoint ${endpointId} association is ${association?.AssociatedResourceAccessibility ?? 'missing'}${why}`);
  }

  const eniIds = endpoint?.NetworkInterfaceIds ?? [];
  const enis = eniIds.length
    ? await callAws('DescribeNetworkInterfaces', () =>
      client.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: eniIds })))
    : { NetworkInterfaces: [] };
  const ips = (enis.NetworkInterfaces ?? []).map((n) => n.PrivateIpAddress!).filter(Boolean).sort();
  // The hand-built setup had to look up IPs because private DNS did not work for them; the
  // association's DNS name resolves to every ENI of the endpoint, so it survives AZ changes.
  const proxyHost = association.PrivateDnsEntry?.DnsName ?? association.DnsEntry?.DnsName ?? ips[0];
  if (!proxyHost) throw new EndpointNotReady(`endpoint ${endpointId} has no DNS name or address yet`);
  return { ...state.endpoint, endpointId, state: endpoint?.State, proxyHost, ips };
});
