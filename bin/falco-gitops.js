#!/usr/bin/env node
'use strict';
// The CLI runs the JavaScript that `npm run build` (run by `npm ci`) bundled from lib/ into
// build/cli/falco-gitops.js: no TypeScript compiler and one file to load at start-up. It refuses a
// build older than lib/.
const fs = require('node:fs');
const path = require('node:path');
const { assertFreshBuild, CLI_BUNDLE } = require('./build-guard');
assertFreshBuild();
// Stack traces (internal errors, --debug) point at lib/*.ts through the bundle's source map. Only a
// --debug run prints one, so only it pays for reading the map.
if (process.argv.includes('--debug')) process.setSourceMapsEnabled(true);
// A V8 code cache (bin/compile-cache.js): the CLI's bundle and the command's own are compiled
// from the bytecode of an earlier run instead of from source. One cache per command
// (build/.v8-cache/cli-<command>/, `cli` for anything else): each start reads and checks its
// whole cache, and `check`'s holds cdk8s and the schema packages (~6.6 MB) that a lint never loads.
const command = process.argv[2];
const ownCache = typeof command === 'string' && /^[a-z]+$/.test(command) && fs.existsSync(path.join(path.dirname(CLI_BUNDLE), `${command}-action.js`));
require('./compile-cache').installCompileCache(ownCache ? `cli-${command}` : 'cli');
require(CLI_BUNDLE).run();
