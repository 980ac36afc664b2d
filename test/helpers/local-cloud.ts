/** Helpers for tests that drive the local cloud through the real AWS SDK. */
import {
  CreateTagsCommand, DeleteTagsCommand, DescribeSecurityGroupsCommand, DescribeVpcsCommand, EC2Client,
  paginateDescribeVpcEndpoints,
} from '@aws-sdk/client-ec2';
import { GetExecutionHistoryCommand, HistoryEvent, SFNClient } from '@aws-sdk/client-sfn';
import { ownedFilters, toTagMap } from '../../handlers/lib/tags';
import type { LocalCloud } from '../../local/cloud';
import { eventually, type EventuallyOptions } from './eventually';

export const ec2 = () => new EC2Client({});
export const sfn = () => new SFNClient({});

export async function tagVpc(vpcId: string, tags: Record<string, string>): Promise<void> {
  await ec2().send(new CreateTagsCommand({ Resources: [vpcId], Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }));
}

export async function untagVpc(vpcId: string, keys: string[]): Promise<void> {
  await ec2().send(new DeleteTagsCommand({ Resources: [vpcId], Tags: keys.map((Key) => ({ Key })) }));
}

export async function tagsOf(vpcId: string): Promise<Record<string, string>> {
  const out = await ec2().send(new DescribeVpcsCommand({ VpcIds: [vpcId] }));
  return toTagMap(out.Vpcs?.[0]?.Tags);
}

export function statusTags(tags: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(tags).filter(([k]) => k.startsWith('egress-proxy')));
}

/** Live (not deleted) endpoints carrying our ownership tags for this VPC. */
export async function ownedEndpoints(vpcId: string) {
  const out = [];
  for await (const page of paginateDescribeVpcEndpoints({ client: ec2() }, { Filters: ownedFilters(vpcId) })) {
    out.push(...(page.VpcEndpoints ?? []).filter((e) => e.State?.toLowerCase() !== 'deleted'));
  }
  return out;
}

export async function ownedGroups(vpcId: string) {
  return (await ec2().send(new DescribeSecurityGroupsCommand({ Filters: ownedFilters(vpcId) }))).SecurityGroups ?? [];
}

export function executionsOf(cloud: LocalCloud, vpcId: string) {
  return cloud.stepFunctions.executions.list('reconcile-vpc').filter((e) => e.name.startsWith(vpcId));
}

export async function historyOf(executionArn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn().send(new GetExecutionHistoryCommand({ executionArn, nextToken }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

/** Run `fn` while tag events are paused (scoped, restored even on throw): the owner's change happens, its event is lost. */
export function withoutTagEvents<T>(cloud: LocalCloud, fn: () => Promise<T>): Promise<T> {
  return cloud.pauseTagEvents(fn);
}

/** Subnet IDs of a VPC by AZ name suffix ('a', 'b'). */
export function subnetsOf(cloud: LocalCloud, vpcId: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of cloud.ec2State.subnets.values()) if (s.vpcId === vpcId) out[s.availabilityZone.slice(-1)] = s.id;
  return out;
}

/** The VPC's tags once `check` passes (a jest `expect` or a predicate): reads lag writes, see ./eventually. */
export function settledTags(vpcId: string, check: (tags: Record<string, string>) => unknown, opts: EventuallyOptions = {}) {
  return eventually(() => tagsOf(vpcId), check, { what: `tags of ${vpcId}`, ...opts });
}

/** The VPC's owned live endpoints once `check` passes. */
export function settledEndpoints(vpcId: string, check: (endpoints: Awaited<ReturnType<typeof ownedEndpoints>>) => unknown, opts: EventuallyOptions = {}) {
  return eventually(() => ownedEndpoints(vpcId), check, { what: `owned endpoints of ${vpcId}`, ...opts });
}

/** The VPC's owned security groups once `check` passes. */
export function settledGroups(vpcId: string, check: (groups: Awaited<ReturnType<typeof ownedGroups>>) => unknown, opts: EventuallyOptions = {}) {
  return eventually(() => ownedGroups(vpcId), check, { what: `owned security groups of ${vpcId}`, ...opts });
}
