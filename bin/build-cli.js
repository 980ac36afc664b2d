#!/usr/bin/env node
// Builds the `egress` CLI into one JavaScript file so it starts without compiling TypeScript. Run by
// `npm ci` / `npm install` (the `prepare` script) and `npm run build:cli`. bin/egress.js runs the
// build when it is newer than every source file it was built from, else the TypeScript sources.
// The AWS SDK stays outside the bundle and is loaded only by the commands that call AWS.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { BUILD_DIR, BUNDLE, INPUTS, ROOT } = require('./build-paths');

async function build() {
  let esbuild;
  try {
    esbuild = require('esbuild');
  } catch {
    // An install without devDependencies: egress runs from the TypeScript sources, a little slower.
    process.stderr.write('egress: esbuild is not installed; the CLI will run from its TypeScript sources\n');
    return;
  }
  fs.mkdirSync(BUILD_DIR, { recursive: true });
  const result = await esbuild.build({
    entryPoints: [path.join(ROOT, 'cli/main.ts')],
    outfile: BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Outside the bundle: the AWS SDK and zod (only `cost` reads the CDK config schema), loaded on first use.
    external: ['@aws-sdk/*', '@smithy/*', '@aws-lambda-powertools/*', 'zod'],
    metafile: true,
    logLevel: 'warning',
    plugins: [sourceDirname()],
  });
  const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.startsWith('node_modules/'));
  fs.writeFileSync(INPUTS, `${JSON.stringify(inputs)}\n`);
}

/** `__dirname` in a bundled source file means that file's folder (infra/squid reads its template next to it). */
function sourceDirname() {
  return {
    name: 'source-dirname',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, (args) => {
        const text = fs.readFileSync(args.path, 'utf8');
        if (!text.includes('__dirname')) return undefined;
        const dir = JSON.stringify(path.relative(BUILD_DIR, path.dirname(args.path)));
        return { contents: text.replace(/\b__dirname\b/g, `require('node:path').join(__dirname, ${dir})`), loader: 'ts' };
      });
    },
  };
}

build().catch((err) => {
  process.stderr.write(`egress: building the CLI failed (${err.message}); it will run from its TypeScript sources\n`);
});
