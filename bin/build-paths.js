// Where the built CLI lives (inside node_modules, so it goes wherever the installed dependencies go)
// and the list of source files it was built from.
'use strict';
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const BUILD_DIR = path.join(ROOT, 'node_modules/.cache/egress-cli');
module.exports = {
  ROOT,
  BUILD_DIR,
  BUNDLE: path.join(BUILD_DIR, 'egress.cjs'),
  INPUTS: path.join(BUILD_DIR, 'inputs.json'),
};
