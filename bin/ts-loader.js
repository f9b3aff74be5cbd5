'use strict';
// The TypeScript loader of synth (bin/synth-preload.js): compiles `.ts` files, main.ts and whatever
// it imports of the user's own, with esbuild's transformSync, file by file, and nothing else.
// tsx, which synth used before, also hooks the resolution of every `require` in the process (the
// stack's ~230 modules and cdk8s's ~150): measured at ~0.2-0.3 s of a ~1 s synth. Node resolves
// everything here itself ('falco-gitops' through package.json "exports" to build/lib/).
const fs = require('node:fs');
const Module = require('node:module');

/**
 * The CommonJS JavaScript of a TypeScript file. A syntax error throws esbuild's error, named
 * `TransformError` as tsx names it, whose message bin/transform-error.js turns into
 * `main.ts:line:col: message` (esbuild@0.28.2 lib/main.js failureErrorWithLog writes the same
 * message for tsx and for this).
 */
function compileTypeScript(source, filename, { sourceMaps = process.sourceMapsEnabled } = {}) {
  const esbuild = require('esbuild');
  try {
    return esbuild.transformSync(source, {
      loader: 'ts',
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      sourcefile: filename,
      // Stack traces point at the .ts lines only where source maps are on (NODE_OPTIONS=--enable-source-maps).
      sourcemap: sourceMaps ? 'inline' : false,
      // As tsconfig.json: `import x from` a CommonJS module gets its module.exports.
      tsconfigRaw: { compilerOptions: { esModuleInterop: true, verbatimModuleSyntax: false } },
    }).code;
  } catch (error) {
    if (error !== null && typeof error === 'object' && Array.isArray(error.errors)) error.name = 'TransformError';
    throw error;
  }
}

let registered = false;

/** Makes `require` (and Node's main module) load `.ts` files through compileTypeScript. */
function registerTypeScript() {
  if (registered) return;
  registered = true;
  Module._extensions['.ts'] = function loadTypeScript(module, filename) {
    module._compile(compileTypeScript(fs.readFileSync(filename, 'utf8'), filename), filename);
  };
}

module.exports = { compileTypeScript, registerTypeScript };
