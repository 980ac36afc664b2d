/** The campaign's report: one line per violation and a summary line, or one JSON document (`--json`). */
import type { CampaignResult } from './campaign';

const count = (r: CampaignResult, kind: string) => r.violations.filter((v) => v.kind === kind).length;

export function summaryLine(r: CampaignResult): string {
  const faults = Object.entries(r.faults).sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k}×${n}`).join(',');
  const used = Object.entries(r.support).filter(([, on]) => on).map(([k]) => k).join(',');
  return [
    `chaos seed=${r.seed} vpcs=${r.vpcs} rounds=${r.rounds}`,
    `converged=${r.converged}/${r.vpcs}`,
    `violations=${r.violations.length}`,
    `duplicates=${count(r, 'duplicate')} leaks=${count(r, 'leak')} foreign-touched=${count(r, 'foreign-touched')}`,
    `max-endpoints=${r.maxEndpoints}`,
    `converged-after=${r.convergenceSeconds.toFixed(1)}s elapsed=${(r.elapsedMs / 1000).toFixed(1)}s calls=${r.calls}`,
    `faults=${Object.values(r.faults).reduce((a, b) => a + b, 0)} (${faults || 'none'})`,
    `fault-kinds=${used || 'none'}`,
  ].join(' ');
}

export function violationLines(r: CampaignResult): string[] {
  return r.violations.map((v) => `VIOLATION ${v.kind}${v.vpcId ? ` ${v.vpcId}` : ''}: ${v.detail}`);
}

export function pathLines(r: CampaignResult): string[] {
  return Object.entries(r.paths).flatMap(([vpc, lines]) => [`  ${vpc}:`, ...lines.map((l) => `    ${l}`)]);
}

export function jsonReport(r: CampaignResult): string {
  return JSON.stringify({ ...r, ok: r.violations.length === 0 }, null, 2);
}
