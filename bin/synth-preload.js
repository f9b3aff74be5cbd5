'use strict';
// Preloaded by cdk8s.yaml's app, `node --require ./bin/synth-preload.js main.ts`: synth runs the
// user's main.ts through tsx, and the stack from build/lib/ (compiled by `npm run build`), after
// the same stale-build check as the CLI. tsx would map 'falco-gitops' to lib/*.ts through
// tsconfig.json "paths" (there for type checking), so it gets tsconfig.synth.json instead.
const path = require('node:path');
const { ROOT, buildIfMissing, staleBuildReason } = require('./build-guard');
const { handleUncaught } = require('./transform-error');

buildIfMissing();
const reason = staleBuildReason();
if (reason !== undefined) {
  process.stderr.write(`error: ${reason}\n`);
  // Under `cdk8s synth` (CDK8S_OUTDIR set) a failing app gets cdk8s-cli's stack trace after this
  // line; exiting 0 without writing CDK8S_OUTDIR makes it say "synthesis failed" and exit 1
  // instead, as lib/synth/run-synth.ts does for user errors.
  process.exit(process.env.CDK8S_OUTDIR ? 0 : 2);
}
// A V8 code cache under build/.v8-cache/ for the stack and its packages (bin/compile-cache.js).
require('./compile-cache').installCompileCache('synth');
const previous = process.env.TSX_TSCONFIG_PATH;
const sourceMaps = process.sourceMapsEnabled;
process.env.TSX_TSCONFIG_PATH = path.join(ROOT, 'tsconfig.synth.json');
require('tsx/cjs');
// A syntax error in main.ts: one `main.ts:line:col: message` line instead of tsx's minified
// source and two stack traces (bin/transform-error.js). Any other uncaught error (a throw at the
// top level of main.ts: a bug) is printed as Node prints it, with its stack trace, and exits 1.
process.on('uncaughtException', (error) => {
  if (handleUncaught(error)) return;
  console.error(error);
  process.exit(1);
});
// tsx reads it once, when it registers: keep it out of any child process.
if (previous === undefined) delete process.env.TSX_TSCONFIG_PATH;
else process.env.TSX_TSCONFIG_PATH = previous;
// tsx turns source maps on; cdk8s and cdk8s-plus-28 carry inline ones (megabytes for k8s.js), and
// decoding them cost 0.1-0.2 s per synth. Off again unless asked for (NODE_OPTIONS=--enable-source-maps).
process.setSourceMapsEnabled(sourceMaps);
