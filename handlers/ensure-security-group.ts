/**
 * EnsureSecurityGroup: one owned security group per VPC for the endpoint, allowing only the proxy
 * port from the VPC's own CIDR blocks. Rules that drifted are put back; nothing unowned is touched.
 */
import {
  AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, DescribeSecurityGroupsCommand,
  RevokeSecurityGroupIngressCommand, SecurityGroup,
} from '@aws-sdk/client-ec2';
import { ec2For } from './lib/aws-clients';
import { callAws, hasCode } from './lib/aws-errors';
import { createHash } from 'node:crypto';
import { AwsFailure, VpcGone } from './lib/errors';
import { desiredIngress, planIngress, rulesOf, toIpPermissions } from './lib/plan-security-group';
import { step } from './lib/step';
import { assertCurrentGeneration } from './lib/status-writer';
import { ownedFilters, ownershipTags, toAwsTags } from './lib/tags';
import type { Observed } from './lib/workflow-state';

export const securityGroupName = (vpcId: string) => `egress-proxy-${vpcId}`;

export const handler = step('EnsureSecurityGroup', async ({ state, execution }) => {
  const observed = state.observed as Observed;
  const client = ec2For(state);
  await assertCurrentGeneration(client, state.vpcId, observed.generation);
  const existing = await callAws('DescribeSecurityGroups', () =>
    client.send(new DescribeSecurityGroupsCommand({ Filters: ownedFilters(state.vpcId) })));
  // Oldest-first by ID is stable; extra owned groups are left for Finalize/sweep (they may be in use).
  const groups = [...(existing.SecurityGroups ?? [])].sort((a, b) => a.GroupId!.localeCompare(b.GroupId!));
  let group: SecurityGroup | undefined = groups[0];
  let created = false;
  if (!group && state.dryRun) {
    const plan = planIngress(desiredIngress(observed.cidrs, observed.hub!.proxyPort), []);
    return { groupId: '(to be created)', created: false, authorized: 0, revoked: 0, plan };
  }
  if (!group) {
    group = await createGroup(client, state.vpcId, execution);
    created = true;
  }
  const plan = planIngress(desiredIngress(observed.cidrs, observed.hub!.proxyPort), rulesOf(group.IpPermissions));
  if (state.dryRun) return { groupId: group.GroupId!, created, authorized: 0, revoked: 0, plan };
  if (plan.authorize.length) {
    await callAws('AuthorizeSecurityGroupIngress', () => client.send(new AuthorizeSecurityGroupIngressCommand({
      GroupId: group!.GroupId, IpPermissions: toIpPermissions(plan.authorize),
    })));
  }
  const revocable = plan.revoke.filter((r) => !r.cidr.startsWith('group:') && !r.cidr.startsWith('prefix-list:'));
  if (revocable.length) {
    await callAws('RevokeSecurityGroupIngress', () => client.send(new RevokeSecurityGroupIngressCommand({
      GroupId: group!.GroupId, IpPermissions: toIpPermissions(revocable),
    })));
  }
  return { groupId: group.GroupId!, created, authorized: plan.authorize.length, revoked: revocable.length };
});

async function createGroup(client: ReturnType<typeof ec2For>, vpcId: string, execution: string, suffixed = false): Promise<SecurityGroup> {
  const name = suffixed ? `${securityGroupName(vpcId)}-${createHash('sha256').update(execution).digest('hex').slice(0, 6)}` : securityGroupName(vpcId);
  try {
    const out = await client.send(new CreateSecurityGroupCommand({
      VpcId: vpcId,
      GroupName: name,
      Description: 'egress-operator: clients of the egress proxy endpoint',
      TagSpecifications: [{ ResourceType: 'security-group', Tags: toAwsTags({ Name: name, ...ownershipTags(vpcId) }) }],
    }));
    return { GroupId: out.GroupId, IpPermissions: [] };
  } catch (err) {
    if (hasCode(err, 'InvalidVpcID.NotFound')) throw new VpcGone(`VPC ${vpcId} no longer exists`);
    if (hasCode(err, 'InvalidGroup.Duplicate')) {
      // A concurrent execution for the same VPC may have just created it: take ours if it is ours.
      const again = await callAws('DescribeSecurityGroups', () =>
        client.send(new DescribeSecurityGroupsCommand({ Filters: ownedFilters(vpcId) })));
      const owned = again.SecurityGroups?.find((g) => g.GroupName === name);
      if (owned) return owned;
      // Not ours (e.g. kept by deletion-policy=retain, which dropped our tags): names are only
      // labels, ownership is by tags, so take a name of our own.
      if (!suffixed) return createGroup(client, vpcId, execution, true);
      throw new AwsFailure(`security groups named ${name} exist in ${vpcId} without the operator's ownership tags`);
    }
    return callAws('CreateSecurityGroup', () => Promise.reject(err));
  }
}
