'use strict';
// Preloaded by cdk8s.yaml's app, `node --require ./bin/synth-preload.js main.ts`: synth compiles
// the user's main.ts with esbuild (bin/ts-loader.js) and runs the stack from build/lib/ (compiled
// by `npm run build`), after the same stale-build check as the CLI.
const { buildIfMissing, staleBuildReason } = require('./build-guard');
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
// main.ts (and any .ts file it imports) compiled by esbuild as it loads; nothing else hooked.
require('./ts-loader').registerTypeScript();
// A syntax error in main.ts: one `main.ts:line:col: message` line instead of esbuild's message
// and a stack trace (bin/transform-error.js). Any other uncaught error (a throw at the top level
// of main.ts: a bug) is printed as Node prints it, with its stack trace, and exits 1.
process.on('uncaughtException', (error) => {
  if (handleUncaught(error)) return;
  console.error(error);
  process.exit(1);
});
