/**
 * Observe: the real state of one VPC and of everything the operator owns for it, and the whole spec
 * validated before any step writes (handlers/lib/validate-spec.ts). The hub and a member account's RAM
 * share come from the execution environment's cache when read in the last minutes (handlers/lib/aws/hub.ts);
 * the subnets the spec check chose go forward to EnsureEndpoint (docs/design.md#workflows, "What each step reads").
 */
import { ec2For } from './lib/aws-clients';
import { readHub } from './lib/aws/hub';
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

  const statusTags = statusTagsOf(tags);

  if (desired === 'present' && !parsed.ok) throw new InvalidSpec(parsed.problem);
  const hub = desired === 'present' ? await readHub() : undefined;
  // The whole spec is checked here, before EnsureSecurityGroup: an invalid spec creates nothing.
  const endpointSubnetIds = hub ? await validateSpec(client, { vpcId, account, region, dryRun: state.dryRun }, parsed.spec, hub) : [];

  return {
    vpcId, account, region,
    exists: Boolean(vpc),
    desired,
    spec: parsed.spec,
    generation: generationOf(tags),
    cidrs: vpcCidrs(vpc),
    statusTags,
    listOwned: listOwned(desired, statusTags, state.dryRun),
    ...(endpointSubnetIds.length ? { endpointSubnetIds } : {}),
    ...(hub ? { hub } : {}),
  };
});

/**
 * Whether EnsureSecurityGroup and EnsureEndpoint list what the operator owns. An opted-in VPC without any
 * status tag was never reconciled (or was fully cleaned up): nothing is listed, the steps create
 * optimistically — EnsureSecurityGroup adopts an owned group of the same name (InvalidGroup.Duplicate),
 * EnsureEndpoint's ClientToken returns the endpoint an earlier run of the same spec made, and
 * AwaitEndpoint's listing retires an older owned endpoint after verification. A dry run lists, so its
 * plan shows what is there. (Finalize, for an opted-out VPC, always lists.)
 */
function listOwned(desired: 'present' | 'absent', statusTags: Record<string, string>, dryRun?: boolean): boolean {
  return desired !== 'present' || Boolean(dryRun) || Object.keys(statusTags).length > 0;
}

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
