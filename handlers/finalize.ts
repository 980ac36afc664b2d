/**
 * Finalize: reconcile to an empty desired state (DESIGN.md §7.5). Deletes what the operator owns for
 * the VPC — or, with `egress:deletion-policy=retain`, keeps it and drops our ownership tags — and
 * only then lets PublishStatus remove the status tags (the finalizer).
 */
import {
  DeleteSecurityGroupCommand, DeleteTagsCommand, DeleteVpcEndpointsCommand, DescribeSecurityGroupsCommand,
  paginateDescribeVpcEndpoints,
} from '@aws-sdk/client-ec2';
import { ec2For } from './lib/aws-clients';
import { callAws, hasCode } from './lib/aws-errors';
import { DeletionInProgress } from './lib/errors';
import { step } from './lib/step';
import { writeStatus } from './lib/status-writer';
import { OWNERSHIP_KEYS, ownedFilters, STATUS_KEYS } from './lib/tags';

export const handler = step('Finalize', async ({ state, execution }) => {
  const client = ec2For(state);
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
    await writeStatus(client, state.vpcId, {
      ...(state.observed?.statusTags ?? {}),
      [STATUS_KEYS.state]: 'Deleting',
      [STATUS_KEYS.reason]: retain ? 'Retaining: egress:deletion-policy=retain keeps the endpoint' : 'Deleting: removing the endpoint and security group',
    }, execution);
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
    try {
      await client.send(new DeleteSecurityGroupCommand({ GroupId: g.GroupId }));
      deletedGroups.push(g.GroupId!);
    } catch (err) {
      if (hasCode(err, 'InvalidGroup.NotFound')) continue;
      if (hasCode(err, 'DependencyViolation')) throw new DeletionInProgress(`security group ${g.GroupId} is still in use`);
      await callAws('DeleteSecurityGroup', () => Promise.reject(err));
    }
  }
  return { deletedEndpoints: toDelete, deletedSecurityGroups: deletedGroups, retained: [] };
});
