/**
 * EnsureSecurityGroup: read the owned groups, ask the security group planner, execute its actions —
 * one owned group per VPC allowing only the proxy port from the VPC's own CIDR blocks. Nothing
 * unowned is touched. docs/design.md#planners-and-drift
 *
 * When Observe says not to list (a VPC never reconciled) it creates at once: a group of ours under the same
 * name is adopted (InvalidGroup.Duplicate). It does not re-read the spec generation: Observe read it
 * seconds ago and PublishStatus's read is the authoritative superseded check. What a superseded run
 * leaves is the sweep's: an opted-out VPC still holding a group is `OptedOut` drift, a group whose VPC
 * is neither opted in nor carrying status is `Orphaned` (handlers/lib/drift/index.ts), and either starts
 * a run that finalizes; a newer spec's run adopts the group by its name. When it created the group its
 * result carries the rules as it left them, so VerifyProxy need not read them (docs/design.md#workflows).
 */
import {
  AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, DescribeSecurityGroupsCommand, RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { ec2For } from './lib/aws-clients';
import { callAws, hasCode, toOperatorError } from './lib/aws/call';
import { listOwnedGroups, toIpPermissions } from './lib/aws/owned';
import { readUntilSettled } from './lib/aws/settle';
import { OwnershipConflict, VpcGone } from './lib/errors';
import {
  desiredIngress, planSecurityGroup, type ObservedGroup,
} from './lib/plan/security-group';
import { step } from './lib/step';
import { listsOwned } from './lib/workflow-state';
import { ownershipTags, resourceName, toAwsTags } from './lib/tags';

type Ec2 = ReturnType<typeof ec2For>;

export const handler = step('EnsureSecurityGroup', async ({ state, execution }) => {
  const observed = state.observed!;
  const spec = { cidrs: observed.cidrs, port: observed.hub!.proxyPort };
  const client = ec2For(state);
  const listed = listsOwned(observed) ? await listOwnedGroups(client, state.vpcId) : [];
  let plan = planSecurityGroup(listed, spec);
  if (state.dryRun) {
    const rules = (kind: string) => plan.actions.flatMap((a) => (a.kind === kind && 'rules' in a ? a.rules : []));
    // The dry-run output keeps the rule lists people script against next to the actions.
    const shown = { ...plan, authorize: rules('AuthorizeIngress'), revoke: rules('RevokeIngress') };
    return { groupId: plan.groupId ?? '(to be created)', created: false, authorized: 0, revoked: 0, plan: shown };
  }

  let created = false;
  let adopted = false;
  if (plan.actions.some((a) => a.kind === 'CreateSecurityGroup')) {
    const made = await createGroup(client, state.vpcId);
    adopted = Boolean(made.adopted);
    plan = planSecurityGroup([made], spec);
    created = true;
  }
  const groupId = plan.groupId!;
  let authorized = 0;
  let revoked = 0;
  for (const action of plan.actions) {
    const IpPermissions = action.kind === 'CreateSecurityGroup' ? [] : toIpPermissions(action.rules);
    // A concurrent run for the same VPC may have made the same change first: the rule is as wanted.
    if (action.kind === 'AuthorizeIngress') {
      await settled('AuthorizeSecurityGroupIngress', 'InvalidPermission.Duplicate', () => client.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions })));
      authorized = action.rules.length;
    } else if (action.kind === 'RevokeIngress') {
      await settled('RevokeSecurityGroupIngress', 'InvalidPermission.NotFound', () => client.send(new RevokeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions })));
      revoked = action.rules.length;
    }
  }
  // The rules are known for certain only for a group this run made (it starts empty and now holds the
  // desired rules): a listed (or adopted) group's rules are a read EC2 may serve stale
  // (handlers/lib/aws/settle.ts), so VerifyProxy reads those itself.
  const known = created && !adopted ? { rules: desiredIngress(spec.cidrs, spec.port), readIn: execution } : {};
  return { groupId, created, authorized, revoked, ...known };
});

/** One AWS call where `doneCode` means the change is already made (as wanted), not a failure. */
async function settled(action: string, doneCode: string, call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (err) {
    if (!hasCode(err, doneCode)) throw toOperatorError(err, action);
  }
}

/**
 * Names are tried in one fixed order (`egress-proxy-<vpc>`, then `-2`, `-3` …): concurrent runs for a
 * VPC agree on the name, so EC2's name uniqueness makes them share one group (a name salted per run
 * would give each run a group of its own).
 */
const MAX_NAME_TRIES = 4;

async function createGroup(client: Ec2, vpcId: string, attempt = 1): Promise<ObservedGroup & { adopted?: boolean }> {
  const base = resourceName(vpcId);
  const name = attempt > 1 ? `${base}-${attempt}` : base;
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
  // A concurrent execution for the same VPC may have just created it: take ours if it is ours. A group
  // created a moment ago may not be listed yet (handlers/lib/aws/settle.ts): wait until the name shows.
  await readUntilSettled(() => callAws('DescribeSecurityGroups', () => client.send(new DescribeSecurityGroupsCommand({
    Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'group-name', Values: [name] }],
  }))), (out) => (out.SecurityGroups ?? []).length > 0);
  const owned = (await listOwnedGroups(client, vpcId)).find((g) => g.name === name);
  if (owned) return { ...owned, adopted: true };
  // Not ours (e.g. kept by deletion-policy=retain, which dropped our tags): names are only labels,
  // ownership is by tags, so take a name of our own.
  if (attempt < MAX_NAME_TRIES) return createGroup(client, vpcId, attempt + 1);
  throw new OwnershipConflict(`security groups named ${base} and ${base}-2 … ${name} exist in ${vpcId} without the operator's ownership tags`);
}
