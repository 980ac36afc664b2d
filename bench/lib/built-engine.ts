/**
 * The overlap engine as users run it: bundled into one file by esbuild, with the options
 * bin/build-cli.js builds the CLI with (Lambda bundles its handlers the same way, minified too).
 *
 * Why the benchmark times this and not only the TypeScript sources: tsx compiles each source file to a
 * module of its own, so every call from one engine file to a function or constant of another goes
 * through the exporting module's property getter. Bundled, those are plain local references. On
 * multi-cidr the same code took 1.1–1.4× the bundle's time through tsx; no deployed copy runs that way.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Engine = typeof import('../../handlers/lib/cidr');

/** Builds handlers/lib/cidr into a temporary bundle and loads it; the bundle's directory is removed once loaded. */
export function loadBuiltEngine(): Engine {
  // A devDependency, as for bin/build-cli.js.
  const esbuild = require('esbuild') as typeof import('esbuild');
  const dir = mkdtempSync(join(tmpdir(), 'overlaps-engine-'));
  const outfile = join(dir, 'engine.cjs');
  try {
    esbuild.buildSync({
      entryPoints: [join(__dirname, '..', '..', 'handlers', 'lib', 'cidr', 'index.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      logLevel: 'warning',
    });
    return require(outfile) as Engine;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
