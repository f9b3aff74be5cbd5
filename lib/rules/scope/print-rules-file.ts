import type * as YAML from 'yaml';
import { yamlLibrary } from '../../core';
import { readYaml, type EffectiveException, type ExceptionValue } from '../loader';
import type { FlatItem, FlatRule, FlatRulesFile, FoldableText, PluginRequirementEntry } from './flat-rules-file';

/**
 * The fixed serializer options. `lineWidth: 0` never folds a value on its own, so a changed value
 * is a one-line diff and outputs stay on one line as upstream writes them; multi-line text comes
 * out as literal blocks. Descriptions (prose) are the one exception: folded at 120 columns,
 * about the width upstream writes them at.
 */
const YAML_OPTIONS = {
  lineWidth: 0,
  minContentWidth: 0,
  blockQuote: 'literal',
  indentSeq: true,
  flowCollectionPadding: false,
  aliasDuplicateObjects: false,
} as const satisfies YAML.ToStringOptions & YAML.CreateNodeOptions;

const PROSE_OPTIONS = { ...YAML_OPTIONS, lineWidth: 120, blockQuote: 'folded' } as const;

/** A flow sequence (`[a, b]`) is used when its line stays within this width, else one item per line. */
const FLOW_WIDTH = 120;

/**
 * Prints a flat rules file: the header comment, then each item as a top-level sequence entry
 * separated by a blank line, keys in the order of Falco's style guide (rule, desc, condition,
 * output, priority, tags, …). Same input, same bytes.
 */
export function printRulesFile(file: FlatRulesFile): string {
  const out: string[] = [...comment(file.header)];
  for (const item of file.items) {
    out.push('', ...comment(item.comment ?? []));
    out.push(...asSequenceEntry(itemPairs(item)));
  }
  if (file.items.length === 0) {
    // An empty document would be a null YAML node; an empty sequence is a valid, empty rules file.
    out.push('', '# No items: everything this input changed is merged into the items of earlier files.', '[]');
  }
  return `${out.join('\n')}\n`;
}

/** Comment lines; a line break inside a line (say, in a rule name) starts another comment line. */
function comment(lines: readonly string[]): string[] {
  return lines.flatMap((l) => l.split(/\r\n|\r|\n/)).map((l) => (l === '' ? '#' : `# ${l}`));
}

function itemPairs(item: FlatItem): string[] {
  switch (item.kind) {
    case 'required_engine_version':
      return scalarPair('required_engine_version', item.version);
    case 'required_plugin_versions':
      return pluginRequirementsPair(item.plugins);
    case 'list':
      return [...scalarPair('list', item.name), ...stringListPair('items', item.items)];
    case 'macro':
      return [...scalarPair('macro', item.name), ...foldedPair('condition', item.condition)];
    case 'rule':
      return rulePairs(item.rule);
  }
}

function rulePairs(rule: FlatRule): string[] {
  const lines = [
    ...scalarPair('rule', rule.name),
    ...scalarPair('desc', rule.desc, PROSE_OPTIONS),
    ...foldedPair('condition', rule.condition),
    ...scalarPair('output', rule.output),
    ...scalarPair('priority', rule.priority),
  ];
  if (rule.tags.length > 0) lines.push(...stringListPair('tags', rule.tags));
  // `syscall` is Falco's default source (rule_loader_reader.cpp); omitting it keeps upstream
  // rules as upstream wrote them.
  if (rule.source !== 'syscall') lines.push(...scalarPair('source', rule.source));
  if (!rule.enabled) lines.push('enabled: false');
  if (rule.exceptions.length > 0) {
    lines.push('exceptions:');
    for (const ex of rule.exceptions) lines.push(...indent(asSequenceEntry(exceptionPairs(ex)), 2));
  }
  for (const [key, value] of Object.entries(rule.extra)) lines.push(...valuePair(key, value));
  return lines;
}

function exceptionPairs(ex: EffectiveException): string[] {
  const lines = [...scalarPair('name', ex.name)];
  lines.push(...(typeof ex.fields === 'string' ? scalarPair('fields', ex.fields) : stringListPair('fields', ex.fields)));
  // Falco fills in default comps (`in`, or `=` per field); only print what the file wrote.
  if (ex.compsGiven) {
    lines.push(...(typeof ex.comps === 'string' ? scalarPair('comps', ex.comps) : stringListPair('comps', ex.comps)));
  }
  if (ex.values.length === 0) {
    lines.push('values: []');
  } else if (typeof ex.fields === 'string') {
    // A single-field exception's values are plain strings.
    lines.push(...stringListPair('values', ex.values.map((v) => (typeof v === 'string' ? v : String(v)))));
  } else {
    // One tuple per line: the shape upstream uses, and a one-line diff per added tuple.
    lines.push('values:');
    for (const tuple of ex.values) lines.push(`  - ${flowText(tuple)}`);
  }
  return lines;
}

function pluginRequirementsPair(plugins: readonly PluginRequirementEntry[]): string[] {
  const lines = ['required_plugin_versions:'];
  for (const p of plugins) {
    const pairs = [...scalarPair('name', p.name), ...scalarPair('version', p.version)];
    if (p.alternatives !== undefined && p.alternatives.length > 0) {
      pairs.push('alternatives:');
      for (const a of p.alternatives) {
        pairs.push(...indent(asSequenceEntry([...scalarPair('name', a.name), ...scalarPair('version', a.version)]), 2));
      }
    }
    lines.push(...indent(asSequenceEntry(pairs), 2));
  }
  return lines;
}

/**
 * A list or exception item as Falco reads it is the scalar's text (yaml-cpp never converts), so
 * `1194` and `'1194'` mean the same to Falco. Print integers and booleans plain, as upstream
 * writes them, but only when the plain form is exactly the same text; everything else is a
 * string, quoted by the YAML library where it must be (`'"(systemd)"'`).
 */
function rawScalar(text: string): YAML.Scalar {
  if (isPlainNumberOrBool(text)) return new (yamlLibrary().Scalar)(text === 'true' ? true : text === 'false' ? false : Number(text));
  return new (yamlLibrary().Scalar)(text);
}

function isPlainNumberOrBool(text: string): boolean {
  if (text === 'true' || text === 'false') return true;
  if (!/^-?(0|[1-9][0-9]*)$/.test(text)) return false;
  const n = Number(text);
  return Number.isSafeInteger(n) && String(n) === text;
}

// What may not start a plain scalar (YAML indicators), what may not appear in one, and what a
// YAML 1.2 core schema reader would take for a number, boolean or null.
const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`\s.~+0-9]/;
const NOT_PLAIN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]|: |:$| #|\s$/;
const FLOW_INDICATORS = /[,[\]{}]/;
const CORE_SCHEMA_WORDS = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$/;

/**
 * The text as a YAML scalar: plain when that reads back as the same string (the common case, and
 * much cheaper than the library), else as the YAML library quotes it. `flow` for items of `[...]`.
 */
function scalarText(text: string, flow: boolean): string {
  if (isPlain(text, flow)) return text;
  // The library writes such text over several lines (a block scalar, or a multi-line plain or
  // quoted scalar) that are not indented for where this one-line item goes: invalid YAML.
  if (NEEDS_ESCAPES.test(text)) return doubleQuoted(text);
  if (!flow) return yamlLibrary().stringify(rawScalar(text), YAML_OPTIONS).replace(/\n$/, '');
  // Quoting depends on the context: render the item inside a one-item flow sequence.
  const seq = new (yamlLibrary().YAMLSeq)();
  seq.flow = true;
  seq.items.push(rawScalar(text));
  return yamlLibrary().stringify(seq, YAML_OPTIONS).replace(/\n$/, '').slice(1, -1);
}

/** Line breaks and other characters that are written as escapes, never as themselves. */
const NEEDS_ESCAPES = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;

/**
 * A YAML double-quoted scalar on one line. JSON's escapes (`\n`, `\"`, `\\`, `\u0001`, …) are all
 * YAML escapes too; the characters JSON leaves as they are but YAML treats specially are escaped.
 */
function doubleQuoted(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function isPlain(text: string, flow: boolean): boolean {
  if (isPlainNumberOrBool(text)) return true;
  return text !== '' && !INDICATOR_START.test(text) && !NOT_PLAIN.test(text) && !CORE_SCHEMA_WORDS.test(text) && !(flow && FLOW_INDICATORS.test(text));
}

function flowText(value: ExceptionValue): string {
  return typeof value === 'string' ? scalarText(value, true) : `[${value.map(flowText).join(', ')}]`;
}

/** `key: [a, b]` when it fits on one line, else `key:` and one `- item` per line. */
function stringListPair(key: string, values: readonly string[]): string[] {
  const flow = `${key}: ${flowText(values)}`;
  if (values.length === 0 || flow.length <= FLOW_WIDTH) return [flow];
  return [`${key}:`, ...values.map((v) => `  - ${scalarText(v, false)}`)];
}

/**
 * `key: value` for one scalar, as lines at indentation 0 (block scalars indented under the key).
 * Keys are the fixed words of the rules format, all plain.
 */
function scalarPair(key: string, value: string, options: YAML.ToStringOptions = YAML_OPTIONS): string[] {
  const line = `${key}: ${value}`;
  if (isPlain(value, false) && (options.lineWidth === 0 || line.length <= (options.lineWidth ?? 0))) return [line];
  return yamlLibrary().stringify({ [key]: value }, options).replace(/\n$/, '').split('\n');
}

/** `key: value` for a value of any shape (a rule's extra keys). */
function valuePair(key: string, value: unknown): string[] {
  return yamlLibrary().stringify({ [key]: value }, YAML_OPTIONS).replace(/\n$/, '').split('\n');
}

/**
 * A condition as a folded block (`>-`), broken where its source broke it, so it reads like the
 * file it came from. Returns the library's rendering when the text cannot be folded exactly.
 */
function foldedPair(key: string, value: FoldableText): string[] {
  const block = foldedBlock(value.text, value.breaks ?? []);
  if (block !== undefined) {
    const lines = [`${key}: ${block.header}`, ...block.lines.map((l) => (l === '' ? '' : `  ${l}`))];
    // The block is hand-made, so check that YAML reads back exactly the text; if not, fall back.
    // Read back as rules files are read (the subset reader, the yaml package where it steps aside).
    // (With its final line break, as in the file: the subset reader leaves a last line without one
    // to the yaml package, which reads both the same.)
    if (readBackText(`${lines.join('\n')}\n`) === value.text) return lines;
  }
  return scalarPair(key, value.text);
}

/** The text of the only value of a one-key mapping, as YAML reads it; undefined for anything else. */
function readBackText(yaml: string): string | undefined {
  const read = readYaml(yaml);
  const map = read.ok ? read.documents[0] : undefined;
  const value = map?.kind === 'map' && map.items.length === 1 ? map.items[0]?.value : undefined;
  return value?.kind === 'scalar' && !value.isNull ? value.text : undefined;
}

/**
 * YAML folding (YAML 1.2 section 8.1.3): in a folded block a single line break between two lines
 * that do not start with a blank reads as a space, and an empty line as a line break; breaks next
 * to a more-indented line (one starting with a blank) are kept as they are. So a space at a
 * recorded break becomes a line break when both sides are plain, and a real line break becomes an
 * empty line between plain lines or a bare break next to a more-indented one.
 * Undefined for text this does not cover (control characters, blank runs at line ends, …).
 */
function foldedBlock(text: string, breaks: readonly number[]): { header: string; lines: string[] } | undefined {
  const clip = text.endsWith('\n');
  const body = clip ? text.slice(0, -1) : text;
  if (body === '' || /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(body)) return undefined;
  const realLines = body.split('\n');
  if (realLines.some((l) => l === '' || l.endsWith(' ')) || body.startsWith(' ')) return undefined;
  const breakSet = new Set(breaks);
  const out: string[] = [];
  let offset = 0;
  let folded = false;
  let previousPlain = false;
  for (const line of realLines) {
    const plain = !line.startsWith(' ');
    if (plain && previousPlain) out.push('');
    previousPlain = plain;
    let start = 0;
    if (plain) {
      for (let j = 1; j < line.length - 1; j++) {
        // Fold only at a single space between two non-blanks: YAML folds exactly that back.
        if (breakSet.has(offset + j) && line[j] === ' ' && line[j - 1] !== ' ' && line[j + 1] !== ' ') {
          out.push(line.slice(start, j));
          start = j + 1;
          folded = true;
        }
      }
    }
    out.push(line.slice(start));
    offset += line.length + 1;
  }
  if (!folded && realLines.length === 1) return undefined;
  return { header: clip ? '>' : '>-', lines: out };
}

/** Turns `key: value` lines into a sequence entry: `- ` before the first, two spaces before the rest. */
function asSequenceEntry(lines: readonly string[]): string[] {
  return lines.map((line, i) => (i === 0 ? `- ${line}` : line === '' ? '' : `  ${line}`));
}

function indent(lines: readonly string[], n: number): string[] {
  const pad = ' '.repeat(n);
  return lines.map((line) => (line === '' ? '' : `${pad}${line}`));
}
