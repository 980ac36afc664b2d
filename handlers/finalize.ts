/**
 * Finalize: read what the operator owns for the VPC, ask the finalize planner, execute — delete it,
 * or with `egress:deletion-policy=retain` keep it and drop our ownership tags — and only then let
 * PublishStatus remove the status tags (the finalizer). Stops (Superseded) if the owner opts back in
 * meanwhile. docs/design.md#workflows
 */
import {
  DeleteSecurityGroupCommand, DeleteTagsCommand, DeleteVpcEndpointsCommand, DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupsCommand,
} from '@aws-sdk/client-ec2';
import { ec2For } from './lib/aws-clients';
import { callAws, hasCode, toOperatorError } from './lib/aws/call';
import { listOwnedEndpoints, listOwnedGroups } from './lib/aws/owned';
import { readUntilSettled } from './lib/aws/settle';
import { assertCurrentGeneration, writeStatusOrStop } from './lib/aws/status-writer';
import { DeletionInProgress, SecurityGroupInUse } from './lib/errors';
import { planFinalize } from './lib/plan/finalize';
import { step } from './lib/step';
import { ADDRESS_KEYS, OWNERSHIP_KEYS, STATUS_KEYS } from './lib/tags';

type Ec2 = ReturnType<typeof ec2For>;

export const handler = step('Finalize', async ({ state, execution }) => {
  const client = ec2For(state);
  const generation = state.observed?.generation;
  if (generation) await assertCurrentGeneration(client, state.vpcId, generation);
  const endpoints = await listOwnedEndpoints(client, state.vpcId);
  const groupIds = (await listOwnedGroups(client, state.vpcId)).map((g) => g.id);
  const actions = planFinalize({ endpoints, groupIds, retain: state.observed?.spec.deletionPolicy === 'retain' });
  const result = { deletedEndpoints: [] as string[], deletedSecurityGroups: [] as string[], retained: [] as string[] };
  if (state.dryRun) return { ...result, plan: actions };

  for (const action of actions) {
    switch (action.kind) {
      case 'MarkDeleting':
        await writeStatusOrStop(client, state.vpcId, {
          kind: 'patch',
          set: { [STATUS_KEYS.state]: 'Deleting', [STATUS_KEYS.reason]: action.reason },
          // Once the endpoints are gone there is no address left to advertise.
          remove: action.removeAddress ? ADDRESS_KEYS : [],
        }, execution, generation);
        break;
      case 'DropOwnership':
        await callAws('DeleteTags', () => client.send(new DeleteTagsCommand({
          Resources: action.ids, Tags: Object.values(OWNERSHIP_KEYS).map((Key) => ({ Key })),
        })));
        // Until EC2 shows our tags gone, an opt-in right after would still list these as ours and keep
        // one (handlers/lib/aws/settle.ts): confirm before the run ends.
        await readUntilSettled(async () => [
          ...(await listOwnedEndpoints(client, state.vpcId)).map((e) => e.id), ...(await listOwnedGroups(client, state.vpcId)).map((g) => g.id),
        ], (owned) => !owned.some((id) => action.ids.includes(id)));
        result.retained = action.ids;
        break;
      case 'DeleteEndpoints':
        await callAws('DeleteVpcEndpoints', () => client.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: action.ids })));
        result.deletedEndpoints = action.ids;
        break;
      case 'AwaitEndpointsGone':
        throw new DeletionInProgress(`waiting for endpoint(s) ${action.ids.join(', ')} to be deleted`);
      case 'DeleteSecurityGroups':
        for (const id of action.ids) if (await deleteGroup(client, id)) result.deletedSecurityGroups.push(id);
        break;
    }
  }
  return result;
});

/** True when deleted (false: already gone). In use by network interfaces: wait; by anything else: say so. */
async function deleteGroup(client: Ec2, groupId: string): Promise<boolean> {
  try {
    await client.send(new DeleteSecurityGroupCommand({ GroupId: groupId }));
    return true;
  } catch (err) {
    if (hasCode(err, 'InvalidGroup.NotFound')) return false;
    if (!hasCode(err, 'DependencyViolation')) throw toOperatorError(err, 'DeleteSecurityGroup');
  }
  const enis = await callAws('DescribeNetworkInterfaces', () => client.send(new DescribeNetworkInterfacesCommand({
    Filters: [{ Name: 'group-id', Values: [groupId] }],
  })));
  const users = (enis.NetworkInterfaces ?? []).map((n) => n.NetworkInterfaceId!);
  // The deleted endpoints' interfaces linger for a while: that is progress, not a problem.
  if (users.length) throw new DeletionInProgress(`security group ${groupId} is still used by ${users.join(', ')}`);
  // Terminal only when a group's rule really names ours; otherwise EC2 has not caught up with what
  // was just deleted (DependencyViolation is busy, docs/design.md#errors): retried, not parked.
  const referencing = await callAws('DescribeSecurityGroups', () => client.send(new DescribeSecurityGroupsCommand({
    Filters: [{ Name: 'ip-permission.group-id', Values: [groupId] }],
  })));
  const referrers = (referencing.SecurityGroups ?? []).map((g) => g.GroupId!).filter((id) => id !== groupId);
  if (!referrers.length) throw new DeletionInProgress(`security group ${groupId} cannot be deleted yet (DependencyViolation) though nothing uses it any more`);
  throw new SecurityGroupInUse(`security group ${groupId} is still referenced by the rules of ${referrers.join(', ')}; remove that reference and the operator finishes the opt-out`);
}
