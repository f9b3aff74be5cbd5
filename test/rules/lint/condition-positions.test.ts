import { describe, expect, it } from 'vitest';
import { formatDiagnostic, lintRuleTexts } from '../../../lib/rules';

/**
 * A field typo (`proc.nmae`) placed on the second line of a condition written in each YAML scalar
 * style: the diagnostic must point at the exact file line:column of the typo.
 */
function lintCondition(conditionYaml: string): string[] {
  const text = ['- rule: Positions', '  desc: d', '  output: o', '  priority: INFO', conditionYaml].join('\n');
  return lintRuleTexts([{ name: 'p.yaml', text }]).map(formatDiagnostic);
}

const typo = (line: number, column: number): string =>
  `p.yaml:${line}:${column}: error: rule 'Positions': unknown field 'proc.nmae' for source 'syscall'; did you mean 'proc.name'? [unknown-field]`;

describe('condition positions map to the file', () => {
  it('in a multi-line plain scalar', () => {
    expect(lintCondition('  condition: evt.type = open\n    and proc.nmae = cat')).toEqual([typo(6, 9)]);
  });

  it('in a folded block scalar', () => {
    expect(lintCondition('  condition: >\n    evt.type = open and\n      proc.nmae = cat')).toEqual([typo(7, 7)]);
  });

  it('in a literal block scalar with an explicit indentation indicator', () => {
    expect(lintCondition('  condition: |2\n      evt.type = open\n      and proc.nmae = cat')).toEqual([typo(7, 11)]);
  });

  it('in a double-quoted scalar with an escape before the typo', () => {
    expect(lintCondition('  condition: "fd.name = \\"/tmp\\" and\n    proc.nmae = cat"')).toEqual([typo(6, 5)]);
  });

  it("in a single-quoted scalar with a '' escape before the typo", () => {
    expect(lintCondition("  condition: 'fd.name = ''x'' and proc.nmae = cat'")).toEqual([typo(5, 35)]);
  });

  it('in the appended part of a condition from another file', () => {
    const base = ['- rule: Positions', '  desc: d', '  condition: evt.type = open', '  output: o', '  priority: INFO'].join('\n');
    const local = ['- rule: Positions', '  condition: >-', '    and', '    proc.nmae = cat', '  override:', '    condition: append'].join('\n');
    const lines = lintRuleTexts([
      { name: 'base.yaml', text: base },
      { name: 'local.yaml', text: local },
    ]).map(formatDiagnostic);
    expect(lines).toEqual([
      "local.yaml:4:5: error: rule 'Positions': unknown field 'proc.nmae' for source 'syscall'; did you mean 'proc.name'? [unknown-field]",
    ]);
  });

  it('places a syntax error inside an appended condition at the appended text, with the opening bracket as data', () => {
    // GIVEN a list opened in base.yaml and an appended part in local.yaml that never closes it
    const base = ['- rule: Positions', '  desc: d', '  condition: evt.type in (open, openat', '  output: o', '  priority: INFO'].join('\n');
    const local = ['- rule: Positions', '  condition: and', '    proc.name = cat', '  override:', '    condition: append'].join('\n');
    // WHEN both are linted in order
    const diagnostics = lintRuleTexts([
      { name: 'base.yaml', text: base },
      { name: 'local.yaml', text: local },
    ]).filter((d) => d.code === 'condition-syntax');
    // THEN the error is at the appended 'and' in local.yaml, and the list's '(' is named in base.yaml
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      "local.yaml:2:14: error: rule 'Positions': invalid condition: expected ',' or ')' (closing the list '(' at base.yaml:3:26) but found 'and' [condition-syntax]",
    ]);
    expect(diagnostics[0]?.related).toEqual([{ file: 'base.yaml', line: 3, column: 26, message: "the list '(' opened here" }]);
  });
});
