/** Writes a VPC's status tags as a diff: only changed keys are written, removed keys deleted. */
import { CreateTagsCommand, DeleteTagsCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import type { EC2Client } from '@aws-sdk/client-ec2';
import { callAws, hasCode } from './aws-errors';
import { diffTags, TagDiff } from './status';
import { ALL_STATUS_KEYS, STATUS_KEYS, TagMap, toAwsTags, toTagMap } from './tags';

export interface StatusWrite extends TagDiff {
  previous: TagMap;
  /** False when the VPC no longer exists. */
  vpcExists: boolean;
}

/** The VPC's current status tags, or undefined when the VPC is gone. */
export async function readStatusTags(client: EC2Client, vpcId: string): Promise<TagMap | undefined> {
  try {
    const out = await client.send(new DescribeVpcsCommand({ VpcIds: [vpcId] }));
    const tags = toTagMap(out.Vpcs?.[0]?.Tags);
    return Object.fromEntries(Object.entries(tags).filter(([k]) => ALL_STATUS_KEYS.includes(k)));
  } catch (err) {
    if (hasCode(err, 'InvalidVpcID.NotFound')) return undefined;
    return callAws('DescribeVpcs', () => Promise.reject(err));
  }
}

/**
 * Make the VPC's status tags equal `desired` (empty = remove all). `since` moves only when the
 * state changes; `execution` is written only together with another change.
 */
export async function writeStatus(client: EC2Client, vpcId: string, desired: TagMap, execution: string,
  now = new Date()): Promise<StatusWrite> {
  const previous = await readStatusTags(client, vpcId);
  if (!previous) return { previous: {}, set: {}, remove: [], vpcExists: false };
  const target: TagMap = { ...desired };
  if (Object.keys(desired).length) {
    const sameState = previous[STATUS_KEYS.state] === desired[STATUS_KEYS.state];
    target[STATUS_KEYS.since] = sameState && previous[STATUS_KEYS.since] ? previous[STATUS_KEYS.since] : now.toISOString();
    target[STATUS_KEYS.execution] = previous[STATUS_KEYS.execution] ?? execution;
  }
  const diff = diffTags(previous, target);
  if (Object.keys(desired).length && (Object.keys(diff.set).length || diff.remove.length)) {
    diff.set[STATUS_KEYS.execution] = execution;
  }
  if (Object.keys(diff.set).length) {
    await callAws('CreateTags', () => client.send(new CreateTagsCommand({ Resources: [vpcId], Tags: toAwsTags(diff.set) })));
  }
  if (diff.remove.length) {
    await callAws('DeleteTags', () => client.send(new DeleteTagsCommand({
      Resources: [vpcId], Tags: diff.remove.map((Key) => ({ Key })),
    })));
  }
  return { previous, ...diff, vpcExists: true };
}
