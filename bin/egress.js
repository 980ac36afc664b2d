#!/usr/bin/env node
// The `egress` bin. Runs the CLI built by `npm ci` (bin/build-cli.js) when that build is newer than
// every source file it was built from; otherwise — no build yet, or sources edited since — the
// TypeScript sources through tsx, so `npx egress` always runs the code in the tree.
// EGRESS_FROM_SOURCE=1 forces the sources.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { BUNDLE, INPUTS, ROOT } = require('./build-paths');

// Node 22+: keep V8's compiled code between runs (the AWS SDK clients are most of what `egress` loads).
require('node:module').enableCompileCache?.();

// `egress … | head` closes the pipe early: that is a normal end, not a crash.
process.stdout.on('error', (err) => { if (err && err.code === 'EPIPE') process.exit(process.exitCode || 0); throw err; });

function buildIsFresh() {
  if (process.env.EGRESS_FROM_SOURCE === '1') return false;
  try {
    const built = fs.statSync(BUNDLE).mtimeMs;
    const inputs = JSON.parse(fs.readFileSync(INPUTS, 'utf8'));
    return inputs.every((file) => fs.statSync(path.join(ROOT, file)).mtimeMs <= built);
  } catch {
    return false;
  }
}

if (buildIsFresh()) {
  require(BUNDLE).main(process.argv);
} else {
  require('tsx/cjs/api').register();
  require('../cli/main.ts').main(process.argv);
}
