/**
 * EnsureEndpoint: take the subnets Observe chose, read the owned endpoints (unless Observe found a VPC
 * never reconciled), ask the endpoint planner, execute —
 * exactly one owned resource endpoint in the right subnets with our security group. Dead ones,
 * duplicates and unverified earlier replacements go first; the one that serves is retired only after
 * its successor is verified (RetireReplaced), so a VPC holds at most two. docs/design.md#planners-and-drift
 */
import { CreateVpcEndpointCommand, DeleteVpcEndpointsCommand, DescribeSubnetsCommand } from '@aws-sdk/client-ec2';
import { ENV } from './catalog';
import { ec2For } from './lib/aws-clients';
import { callAws, hasCode, toOperatorError } from './lib/aws/call';
import { listOwnedEndpoints } from './lib/aws/owned';
import { assertCurrentGeneration, writeStatusOrStop } from './lib/aws/status-writer';
import { InvalidSpec, VpcGone } from './lib/errors';
import { logger } from './lib/logger';
import { clientToken, planEndpoint, type DesiredEndpoint } from './lib/plan/endpoint';
import { endpointPhase } from './lib/plan/readiness';
import { chooseSubnets } from './lib/plan/subnets';
import { step } from './lib/step';
import { MANAGER_NAME, OWNERSHIP_KEYS, ownershipTags, resourceName, STATUS_KEYS, toAwsTags, toTagMap } from './lib/tags';
import { listsOwned } from './lib/workflow-state';
import { secondsSetting } from './lib/settings';

type Ec2 = ReturnType<typeof ec2For>;

export const handler = step('EnsureEndpoint', async ({ state, execution }) => {
  const observed = state.observed!;
  const hub = observed.hub!;
  const client = ec2For(state);
  // Read before anything is changed: a bad setting fails the step before it creates an endpoint.
  const lookAfterSeconds = provisioningSeconds(process.env[ENV.endpointProvisioningSeconds]);
  const desired: Required<DesiredEndpoint> = {
    resourceConfigurationArn: hub.resourceConfigurationArn,
    subnetIds: observed.endpointSubnetIds ?? await chosenSubnets(client, state.vpcId, hub.gatewayAzIds, observed.spec.subnetIds),
    securityGroupIds: [state.securityGroup!.groupId],
  };
  // Not to be listed (a VPC never reconciled, see Observe): create with the ClientToken, which answers with the
  // endpoint an earlier run of this spec made; AwaitEndpoint's listing retires older ones.
  const owned = listsOwned(observed) ? await listOwnedEndpoints(client, state.vpcId) : [];
  const plan = planEndpoint(desired, owned, observed.statusTags[STATUS_KEYS.endpoint]);
  // Logged and, for a dry run, returned with the keep/create/delete summary people script against.
  const shown = { ...plan, create: !plan.keep, delete: Object.keys(plan.reasons) };
  logger.info('endpoint plan', { plan: shown, desired });
  if (state.dryRun) return { endpointId: plan.keep ?? '', created: false, checkAfterSeconds: 0, plan: shown };

  let endpointId = plan.keep;
  let deleted: string[] = [];
  let retire: string[] = [];
  // Act only for the spec that is still the owner's (a newer change has its own run): deleting for an old
  // spec could take egress away, and creating for one leaves an endpoint the newer run may not list in
  // time to retire (EC2 lists new endpoints late) — test/e2e/lifecycle.test.ts, two owner changes apart.
  const deletesFirst = plan.actions[0]?.kind === 'DeleteEndpoints';
  if ((plan.keep || deletesFirst) && plan.actions.length) await assertCurrentGeneration(client, state.vpcId, observed.generation);
  for (const action of plan.actions) {
    if (action.kind === 'CreateEndpoint') {
      // Creation takes minutes in AWS: say so on the VPC while it happens (and stop if superseded).
      await writeStatusOrStop(client, state.vpcId, {
        kind: 'patch',
        set: {
          [STATUS_KEYS.state]: 'Progressing',
          [STATUS_KEYS.reason]: `CreatingEndpoint: resource endpoint in ${desired.subnetIds.join(', ')}`,
        },
      }, execution, observed.generation);
      const beingReplaced = Object.keys(plan.reasons);
      endpointId = await create(client, state.vpcId, desired, observed.generation, execution, beingReplaced, hub.customDomainName);
    } else if (action.kind === 'DeleteEndpoints') {
      await callAws('DeleteVpcEndpoints', () => client.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: action.ids })));
      deleted = action.ids;
    } else {
      retire = action.ids;
    }
  }
  const created = !plan.keep;
  return { endpointId: endpointId!, created, checkAfterSeconds: created ? lookAfterSeconds : 0, deleted, ...(retire.length ? { retire } : {}) };
});

/** How long a new resource endpoint takes to become available: AwaitEndpoint first looks then. */
const DEFAULT_PROVISIONING_SECONDS = 120;

/**
 * ENDPOINT_PROVISIONING_SECONDS when set (an explicit 0: look at once, as the local cloud's endpoints of
 * under half a second need; anything but seconds: InvalidSetting, handlers/lib/settings.ts), else the
 * default; whole seconds, as a Wait state's SecondsPath takes
 * (https://docs.aws.amazon.com/step-functions/latest/dg/state-wait.html).
 */
export function provisioningSeconds(raw: string | undefined): number {
  return Math.ceil(secondsSetting(raw, ENV.endpointProvisioningSeconds, DEFAULT_PROVISIONING_SECONDS, 0));
}

/** The endpoint's subnets when Observe did not pass them forward (the VPC vanished under its spec check). */
async function chosenSubnets(client: Ec2, vpcId: string, gatewayAzIds: string[], named?: string[]): Promise<string[]> {
  const subnets = await callAws('DescribeSubnets', () => client.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] })));
  const choice = chooseSubnets((subnets.Subnets ?? []).map((s) => ({
    id: s.SubnetId!, azId: s.AvailabilityZoneId!, az: s.AvailabilityZone, mapPublicIpOnLaunch: s.MapPublicIpOnLaunch,
  })), gatewayAzIds, named);
  if (!choice.ok) throw new InvalidSpec(choice.problem);
  return choice.subnetIds;
}

async function create(client: Ec2, vpcId: string, desired: Required<DesiredEndpoint>, generation: string,
  execution: string, beingReplaced: string[], customDomainName?: string): Promise<string> {
  // A resource configuration with a custom domain name gives every VPC the same proxy hostname, and it
  // survives endpoint replacement: opt in to its private hosted zone.
  // https://docs.aws.amazon.com/vpc/latest/privatelink/resource-configuration.html#custom-domain-names-resource-providers
  const privateDns = customDomainName
    ? { PrivateDnsEnabled: true, DnsOptions: { PrivateDnsPreference: 'ALL_DOMAINS' as const } }
    : {};
  const attempt = async (token: string) => {
    try {
      return await client.send(new CreateVpcEndpointCommand({
        VpcEndpointType: 'Resource',
        VpcId: vpcId,
        ResourceConfigurationArn: desired.resourceConfigurationArn,
        SubnetIds: desired.subnetIds,
        SecurityGroupIds: desired.securityGroupIds,
        ClientToken: token,
        ...privateDns,
        TagSpecifications: [{ ResourceType: 'vpc-endpoint', Tags: toAwsTags({ Name: resourceName(vpcId), ...ownershipTags(vpcId) }) }],
      }));
    } catch (err) {
      if (hasCode(err, 'InvalidVpcID.NotFound')) throw new VpcGone(`VPC ${vpcId} no longer exists`);
      throw toOperatorError(err, 'CreateVpcEndpoint');
    }
  };
  // A token is remembered by EC2: after an opt-out/opt-in cycle, or an endpoint deleted out of band,
  // it answers with the endpoint that is gone. Then the token is salted with that endpoint's ID: every
  // concurrent run for the same spec derives the same next token, so they all get one new endpoint
  // (a salt of their own would make one endpoint per run).
  // So is an endpoint that is no longer ours: kept by `retain` on an earlier opt-out, our tags dropped.
  const unusable = (e: { State?: string; VpcEndpointId?: string; Tags?: { Key?: string; Value?: string }[] } | undefined) => {
    if (e?.Tags && toTagMap(e.Tags)[OWNERSHIP_KEYS.managedBy] !== MANAGER_NAME) return true;
    const phase = e?.State ? endpointPhase(e.State) : 'available';
    return phase === 'going' || phase === 'failed' || beingReplaced.includes(e?.VpcEndpointId ?? '');
  };
  let out = await attempt(clientToken(vpcId, desired, generation));
  for (let salts = 0; unusable(out.VpcEndpoint) && salts < MAX_TOKEN_SALTS; salts += 1) {
    out = await attempt(clientToken(vpcId, desired, generation, out.VpcEndpoint?.VpcEndpointId ?? execution));
  }
  return out.VpcEndpoint!.VpcEndpointId!;
}

/** Tokens tried past the first: each earlier one named an endpoint deleted since (bounded: a fresh token ends it). */
const MAX_TOKEN_SALTS = 8;
