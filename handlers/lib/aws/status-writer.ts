/**
 * Writes a VPC's status tags as a diff: only changed keys are written, removed keys deleted, and
 * `execution` only together with another change. A run whose spec generation is no longer the VPC's
 * (the owner changed the tags meanwhile, and that change has its own execution) writes nothing.
 */
import { CreateTagsCommand, DeleteTagsCommand } from '@aws-sdk/client-ec2';
import type { EC2Client } from '@aws-sdk/client-ec2';
import { now as clockNow } from '../clock';
import { Superseded } from '../errors';
import type { StatusChange } from '../plan/status';
import { applyChange, diffTags, type TagDiff } from '../plan/status-tags';
import { generationOf } from '../spec';
import { STATUS_KEYS, statusTagsOf, type TagMap, toAwsTags, toTagMap } from '../tags';
import { callAws } from './call';
import { readUntilSettled } from './settle';
import { describeVpc } from './vpc';

export interface StatusWrite extends TagDiff {
  previous: TagMap;
  /** The status tags after the write. */
  after: TagMap;
  /** False when the VPC no longer exists. */
  vpcExists: boolean;
}

export interface VpcTagsNow {
  /** The operator's status keys. */
  status: TagMap;
  /** Generation of the owner keys as they are now. */
  generation: string;
}

/** The VPC's status tags and current spec generation, or undefined when the VPC is gone. */
async function readVpcTags(client: EC2Client, vpcId: string): Promise<VpcTagsNow | undefined> {
  const vpc = await describeVpc(client, vpcId);
  if (!vpc) return undefined;
  const tags = toTagMap(vpc.Tags);
  return { status: statusTagsOf(tags), generation: generationOf(tags) };
}

/** Throws Superseded when the owner changed the spec since `generation` was observed. */
export async function assertCurrentGeneration(client: EC2Client, vpcId: string, generation: string): Promise<void> {
  const now = await readVpcTags(client, vpcId);
  if (now && now.generation !== generation) {
    throw new Superseded(`the owner changed the spec (generation ${generation} → ${now.generation}); the newer change reconciles it`);
  }
}

/** writeStatus for a step that is about to act: a superseded run stops here (Superseded) instead. */
export async function writeStatusOrStop(client: EC2Client, vpcId: string, change: StatusChange, execution: string,
  generation: string | undefined): Promise<StatusWrite> {
  const write = await writeStatus(client, vpcId, change, execution, { expectedGeneration: generation });
  if (write.superseded) throw new Superseded(`the owner changed the spec since generation ${generation}; the newer change reconciles it`);
  return write;
}

/**
 * The status as it is after this execution's own earlier write: EC2 may still show the tags before it
 * (handlers/lib/aws/settle.ts), and a diff against those would skip keys it believes already set.
 */
async function readAfterOwnWrite(client: EC2Client, vpcId: string, execution: string) {
  const { value, settled } = await readUntilSettled(() => readVpcTags(client, vpcId),
    (t) => !t || t.status[STATUS_KEYS.execution] === execution);
  return { now: value, stale: !settled };
}

async function writeDiff(client: EC2Client, vpcId: string, diff: TagDiff): Promise<void> {
  if (Object.keys(diff.set).length) {
    await callAws('CreateTags', () => client.send(new CreateTagsCommand({ Resources: [vpcId], Tags: toAwsTags(diff.set) })));
  }
  if (diff.remove.length) {
    await callAws('DeleteTags', () => client.send(new DeleteTagsCommand({
      Resources: [vpcId], Tags: diff.remove.map((Key) => ({ Key })),
    })));
  }
}

export async function writeStatus(client: EC2Client, vpcId: string, change: StatusChange, execution: string,
  opts: { expectedGeneration?: string; now?: Date; ownEarlierWrite?: boolean } = {}): Promise<StatusWrite & { superseded: boolean }> {
  const { now, stale } = opts.ownEarlierWrite ? await readAfterOwnWrite(client, vpcId, execution) : { now: await readVpcTags(client, vpcId), stale: false };
  if (!now) return { previous: {}, after: {}, set: {}, remove: [], vpcExists: false, superseded: false };
  const nothing = { previous: now.status, after: now.status, set: {}, remove: [], vpcExists: true };
  if (opts.expectedGeneration && opts.expectedGeneration !== now.generation) return { ...nothing, superseded: true };
  const target = applyChange(now.status, change, { generation: now.generation, now: opts.now ?? clockNow() });
  if (!target) return { ...nothing, superseded: false };
  // Still not showing our own write: set every key of the target rather than trust the read.
  const diff = stale ? { ...diffTags(now.status, target), set: { ...target } } : diffTags(now.status, target);
  if (change.kind !== 'clear' && (Object.keys(diff.set).length || diff.remove.length)) diff.set[STATUS_KEYS.execution] = execution;
  await writeDiff(client, vpcId, diff);
  const after = { ...now.status, ...diff.set };
  for (const k of diff.remove) delete after[k];
  return { previous: now.status, after, ...diff, vpcExists: true, superseded: false };
}
