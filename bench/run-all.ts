/**
 * `npm run bench`: every benchmark in bench/ (each top-level `*.ts` but this one), one after another
 * in its own process so their timings do not disturb each other; arguments such as `--quick` are
 * passed on to each. Exits non-zero when any benchmark fails, after running the rest.
 * Run: npx tsx bench/run-all.ts [--quick] [--only NAME]
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

const here = __dirname;
const args = process.argv.slice(2);
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? args[onlyAt + 1] : undefined;
const passOn = onlyAt >= 0 ? args.filter((_, i) => i !== onlyAt && i !== onlyAt + 1) : args;

const benches = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== basename(__filename))
  .filter((f) => !only || basename(f, '.ts') === only)
  .sort();
if (!benches.length) {
  console.error(only ? `no benchmark named ${only} in bench/ (have: ${readdirSync(here).filter((f) => f.endsWith('.ts')).join(', ')})` : 'no benchmarks in bench/');
  process.exit(2);
}

const failed: string[] = [];
for (const file of benches) {
  console.log(`\n=== bench/${file} ${passOn.join(' ')}`.trimEnd());
  const tsx = join(here, '..', 'node_modules', '.bin', 'tsx');
  const run = spawnSync(tsx, [join(here, file), ...passOn], { stdio: 'inherit' });
  if (run.status !== 0) failed.push(`${file} (${run.error?.message ?? `exit ${run.status ?? run.signal}`})`);
}
console.log(failed.length ? `\n${failed.length} of ${benches.length} benchmarks failed: ${failed.join(', ')}` : `\nall ${benches.length} benchmarks ran`);
process.exit(failed.length ? 1 : 0);
