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
// A V8 code cache under build/.v8-cache/cli/ (bin/compile-cache.js): the CLI's bundle and the
// command's own are compiled from the bytecode of an earlier run instead of from source.
require('./compile-cache').installCompileCache('cli');
require(CLI_BUNDLE).run();
