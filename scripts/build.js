#!/usr/bin/env node
'use strict';
// `npm run build`, and `prepare` (so `npm ci` runs it): compiles lib/**/*.ts file by file to
// CommonJS in build/lib/ with esbuild, the transform tsx applied to lib/ at run time before, so the
// CLI and synth start without a TypeScript compiler. No type checking here (`npm run typecheck`).
// Writes build/.stamp last (the files built, mtime = the time the build started) for
// bin/build-guard.js. Plain JavaScript, so it runs before anything is compiled.
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, LIB_DIR, BUILD_DIR, CLI_BUNDLE, LIB_BUNDLE, STAMP_FILE, listLibFiles, listLibFolders, stampText } = require('../bin/build-guard');

function build() {
  const started = new Date();
  const esbuild = require('esbuild');
  // No stamp while build/lib is incomplete; a clean folder, so moved or deleted sources leave nothing behind.
  fs.rmSync(STAMP_FILE, { force: true });
  fs.rmSync(path.join(BUILD_DIR, 'lib'), { recursive: true, force: true });
  fs.rmSync(path.dirname(CLI_BUNDLE), { recursive: true, force: true });
  fs.rmSync(LIB_BUNDLE, { force: true });
  fs.rmSync(`${LIB_BUNDLE}.map`, { force: true });
  const files = listLibFiles().map((file) => file.path);
  const folders = listLibFolders();
  const sources = files.filter((file) => file.endsWith('.ts'));
  const result = esbuild.buildSync({
    absWorkingDir: ROOT,
    entryPoints: sources,
    outbase: 'lib',
    outdir: path.join(BUILD_DIR, 'lib'),
    bundle: false,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // import() becomes require(), as tsc compiles it under tsconfig's "module": "commonjs": the CLI
    // loads each command's implementation lazily with `await import('./x')`, and Node's own import()
    // from CommonJS would look for the extensionless file and fail.
    supported: { 'dynamic-import': false },
    // As tsx did: function and class names survive the transform.
    keepNames: true,
    // build/lib/x.js.map points at lib/x.ts: stack traces show the TypeScript source.
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'warning',
  });
  if (result.errors.length > 0) throw new Error('esbuild reported errors');
  // The CLI as one file: resolving, reading and compiling ~130 modules one by one was a fifth of a
  // cold `falco-gitops lint` (README "Performance"). Modules still start only when first required,
  // so a command loads no more than before. Not bundled: tsx (the scope command loads main.ts with
  // it, and main.ts imports the library from build/lib/ by the package's own name), and the
  // packages only some commands use (`yaml` for output and YAML errors, cdk8s for `check`): they
  // load from node_modules/ when needed, and every start does not read and hash their 1.3 MB.
  // Likewise the monitoring libraries (the Grafana Foundation SDK, ~1.2 MB bundled, and PromQL's
  // lezer grammar): only `check` (through the stack) reaches them.
  const cliExternal = [
    'tsx', 'tsx/*', 'falco-gitops', 'falco-gitops/*', 'yaml', 'cdk8s', 'cdk8s-plus-28', 'constructs',
    'ajv', 'ajv/*', 'kubernetes-models', 'kubernetes-models/*', '@kubernetes-models/*',
    '@grafana/grafana-foundation-sdk', '@grafana/grafana-foundation-sdk/*', '@prometheus-io/lezer-promql',
    '@lezer/*',
  ];
  // Each command's work (`commands/<name>-action.ts`, which the command loads with `import()` only
  // when it runs) is a bundle of its own beside the CLI's: a start reads and parses the command
  // line and the one command it runs, not every command's code (a lint process measured ~60 ms
  // faster without the other commands' code). Code both use is in both; user errors are
  // recognised across copies (isUserError).
  const actions = fs.readdirSync(path.join(LIB_DIR, 'cli', 'commands')).filter((f) => f.endsWith('-action.ts'));
  const bundleOptions = {
    absWorkingDir: ROOT,
    // The version `--version` prints, from package.json at build time (lib/cli/tool-info.ts):
    // resolving and reading package.json through the package's own name was ~3 ms of every start.
    define: { FALCO_GITOPS_VERSION: JSON.stringify(require('../package.json').version) },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: cliExternal,
    // No keepNames here (build/lib/ and the library keep it): its `__name(fn, "name")` runs for
    // every nested named function each time its parent runs (~1.3 MB of garbage in a lint of the
    // upstream files). Nothing in the CLI reads a function's or class's name (the user errors,
    // the only ones whose name is shown, set theirs explicitly).
    keepNames: false,
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'warning',
  };
  // External by path: the bundle keeps `require("./lint-action")`, which finds the action's own
  // bundle beside it at run time.
  const actionPaths = actions.map((action) => path.join(LIB_DIR, 'cli', 'commands', action));
  const cli = esbuild.buildSync({
    ...bundleOptions,
    external: [...cliExternal, ...actionPaths],
    // import() as require(), as in build/lib/ (see above).
    supported: { 'dynamic-import': false },
    entryPoints: [path.join('lib', 'cli', 'main.ts')],
    outfile: CLI_BUNDLE,
  });
  if (cli.errors.length > 0) throw new Error('esbuild reported errors');
  // esbuild writes an external file as its path from the bundle to the source
  // (`require("../../lib/cli/commands/lint-action.ts")`); the bundle needs the action's bundle.
  const bundled = fs.readFileSync(CLI_BUNDLE, 'utf8');
  let replaced = 0;
  const linked = bundled.replace(/require\("(?:\.\.\/)+lib\/cli\/commands\/([a-z-]+-action)\.ts"\)/g, (_, name) => {
    replaced++;
    return `require("./${name}.js")`;
  });
  if (replaced !== actions.length) throw new Error(`expected ${actions.length} action imports in the CLI bundle, found ${replaced}`);
  // commander requires `node:child_process` (and with it `node:net`: milliseconds of every start) as it
  // loads, for the one thing it spawns: executable sub-commands (`.command(name, description)`),
  // which falco-gitops does not have. In the bundle it is required when first used instead. The
  // line replaced is checked: a commander that changes it fails the build here.
  const eager = 'var childProcess = require("node:child_process");';
  const occurrences = linked.split(eager).length - 1;
  if (occurrences !== 1) throw new Error(`expected commander's ${JSON.stringify(eager)} once in the CLI bundle, found it ${occurrences} times`);
  const lazy = 'var childProcess = { spawn: (...args) => require("node:child_process").spawn(...args) };';
  fs.writeFileSync(CLI_BUNDLE, linked.replace(eager, lazy));
  for (const action of actions) {
    const built = esbuild.buildSync({
      ...bundleOptions,
      entryPoints: [path.join('lib', 'cli', 'commands', action)],
      outfile: path.join(path.dirname(CLI_BUNDLE), action.replace(/\.ts$/, '.js')),
    });
    if (built.errors.length > 0) throw new Error('esbuild reported errors');
  }
  // The library as one file too, for `import ... from 'falco-gitops'` in main.ts (package.json
  // "exports"): synth then loads one file instead of ~250 modules of build/lib/. Every package
  // stays external (loaded from node_modules/ as before). build/lib/ stays, file by file, for
  // the tests that load compiled modules and for stack traces of single modules.
  const library = esbuild.buildSync({
    absWorkingDir: ROOT,
    entryPoints: [path.join('lib', 'index.ts')],
    outfile: LIB_BUNDLE,
    bundle: true,
    packages: 'external',
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    keepNames: true,
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'warning',
  });
  if (library.errors.length > 0) throw new Error('esbuild reported errors');
  // None today: a data file next to the code must be found next to the compiled code too.
  for (const file of files.filter((f) => !f.endsWith('.ts'))) {
    fs.cpSync(path.join(ROOT, file), path.join(BUILD_DIR, file));
  }
  fs.writeFileSync(STAMP_FILE, stampText(files, folders));
  fs.utimesSync(STAMP_FILE, started, started);
  return sources.length;
}

if (require.main === module) {
  const start = process.hrtime.bigint();
  try {
    const count = build();
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    process.stdout.write(`build: compiled ${count} files from lib/ to build/lib/ in ${Math.round(ms)} ms\n`);
  } catch (error) {
    // esbuild has printed the details (file:line) already.
    process.stderr.write(`error: build failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}

module.exports = { build };
