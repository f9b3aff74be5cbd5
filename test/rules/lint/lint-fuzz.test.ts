import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMap, isSeq, parseDocument, stringify, type Document } from 'yaml';
import { lintRuleTexts, type Diagnostic } from '../../../lib/rules';
import { UPSTREAM_RULE_FILES } from '../../support/shared-dir';
import { mulberry32 as prng } from '../../support/prng';

/**
 * Seeded, bounded fuzzing: mutate rule files at the text level and at the item level and check
 * that the linter only ever returns well-formed diagnostics — never throws, never reports an
 * internal error, never hangs. The seed is fixed so a failure reproduces; the failing input is
 * printed by the assertion message.
 */
const SEED = 0x5eed_f41c;
const TEXT_CASES = 250;
const ITEM_CASES = 250;


const FIXTURES = path.join(__dirname, 'fixtures');
const fixtureTexts = fs
  .readdirSync(FIXTURES, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => fs.readFileSync(path.join(FIXTURES, f), 'utf8'));
const upstreamItems = fs.readFileSync(UPSTREAM_RULE_FILES[0] as string, 'utf8').split(/\n(?=- )/);

const NOISE = [':', '-', '[', ']', '{', '}', '(', ')', '"', "'", '#', '&', '*', '!', '|', '>', '%', '=', ',', ' ', '\n', '\t', 'and ', 'or ', 'not ', 'in ', '\\', '0', 'ü'];
const KEYS = ['rule', 'macro', 'list', 'condition', 'output', 'desc', 'priority', 'items', 'exceptions', 'override', 'append', 'enabled', 'tags', 'source', 'fields', 'comps', 'values', 'name', 'required_engine_version', 'required_plugin_versions', 'skip-if-unknown-filter'];

function mutateText(text: string, rnd: () => number): string {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  let t = text;
  const rounds = 1 + Math.floor(rnd() * 4);
  for (let i = 0; i < rounds; i++) {
    const at = Math.floor(rnd() * (t.length + 1));
    const lines = t.split('\n');
    switch (Math.floor(rnd() * 7)) {
      case 0:
        t = t.slice(0, at) + t.slice(at + 1 + Math.floor(rnd() * 20));
        break;
      case 1:
        t = t.slice(0, at) + pick(NOISE) + t.slice(at);
        break;
      case 2: {
        const l = Math.floor(rnd() * lines.length);
        lines.splice(l, 0, lines[l] ?? '');
        t = lines.join('\n');
        break;
      }
      case 3: {
        const a = Math.floor(rnd() * lines.length);
        const b = Math.floor(rnd() * lines.length);
        [lines[a], lines[b]] = [lines[b] ?? '', lines[a] ?? ''];
        t = lines.join('\n');
        break;
      }
      case 4: {
        const l = Math.floor(rnd() * lines.length);
        lines[l] = rnd() < 0.5 ? ` ${lines[l] ?? ''}` : (lines[l] ?? '').replace(/^ /, '');
        t = lines.join('\n');
        break;
      }
      case 5:
        t = t.slice(0, at);
        break;
      default:
        t = t.replace(pick(KEYS), pick(KEYS));
    }
  }
  return t;
}

function randomValue(rnd: () => number, depth = 0): unknown {
  const choice = Math.floor(rnd() * (depth > 1 ? 5 : 8));
  switch (choice) {
    case 0:
      return null;
    case 1:
      return Math.floor(rnd() * 2000) - 1000;
    case 2:
      return rnd() < 0.5;
    case 3:
      return ['evt.type = open', 'proc.name in (shells)', 'and not x', 'or (a', '%proc.name', 'append', 'replace', '0.99.0', ''][Math.floor(rnd() * 9)];
    case 4:
      return 'x'.repeat(Math.floor(rnd() * 5));
    case 5:
      return [randomValue(rnd, depth + 1), randomValue(rnd, depth + 1)];
    case 6:
      return { [KEYS[Math.floor(rnd() * KEYS.length)] as string]: randomValue(rnd, depth + 1) };
    default:
      return [[randomValue(rnd, depth + 2)]];
  }
}

/** Mutates the items of a parsed file: drop or retype keys, add keys, duplicate or rename items. */
function mutateItems(text: string, rnd: () => number): string {
  const doc: Document = parseDocument(text);
  const seq = doc.contents;
  if (doc.errors.length > 0 || !isSeq(seq) || seq.items.length === 0) return text;
  const rounds = 1 + Math.floor(rnd() * 4);
  for (let i = 0; i < rounds; i++) {
    const item = seq.items[Math.floor(rnd() * seq.items.length)];
    if (!isMap(item) || item.items.length === 0) continue;
    const pair = item.items[Math.floor(rnd() * item.items.length)];
    switch (Math.floor(rnd() * 5)) {
      case 0:
        item.items.splice(item.items.indexOf(pair as never), 1);
        break;
      case 1:
        if (pair !== undefined) pair.value = doc.createNode(randomValue(rnd));
        break;
      case 2:
        item.set(KEYS[Math.floor(rnd() * KEYS.length)], doc.createNode(randomValue(rnd)));
        break;
      case 3:
        seq.items.push(item.clone());
        break;
      default: {
        const other = seq.items[Math.floor(rnd() * seq.items.length)];
        if (isMap(other) && other.items[0] !== undefined && item.items[0] !== undefined) item.items[0].value = other.items[0].value;
      }
    }
  }
  return stringify(doc);
}

function expectWellFormed(diagnostics: Diagnostic[], files: { name: string; text: string }[]): void {
  const names = new Set(files.map((f) => f.name));
  for (const d of diagnostics) {
    const context = `${JSON.stringify(d)}\nfor input:\n${files.map((f) => `--- ${f.name}\n${f.text}`).join('\n')}`;
    expect(d.code, context).not.toBe('internal-error');
    expect(names.has(d.file), context).toBe(true);
    expect(Number.isInteger(d.line) && d.line >= 1, context).toBe(true);
    expect(Number.isInteger(d.column) && d.column >= 1, context).toBe(true);
    expect(['error', 'warning'], context).toContain(d.severity);
    expect(d.message.length, context).toBeGreaterThan(0);
  }
}

// No time limit per case here: timings belong in `npm run bench`; a pathological (non-terminating)
// case fails on vitest's test timeout.
function run(files: { name: string; text: string }[]): void {
  expectWellFormed(lintRuleTexts(files), files);
}

function sample(rnd: () => number): string {
  if (rnd() < 0.5) return fixtureTexts[Math.floor(rnd() * fixtureTexts.length)] as string;
  const start = Math.floor(rnd() * upstreamItems.length);
  return upstreamItems.slice(start, start + 1 + Math.floor(rnd() * 12)).join('\n');
}

describe('lint fuzzing (seeded, bounded)', () => {
  it(`survives ${TEXT_CASES} text mutations`, () => {
    const rnd = prng(SEED);
    for (let i = 0; i < TEXT_CASES; i++) {
      const files = [{ name: 'a.yaml', text: mutateText(sample(rnd), rnd) }];
      if (rnd() < 0.3) files.push({ name: 'b.yaml', text: mutateText(sample(rnd), rnd) });
      run(files);
    }
  });

  it(`survives ${ITEM_CASES} item mutations`, () => {
    const rnd = prng(SEED + 1);
    for (let i = 0; i < ITEM_CASES; i++) {
      run([{ name: 'base.yaml', text: sample(rnd) }, { name: 'local.yaml', text: mutateItems(sample(rnd), rnd) }]);
    }
  });

  it('survives deeply nested and very long conditions', () => {
    const deep = `${'('.repeat(3000)}evt.type = open${')'.repeat(3000)}`;
    const long = Array.from({ length: 3000 }, (_, i) => `proc.name = p${i}`).join(' or ');
    const rule = (name: string, condition: string): string =>
      `- rule: ${name}\n  desc: d\n  condition: ${JSON.stringify(condition)}\n  output: o\n  priority: INFO\n`;
    run([{ name: 'deep.yaml', text: rule('Deep', deep) + rule('Long', long) }]);
  });
});
