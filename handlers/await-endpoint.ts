/**
 * AwaitEndpoint: read the endpoint (then its association, and its interfaces only when the association
 * gives no DNS name), ask the readiness planner. "Not ready yet" is the named error EndpointNotReady, which
 * the state's Retry turns into a requeue with backoff (no SDK waiter exists for resource endpoints).
 * One DescribeVpcEndpoints per look lists the VPC's owned endpoints (by VPC and ownership tag, not by ID):
 * ours among them, and the older owned ones a run that created its endpoint retires after verification.
 * What it read goes forward to VerifyProxy. docs/design.md#workflows
 */
import { DescribeNetworkInterfacesCommand, DescribeVpcEndpointAssociationsCommand } from '@aws-sdk/client-ec2';
import { ec2For } from './lib/aws-clients';
import { callAws, hasCode, toOperatorError } from './lib/aws/call';
import { olderUnplannedEndpoints } from './lib/aws/missed-endpoints';
import { listOwnedEndpointDetails } from './lib/aws/owned';
import { EndpointFailed, EndpointNotReady } from './lib/errors';
import { planReadiness, type ObservedAssociation, type Readiness } from './lib/plan/readiness';
import { step } from './lib/step';
import type { EndpointFacts } from './lib/workflow-state';

type Ec2 = ReturnType<typeof ec2For>;

export const handler = step('AwaitEndpoint', async ({ state, execution }) => {
  if (state.dryRun) return { ...state.endpoint!, dryRun: true };
  const client = ec2For(state);
  const endpointId = state.endpoint!.endpointId;
  const owned = await listOwnedEndpointDetails(client, state.vpcId);
  const endpoint = owned.find((e) => e.id === endpointId);
  // Right after creation EC2 can briefly not list the new endpoint (eventual consistency,
  // handlers/lib/aws/settle.ts): not ready yet, looked at again by the Retry.
  if (!endpoint) throw new EndpointNotReady(`endpoint ${endpointId} is not visible yet`);
  const facts = { endpointId, state: endpoint.state, lastError: endpoint.lastError };
  let readiness = planReadiness(facts);
  let association: ObservedAssociation | undefined;
  let ips: string[] | undefined;
  if (readiness.kind === 'read-association') {
    association = await describeAssociation(client, endpointId);
    readiness = planReadiness({ ...facts, association });
    if (readiness.kind === 'ready' && !readiness.proxyHost) {
      ips = await interfaceIps(client, endpoint.networkInterfaceIds ?? []);
      readiness = planReadiness({ ...facts, association, ips });
    }
  }
  const proxyHost = ready(readiness);
  // A run that created its endpoint also retires older owned ones its plan could not list (or did not list).
  const planned = [...(state.endpoint?.retire ?? []), ...((state.endpoint?.deleted as string[] | undefined) ?? [])];
  const missed = state.endpoint?.created ? olderUnplannedEndpoints(owned, endpointId, planned) : [];
  const retire = [...(state.endpoint?.retire ?? []), ...missed];
  const endpointFacts: EndpointFacts = {
    readIn: execution,
    groupIds: endpoint.securityGroupIds,
    subnetIds: endpoint.subnetIds,
    association: { accessibility: association?.accessibility, failureReason: association?.failureReason },
  };
  return {
    ...state.endpoint, endpointId, state: endpoint.state, proxyHost, ...(ips ? { ips } : {}), facts: endpointFacts,
    ...(retire.length ? { retire } : {}),
  };
});

function ready(r: Readiness): string {
  if (r.kind === 'failed') throw new EndpointFailed(r.why);
  if (r.kind === 'waiting') throw new EndpointNotReady(r.why);
  if (r.kind !== 'ready' || !r.proxyHost) throw new EndpointNotReady('the endpoint has no address yet');
  return r.proxyHost;
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
