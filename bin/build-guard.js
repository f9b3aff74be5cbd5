'use strict';
// The stale-build guard shared by the CLI (bin/falco-gitops.js) and synth (bin/synth-preload.js,
// which cdk8s.yaml's app preloads): both run the JavaScript that `npm run build` compiled from lib/
// into build/lib/, so they refuse to run when lib/ changed after that build instead of running old
// code. Cheap on purpose (one readdir per folder, one stat per file of lib/, one small read: ~1-3 ms).
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const LIB_DIR = path.join(ROOT, 'lib');
const BUILD_DIR = path.join(ROOT, 'build');
/**
 * Written last by scripts/build.js: its mtime is the time the build started reading lib/, its
 * lines the lib/ files it built and the folders it read them from (so an added, removed or moved
 * file shows too).
 */
const STAMP_FILE = path.join(BUILD_DIR, '.stamp');
/** The CLI, bundled into one file from lib/cli/main.ts by scripts/build.js. */
const CLI_BUNDLE = path.join(BUILD_DIR, 'cli', 'falco-gitops.js');
/** The library bundled into one file from lib/index.ts (package.json "exports"), which main.ts imports. */
const LIB_BUNDLE = path.join(BUILD_DIR, 'falco-gitops.js');

/** The files of lib/ that the build reads: not dotfiles or editor backups. */
const isLibFile = (name) => !name.startsWith('.') && !name.endsWith('~') && !name.endsWith('.d.ts');

/** Every build input under lib/, as paths relative to the repository ('lib/a/b.ts'), with its mtime. */
function listLibFiles(dir = LIB_DIR, rel = 'lib', out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) listLibFiles(full, `${rel}/${entry.name}`, out);
    else if (isLibFile(entry.name)) out.push({ path: `${rel}/${entry.name}`, mtimeMs: fs.statSync(full).mtimeMs });
  }
  return out;
}

/** Every folder of lib/, lib/ included, as paths relative to the repository with a trailing '/' ('lib/rules/'). */
function listLibFolders(dir = LIB_DIR, rel = 'lib', out = []) {
  out.push(`${rel}/`);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) listLibFolders(path.join(dir, entry.name), `${rel}/${entry.name}`, out);
  }
  return out;
}

/** The stamp's text: the files and folders of lib/ the build read, one per line. */
function stampText(files, folders) {
  return `# written by scripts/build.js; the lib/ files and folders built:\n${[...files, ...folders].join('\n')}\n`;
}

/** Why build/ must not be used (one line, without "error: "), or undefined when it is up to date. */
function staleBuildReason() {
  let stampMs;
  let lines;
  try {
    stampMs = fs.statSync(STAMP_FILE).mtimeMs;
    lines = fs.readFileSync(STAMP_FILE, 'utf8').split('\n').filter((line) => line.startsWith('lib/'));
  } catch {
    return 'build/ is missing or incomplete: run `npm ci` or `npm run build`';
  }
  if (!fs.existsSync(LIB_DIR)) return undefined; // an installed copy without sources: nothing to compare
  // The common case, cheaply: no file the build read and no folder is newer than the build. A file
  // added, removed or renamed changes its folder's mtime, so the folders cover what a file's own
  // stat cannot; only then is lib/ listed again (a stat per file and folder and no listing
  // measured ~3 ms of a start on the development VM, the listing with its stats 5-9 ms).
  let changedFolder = false;
  for (const line of lines) {
    // Joined by hand: path.join normalizes every path, a good part of this loop's time.
    const stat = fs.statSync(`${ROOT}/${line}`, { throwIfNoEntry: false });
    if (line.endsWith('/')) changedFolder ||= stat === undefined || stat.mtimeMs > stampMs;
    else if (stat !== undefined && stat.mtimeMs > stampMs) return `build/ is older than lib/ (${line} changed): run \`npm run build\``;
    else if (stat === undefined) changedFolder = true;
  }
  return changedFolder ? listedStaleReason(stampMs, new Set(lines.filter((line) => !line.endsWith('/')))) : undefined;
}

/** `staleBuildReason` from a new listing of lib/, for when a folder changed: what was added, removed or changed. */
function listedStaleReason(stampMs, built) {
  const stale = (what) => `build/ is older than lib/ (${what}): run \`npm run build\``;
  const files = listLibFiles();
  const added = files.find((file) => !built.has(file.path));
  if (added !== undefined) return stale(`${added.path} added`);
  const changed = files.find((file) => file.mtimeMs > stampMs);
  if (changed !== undefined) return stale(`${changed.path} changed`);
  if (files.length !== built.size) {
    const present = new Set(files.map((file) => file.path));
    return stale(`${[...built].find((file) => !present.has(file))} removed`);
  }
  return undefined;
}

/**
 * A checkout that never ran the build (`npm ci --ignore-scripts`, a copy with node_modules linked)
 * builds once, here (~0.3 s); a build older than lib/ is refused instead of rebuilt, since another
 * process may be running it. A failed build leaves no stamp, so the guard then says so.
 */
function buildIfMissing() {
  if (fs.existsSync(STAMP_FILE) || !fs.existsSync(LIB_DIR)) return;
  try {
    require('../scripts/build.js').build();
  } catch {
    // The guard reports the missing build, with the fix.
  }
}

/** Prints one line and exits 2 when build/ is missing (and cannot be built) or older than lib/. */
function assertFreshBuild() {
  buildIfMissing();
  const reason = staleBuildReason();
  if (reason === undefined) return;
  process.stderr.write(`error: ${reason}\n`);
  process.exit(2);
}

module.exports = { ROOT, LIB_DIR, BUILD_DIR, CLI_BUNDLE, LIB_BUNDLE, STAMP_FILE, isLibFile, listLibFiles, listLibFolders, stampText, staleBuildReason, buildIfMissing, assertFreshBuild };
