/** Observe: the real state of one VPC and of everything the operator owns for it. */
import {
  DescribeSecurityGroupsCommand, DescribeVpcsCommand, Vpc,
} from '@aws-sdk/client-ec2';
import { ec2For } from './lib/aws-clients';
import { callAws, hasCode } from './lib/aws-errors';
import { InvalidSpec } from './lib/errors';
import { readHub } from './lib/hub';
import { listOwnedEndpoints } from './lib/owned-endpoints';
import { generationOf, parseSpec } from './lib/spec';
import { step } from './lib/step';
import { vpcCidrs } from './lib/vpc-cidrs';
import { ALL_STATUS_KEYS, ownedFilters, TagMap, toTagMap } from './lib/tags';
import type { Observed } from './lib/workflow-state';

export const handler = step('Observe', async ({ state }): Promise<Observed> => {
  const { vpcId, account, region } = state;
  const client = ec2For(state);
  const vpc = await describeVpc(client, vpcId);
  const tags = toTagMap(vpc?.Tags);
  const parsed = parseSpec(tags);
  const desired = vpc && parsed.spec.optedIn ? 'present' : 'absent';

  const ownedEndpoints = await listOwnedEndpoints(client, vpcId);
  const groups = await callAws('DescribeSecurityGroups', () =>
    client.send(new DescribeSecurityGroupsCommand({ Filters: ownedFilters(vpcId) })));

  if (desired === 'present' && !parsed.ok) throw new InvalidSpec(parsed.problem);
  const hub = desired === 'present' ? await readHub() : undefined;

  return {
    vpcId, account, region,
    exists: Boolean(vpc),
    desired,
    spec: parsed.spec,
    generation: generationOf(tags),
    cidrs: vpcCidrs(vpc),
    statusTags: pick(tags, ALL_STATUS_KEYS),
    ownedEndpoints,
    ownedSecurityGroupIds: (groups.SecurityGroups ?? []).map((g) => g.GroupId!).sort(),
    ...(hub ? { hub } : {}),
  };
});

async function describeVpc(client: ReturnType<typeof ec2For>, vpcId: string): Promise<Vpc | undefined> {
  try {
    const out = await client.send(new DescribeVpcsCommand({ VpcIds: [vpcId] }));
    return out.Vpcs?.[0];
  } catch (err) {
    if (hasCode(err, 'InvalidVpcID.NotFound')) return undefined;
    return callAws('DescribeVpcs', () => Promise.reject(err));
  }
}

function pick(tags: TagMap, keys: string[]): TagMap {
  const out: TagMap = {};
  for (const k of keys) if (tags[k] !== undefined) out[k] = tags[k];
  return out;
}
