/** What `egress overlaps` does (its flags are in cli/commands/overlaps.ts). */
import { OverlapIndex, type VpcOverlaps } from '../../handlers/lib/cidr';
import type { HandedOverFleet } from '../../handlers/lib/cidr/overlaps';
import type { AwsFlags } from '../lib/aws-options';
import { loadFleet, withEngineErrors, type FleetSource } from '../lib/fleet-source';
import { scanFleetFile } from '../lib/fleet-scan';
import { formatCount, red, renderTable } from '../lib/output';
import { renderStyledTable, type TableLayout } from '../lib/styled-table';
import { viewOf, type ViewFlags } from '../lib/view-flags';

interface OverlapsFlags extends AwsFlags, ViewFlags { input?: string; pairs?: boolean; limit: number }

/** Peers named per row in the human table; the JSON carries up to --limit. */
const TABLE_PEERS = 3;

export async function runOverlaps(flags: OverlapsFlags): Promise<void> {
  const view = viewOf(flags);
  // A file in the plain spelling straight into columns; any other file (or an error to word) as loadFleet reads it.
  const columns = flags.input !== undefined ? scanFleetFile(flags.input) : undefined;
  const source = columns ? { fleet: columns, name: flags.input! } : await handedOver(flags);
  const index = withEngineErrors(source.name, () => new OverlapIndex(source.fleet));
  if (view.json) writeJson(index, flags);
  else writeHuman(index, flags, view.layout);
}

/** The fleet's VPCs, taken once by the index: the parsed file can then be freed while it counts. */
async function handedOver(flags: OverlapsFlags): Promise<{ fleet: HandedOverFleet; name: string }> {
  const source: FleetSource = await loadFleet(flags.input, flags);
  const fleet = {
    take: () => {
      const { vpcs } = source;
      source.vpcs = [];
      return vpcs;
    },
  };
  return { fleet, name: source.name };
}

/** Streamed row by row: at fleet scale with peers listed, one JSON.stringify could outgrow a string. */
function writeJson(index: OverlapIndex, flags: OverlapsFlags): void {
  const { summary, vpcs } = index.analyze({ detailFor: 'all', limit: flags.limit });
  process.stdout.write(`{\n  "summary": ${JSON.stringify(summary)},\n  "vpcs": `);
  writeJsonArray(vpcs.map(jsonRow));
  if (flags.pairs) {
    process.stdout.write(',\n  "pairs": ');
    writeJsonArray(index.pairs());
  }
  process.stdout.write('\n}\n');
}

/** `[`, one item per line, `]`, written in chunks of a thousand items. */
function writeJsonArray(items: Iterable<unknown>): void {
  let chunk = '[';
  let count = 0;
  for (const item of items) {
    chunk += `${count++ === 0 ? '' : ','}\n    ${JSON.stringify(item)}`;
    if (count % 1000 === 0) { process.stdout.write(chunk); chunk = ''; }
  }
  process.stdout.write(`${chunk}${count > 0 ? '\n  ' : ''}]`);
}

function jsonRow(row: VpcOverlaps) {
  return {
    vpcId: row.vpcId,
    account: row.account ?? null,
    region: row.region ?? null,
    overlapCount: row.overlapCount,
    overlapsWith: (row.overlapsWith ?? []).map((peer) => ({ vpcId: peer.vpcId, account: peer.account ?? null, region: peer.region ?? null, blocks: peer.blocks })),
    truncated: row.truncated ?? false,
  };
}

function writeHuman(index: OverlapIndex, flags: OverlapsFlags, layout: TableLayout): void {
  const summary = index.summary();
  const lines = [
    `${formatCount(summary.vpcs)} VPCs, ${formatCount(summary.cidrs)} CIDR blocks: ` +
      `${summary.overlappingVpcs > 0 ? red(formatCount(summary.overlappingVpcs)) : '0'} VPCs overlap another, ` +
      `${formatCount(summary.pairs)} overlapping pairs.`,
  ];
  const worst = worstOffenders((v) => index.overlapCount(v), (v) => index.vpcIdAt(v), index.size, flags.limit)
    .map((v) => index.describe(index.vpcIdAt(v), TABLE_PEERS)!);
  if (worst.length > 0) {
    lines.push('', `Worst offenders${worst.length < summary.overlappingVpcs ? ` (top ${worst.length})` : ''}:`, renderStyledTable<VpcOverlaps>([
      { header: 'VPC', value: (v) => v.vpcId },
      { header: 'ACCOUNT', value: (v) => v.account ?? '-' },
      { header: 'REGION', value: (v) => v.region ?? '-' },
      { header: 'OVERLAPS', value: (v) => formatCount(v.overlapCount), align: 'right' },
      { header: 'WITH', value: (v) => peerList(v), shrink: true, min: 24 },
    ], worst, undefined, layout));
  }
  if (flags.pairs) {
    const pairs = [...index.pairs()];
    lines.push('', 'Overlapping pairs:');
    if (pairs.length === 0) lines.push('  (none)');
    else lines.push(renderTable([{ header: 'VPC', value: (p: [string, string]) => p[0] }, { header: 'VPC', value: (p) => p[1] }], pairs));
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

const SORT_ALL_FROM = 1_000;

/**
 * Pure: of the VPCs 0 … n - 1, the `limit` with the most overlaps (ties by vpcId), worst first.
 * Kept in a bounded sorted list rather than sorting every VPC (a 100k-row sort was a tenth of the
 * command's run), and read through `count` and `vpcId`, not a row object per VPC.
 */
export function worstOffenders(count: (v: number) => number, vpcId: (v: number) => string, n: number, limit: number): number[] {
  /** Most overlaps first, then by vpcId. */
  const worseFirst = (a: number, b: number) => count(b) - count(a) || (vpcId(a) < vpcId(b) ? -1 : 1);
  const top: number[] = [];
  if (limit <= 0) return top;
  // Insertion costs up to `limit` moves a VPC: past a screenful of rows, sorting them all is cheaper.
  if (limit > SORT_ALL_FROM) {
    const all: number[] = [];
    for (let v = 0; v < n; v++) if (count(v) > 0) all.push(v);
    return all.sort(worseFirst).slice(0, limit);
  }
  for (let v = 0; v < n; v++) {
    if (count(v) === 0) continue;
    if (top.length === limit && worseFirst(v, top[limit - 1]) >= 0) continue;
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (worseFirst(top[mid], v) <= 0) lo = mid + 1; else hi = mid;
    }
    top.splice(lo, 0, v);
    if (top.length > limit) top.pop();
  }
  return top;
}

function peerList(v: VpcOverlaps): string {
  const ids = (v.overlapsWith ?? []).map((peer) => peer.vpcId);
  const more = v.overlapCount - ids.length;
  return more > 0 ? `${ids.join(' ')} +${formatCount(more)} more` : ids.join(' ');
}
