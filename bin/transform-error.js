'use strict';
// A syntax error in main.ts (the one file users edit) reaches synth as esbuild's error, named
// TransformError by bin/ts-loader.js (and by tsx, which the CLI's commands load main.ts with). Uncaught, Node prints the minified line of tsx's
// loader it was thrown from (7 KB) and two stack traces, which bury the one line that matters.
// bin/synth-preload.js installs `handleUncaught` so the user sees only `file:line:col: message`.
const fs = require('node:fs');
const path = require('node:path');

/**
 * The lines of a TransformError after its summary, or undefined for any other error. tsx names the
 * error 'TransformError' and deletes esbuild's structured `errors` (tsx dist/register-*.cjs,
 * formatEsbuildError), so only the message is left, as esbuild wrote it (esbuild@0.28.2
 * lib/main.js:1741 failureErrorWithLog): "Transform failed with N error(s):", then one
 * "<file>:<line>:<column>: ERROR: <text>" line per error (column 0-based, in bytes), "error:
 * <text>" for one without a location, and "..." after the fifth.
 */
function transformErrorLines(error) {
  if (error === null || typeof error !== 'object' || error.name !== 'TransformError') return undefined;
  const [summary, ...lines] = String(error.message).split('\n');
  if (!/^Transform failed with \d+ errors?:$/.test(summary)) return undefined;
  return lines;
}

const LOCATED = /^(.*):(\d+):(\d+): ERROR: (.*)$/;

/**
 * One line per esbuild message: `main.ts:12:12: Expected identifier but found "{"`. The path is
 * relative to `cwd` (as the user would type it); the line is 1-based as esbuild gives it, the
 * column is turned from esbuild's 0-based byte offset into the 1-based character column editors
 * show (read from the file; the byte offset + 1 if it cannot be read).
 */
function formatTransformError(error, cwd = process.cwd()) {
  const lines = transformErrorLines(error);
  if (lines === undefined) return undefined;
  return lines.map((line) => {
    const located = LOCATED.exec(line);
    if (located === null) return line;
    const [, file, lineNumber, byteColumn, text] = located;
    const shown = path.isAbsolute(file) ? path.relative(cwd, file) || file : file;
    return `${shown.split(path.sep).join('/')}:${lineNumber}:${characterColumn(path.resolve(cwd, file), Number(lineNumber), Number(byteColumn))}: ${text}`;
  });
}

function characterColumn(file, lineNumber, byteColumn) {
  try {
    const lineText = fs.readFileSync(file, 'utf8').split(/\r?\n/)[lineNumber - 1];
    if (lineText !== undefined) return Buffer.from(lineText, 'utf8').subarray(0, byteColumn).toString('utf8').length + 1;
  } catch {
    // Fall through: the byte offset is still the right column for ASCII.
  }
  return byteColumn + 1;
}

/**
 * The `uncaughtException` listener of synth: prints a TransformError as its lines and exits;
 * anything else returns false (the caller reports it).
 * Exit status: 1 (a user error, as lib/synth/run-synth.ts returns); under `cdk8s synth`
 * (CDK8S_OUTDIR set) 0 without creating that folder, which makes cdk8s-cli report "synthesis
 * failed" and exit 1 instead of printing its own stack trace (see run-synth.ts).
 */
function handleUncaught(error, { env = process.env, err = (line) => process.stderr.write(`${line}\n`), exit = process.exit, cwd = process.cwd() } = {}) {
  const lines = formatTransformError(error, cwd);
  if (lines === undefined) return false;
  for (const line of lines) err(line);
  // As lib/synth/run-synth.ts cdk8sFailureNote: cdk8s-cli's next line blames its output folder.
  if (env.CDK8S_OUTDIR) err(`cdk8s synth reports this failure next as "synthesis failed, app expected to create ${env.CDK8S_OUTDIR}".`);
  exit(env.CDK8S_OUTDIR ? 0 : 1);
  return true;
}

module.exports = { formatTransformError, handleUncaught };
