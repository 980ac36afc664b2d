/**
 * Observe: the real state of one VPC and of everything the operator owns for it, and the whole spec
 * validated before any step writes (handlers/lib/validate-spec.ts).
 */
import { ec2For } from './lib/aws-clients';
import { readHub } from './lib/aws/hub';
import { listOwnedEndpoints, listOwnedGroups } from './lib/aws/owned';
import { readUntilSettled } from './lib/aws/settle';
import { describeVpc } from './lib/aws/vpc';
import { validateSpec } from './lib/validate-spec';
import { InvalidSpec, Superseded } from './lib/errors';
import { generationOfExecution } from './lib/names';
import { generationOf, parseSpec } from './lib/spec';
import { step } from './lib/step';
import { statusTagsOf, toTagMap } from './lib/tags';
import { vpcCidrs } from './lib/vpc-cidrs';
import type { Observed } from './lib/workflow-state';

type Ec2 = ReturnType<typeof ec2For>;

export const handler = step('Observe', async ({ state, execution }): Promise<Observed> => {
  const { vpcId, account, region } = state;
  const client = ec2For(state);
  const announced = state.trigger === 'tag-event' ? generationOfExecution(execution) : undefined;
  const vpc = announced ? await describeAsAnnounced(client, vpcId, announced) : await describeVpc(client, vpcId);
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

/**
 * The VPC as its tag event announced it: the event proves the VPC exists with tags of `generation`, so
 * NotFound or older tags is EC2 still propagating the owner's write (handlers/lib/aws/settle.ts) — read
 * again, briefly. Another generation after that: the owner changed the tags again, and that change has
 * its own run; this one acting on tags it cannot see would undo it.
 */
async function describeAsAnnounced(client: Ec2, vpcId: string, generation: string) {
  const { value, settled } = await readUntilSettled(() => describeVpc(client, vpcId),
    (v) => v !== undefined && generationOf(toTagMap(v.Tags)) === generation);
  if (value && !settled) {
    throw new Superseded(`the tag event announced generation ${generation}, the VPC shows ${generationOf(toTagMap(value.Tags))}; the newer change reconciles it`);
  }
  return value;
}
