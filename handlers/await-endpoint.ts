/**
 * AwaitEndpoint: read the endpoint (then its association and interfaces), ask the readiness planner.
 * "Not ready yet" is the named error EndpointNotReady, which the state's Retry turns into a requeue
 * with backoff (no SDK waiter exists for resource endpoints). docs/design.md#workflows
 */
import {
  DescribeNetworkInterfacesCommand, DescribeVpcEndpointAssociationsCommand, DescribeVpcEndpointsCommand,
} from '@aws-sdk/client-ec2';
import { ec2For } from './lib/aws-clients';
import { callAws, hasCode, toOperatorError } from './lib/aws/call';
import { olderUnplannedEndpoints } from './lib/aws/missed-endpoints';
import { EndpointFailed, EndpointNotReady } from './lib/errors';
import { planReadiness, type ObservedAssociation, type Readiness } from './lib/plan/readiness';
import { step } from './lib/step';

type Ec2 = ReturnType<typeof ec2For>;

export const handler = step('AwaitEndpoint', async ({ state }) => {
  if (state.dryRun) return { ...state.endpoint!, dryRun: true };
  const client = ec2For(state);
  const endpointId = state.endpoint!.endpointId;
  const endpoint = await describeEndpoint(client, endpointId);
  const facts = { endpointId, state: endpoint?.State, lastError: endpoint?.LastError?.Message };
  let readiness = planReadiness(facts);
  let ips: string[] = [];
  if (readiness.kind === 'read-association') {
    const association = await describeAssociation(client, endpointId);
    readiness = planReadiness({ ...facts, association });
    if (readiness.kind === 'ready') {
      ips = await interfaceIps(client, endpoint?.NetworkInterfaceIds ?? []);
      readiness = planReadiness({ ...facts, association, ips });
    }
  }
  const proxyHost = ready(readiness);
  // A run that created its endpoint also retires older owned ones its plan could not list yet.
  const planned = [...(state.endpoint?.retire ?? []), ...((state.endpoint?.deleted as string[] | undefined) ?? [])];
  const missed = state.endpoint?.created ? await olderUnplannedEndpoints(client, state.vpcId, endpointId, planned) : [];
  const retire = [...(state.endpoint?.retire ?? []), ...missed];
  return { ...state.endpoint, endpointId, state: endpoint?.State, proxyHost, ips, ...(retire.length ? { retire } : {}) };
});

function ready(r: Readiness): string {
  if (r.kind === 'failed') throw new EndpointFailed(r.why);
  if (r.kind === 'waiting') throw new EndpointNotReady(r.why);
  if (r.kind !== 'ready' || !r.proxyHost) throw new EndpointNotReady('the endpoint has no address yet');
  return r.proxyHost;
}

async function describeEndpoint(client: Ec2, endpointId: string) {
  try {
    return (await client.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [endpointId] }))).VpcEndpoints?.[0];
  } catch (err) {
    // Right after creation EC2 can briefly not know the new ID (eventual consistency).
    if (hasCode(err, 'InvalidVpcEndpointId.NotFound')) throw new EndpointNotReady(`endpoint ${endpointId} is not visible yet`);
    throw toOperatorError(err, 'DescribeVpcEndpoints');
  }
}

async function describeAssociation(client: Ec2, endpointId: string): Promise<ObservedAssociation> {
  const out = await callAws('DescribeVpcEndpointAssociations', () =>
    client.send(new DescribeVpcEndpointAssociationsCommand({ VpcEndpointIds: [endpointId] })));
  const a = out.VpcEndpointAssociations?.[0];
  return {
    accessibility: a?.AssociatedResourceAccessibility,
    failureReason: a?.FailureReason,
    dnsNames: [a?.PrivateDnsEntry?.DnsName, a?.DnsEntry?.DnsName].filter((n): n is string => Boolean(n)),
  };
}

async function interfaceIps(client: Ec2, eniIds: string[]): Promise<string[]> {
  if (!eniIds.length) return [];
  try {
    const out = await client.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: eniIds }));
    return (out.NetworkInterfaces ?? []).map((n) => n.PrivateIpAddress!).filter(Boolean).sort();
  } catch (err) {
    // The endpoint's new interfaces may not be visible yet (eventual consistency, handlers/lib/aws/settle.ts).
    if (hasCode(err, 'InvalidNetworkInterfaceID.NotFound')) throw new EndpointNotReady(`interfaces ${eniIds.join(', ')} are not visible yet`);
    throw toOperatorError(err, 'DescribeNetworkInterfaces');
  }
}
