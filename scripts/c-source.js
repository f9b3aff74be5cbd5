'use strict';
// What the catalog generators (scripts/generate-*.js) share about reading the tagged C and C++
// sources: an input error type and comment stripping. Plain Node, like the generators.

const { createHash } = require('node:crypto');

/** Lower-case hex sha256, as the catalogs' headers and manifest record their inputs and bodies. */
const sha256 = (data) => createHash('sha256').update(data).digest('hex');

/** A problem with the given source folders: the generator prints it and exits 1. */
class InputError extends Error {}

/**
 * C/C++ source without comments (blanked, so offsets and line numbers stay); string and character
 * literals are kept, raw string literals `R"d(...)d"` are blanked (they never hold a table).
 */
function stripComments(src) {
  let out = '';
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    const raw = c === 'R' && src[i + 1] === '"' && !/\w/.test(src[i - 1] ?? '') ? /^R"([^(\s]*)\(/.exec(src.slice(i, i + 20)) : null;
    if (raw) {
      // A raw string literal R"delim(...)delim": blanked out, it never holds a field table.
      const end = src.indexOf(`)${raw[1]}"`, i + raw[0].length);
      if (end === -1) throw new InputError('unterminated raw string literal');
      const stop = end + raw[1].length + 2;
      out += `""${src.slice(i, stop).replace(/[^\n]/g, '').replace(/\n/g, '\n')}`;
      i = stop - 1;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < src.length && src[j] !== c) j += src[j] === '\\' ? 2 : 1;
      out += src.slice(i, j + 1);
      i = j;
    } else if (c === '/' && src[i + 1] === '/') {
      while (i < src.length && src[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      if (end === -1) throw new InputError('unterminated comment');
      out += src.slice(i, end + 2).replace(/[^\n]/g, ' ');
      i = end + 1;
    } else out += c;
  }
  return out;
}



/**
 * The command line both generators share, on Node's `util.parseArgs`: `--<name> VALUE` options
 * (`required` ones must be given), `--check` and `--help`. `names` maps each option to its key in
 * the result (`--container-plugin` → `containerPlugin`); `defaults` gives the optional ones.
 */
function parseGeneratorArgs(argv, { names, required, defaults, usage }) {
  const { parseArgs } = require('node:util');
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        ...Object.fromEntries(Object.keys(names).map((name) => [name, { type: 'string' }])),
        check: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
  } catch (error) {
    throw new InputError(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
  }
  if (parsed.values.help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  const opts = { ...defaults, check: parsed.values.check === true };
  for (const [name, key] of Object.entries(names)) {
    const value = parsed.values[name];
    if (value !== undefined) opts[key] = value;
    else if (required.includes(name)) throw new InputError(`--${name} is required\n${usage}`);
  }
  return opts;
}
/**
 * The last step of the generators that write a folder of files: with `--check`, exit status 1
 * and the names of the files that differ from `outputs` (name → text); else write them. Returns
 * the exit status.
 */
function writeOrCheckOutputs(outputs, { out, check }, what) {
  const fs = require('node:fs');
  const path = require('node:path');
  if (check) {
    const stale = Object.keys(outputs).filter((name) => {
      const target = path.join(out, name);
      return !fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== outputs[name];
    });
    if (stale.length > 0) {
      process.stderr.write(`out of date: ${stale.join(', ')}\n`);
      return 1;
    }
    process.stdout.write(`${what} up to date\n`);
    return 0;
  }
  fs.mkdirSync(out, { recursive: true });
  for (const [name, text] of Object.entries(outputs)) fs.writeFileSync(path.join(out, name), text);
  process.stdout.write(`wrote ${Object.keys(outputs).length} files to ${path.relative(process.cwd(), out) || '.'}\n`);
  return 0;
}

module.exports = { InputError, parseGeneratorArgs, sha256, stripComments, writeOrCheckOutputs };
