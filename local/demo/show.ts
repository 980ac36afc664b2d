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

export async function showExecution(executionArn: string, colour: boolean): Promise<string> {
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
  return renderHistory(view, run, colour);
}

export async function vpcTags(vpcId: string): Promise<Record<string, string>> {
  const out = await ec2().send(new DescribeVpcsCommand({ VpcIds: [vpcId] }));
  return toTagMap(out.Vpcs?.[0]?.Tags);
}

export function renderTags(vpcId: string, tags: Record<string, string>): string {
  const keys = Object.keys(tags).sort();
  const width = Math.max(...keys.map((k) => k.length), 4);
  return [`  ${vpcId}`, ...keys.map((k) => `    ${k.padEnd(width)}  ${tags[k]}`)].join('\n');
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
