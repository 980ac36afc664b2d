/**
 * `squid -k parse` on a rendered config: the check that real Squid accepts what we render.
 * Squid 5 reports some mistakes (unknown directives, bad values) as ERROR lines yet exits 0, so
 * the output is scanned as well as the exit code.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireSquidBinary } from './binary';
import { createRunDir, removeRunDir } from './run-dir';

export interface ParseResult {
  ok: boolean;
  exitCode: number | null;
  /** ERROR/FATAL/WARNING lines, without Squid's timestamps. */
  problems: string[];
  output: string;
}

/**
 * Warnings Squid prints for choices we made on purpose. `via off`: Squid reminds that HTTP asks
 * for Via, but the hub must not describe itself to the internet.
 */
export const EXPECTED_WARNINGS: readonly RegExp[] = [/WARNING: HTTP requires the use of Via/];

export function parseSquidConfig(config: string, squidBinary?: string): ParseResult {
  const binary = requireSquidBinary(squidBinary);
  const dir = createRunDir('egress-squid-parse-');
  try {
    const path = join(dir, 'squid.conf');
    writeFileSync(path, config, { mode: 0o644 });
    const run = spawnSync(binary, ['-k', 'parse', '-f', path], { encoding: 'utf8', timeout: 20000 });
    const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
    const problems = output.split('\n')
      .map((line) => line.replace(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d(\.\d+)?\|\s*/, '').trim())
      .filter((line) => /\b(ERROR|FATAL|WARNING)\b/.test(line) || /^Bungled/.test(line))
      .filter((line) => !EXPECTED_WARNINGS.some((re) => re.test(line)));
    return { ok: run.status === 0 && problems.length === 0, exitCode: run.status, problems, output };
  } finally {
    removeRunDir(dir);
  }
}
