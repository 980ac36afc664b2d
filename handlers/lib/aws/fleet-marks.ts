/**
 * Applying a StatusMark in bulk, with status-writer semantics (status-writer.ts): every
 * selected VPC changes state, so `since` moves to now and `execution` names the sweep; the tags are the
 * same for all of them, so one CreateTags call covers up to 1,000 VPCs. The selection is re-read just
 * before writing, so a VPC whose status a reconcile changed since the scan is left alone.
 */
import { CreateTagsCommand, type EC2Client, paginateDescribeVpcs } from '@aws-sdk/client-ec2';
import { now as clockNow } from '../clock';
import type { StatusMark } from '../fleet/plan';
import { isOptedIn, OWNER_KEYS, STATUS_KEYS, toAwsTags, toTagMap, type TagMap } from '../tags';
import { callAws } from './call';
import type { StatusEventDetail } from './status-events';

/** EC2 CreateTags accepts up to 1,000 resource IDs per call. */
const CREATE_TAGS_MAX = 1000;

export interface MarkResult { marked: string[]; events: StatusEventDetail[] }

/**
 * EC2 matches `tag:<key>` filter values case-sensitively, and `egress` is read in any case
 * (docs/design.md#tag-contract): select by the key and decide opt-in with `isOptedIn` after reading.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcs.html
 */
function markFilters(mark: StatusMark) {
  return [
    { Name: 'tag-key', Values: [OWNER_KEYS.optIn] },
    { Name: `tag:${STATUS_KEYS.state}`, Values: mark.fromStates },
    ...(mark.fromReasons ? [{ Name: `tag:${STATUS_KEYS.reason}`, Values: mark.fromReasons.map((r) => `${r}:*`) }] : []),
    ...(mark.requireAddress ? [
      { Name: `tag:${STATUS_KEYS.proxy}`, Values: ['http://*'] },
      { Name: `tag:${STATUS_KEYS.endpoint}`, Values: ['vpce-*'] },
    ] : []),
  ];
}

export async function applyMark(client: EC2Client, mark: StatusMark, execution: string, now = clockNow()): Promise<MarkResult> {
  const exclude = new Set(mark.exclude);
  const selected: { vpcId: string; tags: TagMap }[] = [];
  await callAws('DescribeVpcs', async () => {
    for await (const page of paginateDescribeVpcs({ client, pageSize: 1000 }, { Filters: markFilters(mark) })) {
      for (const v of page.Vpcs ?? []) {
        const tags = toTagMap(v.Tags);
        if (!exclude.has(v.VpcId!) && isOptedIn(tags)) selected.push({ vpcId: v.VpcId!, tags });
      }
    }
  });
  const tags = toAwsTags({
    [STATUS_KEYS.state]: mark.to,
    [STATUS_KEYS.reason]: mark.reason,
    [STATUS_KEYS.since]: now.toISOString(),
    [STATUS_KEYS.execution]: execution,
  });
  for (let i = 0; i < selected.length; i += CREATE_TAGS_MAX) {
    const Resources = selected.slice(i, i + CREATE_TAGS_MAX).map((s) => s.vpcId);
    await callAws('CreateTags', () => client.send(new CreateTagsCommand({ Resources, Tags: tags })));
  }
  return {
    marked: selected.map((s) => s.vpcId),
    events: selected.map((s) => ({
      vpc: s.vpcId, account: mark.account || undefined, region: mark.region,
      previousState: s.tags[STATUS_KEYS.state] ?? null, state: mark.to, reason: mark.reason,
      proxy: s.tags[STATUS_KEYS.proxy] ?? null, execution,
    })),
  };
}
