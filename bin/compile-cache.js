'use strict';
// A V8 code cache for the JavaScript the CLI and synth load from build/ and node_modules/ (Node
// 20 has no module.enableCompileCache): compiling is a good part of a cold start, and V8 can skip
// most of it given the bytecode of an earlier run. Used by bin/falco-gitops.js and
// bin/synth-preload.js; plain JavaScript, like the rest of bin/.
//
// Each entry point has its own cache (build/.v8-cache/synth/, build/.v8-cache/cli-<command>/): one blob of
// V8 code caches plus an index: for each file its path, the CRC-32 of its content, and where its
// cache is in the blob. A file whose content changed is compiled normally; V8 itself rejects a
// cache made by another Node or V8 flags (`script.cachedDataRejected`). After such a run, at exit,
// the blob is rewritten with the caches of this run (made after the work, so they hold the
// functions that ran too) and the still-current entries of the old one. Every failure (no folder,
// unwritable, corrupt) means only "no cache": the command never fails or prints because of it.
// FALCO_GITOPS_NO_COMPILE_CACHE=1 turns it off.
const zlib = require('node:zlib');
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

const { BUILD_DIR, ROOT } = require('./build-guard');

const CACHE_DIR = path.join(BUILD_DIR, '.v8-cache');
const INDEX_FILE = 'index.json';
const BLOB_FILE = 'blob.bin';
/** Bumped when the format changes: an index of another format is ignored. */
const FORMAT = 2;
/** The folders whose modules are cached. */
const CACHED = [BUILD_DIR + path.sep, path.join(ROOT, 'node_modules') + path.sep];
const SOURCE_MAP_COMMENT = /\n\/\/# sourceMappingURL=[^\n]*\s*$/;

/**
 * CRC-32, as Node 22's own compile cache checks its sources and caches with
 * (nodejs/node src/compile_cache.cc): it tells a changed file or a damaged blob from the one the
 * cache was made for, and zlib costs no start-up time where node:crypto cost ~5 ms of every run.
 */
const checksum = (data) => zlib.crc32(data).toString(16).padStart(8, '0');

/** The index and blob of the cache, or an empty cache when they are missing or do not agree. */
function readCache(dir) {
  try {
    const index = JSON.parse(fs.readFileSync(path.join(dir, INDEX_FILE), 'utf8'));
    const blob = fs.readFileSync(path.join(dir, BLOB_FILE));
    // The blob is checked whole: V8 trusts the bytes of a cache that matches its source.
    if (index.format === FORMAT && index.node === process.version && index.blobCrc32 === checksum(blob) && typeof index.files === 'object') {
      return { files: index.files, blob };
    }
  } catch {
    // No cache yet, or an unreadable one: compile normally.
  }
  return { files: {}, blob: Buffer.alloc(0) };
}

/** Writes the cache atomically (a reader sees the old or the new one); false when it cannot. */
function writeCache(dir, files, parts) {
  try {
    const blob = Buffer.concat(parts);
    const index = { format: FORMAT, node: process.version, blobCrc32: checksum(blob), files };
    fs.mkdirSync(dir, { recursive: true });
    const tmp = (name) => path.join(dir, `${name}.${process.pid}.tmp`);
    // The blob first: an index is only ever next to the blob it describes (checked by its CRC-32).
    fs.writeFileSync(tmp(BLOB_FILE), blob);
    fs.writeFileSync(tmp(INDEX_FILE), JSON.stringify(index));
    fs.renameSync(tmp(BLOB_FILE), path.join(dir, BLOB_FILE));
    fs.renameSync(tmp(INDEX_FILE), path.join(dir, INDEX_FILE));
    return true;
  } catch {
    for (const name of [BLOB_FILE, INDEX_FILE]) fs.rmSync(path.join(dir, `${name}.${process.pid}.tmp`), { force: true });
    return false;
  }
}

/** `require` as Node's CommonJS loader makes it for a module (lib/internal/modules/helpers.js). */
function makeRequire(mod) {
  const require = function require(id) {
    return mod.require(id);
  };
  require.resolve = function resolve(request, options) {
    return Module._resolveFilename(request, mod, false, options);
  };
  require.resolve.paths = function paths(request) {
    return Module._resolveLookupPaths(request, mod);
  };
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

let installed = false;

/**
 * Compiles the modules of build/ and node_modules/ with the cache `name` (`cli`, `synth`) from now
 * on; `dir` replaces the folder (tests). Returns whether the cache is on.
 */
function installCompileCache(name, dir = path.join(CACHE_DIR, name)) {
  if (installed || process.env.FALCO_GITOPS_NO_COMPILE_CACHE === '1') return false;
  const importModuleDynamically = vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  // zlib.crc32 is Node 20.15+ (engines: >=20.19); without it, no cache rather than no command.
  if (importModuleDynamically === undefined || typeof Module.prototype._compile !== 'function' || typeof zlib.crc32 !== 'function') return false;
  installed = true;
  const cache = readCache(dir);
  /** This run's compiled scripts, by file. */
  const compiled = new Map();
  let stale = false;
  const originalCompile = Module.prototype._compile;

  Module.prototype._compile = function compileWithCache(content, filename, ...rest) {
    if (
      typeof content !== 'string' ||
      typeof filename !== 'string' ||
      !filename.endsWith('.js') ||
      !CACHED.some((dir) => filename.startsWith(dir)) ||
      content.startsWith('#!') ||
      compiled.has(filename)
    ) {
      return originalCompile.call(this, content, filename, ...rest);
    }
    const hash = checksum(content);
    const entry = cache.files[filename];
    const cachedData =
      entry !== undefined && entry.crc32 === hash && entry.end <= cache.blob.length ? cache.blob.subarray(entry.start, entry.end) : undefined;
    let script;
    try {
      script = new vm.Script(Module.wrap(content), { filename, cachedData, importModuleDynamically });
    } catch {
      // A syntax error (or anything else): Node's own compile reports it as it always does.
      return originalCompile.call(this, content, filename, ...rest);
    }
    if (cachedData === undefined || script.cachedDataRejected === true) stale = true;
    compiled.set(filename, { crc32: hash, script });
    // Node registers a module's source map when it compiles it, for stack traces that point at
    // lib/*.ts (process.setSourceMapsEnabled). Given the source map comment alone, it registers the
    // same map for this module, at the cost of compiling one comment.
    if (process.sourceMapsEnabled) {
      const comment = SOURCE_MAP_COMMENT.exec(content);
      if (comment !== null) originalCompile.call(this, comment[0], filename, ...rest);
    }
    const wrapper = script.runInThisContext({ displayErrors: true });
    const dirname = path.dirname(filename);
    return Reflect.apply(wrapper, this.exports, [this.exports, makeRequire(this), this, filename, dirname]);
  };

  process.once('exit', () => {
    if (!stale) return;
    try {
      const files = {};
      const parts = [];
      let offset = 0;
      const add = (filename, sum, data) => {
        files[filename] = { crc32: sum, start: offset, end: offset + data.length };
        parts.push(data);
        offset += data.length;
      };
      for (const [filename, { crc32: sum, script }] of compiled) add(filename, sum, script.createCachedData());
      // Modules this run did not load (another command's) keep their cache while their file exists.
      for (const [filename, entry] of Object.entries(cache.files)) {
        if (compiled.has(filename) || entry.end > cache.blob.length || !fs.existsSync(filename)) continue;
        add(filename, entry.crc32, cache.blob.subarray(entry.start, entry.end));
      }
      writeCache(dir, files, parts);
    } catch {
      // No cache this time.
    }
  });
  return true;
}

module.exports = { installCompileCache, CACHE_DIR };
