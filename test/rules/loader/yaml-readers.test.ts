import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readYaml, readYamlSubset, readYamlWithLibrary, type YamlNode } from '../../../lib/rules/loader';
import { mulberry32 } from '../../support/prng';
import { REPO_ROOT, SHARED_DIR } from '../../support/shared-dir';

// The fast subset reader must give exactly the nodes the `yaml` package gives (kind, scalar style,
// text, null-ness, start and value end), or step aside (undefined). It must never accept a text
// the `yaml` package refuses: syntax errors are worded by that package alone.

type Shape = null | { k: string; r: readonly number[]; s?: string; t?: string; z?: boolean; i?: Shape[] | [Shape, Shape][] };

function shape(node: YamlNode): Shape {
  if (node === null) return null;
  const r = node.range.slice(0, 2);
  if (node.kind === 'scalar') return { k: 's', r, s: node.style, t: node.text, z: node.isNull };
  if (node.kind === 'seq') return { k: 'q', r, i: node.items.map(shape) };
  return { k: 'm', r, i: node.items.map((p): [Shape, Shape] => [shape(p.key), shape(p.value)]) };
}

/** Documents without the empty ones, whose count the two readers need not agree on. */
const shapes = (docs: readonly YamlNode[]): Shape[] => docs.filter((d) => d !== null).map(shape);

/** 'same', 'outside' (the subset reader stepped aside), or a thrown assertion. */
function compare(text: string, what: string): 'same' | 'outside' {
  const fast = readYamlSubset(text);
  if (fast === undefined) return 'outside';
  const library = readYamlWithLibrary(text);
  if (!library.ok) throw new Error(`${what}: the subset reader accepted a text the yaml package refuses (${library.message})\n${text}`);
  expect(shapes(fast), `${what}\n${text}`).toEqual(shapes(library.documents));
  return 'same';
}

function yamlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => path.join(dir, f))
    .filter((f) => fs.statSync(f).isFile());
}

const UPSTREAM = [
  ...yamlFiles(path.join(SHARED_DIR, 'upstream', 'falco-rules')),
  ...yamlFiles(path.join(SHARED_DIR, 'upstream', 'falco-plugins')),
];

describe('the YAML subset reader', () => {
  it('reads every upstream rules file itself, with the nodes the yaml package gives', () => {
    const rules = UPSTREAM.filter((f) => f.endsWith('_rules.yaml'));
    expect(rules.length).toBe(4);
    for (const file of rules) expect(compare(fs.readFileSync(file, 'utf8'), file), file).toBe('same');
  });

  it('agrees with the yaml package on every YAML file of the tests and the repository', () => {
    const files = [...UPSTREAM, ...yamlFiles(path.join(REPO_ROOT, 'test'))];
    expect(files.length).toBeGreaterThan(100);
    const results = files.map((f) => compare(fs.readFileSync(f, 'utf8').replace(/^\uFEFF/, ''), f));
    expect(results.filter((r) => r === 'same').length).toBeGreaterThan(files.length * 0.8);
  });

  it.each([
    ['an alias', '- list: a\n  items: &x [a]\n- list: b\n  items: *x\n'],
    ['a tag', '- list: a\n  items: !!seq [a]\n'],
    ['a tab', '- list: a\n  items:\t[a]\n'],
    ['CR line breaks', '- list: a\r\n  items: [a]\r\n'],
    ['an explicit indentation indicator', '- macro: m\n  condition: |2\n    a\n'],
    ['a complex key', '- ? list\n  : a\n'],
    ['a directive', '%YAML 1.2\n---\n- list: a\n'],
    ['a lone surrogate', '- list: a\n  items: [\ud83d]\n'],
  ])('steps aside for %s, and the yaml package reads it', (_what, text) => {
    expect(readYamlSubset(text)).toBeUndefined();
    expect(readYaml(text).ok).toBe(true);
  });

  it.each([
    ['an unterminated quote', '- rule: "r\n  desc: d\n'],
    ['a bad indentation', '- list: a\n   items: [a]\n  x: y\n'],
    ['a mapping in a plain scalar', '- macro: m\n  condition: a: b\n'],
    ['an unclosed flow sequence', '- list: a\n  items: [a, b\n'],
    ['a flow line not indented enough', '- list: a\n  items: [\n  a]\n'],
    ['a comment without a space', '- list: a\n  items: [a]#c\n'],
  ])('never accepts %s: the error is the yaml package’s', (_what, text) => {
    expect(readYamlSubset(text)).toBeUndefined();
    const result = readYaml(text);
    expect(result.ok).toBe(false);
    expect(result).toEqual(readYamlWithLibrary(text));
  });

  it('reads a surrogate pair (an emoji) itself, with the node the yaml package gives', () => {
    const text = '- list: a\n  items: [\ud83d\ude00]\n';
    expect(readYamlSubset(text)).toBeDefined();
    expect(compare(text, 'an emoji')).toBe('same');
  });

  it('follows an alias to the very node it names (no copy), as yaml-cpp expands it', () => {
    const result = readYaml('- list: a\n  items: &x [p, q]\n- list: b\n  items: *x\n');
    if (!result.ok) throw new Error(result.message);
    const [doc] = result.documents;
    if (doc?.kind !== 'seq') throw new Error('not a sequence');
    const items = doc.items.map((m) => (m?.kind === 'map' ? m.items[1]?.value : undefined));
    expect(items[0]).toBe(items[1]);
  });

  it('agrees with the yaml package on generated rules files (or steps aside), and reads most of them', () => {
    let same = 0;
    const runs = 400;
    for (let seed = 1; seed <= runs; seed++) {
      const text = generateRulesFile(mulberry32(seed));
      if (compare(text, `seed ${seed}`) === 'same') same++;
    }
    expect(same).toBeGreaterThan(runs * 0.5);
  });

  it('never accepts a mutated upstream excerpt that the yaml package refuses or reads otherwise', () => {
    const lines = fs.readFileSync(UPSTREAM.find((f) => f.endsWith('falco_rules.yaml')) ?? '', 'utf8').split('\n');
    const random = mulberry32(7);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
    const noise = [' ', '  ', '-', ':', '#', '"', "'", '[', ']', '{', '}', ',', '|', '>', '\n', 'a', '\\', '&', '*', '?', '~', '%'];
    let same = 0;
    for (let run = 0; run < 400; run++) {
      const start = Math.floor(random() * (lines.length - 40));
      const window = lines.slice(start, start + 5 + Math.floor(random() * 30));
      for (let m = 0; m < 1 + Math.floor(random() * 3); m++) {
        const i = Math.floor(random() * window.length);
        const line = window[i] ?? '';
        const at = Math.floor(random() * (line.length + 1));
        const kind = random();
        if (kind < 0.4) window[i] = line.slice(0, at) + pick(noise) + line.slice(at);
        else if (kind < 0.7) window[i] = line.slice(0, at) + line.slice(at + 1);
        else if (kind < 0.85) window.splice(i, 0, line);
        else window[i] = line.replace(/^ */, (s) => ' '.repeat(Math.max(0, s.length + Math.floor(random() * 5) - 2)));
      }
      if (compare(window.join('\n'), `mutation run ${run}`) === 'same') same++;
    }
    expect(same).toBeGreaterThan(60);
  });
});

// ---- a generator of rules-file-like YAML ------------------------------------------------------

function generateRulesFile(random: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const words = ['a', 'proc.name', 'spawned_process', '(x)', 'and', 'not', 'in', '-x', 'a:b', '~', 'null', 'true', '1194', '0x1f', 'é', 'x"y', "o'k", '%{a}', '/etc/*', 'k=v', '?q', '!', 'a#b', '[a]'];
  // Mostly a word that may start a plain scalar first; sometimes one that may not (the reader must step aside).
  const safe = words.filter((w) => /^[a-z(/0é~]/.test(w));
  const phrase = (n: number): string => Array.from({ length: n }, (_, i) => pick(i === 0 && random() < 0.9 ? safe : words)).join(' ');
  const out: string[] = [];
  const scalar = (indent: number, inSeq: boolean): string[] => {
    const pad = ' '.repeat(indent + 2);
    const style = random();
    if (style < 0.25) return [phrase(1 + Math.floor(random() * 4))];
    if (style < 0.35) return [phrase(2), ...Array.from({ length: 1 + Math.floor(random() * 2) }, () => (random() < 0.2 ? '' : pad + phrase(2)))];
    if (style < 0.5) {
      const esc = ['\\n', '\\"', '\\\\', '\\t', '\\x41', '\\u00e9', '\\/', '\\ ', "'", '#'];
      const body = Array.from({ length: 1 + Math.floor(random() * 4) }, () => (random() < 0.3 ? pick(esc) : phrase(1).replace(/"/g, '\\"'))).join(random() < 0.3 ? '' : ' ');
      if (random() < 0.3) return [`"${body}`, `${pad}${phrase(1)}"`];
      return [`"${body}"`];
    }
    if (style < 0.6) {
      const body = phrase(2).replace(/'/g, "''");
      return random() < 0.3 ? [`'${body}`, '', `${pad}more'`] : [`'${body}'`];
    }
    if (style < 0.8) {
      const header = pick(['|', '>', '|-', '>-', '|+', '>+']) + (random() < 0.2 ? ' # c' : '');
      const lines = Array.from({ length: 1 + Math.floor(random() * 5) }, () => {
        const r = random();
        if (r < 0.15) return '';
        if (r < 0.3) return `${pad}  ${phrase(2)}`;
        return `${pad}${phrase(3)}`;
      });
      if (lines.every((l) => l.length === 0)) lines.push(`${pad}x`);
      if (random() < 0.3) lines.push('');
      return [header, ...lines];
    }
    if (style < 0.93) {
      const item = (): string => pick([phrase(1).replace(/[[\],{}#]/g, ''), '"q,x"', "'s'", '[a, b]', 'p-q']) || 'z';
      const items = Array.from({ length: Math.floor(random() * 5) }, item);
      if (random() < 0.5) return [`[${items.join(', ')}${random() < 0.2 ? ',' : ''}]`];
      return ['[', ...items.map((i, n) => `${pad}${i}${n < items.length - 1 ? ',' : ''}${random() < 0.1 ? ' # c' : ''}`), `${' '.repeat(indent + (random() < 0.5 ? 0 : 2))}]`];
    }
    if (style < 0.97) return [`{ name: ${pick(['a', '"b c"', "'d'"])}, value: ${pick(['x', '"y"', '[1, 2]'])} }`];
    return inSeq ? [''] : [''];
  };
  const keys = ['rule', 'macro', 'list', 'condition', 'output', 'desc', 'priority', 'items', 'tags', 'exceptions', 'enabled', '"quoted key"', "'single'"];
  if (random() < 0.2) out.push('# a comment', '');
  if (random() < 0.1) out.push('---');
  const items = 1 + Math.floor(random() * 5);
  for (let i = 0; i < items; i++) {
    const keyCount = 1 + Math.floor(random() * 4);
    for (let k = 0; k < keyCount; k++) {
      const lead = k === 0 ? '- ' : '  ';
      const key = pick(keys);
      if (random() < 0.15) {
        // A nested block sequence or mapping.
        out.push(`${lead}${key}:`);
        const compact = random() < 0.3;
        const base = compact ? '  ' : '    ';
        for (let j = 0; j < 1 + Math.floor(random() * 3); j++) {
          if (random() < 0.5) out.push(`${base}- ${scalar(4, true)[0] || 'v'}`);
          else out.push(`${base}- name: ${phrase(1).replace(/[:#]/g, '')}`, `${base}  fields: [a, b]`);
        }
        continue;
      }
      const [first = '', ...rest] = scalar(2, false);
      out.push(`${lead}${key}:${first === '' ? '' : ' ' + first}`, ...rest);
      if (random() < 0.1) out.push(random() < 0.5 ? '' : '  # between keys');
    }
    if (random() < 0.3) out.push('');
  }
  return out.join('\n') + (random() < 0.9 ? '\n' : '');
}
