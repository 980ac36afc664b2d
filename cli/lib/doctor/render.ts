/** doctor's output: one line per check (✓ ok, ✗ fail with its fix on the next line, – skip), then a summary; or JSON. */
import { bold, red } from '../output';
import { summaryOf, type Check } from './check';

const MARK = { ok: '✓', fail: '✗', skip: '–' } as const;

export function renderChecks(checks: readonly Check[]): string {
  const lines: string[] = [];
  for (const c of checks) {
    const mark = c.status === 'fail' ? red(MARK.fail) : MARK[c.status];
    lines.push(`${mark} ${c.name} — ${c.detail}`);
    if (c.fix && c.status !== 'ok') lines.push(`    ${c.status === 'fail' ? 'fix' : 'to check it'}: ${c.fix}`);
  }
  lines.push('', bold(summaryOf(checks)));
  return lines.join('\n');
}

/** `{checks: [{name, status, detail, fix}]}`: every field present, fix null when there is none. */
export function checksJson(checks: readonly Check[]): { checks: Check[] } {
  return { checks: checks.map((c) => ({ name: c.name, status: c.status, detail: c.detail, fix: c.fix })) };
}
