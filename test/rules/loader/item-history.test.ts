import { describe, expect, it } from 'vitest';
import { loadRuleTexts, MappedText, partPosition, type EffectiveRuleset, type ItemHistory } from '../../../lib/rules';

/**
 * Where each item came from is recorded while the files are read: its first definition and every
 * later redefinition, append, replace and enable, with file positions, never rewritten.
 */
const lines = (...ls: string[]): string => `${ls.join('\n')}\n`;
const rule = (rs: EffectiveRuleset, name: string) => rs.rules.find((r) => r.name === name)!;

/** A history as `kind file:line:col` strings, first definition first. */
function summary(history: ItemHistory): string[] {
  const at = (s: { file: string; start: { line: number; column: number } }) => `${s.file}:${s.start.line}:${s.start.column}`;
  return [`define ${at(history.firstDefinition)}`, ...history.amendments.map((a) => `${a.kind} ${at(a)}`)];
}

const BASE = lines(
  '- list: shells', // 1
  '  items: [bash]',
  '- macro: spawned', // 3
  '  condition: evt.type = execve',
  '- rule: Shell', // 5
  '  desc: a shell',
  '  condition: spawned and proc.name in (shells)',
  '  output: shell %proc.name',
  '  priority: WARNING',
);

describe('item history', () => {
  it('keeps the file of the first definition and lists an append from another file with its position', () => {
    // GIVEN a rule defined in base.yaml and appended to in local.yaml
    const local = lines('# local changes', '- rule: Shell', '  condition: and not proc.pname = sshd', '  override:', '    condition: append');
    // WHEN both are loaded in order
    const { ruleset, diagnostics } = loadRuleTexts([
      { name: 'base.yaml', text: BASE },
      { name: 'local.yaml', text: local },
    ]);
    // THEN the rule's first definition is in base.yaml and the append is listed with its span
    expect(diagnostics).toEqual([]);
    const r = rule(ruleset, 'Shell');
    expect(summary(r.history)).toEqual(['define base.yaml:5:3', 'append local.yaml:2:3']);
    expect(r.history.firstDefinition).toEqual({
      file: 'base.yaml',
      start: { line: 5, column: 3, offset: BASE.indexOf('rule: Shell') },
      end: { line: 10, column: 1, offset: BASE.length },
    });
    expect(r.history.amendments[0]).toMatchObject({ kind: 'append', file: 'local.yaml', start: { line: 2, column: 3, offset: local.indexOf('rule: Shell') } });
  });

  it('keeps the first definition through a redefinition, and lists it, while `defined` follows Falco', () => {
    const local = lines(
      '- rule: Shell', // 1
      '  condition: and proc.tty != 0',
      '  override: { condition: append }',
      '- rule: Shell', // 4
      '  desc: a shell, redefined',
      '  condition: spawned',
      '  output: shell %proc.name',
      '  priority: ERROR',
      '- rule: Shell', // 9
      '  enabled: false',
      '- rule: Shell', // 11
      '  priority: INFO',
      '  override: { priority: replace }',
      '- list: shells', // 14
      '  items: [zsh]',
      '  override: { items: replace }',
    );
    const { ruleset } = loadRuleTexts([
      { name: 'base.yaml', text: BASE },
      { name: 'local.yaml', text: local },
    ]);
    const r = rule(ruleset, 'Shell');
    expect(summary(r.history)).toEqual(['define base.yaml:5:3', 'append local.yaml:1:3', 'redefine local.yaml:4:3', 'enable local.yaml:9:3', 'replace local.yaml:11:3']);
    // Falco's own view: the redefinition took over the rule's context, later changes follow it.
    expect(r.defined).toEqual({ file: 'local.yaml', line: 4, column: 3 });
    expect(r.contributions).toEqual([
      { file: 'local.yaml', line: 9, column: 3 },
      { file: 'local.yaml', line: 11, column: 3 },
    ]);
    // `override: { items: replace }` of a list is a definition to Falco's collector.
    expect(summary(ruleset.lists[0]!.history)).toEqual(['define base.yaml:1:3', 'redefine local.yaml:14:3']);
  });

  it('records items written with any layout: the type key after another key, a flow mapping, a quoted name', () => {
    const first = lines(
      '- desc: type key second',
      '  rule: Second key',
      '  condition: evt.type = open',
      '  output: o',
      '  priority: INFO',
      '- {macro: flow, condition: evt.type = close}',
      "- rule: 'Quoted: name'",
      '  desc: d',
      '  condition: flow',
      '  output: o',
      '  priority: INFO',
    );
    const second = lines('- rule: Second key', '  condition: and proc.name = a', '  override:', '    condition: append');
    const { ruleset, diagnostics } = loadRuleTexts([
      { name: 'first.yaml', text: first },
      { name: 'second.yaml', text: second },
    ]);
    expect(diagnostics).toEqual([]);
    expect(summary(rule(ruleset, 'Second key').history)).toEqual(['define first.yaml:1:3', 'append second.yaml:1:3']);
    expect(summary(ruleset.macros[0]!.history)).toEqual(['define first.yaml:6:3']);
    expect(summary(rule(ruleset, 'Quoted: name').history)).toEqual(['define first.yaml:7:3']);
  });
});

describe('condition parts keep their source map', () => {
  const text = lines(
    '- macro: m', // 1
    '  condition: >-', // 2
    '    evt.type = open and', // 3
    '      proc.name in (a, b)', // 4
    '    and fd.name = x', // 5
  );
  const m = loadRuleTexts([{ name: 'm.yaml', text }]).ruleset.macros[0]!;
  const part = m.conditionParts[0];

  it('places every character of a folded multi-line scalar in the file', () => {
    const at = (needle: string) => {
      const p = partPosition(part, part.text.indexOf(needle));
      return [p.line, p.column, text.slice(p.offset, p.offset + needle.length)];
    };
    expect(part.text).toBe('evt.type = open and\n  proc.name in (a, b)\nand fd.name = x');
    expect(at('evt.type')).toEqual([3, 5, 'evt.type']);
    expect(at('proc.name')).toEqual([4, 7, 'proc.name']);
    expect(at('fd.name')).toEqual([5, 9, 'fd.name']);
    // One run per line at least: the map is data, a handful of numbers per line.
    expect(new Set(part.segments.map((s) => s.line))).toEqual(new Set([3, 4, 5]));
    expect(part.segments.at(-1)).toEqual({ index: 42, line: 5, column: 5, offset: text.indexOf('and fd.name') });
  });

  it('records where YAML folded a line break into a space', () => {
    const plain = loadRuleTexts([{ name: 'p.yaml', text: lines('- macro: p', '  condition: a and', '    b or', '    c') }]).ruleset.macros[0]!;
    expect(plain.condition).toBe('a and b or c');
    expect(plain.conditionParts[0].lineBreaks).toEqual([5, 10]);
  });

  it('maps a composed condition back to each part, across files', () => {
    const local = lines('- macro: m', '  condition: or', '    proc.pname = init', '  override:', '    condition: append');
    const { ruleset } = loadRuleTexts([
      { name: 'm.yaml', text },
      { name: 'local.yaml', text: local },
    ]);
    const macro = ruleset.macros[0]!;
    const mapped = new MappedText(macro.conditionParts);
    expect(mapped.locate(macro.condition.indexOf('proc.pname'))).toEqual({ file: 'local.yaml', line: 3, column: 5 });
    expect(mapped.locate(macro.condition.indexOf('fd.name'))).toEqual({ file: 'm.yaml', line: 5, column: 9 });
  });
});
