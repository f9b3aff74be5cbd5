import { describe, expect, it } from 'vitest';
import { formatDiagnostic, lintRuleTexts } from '../../../lib/rules';
import { YAML_MAX_DEPTH } from '../../../lib/rules/parse-rules-yaml';

/**
 * A YAML syntax error is reported where the mistake is, on a line of the file, the same on every
 * run: the `yaml` package reports some of them where it noticed them (the end of the file, the
 * next item), and a deeply nested file used to overflow the JavaScript stack at a depth that
 * varied from run to run.
 */
function lint(text: string): string[] {
  return lintRuleTexts([{ name: 'y.yaml', text }]).map(formatDiagnostic);
}

const syntax = (line: number, column: number, detail: string): string =>
  `y.yaml:${line}:${column}: error: invalid YAML: ${detail}; fix the syntax so the file parses [yaml-syntax]`;

describe('YAML syntax error positions', () => {
  it('an unterminated double quote: at the quote (4:11), not past the end of the file (6:1)', () => {
    const text = '- rule: A\n  desc: d\n  condition: proc.name = x\n  output: "abc\n  priority: WARNING\n';
    expect(lint(text)).toEqual([syntax(4, 11, 'Missing closing "quote')]);
  });

  it('an unterminated single quote followed by blank lines: at the quote', () => {
    expect(lint("- rule: A\n  output: 'abc\n  priority: WARNING\n\n\n")).toEqual([syntax(2, 11, "Missing closing 'quote")]);
  });

  it('an unclosed bracket: at the bracket, not at the next item', () => {
    expect(lint('- list: l\n  items: [a, b\n- macro: m\n  condition: x\n')).toEqual([
      syntax(2, 10, 'Flow sequence in block collection must be sufficiently indented and end with a ]'),
    ]);
    expect(lint('- list: l\n  items: [a, [b]\n\n- macro: m\n')).toEqual([
      syntax(2, 10, 'Flow sequence in block collection must be sufficiently indented and end with a ]'),
    ]);
  });

  it('a key indented too far: on its own line, not on the line above', () => {
    expect(lint('- rule: A\n  desc: d\n   condition: x\n  output: o\n')).toEqual([
      syntax(3, 4, 'Nested mappings are not allowed in compact mappings'),
    ]);
  });

  it('an error at the very end of a file: on its last line', () => {
    expect(lint('- list: l\n  items: "a\n')).toEqual([syntax(2, 10, 'Missing closing "quote')]);
  });
});

describe('YAML nesting (yaml-cpp refuses a node at depth 500)', () => {
  const nested = (levels: number): string => `- list: l\n  items: ${'['.repeat(levels)}${']'.repeat(levels)}\n`;
  const tooDeep = `a node nested ${YAML_MAX_DEPTH} levels deep, which Falco's YAML parser (yaml-cpp) refuses`;

  it('10,000 levels: one error at the first node too deep, the same every time', () => {
    // The document's sequence is depth 1, the item's map 2, `items` 3: bracket n is at depth n + 2.
    const expected = [syntax(2, 9 + YAML_MAX_DEPTH - 2, tooDeep)];
    for (let run = 0; run < 2; run++) expect(lint(nested(10_000))).toEqual(expected);
  });

  it('refuses depth 500 and accepts 499, as yaml-cpp does', () => {
    expect(lint(nested(YAML_MAX_DEPTH - 2))).toEqual([syntax(2, 9 + YAML_MAX_DEPTH - 2, tooDeep)]);
    expect(lint(nested(YAML_MAX_DEPTH - 3)).join('\n')).not.toContain('[yaml-syntax]');
  });

  it('counts block nesting too', () => {
    const lines = ['- list: l', '  items:'];
    for (let i = 0; i < 600; i++) lines.push(`${' '.repeat(4 + i * 2)}- `);
    const out = lint(`${lines.join('\n')}x\n`);
    expect(out).toHaveLength(1);
    expect(out[0]).toContain(tooDeep);
  });
});
