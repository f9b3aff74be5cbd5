'use strict';
// The TypeScript loader of synth (bin/synth-preload.js): compiles `.ts` files, main.ts and whatever
// it imports of the user's own, with esbuild's transformSync, file by file, and nothing else.
// tsx, which synth used before, also hooks the resolution of every `require` in the process (the
// stack's ~230 modules and cdk8s's ~150): measured at ~0.2-0.3 s of a ~1 s synth. Node resolves
// everything here itself ('falco-gitops' through package.json "exports" to build/lib/).
const crypto = require('node:crypto');
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

const { BUILD_DIR } = require('./build-guard');

/**
 * Compiled main.ts files, by the sha256 of what decides the output (source, file name, esbuild's
 * version, the options): esbuild's first transform of a process starts its service binary, ~0.1 s
 * of every synth, for a main.ts that rarely changes (tsx keeps such a cache too). Every failure
 * means only "no cache"; FALCO_GITOPS_NO_COMPILE_CACHE=1 turns it off with the V8 code cache.
 */
const TRANSFORM_CACHE_DIR = path.join(BUILD_DIR, '.ts-cache');

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

/** compileTypeScript through the transform cache (errors are never cached: they throw). */
function cachedCompile(source, filename, { cacheDir = TRANSFORM_CACHE_DIR, sourceMaps = process.sourceMapsEnabled } = {}) {
  if (process.env.FALCO_GITOPS_NO_COMPILE_CACHE === '1') return compileTypeScript(source, filename, { sourceMaps });
  const esbuildVersion = require('esbuild/package.json').version;
  const key = crypto.createHash('sha256').update(JSON.stringify([source, filename, esbuildVersion, sourceMaps, TRANSFORM_FORMAT])).digest('hex');
  // `<file name>-<key>.js`: a new version of a file replaces its old entries, so the cache holds one per file.
  const prefix = `${path.basename(filename).replace(/[^A-Za-z0-9._-]/g, '_')}-`;
  const file = path.join(cacheDir, `${prefix}${key}.js`);
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    // Not compiled yet.
  }
  const code = compileTypeScript(source, filename, { sourceMaps });
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, code);
    fs.renameSync(tmp, file);
    for (const name of fs.readdirSync(cacheDir)) {
      if (name.startsWith(prefix) && name.endsWith('.js') && path.join(cacheDir, name) !== file) fs.rmSync(path.join(cacheDir, name), { force: true });
    }
  } catch {
    // No cache this time.
  }
  return code;
}

/** Bumped when compileTypeScript's options change, so older cached output is not used. */
const TRANSFORM_FORMAT = 1;

let registered = false;

/** Makes `require` (and Node's main module) load `.ts` files through compileTypeScript. */
function registerTypeScript() {
  if (registered) return;
  registered = true;
  Module._extensions['.ts'] = function loadTypeScript(module, filename) {
    module._compile(cachedCompile(fs.readFileSync(filename, 'utf8'), filename), filename);
  };
}

module.exports = { cachedCompile, compileTypeScript, registerTypeScript };
