#!/usr/bin/env node
// Builds the `egress` CLI into one JavaScript file so it starts without compiling TypeScript. Run by
// `npm ci` / `npm install` (the `prepare` script) and `npm run build:cli`. bin/egress.js runs the
// build when it is newer than every source file it was built from, else the TypeScript sources.
// Each AWS SDK client package the CLI uses gets a small bundle of its own, loaded only by the commands
// that call AWS.
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
    plugins: [sourceDirname(), sdkClientBundles()],
  });
  const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.startsWith('node_modules/'));
  await buildSdkClients(esbuild, inputs);
  fs.writeFileSync(INPUTS, `${JSON.stringify(inputs)}\n`);
}

const SDK_CLIENT = /^@aws-sdk\/client-[a-z0-9-]+$/;
const sdkFile = (pkg) => `egress-sdk-${pkg.slice('@aws-sdk/'.length)}.cjs`;

/** The CLI requires each AWS SDK client package from a small bundle of its own, built below. */
function sdkClientBundles() {
  return {
    name: 'sdk-client-bundles',
    setup(b) {
      b.onResolve({ filter: SDK_CLIENT }, (args) => ({ path: `./${sdkFile(args.path)}`, external: true }));
    },
  };
}

/**
 * Loading a whole SDK client package costs ~0.5 s (EC2's has ~700 operations); the CLI sends a handful.
 * For each client package the sources import, bundle only the names they use from its ES module build
 * (esbuild drops the rest), behind a proxy that falls back to the full package for any name this scan
 * missed — slower then, never wrong.
 */
async function buildSdkClients(esbuild, inputs) {
  const names = new Map();
  const add = (pkg, name) => { if (!names.has(pkg)) names.set(pkg, new Set()); if (name) names.get(pkg).add(name); };
  for (const file of inputs) {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'(@aws-sdk\/client-[a-z0-9-]+)'/g)) {
      for (const part of m[1].split(',')) {
        const name = part.trim().replace(/\s+as\s+\w+$/, '');
        if (name && !name.startsWith('type ')) add(m[2], name);
      }
    }
    for (const m of text.matchAll(/require\('(@aws-sdk\/client-[a-z0-9-]+)'\)[^;]*?\)\)\.(\w+)/g)) add(m[1], m[2]);
  }
  for (const [pkg, used] of names) {
    const inner = path.join(BUILD_DIR, sdkFile(pkg).replace(/\.cjs$/, '.picked.cjs'));
    await esbuild.build({
      stdin: { contents: `export { ${[...used].join(', ')} } from '${pkg}';`, resolveDir: ROOT, loader: 'js' },
      outfile: inner,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      mainFields: ['module', 'main'],
      minifyWhitespace: true,
      minifySyntax: true,
      logLevel: 'warning',
    });
    fs.writeFileSync(path.join(BUILD_DIR, sdkFile(pkg)), [
      "'use strict';",
      `const picked = require('./${path.basename(inner)}');`,
      `module.exports = new Proxy(picked, { get: (t, k) => (k in t ? t[k] : require('${pkg}')[k]) });`,
      '',
    ].join('\n'));
  }
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
