/**
 * VerifyProxy: what Ready means (docs/design.md#workflows). First the project side, read in the
 * VPC's account and judged by the reachability planner: the endpoint's association Accessible, the VPC's
 * DNS attributes when private DNS is used, the endpoint's security groups and its subnets' network ACLs
 * letting the VPC's CIDRs reach the proxy port and the answers back — the endpoint and group facts as
 * this run's AwaitEndpoint and EnsureSecurityGroup passed them, the ACLs read here. Then a real HTTP CONNECT through
 * Squid to the check target from the hub, in the resource gateway's subnets with a security group Squid
 * admits exactly like the gateway's. Each failure leaves as its own named error: the status reason.
 */
import { ec2For } from './lib/aws-clients';
import { readReachability, toSecurityGroupFacts, type KnownReachability } from './lib/aws/reachability-facts';
import {
  EndpointNotAccessible, NetworkAclBlocksProxyPort, NetworkAclBlocksReturnTraffic, ProxyCheckFailed,
  SecurityGroupBlocksProxyPort, VpcDnsDisabled,
} from './lib/errors';
import { planReachability, type ReachabilityCode } from './lib/plan/reachability';
import { probeReason } from './lib/plan/reasons';
import { checkProxy } from './lib/proxy-check';
import { step } from './lib/step';
import type { WorkflowState } from './lib/workflow-state';

const ERRORS: Record<ReachabilityCode, new (message: string) => Error> = {
  EndpointNotAccessible, VpcDnsDisabled, SecurityGroupBlocksProxyPort, NetworkAclBlocksProxyPort, NetworkAclBlocksReturnTraffic,
};

const SECURITY_GROUP_REREADS_MS = [1000, 2000, 4000];

export const handler = step('VerifyProxy', async ({ state, execution }) => {
  if (state.dryRun) return { outcome: 'Skipped', latencyMs: 0, message: 'dry run: no probe' };
  const observed = state.observed!;
  const hub = observed.hub!;
  const target = {
    vpcId: observed.vpcId,
    endpointId: state.endpoint!.endpointId,
    proxyPort: hub.proxyPort,
    vpcCidrs: observed.cidrs,
    privateDns: Boolean(hub.customDomainName),
  };
  const client = ec2For(state);
  let problem = planReachability(await readReachability(client, target, knownFacts(state, execution)));
  // Rules this run just authorized may not show in Describe yet (EC2 eventual consistency,
  // https://docs.aws.amazon.com/ec2/latest/devguide/eventual-consistency.html): look again before blaming them.
  for (const waitMs of SECURITY_GROUP_REREADS_MS) {
    if (problem?.code !== 'SecurityGroupBlocksProxyPort' || !state.securityGroup?.authorized) break;
    await new Promise((r) => setTimeout(r, waitMs));
    problem = planReachability(await readReachability(client, target));
  }
  if (problem) throw new ERRORS[problem.code](problem.message);
  const result = await checkProxy(hub.proxyHost, hub.proxyPort);
  if (result.outcome !== 'Ok') throw new ProxyCheckFailed(probeReason(result));
  return { outcome: result.outcome, latencyMs: result.latencyMs, message: result.message };
});

/**
 * The endpoint and group facts this execution's AwaitEndpoint and EnsureSecurityGroup passed forward
 * (seconds old), for this endpoint only; facts from another execution (a state replayed by hand) or
 * for another endpoint are read again, as is everything when nothing was passed (docs/design.md#workflows).
 */
function knownFacts(state: WorkflowState, execution: string): KnownReachability {
  const facts = state.endpoint?.facts;
  const group = state.securityGroup;
  const endpointKnown = facts?.readIn === execution ? facts : undefined;
  const rulesKnown = group?.readIn === execution && group.rules ? [toSecurityGroupFacts(group.groupId, group.rules)] : [];
  return {
    ...(endpointKnown ? { endpoint: { groupIds: endpointKnown.groupIds, subnetIds: endpointKnown.subnetIds, association: endpointKnown.association } } : {}),
    securityGroups: rulesKnown,
  };
}
