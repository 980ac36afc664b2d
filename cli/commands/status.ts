/**
 * `egress status`: every opted-in VPC (and every VPC still carrying operator status) with its state,
 * proxy address, reason, overlaps, last execution and the age of its state. `--watch` refreshes.
 */
import type { Command } from 'commander';
import { addRegionOption, resolveRegion, withAws } from '../lib/aws-command';
import { CliError } from '../lib/errors';
import { integerOption } from '../lib/options';
import { printJson } from '../lib/output';
import { renderStyledTable, styleByState, type StyledColumn } from '../lib/styled-table';
import { formatDuration } from '../lib/time-format';
import { statusRows, summaryOf, type VpcStatus } from '../lib/vpc-status';
import { statusVpcs } from '../lib/vpc-queries';
import { watchLoop } from '../lib/watch';

interface StatusFlags { account?: string; region?: string; watch?: boolean; interval: number; json?: boolean }

export interface StatusJson { generatedAt: string; region: string; account: string | null; vpcs: VpcStatus[] }

const COLUMNS: StyledColumn<VpcStatus>[] = [
  { header: 'VPC', value: (s) => s.vpcId },
  { header: 'ACCOUNT', value: (s) => s.account ?? '-' },
  { header: 'REGION', value: (s) => s.region },
  { header: 'STATE', value: (s) => s.state ?? (s.optedIn ? 'Pending' : '-'), style: styleByState((s) => s.state) },
  { header: 'PROXY', value: (s) => s.proxy ?? '-' },
  { header: 'OVERLAPS', value: (s) => s.overlaps ?? '-' },
  { header: 'LAST EXECUTION', value: (s) => s.lastExecution ?? '-' },
  { header: 'AGE', value: (s) => (s.ageSeconds === null ? '-' : formatDuration(s.ageSeconds * 1000)), align: 'right' },
  { header: 'REASON', value: (s) => s.reason ?? (s.optedIn ? 'opted in, not reconciled yet' : '-') },
];

export function renderStatus(doc: StatusJson): string {
  if (doc.vpcs.length === 0) return `No opted-in VPCs in ${doc.region}${doc.account ? ` for account ${doc.account}` : ''} (tag a VPC egress=proxy to opt in).`;
  return `${renderStyledTable(COLUMNS, doc.vpcs)}\n\n${summaryOf(doc.vpcs)} — ${doc.region}, ${doc.generatedAt}`;
}

export function register(program: Command): void {
  const cmd = program
    .command('status')
    .description('every opted-in VPC: state, proxy URL, reason, overlaps, last execution, age of the status')
    .option('--account <id>', 'only VPCs owned by this account')
    .option('--watch', 'refresh in place until Ctrl-C')
    .option('--interval <seconds>', 'refresh interval for --watch', integerOption(1, 3600), 5)
    .option('--json', 'print JSON (with --watch: one JSON document per line per refresh)');
  addRegionOption(cmd).action(async (flags: StatusFlags) => {
    if (flags.account !== undefined && !/^\d{12}$/.test(flags.account)) throw new CliError(`--account must be a 12-digit AWS account ID, not ${JSON.stringify(flags.account)}`);
    await withAws(flags.region, async (clients) => {
      const region = await resolveRegion(clients);
      const read = async (): Promise<StatusJson> => {
        const vpcs = await statusVpcs(clients);
        const now = Date.now();
        return { generatedAt: new Date(now).toISOString(), region, account: flags.account ?? null, vpcs: statusRows(vpcs, region, now, flags.account) };
      };
      if (!flags.watch) {
        const doc = await read();
        if (flags.json) printJson(doc);
        else process.stdout.write(`${renderStatus(doc)}\n`);
        return;
      }
      await watchLoop(async () => {
        const doc = await read();
        return flags.json ? JSON.stringify(doc) : renderStatus(doc);
      }, { intervalMs: flags.interval * 1000, separate: !flags.json, maxRenders: testRenders() });
    });
  });
}

/** EGRESS_WATCH_MAX_RENDERS bounds --watch (for tests and scripts that want N snapshots). */
function testRenders(): number | undefined {
  const n = Number(process.env.EGRESS_WATCH_MAX_RENDERS);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}
