import { describe, expect, it } from 'vitest';
import { formatDiagnostic, lintRuleTexts, loadRuleTexts, scopeRuleFiles, type RuleText } from '../../lib/rules';

/**
 * A file saved with a byte-order mark, or with Windows line ends, means what the same file means
 * without them (yaml-cpp skips the mark and reads `\r\n` as a line break): the linter reports the
 * same positions, as editors count them, and the scope step writes the same flat files.
 */
const BASE = [
  '- macro: spawned',
  '  condition: evt.type = execve',
  '- rule: Shell',
  '  desc: a shell',
  '  condition: >-',
  '    spawned and',
  '    proc.name in (bash, zsh)',
  '  output: shell %proc.name',
  '  priority: WARNING',
  '',
].join('\n');
const LOCAL = [
  '- rule: Shell',
  '  condition: and not',
  '    proc.pnmae = sshd',
  '  override:',
  '    condition: append',
  '',
].join('\n');

const crlf = (text: string): string => text.replace(/\n/g, '\r\n');
const bom = (text: string): string => `\uFEFF${text}`;
const variants: Record<string, (text: string) => string> = { lf: (t) => t, crlf, bom, 'bom+crlf': (t) => bom(crlf(t)) };
const inputs = (encode: (text: string) => string): RuleText[] => [
  { name: 'base.yaml', text: encode(BASE) },
  { name: 'local.yaml', text: encode(LOCAL) },
];
/** The flat files without the header lines that name the inputs' hashes. */
const scoped = (files: RuleText[]): string[] =>
  scopeRuleFiles(
    files.map((f) => ({ ...f, text: f.text.replace('proc.pnmae', 'proc.pname') })),
    { namespaces: ['prod'], field: 'k8smeta.ns.name' },
  ).files.map((f) => f.text.replace(/sha256:[0-9a-f]{64}/g, 'sha256:…'));

describe('a byte-order mark and Windows line ends', () => {
  for (const [name, encode] of Object.entries(variants)) {
    it(`${name}: the linter reports the same positions`, () => {
      // GIVEN a typo in the appended part of a condition, WHEN linted, THEN it is at local.yaml:3:5
      expect(lintRuleTexts(inputs(encode)).map(formatDiagnostic)).toEqual([
        "local.yaml:3:5: error: rule 'Shell': unknown field 'proc.pnmae' for source 'syscall'; did you mean 'proc.pname'? [unknown-field]",
      ]);
    });

    it(`${name}: the scope step writes the same flat files, breaking the condition where the source did`, () => {
      const files = scoped(inputs(encode));
      expect(files).toEqual(scoped(inputs(variants.lf!)));
      expect(files[0]).toContain(
        ['  condition: >-', '    (spawned and', '    proc.name in (bash, zsh)', '    and not', '    proc.pname = sshd)', '    and falco_gitops_scope'].join('\n'),
      );
    });

    it(`${name}: positions are the same offsets into the text without the mark`, () => {
      const { ruleset } = loadRuleTexts(inputs(encode));
      const rule = ruleset.rules[0]!;
      expect(rule.history.firstDefinition.start).toEqual({ line: 3, column: 3, offset: encode(BASE).replace(/^\uFEFF/, '').indexOf('rule: Shell') });
      expect(rule.conditionParts.map((p) => [p.at.file, p.at.line, p.at.column])).toEqual([
        ['base.yaml', 6, 5],
        ['local.yaml', 2, 14],
      ]);
    });
  }
});
