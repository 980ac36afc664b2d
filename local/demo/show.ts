/**
 * What the demo prints: each execution's path as the Step Functions console shows it (reusing the
 * CLI's history view), and the VPCs' tags. Reads everything back through the AWS SDK.
 */
import { DescribeVpcsCommand, EC2Client, paginateDescribeVpcEndpoints } from '@aws-sdk/client-ec2';
import { DescribeExecutionCommand, GetExecutionHistoryCommand, HistoryEvent, SFNClient } from '@aws-sdk/client-sfn';
import { historyJson, renderHistory } from '../../cli/lib/history-view';
import { toRun } from '../../cli/lib/history-visits';
import { ownedFilters, toTagMap } from '../../handlers/lib/tags';

const ec2 = () => new EC2Client({});
const sfn = () => new SFNClient({});

/** VPC ID → what to call it beside the ID, e.g. the hub: `vpc-… (hub)`. */
export type VpcLabels = ReadonlyMap<string, string>;

/** Every labelled VPC ID in `text` followed by its label in parentheses. */
export function labelVpcs(text: string, labels: VpcLabels): string {
  if (labels.size === 0) return text;
  return text.replace(/\bvpc-[0-9a-f]{8,17}\b/g, (id) => (labels.has(id) ? `${id} (${labels.get(id)})` : id));
}

export async function showExecution(executionArn: string, colour: boolean, labels: VpcLabels = new Map(), width?: number): Promise<string> {
  const client = sfn();
  const info = await client.send(new DescribeExecutionCommand({ executionArn }));
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(new GetExecutionHistoryCommand({ executionArn, nextToken, maxResults: 1000 }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  const run = toRun(events);
  const view = historyJson({
    executionArn, name: info.name!, stateMachineArn: info.stateMachineArn!, status: info.status!,
    startDate: info.startDate, stopDate: info.stopDate,
  }, run, Date.now());
  const label = (text: string | null) => (text === null ? null : labelVpcs(text, labels));
  const labelled = {
    ...view,
    cause: label(view.cause),
    states: view.states.map((st) => ({ ...st, cause: label(st.cause), retries: st.retries.map((r) => ({ ...r, cause: label(r.cause) })) })),
  };
  return renderHistory(labelled, run, colour, { width });
}

export async function vpcTags(vpcId: string): Promise<Record<string, string>> {
  const out = await ec2().send(new DescribeVpcsCommand({ VpcIds: [vpcId] }));
  return toTagMap(out.Vpcs?.[0]?.Tags);
}

export function renderTags(vpcId: string, tags: Record<string, string>, labels: VpcLabels = new Map()): string {
  const keys = Object.keys(tags).sort();
  const width = Math.max(...keys.map((k) => k.length), 4);
  return [`  ${labelVpcs(vpcId, labels)}`, ...keys.map((k) => `    ${k.padEnd(width)}  ${labelVpcs(tags[k], labels)}`)].join('\n');
}

/** Owned endpoints and security groups left for a VPC (what the finalizer must have removed). */
export async function ownedLeft(vpcId: string): Promise<string[]> {
  const left: string[] = [];
  for await (const page of paginateDescribeVpcEndpoints({ client: ec2() }, { Filters: ownedFilters(vpcId) })) {
    for (const e of page.VpcEndpoints ?? []) if (e.State?.toLowerCase() !== 'deleted') left.push(`${e.VpcEndpointId} (${e.State})`);
  }
  const { DescribeSecurityGroupsCommand } = await import('@aws-sdk/client-ec2');
  const groups = await ec2().send(new DescribeSecurityGroupsCommand({ Filters: ownedFilters(vpcId) }));
  for (const g of groups.SecurityGroups ?? []) left.push(g.GroupId!);
  return left;
}
