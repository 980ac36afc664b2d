#!/usr/bin/env node
// The `egress` bin: runs the TypeScript CLI through tsx, so `npx egress` works right after `npm ci`
// with no build step.
'use strict';
require('tsx/cjs/api').register();
require('../cli/main.ts').main(process.argv);
