#!/usr/bin/env node
'use strict';
/**
 * Generates lib/rules/fields/catalog/event-types.ts: the names Falco 0.44.1 accepts as a constant
 * value of `evt.type` on the `syscall` source, and the event arguments with their types (what
 * `evt.arg.<name>` and `evt.rawarg.<name>` resolve to), read from the tagged upstream sources.
 *
 * What Falco accepts (falcosecurity/libs@0.25.4:userspace/libsinsp/sinsp_filtercheck_event.cpp,
 * `validate_filter_value`, lines 595-626): a value equal to the name of an event of the event
 * table (`driver/event_table.c`, `[PPME_...] = {"name", ...}`), to a syscall name
 * (`scap_get_ppm_sc_name`: the `PPM_SC_X(NAME, value)` names of `driver/ppm_events_public.h`,
 * lower-cased and cut to PPM_MAX_NAME_LEN - 1 characters, `userspace/libscap/ppm_sc_names.c:41-72`),
 * or to an async event name of a loaded plugin with CAP_ASYNC. The falco chart 9.1.0 loads the
 * container (`ASYNC_EVENT_NAMES` of `plugins/container/src/macros.h.in`) and k8smeta
 * (`ASYNC_EVENT_NAMES` of `plugins/k8smeta/src/shared_with_tests_consts.h`) plugins.
 * Anything else fails with `unknown event type <value>`.
 *
 * Event arguments (falcosecurity/libs@0.25.4:userspace/libsinsp/sinsp_filtercheck_event.cpp:449-471,
 * `extract_arg`): the name after `evt.arg.` / `evt.rawarg.` is matched against the parameters of
 * every event of the table, in event code order, longest match first (`find_longest_matching_evt_param`,
 * utils.cpp:792-817); evt.rawarg takes that parameter's type at compile time (:523-538). The
 * generator lists each parameter name with the type of its first occurrence, and the codes of
 * `enum ppm_param_type` (libs' "wrong parameter type <code>").
 *
 * The script reads plain folders, never the network. To regenerate from the bare mirrors:
 *
 *   X=$(mktemp -d); mkdir -p $X/libs $X/container $X/k8smeta
 *   git -C <libs repo> archive 0.25.4 driver/event_table.c driver/ppm_events_public.h | tar -x -C $X/libs
 *   git -C <plugins repo> archive plugins/container/v0.7.1 plugins/container/src/macros.h.in | tar -x -C $X/container
 *   git -C <plugins repo> archive plugins/k8smeta/v0.4.1 plugins/k8smeta/src/shared_with_tests_consts.h | tar -x -C $X/k8smeta
 *   node scripts/generate-event-types.js --libs $X/libs \
 *     --container-plugin $X/container/plugins/container --k8smeta-plugin $X/k8smeta/plugins/k8smeta
 *
 * (a full checkout of each repository at its tag works as well; a plugin folder may also be given
 * as the root of the plugins repository). `--check` writes nothing and exits 1 when the committed
 * file differs from what the inputs give. `--out FILE` writes elsewhere. The tags are recorded in
 * the generated header; pass `--libs-tag`, `--container-tag`, `--k8smeta-tag` when moving to
 * another release (and update FALCO_TARGET: a test compares them).
 *
 * The output is data only (names), with a header naming repository, tag, file and sha256 of each
 * input, and the sha256 of the generated body so that a test detects hand edits. The generator
 * refuses inputs it does not fully understand (a gap in a table, a name it cannot parse) rather
 * than guess.
 */
const fs = require('node:fs');
const path = require('node:path');
const { InputError, parseGeneratorArgs, sha256, stripComments } = require('./c-source');

const ROOT = path.resolve(__dirname, '..');
const DEFAULT_OUT = path.join(ROOT, 'lib', 'rules', 'fields', 'catalog', 'event-types.ts');

const USAGE = `usage: node scripts/generate-event-types.js --libs DIR --container-plugin DIR --k8smeta-plugin DIR
       [--libs-tag TAG] [--container-tag TAG] [--k8smeta-tag TAG] [--out FILE] [--check]`;

function parseArgs(argv) {
  return parseGeneratorArgs(argv, {
    names: {
      libs: 'libs',
      'container-plugin': 'containerPlugin',
      'k8smeta-plugin': 'k8smetaPlugin',
      'libs-tag': 'libsTag',
      'container-tag': 'containerTag',
      'k8smeta-tag': 'k8smetaTag',
      out: 'out',
    },
    required: ['libs', 'container-plugin', 'k8smeta-plugin'],
    defaults: { libsTag: '0.25.4', containerTag: 'plugins/container/v0.7.1', k8smetaTag: 'plugins/k8smeta/v0.4.1', out: DEFAULT_OUT },
    usage: USAGE,
  });
}

/** Reads `rel` under `dir`; for a plugin, `dir` may be the plugin's folder or the plugins repository. */
function readInput(dir, rel, repoPath) {
  for (const candidate of [path.join(dir, rel), path.join(dir, repoPath)]) {
    if (fs.existsSync(candidate)) return fs.readFileSync(candidate);
  }
  throw new InputError(`${path.join(dir, rel)} not found (expected ${repoPath} of the tagged repository)`);
}

/** `#define NAME value` (continuation lines joined), by name. */
function defines(src) {
  const joined = stripComments(src).replace(/\\\r?\n/g, ' ');
  const out = new Map();
  for (const m of joined.matchAll(/^[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w*)(?![\w(])[ \t]*(.*)$/gm)) out.set(m[1], m[2].trim());
  return out;
}

/** A macro's value as a C string literal, following macro references. */
function stringOf(token, defs, seen = new Set()) {
  const lit = /^"([^"\\]*)"$/.exec(token);
  if (lit) return lit[1];
  if (defs.has(token) && !seen.has(token)) return stringOf(defs.get(token), defs, new Set([...seen, token]));
  throw new InputError(`cannot read '${token}' as a string literal`);
}

/** The strings of `#define ASYNC_EVENT_NAMES { A, "b" }`. */
function asyncEventNames(src, file) {
  const defs = defines(src.toString('utf8'));
  const value = defs.get('ASYNC_EVENT_NAMES');
  const braces = value === undefined ? null : /^\{(.*)\}$/.exec(value);
  if (!braces) throw new InputError(`${file}: no '#define ASYNC_EVENT_NAMES { ... }'`);
  return braces[1]
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '')
    .map((t) => stringOf(t, defs));
}

/** The members of `typedef enum { ... } <name>;` with their values. */
function enumMembers(src, name, prefix) {
  const m = new RegExp(`typedef\\s+enum\\s*\\{([^}]*)\\}\\s*${name}\\s*;`).exec(src);
  if (!m) throw new InputError(`ppm_events_public.h: no 'typedef enum { ... } ${name};'`);
  const members = new Map();
  for (const entry of m[1].split(',')) {
    const e = entry.trim();
    if (e === '') continue;
    const mm = /^([A-Z][A-Z0-9_]*)\s*=\s*(\d+)$/.exec(e);
    if (!mm || !mm[1].startsWith(prefix)) throw new InputError(`ppm_events_public.h: cannot read enum member '${e}' of ${name}`);
    members.set(mm[1], Number(mm[2]));
  }
  return members;
}

function eventTableNames(eventTableC, publicH) {
  const header = stripComments(publicH);
  const maxLen = Number(/#define\s+PPM_MAX_NAME_LEN\s+(\d+)/.exec(header)?.[1]);
  const codes = enumMembers(header, 'ppm_event_code', 'PPM');
  const eventMax = codes.get('PPM_EVENT_MAX');
  if (eventMax === undefined || !Number.isInteger(maxLen)) throw new InputError('ppm_events_public.h: no PPM_EVENT_MAX or PPM_MAX_NAME_LEN');
  const table = stripComments(eventTableC);
  const start = table.indexOf('g_event_info[] = {');
  if (start === -1) throw new InputError("event_table.c: no 'g_event_info[] = {'");
  const byIndex = new Map();
  const paramsByIndex = new Map();
  const body = table.slice(start);
  const entries = [...body.matchAll(/\[\s*(PPME_[A-Z0-9_]+)\s*\]\s*=\s*\{\s*"([^"\\]*)"/g)];
  for (const [i, m] of entries.entries()) {
    const index = codes.get(m[1]);
    if (index === undefined) throw new InputError(`event_table.c: ${m[1]} is not a member of ppm_event_code`);
    if (byIndex.has(index)) throw new InputError(`event_table.c: ${m[1]} defined twice`);
    if (m[2].length >= maxLen) throw new InputError(`event_table.c: name '${m[2]}' is longer than PPM_MAX_NAME_LEN - 1`);
    byIndex.set(index, m[2]);
    // {"name", category, flags, nparams, {{"param", PT_TYPE, PF_FORMAT[, info]}, ...}}
    const end = i + 1 < entries.length ? entries[i + 1].index : body.indexOf('};', m.index);
    const entry = body.slice(m.index + m[0].length, end);
    const head = /^\s*,([^,{}]*),([^,{}]*),\s*(\d+)\s*[,}]/.exec(entry);
    if (!head) throw new InputError(`event_table.c: cannot read the parameter count of ${m[1]}`);
    const params = [...entry.matchAll(/\{\s*"([^"\\]*)"\s*,\s*(PT_[A-Z0-9_]+)\s*,/g)].map((p) => ({ name: p[1], type: p[2] }));
    if (params.length !== Number(head[3])) throw new InputError(`event_table.c: ${m[1]} declares ${head[3]} parameters and lists ${params.length}`);
    paramsByIndex.set(index, params);
  }
  // A missing entry would be a null name that validate_filter_value compares with: refuse to guess.
  for (let i = 0; i < eventMax; i++) if (!byIndex.has(i)) throw new InputError(`event_table.c: no entry for event ${i} (< PPM_EVENT_MAX ${eventMax})`);
  if (byIndex.size !== eventMax) throw new InputError(`event_table.c: ${byIndex.size} entries for PPM_EVENT_MAX ${eventMax}`);
  // find_longest_matching_evt_param walks the table by event code, then by parameter.
  const params = [];
  for (let i = 0; i < eventMax; i++) params.push(...paramsByIndex.get(i));
  return { names: [...byIndex.values()], events: eventMax, maxLen, params };
}

/** `enum ppm_param_type { PT_NONE = 0, ... }`: the code of each PT_ type ("wrong parameter type <code>"). */
function paramTypeCodes(header) {
  const m = /enum\s+ppm_param_type\s*\{([^}]*)\}/.exec(header);
  if (!m) throw new InputError("ppm_events_public.h: no 'enum ppm_param_type { ... }'");
  const codes = new Map();
  for (const entry of m[1].split(',')) {
    const e = entry.trim();
    if (e === '') continue;
    const mm = /^(PT_[A-Z0-9_]+)\s*=\s*(\d+)$/.exec(e);
    if (!mm) throw new InputError(`ppm_events_public.h: cannot read enum member '${e}' of ppm_param_type`);
    codes.set(mm[1], Number(mm[2]));
  }
  return codes;
}

/** The type name the catalogs use: `param_type_to_string`'s, `DYNAMIC` for PT_DYN, else the PT_ name without prefix. */
const typeName = (pt) => (pt === 'PT_DYN' ? 'DYNAMIC' : pt.slice(3));

/**
 * Each event argument name with the type of its first occurrence in table order: the parameter
 * `find_longest_matching_evt_param` returns for it (falcosecurity/libs@0.25.4:userspace/libsinsp/utils.cpp:792-817
 * keeps the first of equally long matches), whose type evt.rawarg.<name> takes when the filter is compiled.
 */
function eventArguments(params, ptCodes) {
  const first = new Map();
  for (const p of params) {
    if (!ptCodes.has(p.type)) throw new InputError(`event_table.c: parameter '${p.name}' has type ${p.type}, not a member of ppm_param_type`);
    if (!/^[A-Za-z0-9_]+$/.test(p.name)) throw new InputError(`event_table.c: unexpected parameter name '${p.name}'`);
    if (!first.has(p.name)) first.set(p.name, typeName(p.type));
  }
  return [...first.entries()].sort((a, b) => codeUnitSort(a[0], b[0]));
}

function syscallNames(publicH, maxLen) {
  const header = stripComments(publicH).replace(/\\\r?\n/g, ' ');
  const fields = /#define\s+PPM_SC_FIELDS\s+(.*)$/m.exec(header);
  if (!fields) throw new InputError("ppm_events_public.h: no '#define PPM_SC_FIELDS'");
  const byValue = new Map();
  for (const m of fields[1].matchAll(/PPM_SC_X\(\s*([A-Z0-9_]+)\s*,\s*(\d+)\s*\)/g)) {
    const value = Number(m[2]);
    if (byValue.has(value)) throw new InputError(`PPM_SC_FIELDS: value ${value} used twice`);
    // load_ppm_sc_table: strlcpy into char[PPM_MAX_NAME_LEN], then tolower.
    byValue.set(value, m[1].slice(0, maxLen - 1).toLowerCase());
  }
  if (byValue.size === 0) throw new InputError('PPM_SC_FIELDS: no PPM_SC_X entries');
  // PPM_SC_MAX follows the last value. An unused value (a commented-out entry) keeps the empty
  // name of the zero-initialized table, and validate_filter_value compares with it too.
  const scMax = Math.max(...byValue.keys()) + 1;
  const gaps = [];
  for (let i = 0; i < scMax; i++) if (!byValue.has(i)) gaps.push(i);
  return { names: [...byValue.values()], gaps };
}

const codeUnitSort = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const uniqueSorted = (names) => [...new Set(names)].sort(codeUnitSort);

function checkName(name, where) {
  if (!/^[A-Za-z0-9_.-]+$/.test(name)) throw new InputError(`${where}: unexpected name '${name}'`);
  return name;
}

function list(names) {
  return names.map((n) => `  '${n}',\n`).join('');
}

/** The generated file's text for the given inputs: a pure function of the input bytes and tags. */
function generate(opts) {
  const inputs = [
    { key: 'eventTable', repo: 'falcosecurity/libs', tag: opts.libsTag, path: 'driver/event_table.c', dir: opts.libs, rel: 'driver/event_table.c' },
    { key: 'publicH', repo: 'falcosecurity/libs', tag: opts.libsTag, path: 'driver/ppm_events_public.h', dir: opts.libs, rel: 'driver/ppm_events_public.h' },
    { key: 'container', repo: 'falcosecurity/plugins', tag: opts.containerTag, path: 'plugins/container/src/macros.h.in', dir: opts.containerPlugin, rel: 'src/macros.h.in' },
    { key: 'k8smeta', repo: 'falcosecurity/plugins', tag: opts.k8smetaTag, path: 'plugins/k8smeta/src/shared_with_tests_consts.h', dir: opts.k8smetaPlugin, rel: 'src/shared_with_tests_consts.h' },
  ].map((i) => ({ ...i, bytes: readInput(i.dir, i.rel, i.path) }));
  const byKey = Object.fromEntries(inputs.map((i) => [i.key, i.bytes]));

  const table = eventTableNames(byKey.eventTable.toString('utf8'), byKey.publicH.toString('utf8'));
  const events = uniqueSorted(table.names.map((n) => checkName(n, 'event_table.c')));
  const sc = syscallNames(byKey.publicH.toString('utf8'), table.maxLen);
  const syscallsAll = sc.names.map((n) => checkName(n, 'PPM_SC_FIELDS'));
  const syscalls = uniqueSorted([...syscallsAll, ...(sc.gaps.length > 0 ? [''] : [])]);
  const container = uniqueSorted(asyncEventNames(byKey.container, 'macros.h.in').map((n) => checkName(n, 'macros.h.in')));
  const k8smeta = uniqueSorted(asyncEventNames(byKey.k8smeta, 'shared_with_tests_consts.h').map((n) => checkName(n, 'shared_with_tests_consts.h')));
  const ptCodes = paramTypeCodes(stripComments(byKey.publicH.toString('utf8')));
  const args = eventArguments(table.params, ptCodes);

  const body = `
/**
 * Names of the event table (\`g_event_info\` of driver/event_table.c): ${table.events} events, ${events.length} distinct
 * names (enter and exit events share a name; \`NA\` names the unused EC_UNKNOWN events). Sorted by code unit.
 */
export const EVENT_TABLE_NAMES: readonly string[] = [
${list(events)}];

/**
 * Syscall names (\`scap_get_ppm_sc_name\`): the ${syscallsAll.length} \`PPM_SC_X\` names of driver/ppm_events_public.h,
 * lower-cased${sc.gaps.length > 0 ? `, and \`''\`: the name of the unused code${sc.gaps.length > 1 ? 's' : ''} ${sc.gaps.join(', ')} (commented out), which\n * ppm_sc_names.c leaves empty, so Falco accepts \`evt.type = ""\`` : ''}. Sorted by code unit.
 */
export const SYSCALL_NAMES: readonly string[] = [
${list(syscalls)}];

/**
 * Async event names of the plugins with CAP_ASYNC that the falco chart loads, by plugin: container
 * (\`ASYNC_EVENT_NAMES\` of plugins/container/src/macros.h.in) and k8smeta (\`ASYNC_EVENT_NAMES\` of
 * plugins/k8smeta/src/shared_with_tests_consts.h).
 */
export const PLUGIN_ASYNC_EVENT_NAMES: Readonly<Record<string, readonly string[]>> = {
  container: [${container.map((n) => `'${n}'`).join(', ')}],
  k8smeta: [${k8smeta.map((n) => `'${n}'`).join(', ')}],
};

/**
 * Event argument names (the \`params\` of every \`g_event_info\` entry: ${table.params.length} parameters, ${args.length} distinct
 * names), each with the type of its first occurrence in event code order, which is the type
 * \`evt.rawarg.<name>\` has when libs compiles a filter. Sorted by name (code unit).
 */
export const EVENT_ARGUMENTS: ReadonlyArray<readonly [name: string, type: string]> = [
${args.map(([n, t]) => `  ['${n}', '${t}'],\n`).join('')}];

/** \`enum ppm_param_type\` of driver/ppm_events_public.h: the code of each type, by catalog type name. */
export const PARAM_TYPE_CODES: Readonly<Record<string, number>> = {
${[...ptCodes.entries()].filter(([pt]) => pt !== "PT_MAX").map(([pt, c]) => `  ${typeName(pt)}: ${c},\n`).join('')}};
`;
  const header =
    `// Generated by scripts/generate-event-types.js; do not edit by hand. Regenerate as its header says:\n` +
    `// test/rules/events/event-types-catalog.test.ts fails when this body does not match its checksum.\n` +
    `//\n` +
    `// Names Falco accepts as a constant value of evt.type on the syscall source (libsinsp\n` +
    `// sinsp_filtercheck_event.cpp validate_filter_value), and the event arguments evt.arg.<name>\n` +
    `// and evt.rawarg.<name> resolve to (extract_arg). Inputs:\n` +
    inputs.map((i) => `// input: ${i.repo}@${i.tag}:${i.path} sha256:${sha256(i.bytes)}\n`).join('') +
    `// body sha256:${sha256(body)}\n`;
  return {
    text: header + body,
    counts: { events: table.events, eventNames: events.length, syscallNames: new Set(syscallsAll).size, emptyName: sc.gaps.length > 0, asyncNames: container.length + k8smeta.length, arguments: args.length },
  };
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const { text, counts } = generate(opts);
  const rel = path.relative(process.cwd(), opts.out) || opts.out;
  if (opts.check) {
    const current = fs.existsSync(opts.out) ? fs.readFileSync(opts.out, 'utf8') : '';
    if (current !== text) {
      process.stderr.write(`${rel} differs from what the inputs give; regenerate it\n`);
      process.exit(1);
    }
    process.stdout.write(`${rel} is up to date\n`);
    return;
  }
  fs.writeFileSync(opts.out, text);
  process.stdout.write(
    `wrote ${rel}: ${counts.eventNames} event names (${counts.events} events), ${counts.syscallNames} syscall names${counts.emptyName ? " (and '' for unused codes)" : ''}, ${counts.asyncNames} async event names, ${counts.arguments} event argument names\n`,
  );
}

if (require.main === module) {
  try {
    main();
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    process.stderr.write(`generate-event-types: ${e.message}\n`);
    process.exit(2);
  }
}

module.exports = { generate, InputError };
