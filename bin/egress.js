#!/usr/bin/env node
// The `egress` bin: runs the TypeScript CLI through tsx, so `npx egress` works right after `npm ci`
// with no build step.
'use strict';
// `egress … | head` closes the pipe early: that is a normal end, not a crash.
process.stdout.on('error', (err) => { if (err && err.code === 'EPIPE') process.exit(process.exitCode || 0); throw err; });
require('tsx/cjs/api').register();
require('../cli/main.ts').main(process.argv);
