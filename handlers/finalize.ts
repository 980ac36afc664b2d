/**
 * Finalize: reconcile to an empty desired state (DESIGN.md §7.5). Deletes what the operator owns for
 * the VPC — or, with `egress:deletion-policy=retain`, keeps it and drops our ownership tags — and
 * only then lets PublishStatus remove the status tags (the finalizer). Stops (Superseded) if the owner
 * opts back in meanwhile.
 */
import {
  DeleteSecurityGroupCommand, DeleteTagsCommand, DeleteVpcEndpointsCommand, DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupsCommand, paginateDescribeVpcEndpoints,
} from '@aws-sdk/client-ec2';
import { ec2For } from './lib/aws-clients';
import { callAws, hasCode } from './lib/aws-errors';
import { DeletionInProgress, SecurityGroupInUse } from './lib/errors';
import { step } from './lib/step';
import { assertCurrentGeneration, writeStatusOrStop } from './lib/status-writer';
import { OWNERSHIP_KEYS, ownedFilters, STATUS_KEYS } from './lib/tags';

type Ec2 = ReturnType<typeof ec2For>;

export const handler = step('Finalize', async ({ state, execution }) => {
  const client = ec2For(state);
  const generation = state.observed?.generation;
  if (generation) await assertCurrentGeneration(client, state.vpcId, generation);
  const retain = state.observed?.spec.deletionPolicy === 'retain';
  const endpoints: { id: string; state: string }[] = [];
  for await (const page of paginateDescribeVpcEndpoints({ client }, { Filters: ownedFilters(state.vpcId) })) {
    for (const e of page.VpcEndpoints ?? []) endpoints.push({ id: e.VpcEndpointId!, state: (e.State ?? '').toLowerCase() });
  }
  const groups = (await callAws('DescribeSecurityGroups', () =>
    client.send(new DescribeSecurityGroupsCommand({ Filters: ownedFilters(state.vpcId) })))).SecurityGroups ?? [];
  const live = endpoints.filter((e) => e.state !== 'deleted');
  if (state.dryRun) return { deletedEndpoints: [], deletedSecurityGroups: [], retained: [], plan: { endpoints: live, groups } };

  if (live.length || groups.length) {
    await writeStatusOrStop(client, state.vpcId, {
      kind: 'patch',
      set: {
        [STATUS_KEYS.state]: 'Deleting',
        [STATUS_KEYS.reason]: retain ? 'Retaining: egress:deletion-policy=retain keeps the endpoint' : 'Deleting: removing the endpoint and security group',
      },
      // Once the endpoints are gone there is no address left to advertise.
      remove: live.length ? [] : [STATUS_KEYS.proxy, STATUS_KEYS.endpoint],
    }, execution, generation);
  }

  if (retain) {
    const ids = [...live.map((e) => e.id), ...groups.map((g) => g.GroupId!)];
    if (ids.length) {
      await callAws('DeleteTags', () => client.send(new DeleteTagsCommand({
        Resources: ids, Tags: Object.values(OWNERSHIP_KEYS).map((Key) => ({ Key })),
      })));
    }
    return { deletedEndpoints: [], deletedSecurityGroups: [], retained: ids };
  }

  const toDelete = live.filter((e) => e.state !== 'deleting').map((e) => e.id);
  if (toDelete.length) {
    await callAws('DeleteVpcEndpoints', () => client.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: toDelete })));
  }
  if (live.length) throw new DeletionInProgress(`waiting for endpoint(s) ${live.map((e) => e.id).join(', ')} to be deleted`);

  const deletedGroups: string[] = [];
  for (const g of groups) {
    if (await deleteGroup(client, g.GroupId!)) deletedGroups.push(g.GroupId!);
  }
  return { deletedEndpoints: toDelete, deletedSecurityGroups: deletedGroups, retained: [] };
});

/** True when deleted (or already gone). In use by network interfaces: wait; by anything else: say so. */
async function deleteGroup(client: Ec2, groupId: string): Promise<boolean> {
  try {
    await client.send(new DeleteSecurityGroupCommand({ GroupId: groupId }));
    return true;
  } catch (err) {
    if (hasCode(err, 'InvalidGroup.NotFound')) return false;
    if (!hasCode(err, 'DependencyViolation')) return callAws('DeleteSecurityGroup', () => Promise.reject(err));
  }
  const enis = await callAws('DescribeNetworkInterfaces', () => client.send(new DescribeNetworkInterfacesCommand({
    Filters: [{ Name: 'group-id', Values: [groupId] }],
  })));
  const users = (enis.NetworkInterfaces ?? []).map((n) => n.NetworkInterfaceId!);
  // The deleted endpoints' interfaces linger for a while: that is progress, not a problem.
  if (users.length) throw new DeletionInProgress(`security group ${groupId} is still used by ${users.join(', ')}`);
  throw new SecurityGroupInUse(`security group ${groupId} is still referenced by another security group's rules; remove that reference and the operator finishes the opt-out`);
}
