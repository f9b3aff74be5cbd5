#!/usr/bin/env node
'use strict';
// The CLI runs the JavaScript that `npm run build` (run by `npm ci`) compiled from lib/ into
// build/lib/: no TypeScript compiler at start-up. It refuses a build older than lib/.
require('./build-guard').assertFreshBuild();
// Stack traces (internal errors, --debug) point at lib/*.ts through build/lib/*.js.map. Only a
// --debug run prints one, and registering the maps of ~150 modules costs ~20-25 ms per start.
if (process.argv.includes('--debug')) process.setSourceMapsEnabled(true);
// A V8 code cache under build/.v8-cache/ (bin/compile-cache.js): measured -60 ms per lint.
require('./compile-cache').installCompileCache('cli');
require('../build/lib/cli/main.js').run();
