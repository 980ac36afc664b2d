/**
 * Observe: the real state of one VPC and of everything the operator owns for it, and the whole spec
 * validated before any step writes (handlers/lib/validate-spec.ts).
 */
import { ec2For } from './lib/aws-clients';
import { readHub } from './lib/aws/hub';
import { listOwnedEndpoints, listOwnedGroups } from './lib/aws/owned';
import { describeVpc } from './lib/aws/vpc';
import { validateSpec } from './lib/validate-spec';
import { InvalidSpec } from './lib/errors';
import { generationOf, parseSpec } from './lib/spec';
import { step } from './lib/step';
import { statusTagsOf, toTagMap } from './lib/tags';
import { vpcCidrs } from './lib/vpc-cidrs';
import type { Observed } from './lib/workflow-state';

export const handler = step('Observe', async ({ state }): Promise<Observed> => {
  const { vpcId, account, region } = state;
  const client = ec2For(state);
  const vpc = await describeVpc(client, vpcId);
  const tags = toTagMap(vpc?.Tags);
  const parsed = parseSpec(tags);
  const desired = vpc && parsed.spec.optedIn ? 'present' : 'absent';

  const ownedEndpoints = await listOwnedEndpoints(client, vpcId);
  const groups = await listOwnedGroups(client, vpcId);

  if (desired === 'present' && !parsed.ok) throw new InvalidSpec(parsed.problem);
  const hub = desired === 'present' ? await readHub() : undefined;
  // The whole spec is checked here, before EnsureSecurityGroup: an invalid spec creates nothing.
  if (hub) await validateSpec(client, { vpcId, account, region, dryRun: state.dryRun }, parsed.spec, hub);

  return {
    vpcId, account, region,
    exists: Boolean(vpc),
    desired,
    spec: parsed.spec,
    generation: generationOf(tags),
    cidrs: vpcCidrs(vpc),
    statusTags: statusTagsOf(tags),
    ownedEndpoints,
    ownedSecurityGroupIds: groups.map((g) => g.id).sort(),
    ...(hub ? { hub } : {}),
  };
});
