/** What `egress status` does (its flags are in cli/commands/status.ts). */
import { resolveRegion, withAws } from '../lib/aws-command';
import type { AwsFlags } from '../lib/aws-options';
import { CliError, EXIT_FAILURE } from '../lib/errors';
import { printJson } from '../lib/output';
import { renderStyledTable, styleByState, type StyledColumn, type TableLayout } from '../lib/styled-table';
import { formatDuration } from '../lib/time-format';
import { viewOf, type ViewFlags } from '../lib/view-flags';
import { statusRows, summaryOf, type VpcStatus } from '../lib/vpc-status';
import { statusVpcs } from '../lib/vpc-queries';
import { watchLoop } from '../lib/watch';

interface StatusFlags extends AwsFlags, ViewFlags { account?: string; watch?: boolean; interval: number; failOnUnhealthy?: boolean }

export interface StatusJson { generatedAt: string; region: string; account: string | null; vpcs: VpcStatus[] }

const COLUMNS: StyledColumn<VpcStatus>[] = [
  { header: 'VPC', value: (s) => s.vpcId },
  { header: 'ACCOUNT', value: (s) => s.account ?? '-' },
  { header: 'REGION', value: (s) => s.region, wide: true },
  { header: 'STATE', value: (s) => s.state ?? (s.optedIn ? 'Pending' : '-'), style: styleByState((s) => s.state) },
  // A proxy URL is ~130 characters: cut, it would say nothing, so it is shown whole with --wide.
  { header: 'PROXY', value: (s) => s.proxy ?? '-', wide: true },
  { header: 'OVERLAPS', value: (s) => overlapCount(s.overlaps), align: 'right', narrow: true },
  { header: 'OVERLAPS', value: (s) => s.overlaps ?? '-', wide: true },
  { header: 'LAST EXECUTION', value: (s) => s.lastExecution ?? '-', wide: true },
  { header: 'AGE', value: (s) => (s.ageSeconds === null ? '-' : formatDuration(s.ageSeconds * 1000)), align: 'right' },
  { header: 'REASON', value: (s) => s.reason ?? (s.optedIn ? 'opted in, not reconciled yet' : '-'), shrink: true, min: 24 },
];

/** `3: vpc-a vpc-b vpc-c` → `3` (the list is in --wide and --json). */
export function overlapCount(tag: string | null): string {
  return tag === null ? '-' : /^(\d+):/.exec(tag)?.[1] ?? tag;
}

/** The states `--fail-on-unhealthy` fails on. */
export const UNHEALTHY: readonly string[] = ['Error', 'Degraded'];

export function renderStatus(doc: StatusJson, layout: TableLayout = {}): string {
  if (doc.vpcs.length === 0) return `No opted-in VPCs in ${doc.region}${doc.account ? ` for account ${doc.account}` : ''} (tag a VPC egress=proxy to opt in).`;
  return `${renderStyledTable(COLUMNS, doc.vpcs, undefined, layout)}\n\n${summaryOf(doc.vpcs)} — ${doc.region}, ${doc.generatedAt}`;
}

export async function runStatus(flags: StatusFlags): Promise<void> {
  if (flags.account !== undefined && !/^\d{12}$/.test(flags.account)) throw new CliError(`--account must be a 12-digit AWS account ID, not ${JSON.stringify(flags.account)}`);
  if (flags.failOnUnhealthy && flags.watch) throw new CliError('--fail-on-unhealthy judges one snapshot: use it without --watch');
  const view = viewOf(flags);
  await withAws(flags, async (clients) => {
    const region = await resolveRegion(clients);
    const read = async (): Promise<StatusJson> => {
      const vpcs = await statusVpcs(clients);
      const now = Date.now();
      return { generatedAt: new Date(now).toISOString(), region, account: flags.account ?? null, vpcs: statusRows(vpcs, region, now, flags.account) };
    };
    if (!flags.watch) {
      const doc = await read();
      if (view.json) printJson(doc);
      else process.stdout.write(`${renderStatus(doc, view.layout)}\n`);
      const unhealthy = doc.vpcs.filter((v) => v.state !== null && UNHEALTHY.includes(v.state));
      if (flags.failOnUnhealthy && unhealthy.length > 0) {
        throw new CliError(`${unhealthy.length} of ${doc.vpcs.length} VPCs unhealthy: ${unhealthy.map((v) => `${v.vpcId} ${v.state}`).join(', ')}`, EXIT_FAILURE);
      }
      return;
    }
    await watchLoop(async () => {
      const doc = await read();
      return view.json ? JSON.stringify(doc) : renderStatus(doc, view.layout);
    }, { intervalMs: flags.interval * 1000, separate: !view.json, maxRenders: testRenders() });
  });
}

/** EGRESS_WATCH_MAX_RENDERS bounds --watch (for tests and scripts that want N snapshots). */
function testRenders(): number | undefined {
  const n = Number(process.env.EGRESS_WATCH_MAX_RENDERS);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}
