#!/usr/bin/env node
'use strict';
// The CLI runs the JavaScript that `npm run build` (run by `npm ci`) bundled from lib/ into
// build/cli/falco-gitops.js: no TypeScript compiler and one file to load at start-up. It refuses a
// build older than lib/.
const { assertFreshBuild, CLI_BUNDLE } = require('./build-guard');
assertFreshBuild();
// Stack traces (internal errors, --debug) point at lib/*.ts through the bundle's source map. Only a
// --debug run prints one, so only it pays for reading the map.
if (process.argv.includes('--debug')) process.setSourceMapsEnabled(true);
// No V8 code cache here (synth has one, bin/compile-cache.js): for this one bundle it measured no
// gain (lint 426 vs 417 ms, --help 198 vs 197 ms, 15 runs each), while loading node:crypto for its
// checksums cost ~10 ms of every start.
require(CLI_BUNDLE).run();
