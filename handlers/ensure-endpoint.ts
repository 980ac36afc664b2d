/**
 * EnsureEndpoint: exactly one owned resource endpoint in the right subnets with our security group.
 * Creates first, deletes last (a replaced endpoint keeps serving until its successor exists).
 */
import {
  CreateVpcEndpointCommand, DeleteVpcEndpointsCommand, DescribeSubnetsCommand,
} from '@aws-sdk/client-ec2';
import { ec2For } from './lib/aws-clients';
import { callAws, hasCode } from './lib/aws-errors';
import { InvalidSpec, VpcGone } from './lib/errors';
import { logger } from './lib/logger';
import { listOwnedEndpoints } from './lib/owned-endpoints';
import { chooseSubnets, clientToken, DesiredEndpoint, planEndpoint } from './lib/plan-endpoint';
import { step } from './lib/step';
import { assertCurrentGeneration, writeStatusOrStop } from './lib/status-writer';
import { ownershipTags, STATUS_KEYS, toAwsTags } from './lib/tags';
import type { Observed } from './lib/workflow-state';

type Ec2 = ReturnType<typeof ec2For>;

export const handler = step('EnsureEndpoint', async ({ state, execution }) => {
  const observed = state.observed as Observed;
  const client = ec2For(state);
  const subnets = await callAws('DescribeSubnets', () => client.send(new DescribeSubnetsCommand({
    Filters: [{ Name: 'vpc-id', Values: [state.vpcId] }],
  })));
  const choice = chooseSubnets((subnets.Subnets ?? []).map((s) => ({
    id: s.SubnetId!, azId: s.AvailabilityZoneId!, az: s.AvailabilityZone, mapPublicIpOnLaunch: s.MapPublicIpOnLaunch,
  })), observed.hub!.gatewayAzIds, observed.spec.subnetIds);
  if (!choice.ok) throw new InvalidSpec(choice.problem);

  const desired: DesiredEndpoint = {
    resourceConfigurationArn: observed.hub!.resourceConfigurationArn,
    subnetIds: choice.subnetIds,
    securityGroupIds: [state.securityGroup!.groupId],
  };
  const plan = planEndpoint(desired, await listOwnedEndpoints(client, state.vpcId));
  logger.info('endpoint plan', { plan, desired });
  if (state.dryRun) return { endpointId: plan.keep ?? '', created: false, plan };

  let endpointId = plan.keep;
  // Act only for the spec that is still the owner's (a newer change has its own run).
  if (!plan.create && plan.delete.length) await assertCurrentGeneration(client, state.vpcId, observed.generation);
  if (plan.create) {
    // Creation takes minutes in AWS: say so on the VPC while it happens (and stop if superseded).
    await writeStatusOrStop(client, state.vpcId, {
      kind: 'patch',
      set: {
        [STATUS_KEYS.state]: 'Progressing',
        [STATUS_KEYS.reason]: `CreatingEndpoint: resource endpoint in ${desired.subnetIds.join(', ')}`,
      },
    }, execution, observed.generation);
    endpointId = await create(client, state.vpcId, desired, observed.generation, execution, plan.delete, observed.hub!.customDomainName);
  }
  // A replaced endpoint that still serves is retired only after its successor is verified
  // (RetireReplaced); dead ones and duplicates of a kept endpoint go now.
  const live = new Set(plan.serving);
  const retire = plan.create ? plan.delete.filter((id) => live.has(id)) : [];
  const deleteNow = plan.delete.filter((id) => !retire.includes(id));
  if (deleteNow.length) {
    await callAws('DeleteVpcEndpoints', () => client.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: deleteNow })));
  }
  return { endpointId: endpointId!, created: plan.create, deleted: deleteNow, ...(retire.length ? { retire } : {}) };
});

async function create(client: Ec2, vpcId: string, desired: DesiredEndpoint, generation: string,
  execution: string, beingDeleted: string[], customDomainName?: string): Promise<string> {
  // A resource configuration with a custom domain name gives every VPC the same proxy hostname, and it
  // survives endpoint replacement: opt in to its private hosted zone (DESIGN.md §8).
  const privateDns = customDomainName
    ? { PrivateDnsEnabled: true, DnsOptions: { PrivateDnsPreference: 'ALL_DOMAINS' } }
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
        TagSpecifications: [{ ResourceType: 'vpc-endpoint', Tags: toAwsTags({ Name: `egress-proxy-${vpcId}`, ...ownershipTags(vpcId) }) }],
      }));
    } catch (err) {
      if (hasCode(err, 'InvalidVpcID.NotFound')) throw new VpcGone(`VPC ${vpcId} no longer exists`);
      return callAws('CreateVpcEndpoint', () => Promise.reject(err));
    }
  };
  let out = await attempt(clientToken(vpcId, desired, generation));
  const state = out.VpcEndpoint?.State?.toLowerCase() ?? '';
  // A token is remembered by EC2: after an opt-out/opt-in cycle it can answer with the endpoint we
  // deleted. Then a token salted with this execution makes a fresh one.
  if (['deleting', 'deleted', 'failed', 'rejected'].includes(state) || beingDeleted.includes(out.VpcEndpoint?.VpcEndpointId ?? '')) {
    out = await attempt(clientToken(vpcId, desired, generation, execution));
  }
  return out.VpcEndpoint!.VpcEndpointId!;
}
