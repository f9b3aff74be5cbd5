#!/usr/bin/env node
'use strict';
/**
 * Generates the field catalogs lib/rules/fields/catalog/{generic-event,syscall,container-plugin,
 * k8smeta-plugin,k8saudit-plugin,json-plugin}-fields.ts and the manifest of their inputs
 * lib/rules/fields/catalog/field-catalog-inputs.sha256, from the tagged upstream sources of what
 * Falco 0.44.1 (falco chart 9.1.0) offers:
 *
 * - libsinsp (falcosecurity/libs@0.25.4): the filterchecks that `sinsp_filter_check_list`
 *   registers for the `syscall` source (`userspace/libsinsp/filter_check_list.cpp`), each read from
 *   its `filtercheck_field_info` table (`sinsp_filtercheck_<class>.cpp`). The `gen_event` class is
 *   the one every source sees (Falco adds `sinsp::new_generic_filtercheck()` to a plugin source:
 *   falcosecurity/falco@0.44.1:userspace/falco/app/actions/init_inspectors.cpp:162-165); it goes to
 *   generic-event-fields.ts, the other classes to syscall-fields.ts.
 * - plugins (falcosecurity/plugins): container v0.7.1 (`src/caps/extract/extract.cpp`,
 *   `src/macros.h.in`), k8smeta v0.4.1 (`src/plugin.cpp`, `src/shared_with_tests_consts.h`),
 *   k8saudit v0.18.0 (Go: `pkg/k8saudit/fields.go`, `pkg/k8saudit/k8saudit.go`), json v0.7.4
 *   (Go: `pkg/json/json.go`). Each file also records the sources the plugin extracts for (an empty
 *   list means every source, `sinsp_plugin::is_source_compatible`, libs plugin.h:100-103; a plugin
 *   with its own event source and no list extracts for that source, plugin.cpp:368-378).
 *
 * Per field: name, Falco type, list or not, argument (none/optional/required) and its form
 * (index/key/dotted/any), deprecation, filter-only/print-only, hidden, EPF_NO_RHS / EPF_NO_TRANSFORMER
 * (libsinsp only: plugin fields never carry them), plugin and plugin version,
 * and the upstream description verbatim. libsinsp's tables say whether an argument is allowed or
 * required (EPF_ARG_ALLOWED / EPF_ARG_REQUIRED) but not how it is written: each class parses it by
 * hand in its `parse_field_name`, so LIBSINSP_ARG_SYNTAX below records that, and the generator
 * refuses a field with an argument flag that the table does not describe (and a table entry for a
 * field without one). Plugin fields take their argument in brackets only
 * (`sinsp_filter_check_plugin::parse_field_name`, libs plugin_filtercheck.cpp:45-118); a field
 * that is both index and key is `key`. Plugins have no deprecation flag: a plugin field is
 * deprecated when its display name starts with "[Deprecated]" or its description with "Deprecated".
 *
 * The script reads plain folders, never the network. To regenerate from the bare mirrors:
 *
 *   X=$(mktemp -d); mkdir -p $X/libs $X/container $X/k8smeta $X/k8saudit $X/json
 *   git -C <libs repo> archive 0.25.4 userspace/libsinsp | tar -x -C $X/libs
 *   git -C <plugins repo> archive plugins/container/v0.7.1 plugins/container/src | tar -x -C $X/container
 *   git -C <plugins repo> archive plugins/k8smeta/v0.4.1 plugins/k8smeta/src | tar -x -C $X/k8smeta
 *   git -C <plugins repo> archive plugins/k8saudit/v0.18.0 plugins/k8saudit/pkg | tar -x -C $X/k8saudit
 *   git -C <plugins repo> archive plugins/json/v0.7.4 plugins/json/pkg | tar -x -C $X/json
 *   node scripts/generate-field-catalog.js --libs $X/libs --container $X/container \
 *     --k8smeta $X/k8smeta --k8saudit $X/k8saudit --json $X/json
 *
 * A plugin folder may be the root of the plugins repository or the plugin's own folder. `--check`
 * writes nothing and exits 1 when a committed file differs from what the inputs give; `--out DIR`
 * writes elsewhere. Tags are recorded in the headers; pass `--libs-tag`, `--container-tag`,
 * `--k8smeta-tag`, `--k8saudit-tag`, `--json-tag` when moving to another release.
 *
 * Each generated file starts with a header naming repository, tag, file and sha256 of each input
 * and the sha256 of the generated body, so a test detects hand edits. The output is data (names,
 * types, flags, descriptions), never upstream code. The generator refuses inputs it does not fully
 * understand rather than guess. Same inputs, same bytes.
 */
const fs = require('node:fs');
const path = require('node:path');
const { InputError, parseGeneratorArgs, sha256, stripComments, writeOrCheckOutputs } = require('./c-source');

const ROOT = path.resolve(__dirname, '..');
const DEFAULT_OUT = path.join(ROOT, 'lib', 'rules', 'fields', 'catalog');
const MANIFEST = 'field-catalog-inputs.sha256';

const USAGE = `usage: node scripts/generate-field-catalog.js --libs DIR --container DIR --k8smeta DIR --k8saudit DIR --json DIR
       [--libs-tag TAG] [--container-tag TAG] [--k8smeta-tag TAG] [--k8saudit-tag TAG] [--json-tag TAG] [--out DIR] [--check]`;


const LIBS_REPO = 'falcosecurity/libs';
const PLUGINS_REPO = 'falcosecurity/plugins';
const DEFAULT_TAGS = {
  libsTag: '0.25.4',
  containerTag: 'plugins/container/v0.7.1',
  k8smetaTag: 'plugins/k8smeta/v0.4.1',
  k8sauditTag: 'plugins/k8saudit/v0.18.0',
  jsonTag: 'plugins/json/v0.7.4',
};

/**
 * How libsinsp parses the argument of each built-in field that takes one (falcosecurity/libs@0.25.4):
 * - sinsp_filtercheck_event.cpp `parse_field_name` (lines 510-575): `evt.arg` by name after a dot or by
 *   number in brackets (`extract_arg`), `evt.rawarg` by name after a dot, `evt.around[T]`, `evt.abspath`
 *   with an optional `.src` / `.dst`, `evt.type.is.<type>` (`extract_type`);
 * - sinsp_filtercheck_thread.cpp `parse_field_name`: `proc.a*` and `proc.args` take a level/position in
 *   brackets, `proc.env` / `proc.aenv` a variable name (or level) in brackets, `thread.cgroup.<subsystem>`;
 * - sinsp_filtercheck_fd.cpp `parse_field_name`: `fd.types[N]`.
 * `arg` overrides the table's flag where the parser differs (`evt.abspath` is EPF_ARG_REQUIRED but works bare).
 */
const LIBSINSP_ARG_SYNTAX = {
  'evt.abspath': { arg: 'optional', argForm: 'dotted', argValues: ['src', 'dst'] },
  'evt.arg': { argForm: 'any' },
  'evt.around': { argForm: 'index' },
  'evt.rawarg': { argForm: 'dotted' },
  'evt.type.is': { argForm: 'dotted' },
  'fd.types': { argForm: 'index' },
  'proc.aargs': { argForm: 'index' },
  'proc.acmdline': { argForm: 'index' },
  'proc.aenv': { argForm: 'key' },
  'proc.aexe': { argForm: 'index' },
  'proc.aexepath': { argForm: 'index' },
  'proc.aname': { argForm: 'index' },
  'proc.apid': { argForm: 'index' },
  'proc.args': { argForm: 'index' },
  'proc.env': { argForm: 'key' },
  'thread.cgroup': { argForm: 'dotted' },
};

/** Plugin field types as libsinsp maps them (`s_pt_lut`, libs plugin.cpp:46-54), by Falco's type name. */
const PLUGIN_TYPES = { string: 'CHARBUF', uint64: 'UINT64', reltime: 'RELTIME', abstime: 'ABSTIME', bool: 'BOOL', ipaddr: 'IPADDR', ipnet: 'IPNET' };
/** `param_type_to_string` (libs utils.cpp) for the PT_ types that filtercheck tables use. */
const PT_NAMES = { PT_DYN: 'DYNAMIC' };
const KNOWN_EPF = new Set([
  'EPF_NONE', 'EPF_FILTER_ONLY', 'EPF_PRINT_ONLY', 'EPF_ARG_REQUIRED', 'EPF_TABLE_ONLY', 'EPF_INFO', 'EPF_CONVERSATION', 'EPF_IS_LIST',
  'EPF_ARG_ALLOWED', 'EPF_ARG_INDEX', 'EPF_ARG_KEY', 'EPF_DEPRECATED', 'EPF_NO_TRANSFORMER', 'EPF_NO_RHS', 'EPF_NO_PTR_STABILITY', 'EPF_FORMAT_SUGGESTED',
]);

function parseArgs(argv) {
  const sources = ['libs', 'container', 'k8smeta', 'k8saudit', 'json'];
  return parseGeneratorArgs(argv, {
    names: {
      ...Object.fromEntries(sources.map((name) => [name, name])),
      ...Object.fromEntries(sources.map((name) => [`${name}-tag`, `${name}Tag`])),
      out: 'out',
    },
    required: sources,
    defaults: { ...DEFAULT_TAGS, out: DEFAULT_OUT },
    usage: USAGE,
  });
}


/** An input file: `rel` under `dir`, or `repoPath` under `dir` (a plugin folder or the repository root). */
function readInput(dir, repoPath, rel = repoPath) {
  for (const candidate of [path.join(dir, rel), path.join(dir, repoPath)]) {
    if (fs.existsSync(candidate)) return fs.readFileSync(candidate);
  }
  throw new InputError(`${path.join(dir, rel)} not found (expected ${repoPath} of the tagged repository)`);
}

// ---------------------------------------------------------------------------------------------
// C and C++


/** The text between the `{` at `open` and its matching `}`; string literals are skipped. */
function braceBody(src, open, file) {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    const c = src[i];
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < src.length && src[j] !== c) j += src[j] === '\\' ? 2 : 1;
      i = j;
    } else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return src.slice(open + 1, i);
  }
  throw new InputError(`${file}: unbalanced braces`);
}

/** Splits on commas outside parentheses, braces and string literals. */
function splitTopLevel(text) {
  const parts = [];
  let depth = 0;
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      cur += text.slice(i, j + 1);
      i = j;
      continue;
    }
    if (c === '(' || c === '{' || c === '[') depth++;
    if (c === ')' || c === '}' || c === ']') depth--;
    if (c === ',' && depth === 0) {
      parts.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  if (cur.trim() !== '') parts.push(cur.trim());
  return parts;
}

const C_ESCAPES = { n: '\n', t: '\t', '"': '"', "'": "'", '\\': '\\' };

/** Adjacent C string literals, concatenated; refuses anything else. */
function cString(expr, file, what) {
  const re = /\s*"((?:[^"\\]|\\.)*)"\s*/y;
  let out = '';
  let m;
  let pos = 0;
  while ((m = re.exec(expr)) !== null) {
    out += m[1].replace(/\\(.)/g, (_, e) => {
      if (!(e in C_ESCAPES)) throw new InputError(`${file}: unsupported escape \\${e} in ${what}`);
      return C_ESCAPES[e];
    });
    pos = re.lastIndex;
  }
  if (pos === 0 || pos !== expr.length) throw new InputError(`${file}: ${what} is not a string literal: ${expr.slice(0, 80)}`);
  return out;
}

/** The filtercheck classes `sinsp_filter_check_list`'s constructor registers, in order. */
function filterCheckClasses(src, file) {
  const s = stripComments(src);
  const ctor = /sinsp_filter_check_list::sinsp_filter_check_list\(\)\s*\{/.exec(s);
  if (!ctor) throw new InputError(`${file}: no sinsp_filter_check_list constructor`);
  const body = braceBody(s, ctor.index + ctor[0].length - 1, file);
  const statements = body.split(';').map((t) => t.trim()).filter((t) => t !== '');
  return statements.map((statement) => {
    const m = /^add_filter_check\(std::make_unique<sinsp_filter_check_(\w+)>\(\)\)$/.exec(statement.replace(/\s+/g, ''));
    if (!m) throw new InputError(`${file}: unexpected statement in sinsp_filter_check_list(): ${statement}`);
    return m[1];
  });
}

/** The entries of a libsinsp `filtercheck_field_info NAME[] = { {PT_, EPF_, PF_, "name", "display", "desc"}, ... }`. */
function libsinspTable(src, file) {
  const s = stripComments(src);
  const tables = [...s.matchAll(/filtercheck_field_info\s+(\w+)\[\]\s*=\s*\{/g)];
  if (tables.length !== 1) throw new InputError(`${file}: expected one filtercheck_field_info table, found ${tables.length}`);
  const t = tables[0];
  const hidden = /filter_check_info::FL_HIDDEN/.test(s);
  const fields = [];
  for (const entry of splitTopLevel(braceBody(s, t.index + t[0].length - 1, file))) {
    const inner = /^\{([\s\S]*)\}$/.exec(entry);
    const parts = inner ? splitTopLevel(inner[1]) : [];
    if (parts.length !== 6) throw new InputError(`${file}: cannot read table entry ${entry.slice(0, 80)}`);
    const [ptype, flagExpr, , nameExpr, , descExpr] = parts;
    const name = cString(nameExpr, file, 'a field name');
    if (!/^PT_[A-Z0-9_]+$/.test(ptype)) throw new InputError(`${file}: ${name}: unknown type ${ptype}`);
    const flagText = flagExpr.replace(/^\(filtercheck_field_flags\)/, '').replace(/^\((.*)\)$/s, '$1');
    const flags = new Set(flagText.split('|').map((f) => f.trim()));
    for (const flag of flags) if (!KNOWN_EPF.has(flag)) throw new InputError(`${file}: ${name}: unknown flag ${flag}`);
    fields.push({ name, ptype, flags, hidden, description: cString(descExpr, file, `the description of ${name}`) });
  }
  return fields;
}

function libsinspField(raw, file) {
  const { name, ptype, flags } = raw;
  const type = PT_NAMES[ptype] ?? ptype.slice(3);
  const field = { name, type };
  if (flags.has('EPF_IS_LIST')) field.isList = true;
  let arg = flags.has('EPF_ARG_REQUIRED') ? 'required' : flags.has('EPF_ARG_ALLOWED') ? 'optional' : 'none';
  const syntax = LIBSINSP_ARG_SYNTAX[name];
  if ((arg === 'none') !== (syntax === undefined)) {
    throw new InputError(`${file}: ${name}: ${arg === 'none' ? 'takes no argument, but LIBSINSP_ARG_SYNTAX describes one' : 'takes an argument that LIBSINSP_ARG_SYNTAX does not describe'}`);
  }
  if (flags.has('EPF_ARG_INDEX') || flags.has('EPF_ARG_KEY')) throw new InputError(`${file}: ${name}: EPF_ARG_INDEX/EPF_ARG_KEY are new here; compare with LIBSINSP_ARG_SYNTAX`);
  if (syntax !== undefined) {
    arg = syntax.arg ?? arg;
    field.arg = arg;
    field.argForm = syntax.argForm;
    if (syntax.argValues) field.argValues = syntax.argValues;
  } else field.arg = arg;
  if (flags.has('EPF_DEPRECATED')) field.deprecated = true;
  if (flags.has('EPF_FILTER_ONLY')) field.usage = 'condition';
  if (flags.has('EPF_PRINT_ONLY')) field.usage = 'output';
  if (flags.has('EPF_TABLE_ONLY') || raw.hidden) field.hidden = true;
  if (flags.has('EPF_NO_RHS')) field.noRhs = true;
  if (flags.has('EPF_NO_TRANSFORMER')) field.noTransformer = true;
  field.description = raw.description;
  return field;
}

/** `#define NAME { "a", "b" }` as a list of strings. */
function definedStringList(src, macro, file) {
  const joined = stripComments(src).replace(/\\\r?\n/g, ' ');
  const m = new RegExp(`^[ \\t]*#[ \\t]*define[ \\t]+${macro}[ \\t]+\\{(.*)\\}[ \\t]*$`, 'm').exec(joined);
  if (!m) throw new InputError(`${file}: no '#define ${macro} { ... }'`);
  return splitTopLevel(m[1]).map((t) => cString(t, file, macro));
}

/** A C++ plugin's `get_fields()`: `const falcosecurity::field_info fields[] = { {ft::FTYPE_, "name", "display", "desc", arg, list, props, addOutput}, ... }`. */
function cppPluginFields(src, file) {
  const s = stripComments(src);
  const fn = /std::vector<falcosecurity::field_info>\s+my_plugin::get_fields\(\)\s*\{/.exec(s);
  if (!fn) throw new InputError(`${file}: no my_plugin::get_fields()`);
  const body = braceBody(s, fn.index + fn[0].length - 1, file);
  // Named arguments: `falcosecurity::field_arg NAME;` then `NAME.key = true;` ...
  const namedArgs = new Map();
  for (const m of body.matchAll(/falcosecurity::field_arg\s+(\w+)\s*;/g)) namedArgs.set(m[1], {});
  for (const m of body.matchAll(/(\w+)\.(key|index|required)\s*=\s*(true|false)\s*;/g)) {
    if (!namedArgs.has(m[1])) throw new InputError(`${file}: assignment to unknown field_arg ${m[1]}`);
    namedArgs.get(m[1])[m[2]] = m[3] === 'true';
  }
  const table = /const\s+falcosecurity::field_info\s+fields\[\]\s*=\s*\{/.exec(body);
  if (!table) throw new InputError(`${file}: no 'const falcosecurity::field_info fields[] = {'`);
  const fields = [];
  for (const entry of splitTopLevel(braceBody(body, table.index + table[0].length - 1, file))) {
    const inner = /^\{([\s\S]*)\}$/.exec(entry);
    const parts = inner ? splitTopLevel(inner[1]) : [];
    if (parts.length < 4 || parts.length > 8) throw new InputError(`${file}: cannot read field entry ${entry.slice(0, 80)}`);
    const name = cString(parts[1], file, 'a field name');
    const typeMatch = /^ft::FTYPE_([A-Z0-9]+)$/.exec(parts[0]);
    if (!typeMatch) throw new InputError(`${file}: ${name}: unknown type ${parts[0]}`);
    const arg = cppFieldArg(parts[4], namedArgs, file, name);
    const list = parts[5] === undefined ? false : cppBool(parts[5], file, name);
    const props = parts[6] === undefined || parts[6] === '{}' ? [] : splitTopLevel(/^\{(.*)\}$/s.exec(parts[6])?.[1] ?? '!').map((p) => cString(p, file, `a property of ${name}`));
    if (parts[7] !== undefined) cppBool(parts[7], file, name);
    fields.push({
      name,
      type: typeMatch[1].toLowerCase(),
      display: cString(parts[2], file, `the display name of ${name}`),
      desc: cString(parts[3], file, `the description of ${name}`),
      arg,
      isList: list,
      properties: props,
    });
  }
  return fields;
}

function cppBool(text, file, name) {
  if (text === 'true' || text === 'false') return text === 'true';
  throw new InputError(`${file}: ${name}: expected true or false, got ${text}`);
}

function cppFieldArg(text, namedArgs, file, name) {
  if (text === undefined || text === '{}' || text === 'falcosecurity::field_arg()') return {};
  if (namedArgs.has(text)) return namedArgs.get(text);
  const designated = /^\{(.*)\}$/s.exec(text);
  if (designated) {
    const out = {};
    for (const part of splitTopLevel(designated[1])) {
      const m = /^\.(key|index|required)\s*=\s*(true|false)$/.exec(part);
      if (!m) throw new InputError(`${file}: ${name}: cannot read argument ${text}`);
      out[m[1]] = m[2] === 'true';
    }
    return out;
  }
  throw new InputError(`${file}: ${name}: cannot read argument ${text}`);
}

// ---------------------------------------------------------------------------------------------
// Go: a tiny evaluator for the plugins' `Fields()` and `Info()` (literals, string `+`, local
// closures and functions, `append`, `if`), refusing anything else.

function goTokens(src, file) {
  const tokens = [];
  const re = /\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/|"((?:[^"\\\n]|\\.)*)"|`([^`]*)`|([A-Za-z_]\w*)|(\d+)|(:=|\.\.\.|&&|\|\||==|!=|'(?:[^'\\\n]|\\.)*'|[^\s\w"`])/gy;
  let m;
  let pos = 0;
  while (pos < src.length) {
    re.lastIndex = pos;
    m = re.exec(src);
    if (!m) throw new InputError(`${file}: cannot read Go source at ${JSON.stringify(src.slice(pos, pos + 30))}`);
    pos = re.lastIndex;
    if (m[1] !== undefined) tokens.push({ k: 'str', v: JSON.parse(`"${m[1]}"`) });
    else if (m[2] !== undefined) tokens.push({ k: 'str', v: m[2] });
    else if (m[3] !== undefined) tokens.push({ k: 'id', v: m[3] });
    else if (m[4] !== undefined) tokens.push({ k: 'num', v: Number(m[4]) });
    else if (m[5] !== undefined) tokens.push({ k: 'p', v: m[5] });
    else if (/\n/.test(m[0]) || m[0].startsWith('//')) tokens.push({ k: 'nl', v: '\n' });
  }
  return tokens;
}

class GoEval {
  constructor(src, file) {
    this.file = file;
    this.t = goTokens(src, file);
    this.funcs = new Map();
    this.globals = new Map();
    this.scanTopLevel();
  }

  fail(i, msg) {
    const near = this.t.slice(i, i + 8).map((x) => x.v).join(' ');
    throw new InputError(`${this.file}: ${msg} near '${near}'`);
  }

  skipNl(i) {
    while (this.t[i] && this.t[i].k === 'nl') i++;
    return i;
  }

  is(i, v) {
    return this.t[i] && this.t[i].k !== 'str' && this.t[i].v === v;
  }

  /** Index after the matching close of the bracket at `i`. */
  matchClose(i) {
    const open = this.t[i].v;
    const close = { '{': '}', '(': ')', '[': ']' }[open];
    let depth = 0;
    for (let j = i; j < this.t.length; j++) {
      if (this.t[j].k === 'p' && this.t[j].v === open) depth++;
      else if (this.t[j].k === 'p' && this.t[j].v === close && --depth === 0) return j + 1;
    }
    this.fail(i, 'unbalanced brackets');
  }

  /** Top-level `func` declarations and string constants. */
  scanTopLevel() {
    for (let i = 0; i < this.t.length; i++) {
      if (this.is(i, 'func')) {
        let j = i + 1;
        let receiver = false;
        if (this.is(j, '(')) {
          j = this.matchClose(j);
          receiver = true;
        }
        const name = this.t[j].v;
        const { params, bodyStart } = this.signature(j + 1);
        const end = this.matchClose(bodyStart);
        this.funcs.set(receiver ? `.${name}` : name, { params, bodyStart, end });
        i = end - 1;
      } else if (this.is(i, 'const')) {
        let j = i + 1;
        const group = this.is(j, '(');
        const end = group ? this.matchClose(j) : j + 4;
        if (group) j++;
        while (j < end) {
          j = this.skipNl(j);
          if (this.t[j].k === 'id' && this.is(j + 1, '=') && this.t[j + 2].k === 'str') {
            this.globals.set(this.t[j].v, this.t[j + 2].v);
            j += 3;
          } else j++;
        }
        i = end - 1;
      }
    }
  }

  /** `(a, b string, c bool) RET {` from the `(` at `i`: parameter names and the body's `{`. */
  signature(i) {
    if (!this.is(i, '(')) this.fail(i, 'expected a parameter list');
    const close = this.matchClose(i);
    const params = [];
    let expectName = true;
    for (let j = i + 1; j < close - 1; j++) {
      if (this.is(j, ',')) expectName = true;
      else if (expectName && this.t[j].k === 'id') {
        params.push(this.t[j].v);
        expectName = false;
      }
    }
    let j = close;
    while (j < this.t.length && !this.is(j, '{')) j++;
    return { params, bodyStart: j };
  }

  call(name, args) {
    const fn = this.funcs.get(name);
    if (!fn) throw new InputError(`${this.file}: no function ${name}`);
    return this.run(fn, new Map([...this.globals, ...fn.params.map((p, k) => [p, args[k]])]));
  }

  run(fn, scope) {
    const result = this.block(fn.bodyStart + 1, fn.end - 1, scope);
    if (!result.returned) throw new InputError(`${this.file}: function without return`);
    return result.value;
  }

  block(i, end, scope) {
    while (i < end) {
      i = this.skipNl(i);
      if (i >= end) break;
      const tok = this.t[i];
      if (this.is(i, 'return')) {
        const [value] = this.expr(i + 1, scope);
        return { returned: true, value };
      }
      if (this.is(i, 'if')) {
        const [cond, j] = this.expr(i + 1, scope, true);
        if (!this.is(j, '{')) this.fail(j, 'expected { after if');
        const close = this.matchClose(j);
        if (this.is(this.skipNl(close), 'else')) this.fail(close, 'else is not supported');
        if (typeof cond !== 'boolean') this.fail(i, 'if condition is not a boolean');
        if (cond) {
          const r = this.block(j + 1, close - 1, scope);
          if (r.returned) return r;
        }
        i = close;
        continue;
      }
      if (tok.k === 'id' && (this.is(i + 1, ':=') || this.is(i + 1, '='))) {
        const [value, j] = this.expr(i + 2, scope);
        scope.set(tok.v, value);
        i = j;
        continue;
      }
      this.fail(i, 'unsupported statement');
    }
    return { returned: false };
  }

  /** Binary `+` of primaries (strings or numbers). */
  expr(i, scope, noComposite = false) {
    let [value, j] = this.primary(i, scope, noComposite);
    while (this.is(j, '+')) {
      const [rhs, k] = this.primary(this.skipNl(j + 1), scope, noComposite);
      if (typeof value !== typeof rhs || typeof value === 'object') this.fail(j, 'unsupported +');
      value += rhs;
      j = k;
    }
    return [value, j];
  }

  primary(i, scope, noComposite) {
    const tok = this.t[i];
    if (!tok) this.fail(i, 'unexpected end');
    if (tok.k === 'str' || tok.k === 'num') return [tok.v, i + 1];
    if (this.is(i, '{')) return this.composite(i, scope, 'elided');
    if (this.is(i, '[') && this.is(i + 1, ']')) {
      // []Type{...}
      let j = i + 2;
      while (!this.is(j, '{')) j++;
      return this.composite(j, scope, 'slice');
    }
    if (this.is(i, 'func')) {
      const { params, bodyStart } = this.signature(i + 1);
      const end = this.matchClose(bodyStart);
      const closure = { params, bodyStart, end, scope };
      return [closure, end];
    }
    if (tok.k === 'id') {
      if (tok.v === 'true' || tok.v === 'false') return [tok.v === 'true', i + 1];
      // Qualified type name followed by a composite literal: sdk.FieldEntry{...}
      if (this.is(i + 1, '.') && this.t[i + 2]?.k === 'id' && this.is(i + 3, '{') && !noComposite) {
        return this.composite(i + 3, scope, `${tok.v}.${this.t[i + 2].v}`);
      }
      if (this.is(i + 1, '(')) {
        const close = this.matchClose(i + 1);
        const args = [];
        let spread = false;
        let j = this.skipNl(i + 2);
        while (j < close - 1) {
          const [arg, k] = this.expr(j, scope);
          args.push(arg);
          j = k;
          if (this.is(j, '...')) {
            spread = true;
            j++;
          }
          if (this.is(j, ',')) j++;
          j = this.skipNl(j);
        }
        return [this.invoke(tok.v, args, spread, scope, i), close];
      }
      if (scope.has(tok.v)) return [scope.get(tok.v), i + 1];
      this.fail(i, `unknown name ${tok.v}`);
    }
    if (this.is(i, '&')) return this.primary(i + 1, scope, noComposite);
    this.fail(i, 'unsupported expression');
  }

  invoke(name, args, spread, scope, at) {
    if (name === 'append') {
      const [base, ...rest] = args;
      if (!Array.isArray(base)) this.fail(at, 'append to a non-slice');
      return spread ? [...base, ...rest[0]] : [...base, ...rest];
    }
    const local = scope.get(name);
    if (local && local.bodyStart !== undefined) {
      return this.run(local, new Map([...local.scope, ...local.params.map((p, k) => [p, args[k]])]));
    }
    return this.call(name, args);
  }

  /** `{ key: value, ... }` (an object) or `{ value, ... }` (a list), from the `{` at `i`. */
  composite(i, scope, type) {
    const close = this.matchClose(i);
    let j = this.skipNl(i + 1);
    const keyed = this.t[j].k === 'id' && this.is(j + 1, ':');
    const out = keyed ? { $type: type } : [];
    while (j < close - 1) {
      if (keyed) {
        const key = this.t[j].v;
        if (!this.is(j + 1, ':')) this.fail(j, 'expected key: value');
        const [value, k] = this.expr(this.skipNl(j + 2), scope);
        out[key] = value;
        j = k;
      } else {
        const [value, k] = this.expr(j, scope);
        out.push(value);
        j = k;
      }
      if (this.is(j, ',')) j++;
      j = this.skipNl(j);
    }
    return [out, close];
  }

  /** The value of the first composite literal of the given type name (e.g. `plugins.Info`). */
  literal(typeName) {
    const [pkg, name] = typeName.split('.');
    for (let i = 0; i < this.t.length; i++) {
      // `&plugins.Info{` or `= plugins.Info{`, not a signature's `*plugins.Info {`
      const prev = this.t[i - 1];
      if (prev && prev.k === 'p' && (prev.v === '&' || prev.v === '=' || prev.v === ':=') && this.is(i, pkg) && this.is(i + 1, '.') && this.is(i + 2, name) && this.is(i + 3, '{')) {
        return this.composite(i + 3, new Map(this.globals), typeName)[0];
      }
    }
    throw new InputError(`${this.file}: no ${typeName}{...} literal`);
  }
}

const GO_FIELD_KEYS = new Set(['$type', 'Type', 'Name', 'Display', 'Desc', 'IsList', 'Arg', 'Properties', 'AddOutput']);
const GO_ARG_KEYS = new Set(['$type', 'IsRequired', 'IsIndex', 'IsKey']);

/** A Go plugin's fields, from `func (p *Plugin) Fields() []sdk.FieldEntry`. */
function goPluginFields(evaluator) {
  const fields = evaluator.call('.Fields', []);
  if (!Array.isArray(fields)) throw new InputError(`${evaluator.file}: Fields() did not give a list`);
  return fields.map((f) => {
    for (const key of Object.keys(f)) if (!GO_FIELD_KEYS.has(key)) throw new InputError(`${evaluator.file}: ${f.Name}: unknown FieldEntry key ${key}`);
    const arg = f.Arg ?? {};
    for (const key of Object.keys(arg)) if (!GO_ARG_KEYS.has(key)) throw new InputError(`${evaluator.file}: ${f.Name}: unknown FieldEntryArg key ${key}`);
    return {
      name: f.Name,
      type: f.Type,
      display: f.Display ?? '',
      desc: f.Desc,
      arg: { required: arg.IsRequired === true, index: arg.IsIndex === true, key: arg.IsKey === true },
      isList: f.IsList === true,
      properties: f.Properties ?? [],
    };
  });
}

/** A plugin field as libsinsp reads its schema (libs plugin.cpp:240-300, 455-560). */
function pluginField(raw, plugin, version, file) {
  const { name } = raw;
  if (typeof name !== 'string' || name === '' || typeof raw.desc !== 'string' || raw.desc === '') throw new InputError(`${file}: a field without name or description`);
  const type = PLUGIN_TYPES[raw.type];
  if (type === undefined) throw new InputError(`${file}: ${name}: unknown plugin field type ${raw.type}`);
  const field = { name, type };
  if (raw.isList) field.isList = true;
  const { required, index, key } = raw.arg;
  if (required && !index && !key) throw new InputError(`${file}: ${name}: isRequired without isIndex or isKey (libsinsp refuses it)`);
  field.arg = required ? 'required' : index || key ? 'optional' : 'none';
  if (field.arg !== 'none') field.argForm = key ? 'key' : 'index';
  field.plugin = plugin;
  field.pluginVersion = version;
  if (/^\[Deprecated\]/i.test(raw.display) || /^Deprecated\b/i.test(raw.desc)) field.deprecated = true;
  for (const prop of raw.properties) if (!['hidden', 'info', 'conversation'].includes(prop)) throw new InputError(`${file}: ${name}: unknown property ${prop}`);
  if (raw.properties.includes('hidden')) field.hidden = true;
  field.description = raw.desc;
  return field;
}

function versionOfTag(tag) {
  const m = /(?:^|\/)v?(\d+\.\d+\.\d+)$/.exec(tag);
  if (!m) throw new InputError(`cannot read a version in tag '${tag}'`);
  return m[1];
}

// ---------------------------------------------------------------------------------------------
// Output

const KEY_ORDER = ['name', 'type', 'isList', 'arg', 'argForm', 'argValues', 'plugin', 'pluginVersion', 'deprecated', 'usage', 'hidden', 'noRhs', 'noTransformer', 'description'];

function tsValue(v) {
  if (Array.isArray(v)) return `[${v.map(tsValue).join(', ')}]`;
  if (typeof v === 'string') return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
  return String(v);
}

function fieldLine(field) {
  const keys = Object.keys(field);
  for (const k of keys) if (!KEY_ORDER.includes(k)) throw new Error(`internal: unexpected key ${k}`);
  return `  { ${KEY_ORDER.filter((k) => field[k] !== undefined).map((k) => `${k}: ${tsValue(field[k])}`).join(', ')} },`;
}

const byName = (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function checkUnique(fields, what) {
  const seen = new Set();
  for (const f of fields) {
    if (seen.has(f.name)) throw new InputError(`${what}: field ${f.name} is defined twice`);
    seen.add(f.name);
  }
}

/** One catalog file: header (inputs with sha256, body sha256) and body. */
function renderFile({ about, inputs, constName, fields, sources }) {
  const sorted = [...fields].sort(byName);
  checkUnique(sorted, constName);
  let body = "import type { FieldInfo } from '../field-info';\n\n";
  if (sources !== undefined) {
    const sourceConst = constName.replace(/_FIELDS$/, '_EXTRACT_SOURCES');
    body += `/** The event sources the plugin extracts fields for; empty: every source (libsinsp \`sinsp_plugin::is_source_compatible\`). */\n`;
    body += `export const ${sourceConst}: readonly string[] = ${tsValue(sources)};\n\n`;
  }
  body += `/** ${sorted.length} fields, sorted by name (code-unit order). */\n`;
  body += `export const ${constName}: readonly FieldInfo[] = [\n${sorted.map(fieldLine).join('\n')}\n];\n`;
  const header = [
    '// Generated by scripts/generate-field-catalog.js; do not edit by hand. Regenerate as its header says:',
    '// test/rules/fields/generated-catalog.test.ts fails when this body does not match its checksum.',
    '//',
    ...about.map((line) => `// ${line}`.trimEnd()),
    '// Inputs:',
    ...inputs.map((input) => `// input: ${input.repo}@${input.tag}:${input.path} sha256:${input.sha256}`),
    `// body sha256:${sha256(body)}`,
  ];
  return `${header.join('\n')}\n\n${body}`;
}

/** Reads every input and renders every file: `{ files: { name: text }, manifest }`. */
function generate(options) {
  const opts = { ...DEFAULT_TAGS, ...options };
  const allInputs = [];
  const input = (repo, tag, repoPath, dir, rel) => {
    const data = readInput(dir, repoPath, rel);
    const record = { repo, tag, path: repoPath, sha256: sha256(data) };
    allInputs.push(record);
    return { text: data.toString('utf8'), record };
  };

  // libsinsp
  const libsInput = (rel) => input(LIBS_REPO, opts.libsTag, rel, opts.libs);
  const list = libsInput('userspace/libsinsp/filter_check_list.cpp');
  const classes = filterCheckClasses(list.text, list.record.path);
  if (classes[0] !== 'gen_event') throw new InputError(`${list.record.path}: expected gen_event first, got ${classes.join(', ')}`);
  const classFields = classes.map((cls) => {
    const file = libsInput(`userspace/libsinsp/sinsp_filtercheck_${cls}.cpp`);
    return { cls, file, fields: libsinspTable(file.text, file.record.path).map((raw) => libsinspField(raw, file.record.path)) };
  });
  const described = new Set(classFields.flatMap((c) => c.fields.map((f) => f.name)));
  for (const name of Object.keys(LIBSINSP_ARG_SYNTAX)) if (!described.has(name)) throw new InputError(`LIBSINSP_ARG_SYNTAX describes ${name}, which no table has`);

  const files = {};
  const [generic, ...syscall] = classFields;
  files['generic-event-fields.ts'] = renderFile({
    about: [
      "libsinsp's `evt` fields for every event source (`sinsp_filter_check_gen_event`): the syscall source has them",
      'through `sinsp_filter_check_list`, and Falco 0.44.1 adds them to each plugin source (`new_generic_filtercheck`,',
      'falcosecurity/falco@0.44.1:userspace/falco/app/actions/init_inspectors.cpp:162-165).',
    ],
    inputs: [list.record, generic.file.record],
    constName: 'GENERIC_EVENT_FIELDS',
    fields: generic.fields,
  });
  files['syscall-fields.ts'] = renderFile({
    about: [
      "libsinsp's built-in fields for the `syscall` source, except the generic `evt` ones (generic-event-fields.ts):",
      `the filterchecks \`sinsp_filter_check_list\` registers (${syscall.map((c) => c.cls).join(', ')}).`,
      '`hidden`: EPF_TABLE_ONLY or a hidden class (not listed by `falco --list`, but accepted in rules);',
      "`usage: 'condition'`: EPF_FILTER_ONLY; `usage: 'output'`: EPF_PRINT_ONLY. Argument forms: LIBSINSP_ARG_SYNTAX of the script.",
      '`noRhs`: EPF_NO_RHS (no right-hand side field with it, and not usable as one); `noTransformer`: EPF_NO_TRANSFORMER.',
    ],
    inputs: [list.record, ...syscall.map((c) => c.file.record)],
    constName: 'SYSCALL_FIELDS',
    fields: syscall.flatMap((c) => c.fields),
  });

  // C++ plugins
  const cppPlugin = (plugin, dir, tag, fieldsFile, consts, about) => {
    const base = `plugins/${plugin}/`;
    const src = input(PLUGINS_REPO, tag, base + fieldsFile, dir, fieldsFile);
    const macros = input(PLUGINS_REPO, tag, base + consts, dir, consts);
    const version = versionOfTag(tag);
    const fields = cppPluginFields(src.text, src.record.path).map((raw) => pluginField(raw, plugin, version, src.record.path));
    const sources = definedStringList(macros.text, 'EXTRACT_EVENT_SOURCES', macros.record.path);
    const constName = `${plugin.toUpperCase()}_PLUGIN_FIELDS`;
    files[`${plugin}-plugin-fields.ts`] = renderFile({ about, inputs: [src.record, macros.record], constName, fields, sources });
  };
  cppPlugin('container', opts.container, opts.containerTag, 'src/caps/extract/extract.cpp', 'src/macros.h.in', [
    'Fields of the `container` plugin (`my_plugin::get_fields`), which the falco chart 9.1.0 installs',
    '(`collectors.containerEngine.pluginRef`); it extracts for the sources of its `EXTRACT_EVENT_SOURCES`.',
  ]);
  cppPlugin('k8smeta', opts.k8smeta, opts.k8smetaTag, 'src/plugin.cpp', 'src/shared_with_tests_consts.h', [
    'Fields of the `k8smeta` plugin (`my_plugin::get_fields`), which the falco chart 9.1.0 installs',
    '(`collectors.kubernetes.pluginRef`); it extracts for the sources of its `EXTRACT_EVENT_SOURCES`.',
  ]);

  // Go plugins
  const goPlugin = (plugin, dir, tag, fieldsFile, infoFile, about) => {
    const base = `plugins/${plugin}/`;
    const src = input(PLUGINS_REPO, tag, base + fieldsFile, dir, fieldsFile);
    const infoSrc = infoFile === fieldsFile ? src : input(PLUGINS_REPO, tag, base + infoFile, dir, infoFile);
    const version = versionOfTag(tag);
    const info = new GoEval(infoSrc.text, infoSrc.record.path).literal('plugins.Info');
    if (info.Version !== version) throw new InputError(`${infoSrc.record.path}: plugin version ${info.Version} is not the tag's ${version}`);
    if (info.Name !== plugin) throw new InputError(`${infoSrc.record.path}: plugin name ${info.Name} is not ${plugin}`);
    // Plugin SDK: ExtractEventSources, or the plugin's own EventSource when it has one (libs plugin.cpp:368-378).
    const declared = info.ExtractEventSources ?? [];
    const sources = [...new Set([...declared, ...(info.EventSource ? [info.EventSource] : [])])].sort();
    const fields = goPluginFields(new GoEval(src.text, src.record.path)).map((raw) => pluginField(raw, plugin, version, src.record.path));
    files[`${plugin}-plugin-fields.ts`] = renderFile({
      about,
      inputs: infoFile === fieldsFile ? [src.record] : [src.record, infoSrc.record],
      constName: `${plugin.toUpperCase()}_PLUGIN_FIELDS`,
      fields,
      sources,
    });
  };
  goPlugin('k8saudit', opts.k8saudit, opts.k8sauditTag, 'pkg/k8saudit/fields.go', 'pkg/k8saudit/k8saudit.go', [
    'Fields of the `k8saudit` plugin (`Fields()`), which defines the `k8s_audit` source and extracts for it only',
    '(no ExtractEventSources: its own EventSource).',
  ]);
  goPlugin('json', opts.json, opts.jsonTag, 'pkg/json/json.go', 'pkg/json/json.go', [
    'Fields of the `json` extractor plugin (`Fields()`), which the k8saudit rules require beside k8saudit. It declares',
    'no ExtractEventSources and has no event source of its own, so libsinsp lets it extract for every source.',
  ]);

  const manifest = [
    '# Inputs of the generated field catalogs (scripts/generate-field-catalog.js), one per line:',
    '# sha256  repository@tag:path',
    ...allInputs.map((i) => `${i.sha256}  ${i.repo}@${i.tag}:${i.path}`),
    '',
  ].join('\n');
  return { files, manifest };
}

function main(argv) {
  const opts = parseArgs(argv);
  const { files, manifest } = generate(opts);
  const outputs = { ...files, [MANIFEST]: manifest };
  return writeOrCheckOutputs(outputs, opts, 'field catalogs are');
}

module.exports = { generate, parseArgs, InputError, LIBSINSP_ARG_SYNTAX, MANIFEST, DEFAULT_TAGS };

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    if (error instanceof InputError) {
      process.stderr.write(`generate-field-catalog: ${error.message}\n`);
      process.exitCode = 2;
    } else throw error;
  }
}
