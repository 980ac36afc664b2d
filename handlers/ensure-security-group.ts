/**
 * EnsureSecurityGroup: read the owned groups, ask the security group planner, execute its actions —
 * one owned group per VPC allowing only the proxy port from the VPC's own CIDR blocks. Nothing
 * unowned is touched. docs/design.md#planners-and-drift
 */
import {
  AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { createHash } from 'node:crypto';
import { ec2For } from './lib/aws-clients';
import { callAws, hasCode, toOperatorError } from './lib/aws/call';
import { listOwnedGroups, toIpPermissions } from './lib/aws/owned';
import { assertCurrentGeneration } from './lib/aws/status-writer';
import { OwnershipConflict, VpcGone } from './lib/errors';
import { planSecurityGroup, type ObservedGroup } from './lib/plan/security-group';
import { step } from './lib/step';
import { ownershipTags, resourceName, toAwsTags } from './lib/tags';

type Ec2 = ReturnType<typeof ec2For>;

export const handler = step('EnsureSecurityGroup', async ({ state, execution }) => {
  const observed = state.observed!;
  const spec = { cidrs: observed.cidrs, port: observed.hub!.proxyPort };
  const client = ec2For(state);
  await assertCurrentGeneration(client, state.vpcId, observed.generation);
  let plan = planSecurityGroup(await listOwnedGroups(client, state.vpcId), spec);
  if (state.dryRun) {
    const rules = (kind: string) => plan.actions.flatMap((a) => (a.kind === kind && 'rules' in a ? a.rules : []));
    // The dry-run output keeps the rule lists people script against next to the actions.
    const shown = { ...plan, authorize: rules('AuthorizeIngress'), revoke: rules('RevokeIngress') };
    return { groupId: plan.groupId ?? '(to be created)', created: false, authorized: 0, revoked: 0, plan: shown };
  }

  let created = false;
  if (plan.actions.some((a) => a.kind === 'CreateSecurityGroup')) {
    plan = planSecurityGroup([await createGroup(client, state.vpcId, execution)], spec);
    created = true;
  }
  const groupId = plan.groupId!;
  let authorized = 0;
  let revoked = 0;
  for (const action of plan.actions) {
    const IpPermissions = action.kind === 'CreateSecurityGroup' ? [] : toIpPermissions(action.rules);
    if (action.kind === 'AuthorizeIngress') {
      await callAws('AuthorizeSecurityGroupIngress', () => client.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions })));
      authorized = action.rules.length;
    } else if (action.kind === 'RevokeIngress') {
      await callAws('RevokeSecurityGroupIngress', () => client.send(new RevokeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions })));
      revoked = action.rules.length;
    }
  }
  return { groupId, created, authorized, revoked };
});

async function createGroup(client: Ec2, vpcId: string, execution: string, suffixed = false): Promise<ObservedGroup> {
  const base = resourceName(vpcId);
  const name = suffixed ? `${base}-${createHash('sha256').update(execution).digest('hex').slice(0, 6)}` : base;
  try {
    const out = await client.send(new CreateSecurityGroupCommand({
      VpcId: vpcId,
      GroupName: name,
      Description: 'egress-operator: clients of the egress proxy endpoint',
      TagSpecifications: [{ ResourceType: 'security-group', Tags: toAwsTags({ Name: name, ...ownershipTags(vpcId) }) }],
    }));
    return { id: out.GroupId!, rules: [] };
  } catch (err) {
    if (hasCode(err, 'InvalidVpcID.NotFound')) throw new VpcGone(`VPC ${vpcId} no longer exists`);
    if (!hasCode(err, 'InvalidGroup.Duplicate')) throw toOperatorError(err, 'CreateSecurityGroup');
  }
  // A concurrent execution for the same VPC may have just created it: take ours if it is ours.
  const owned = (await listOwnedGroups(client, vpcId)).find((g) => g.name === name);
  if (owned) return owned;
  // Not ours (e.g. kept by deletion-policy=retain, which dropped our tags): names are only labels,
  // ownership is by tags, so take a name of our own.
  if (!suffixed) return createGroup(client, vpcId, execution, true);
  throw new OwnershipConflict(`security groups named ${name} exist in ${vpcId} without the operator's ownership tags`);
}
