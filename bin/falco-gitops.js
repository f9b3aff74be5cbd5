#!/usr/bin/env node
'use strict';
// The CLI runs the JavaScript that `npm run build` (run by `npm ci`) compiled from lib/ into
// build/lib/: no TypeScript compiler at start-up. It refuses a build older than lib/.
require('./build-guard').assertFreshBuild();
// Stack traces (internal errors, --debug) point at lib/*.ts through build/lib/*.js.map; measured
// cost: none within noise.
process.setSourceMapsEnabled(true);
require('../build/lib/cli/main.js').run();
