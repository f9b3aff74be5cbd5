import { describe, expect, it } from 'vitest';
import { ConditionSyntaxError, formatDiagnostic, loadRuleTexts, parseCondition } from '../../../lib/rules';

/**
 * Inputs Falco 0.44 loads in a specific way that the loader once disagreed with. Each expectation
 * cites the upstream code it follows.
 */
const lines = (...ls: string[]): string => `${ls.join('\n')}\n`;

describe('a UTF-8 byte-order mark', () => {
  const body = lines('- list: shells', '  items: [bash, zsh]', '- macro: opens', '  condition: evt.type = open and proc.name in (shells)');

  it('is skipped as yaml-cpp skips it, so the file loads', () => {
    // GIVEN a valid rules file saved with a BOM (as some Windows editors do)
    // WHEN it is loaded
    const { ruleset, diagnostics } = loadRuleTexts([{ name: 'bom.yaml', text: `\uFEFF${body}` }]);
    // THEN it loads exactly as without the BOM (yaml-cpp stream.cpp detects and drops the BOM)
    expect(diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(ruleset.lists.map((l) => [l.name, l.items])).toEqual([['shells', ['bash', 'zsh']]]);
    expect(ruleset.macros.map((m) => m.condition)).toEqual(['evt.type = open and proc.name in (shells)']);
  });

  it('does not shift columns on the first line', () => {
    const { ruleset } = loadRuleTexts([{ name: 'bom.yaml', text: `\uFEFF${body}` }]);
    expect(ruleset.lists[0]?.defined).toEqual({ file: 'bom.yaml', line: 1, column: 3 });
  });
});

describe("override: { exceptions: replace }", () => {
  const base = lines(
    '- rule: R',
    '  desc: d',
    '  condition: evt.type = open',
    '  output: o',
    '  priority: INFO',
    '  exceptions:',
    '    - name: procs',
    '      fields: proc.name',
    '      values: [cat]',
  );

  it('reads the exceptions as a definition does: no "without values" warning', () => {
    // falcosecurity/falco rule_loader_reader.cpp reads replaced exceptions with
    // read_rule_exceptions(cfg, item, v.exceptions, ctx, false): LOAD_APPEND_NO_VALUES is only
    // emitted for appends.
    const replace = lines('- rule: R', '  override:', '    exceptions: replace', '  exceptions:', '    - name: procs', '      fields: proc.name');
    const { ruleset, diagnostics } = loadRuleTexts([
      { name: 'base.yaml', text: base },
      { name: 'local.yaml', text: replace },
    ]);
    expect(diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(ruleset.rules[0]?.exceptions).toMatchObject([{ name: 'procs', fields: 'proc.name', comps: 'in', values: [] }]);
  });

  it('still warns when an appended exception has no values', () => {
    const append = lines('- rule: R', '  override:', '    exceptions: append', '  exceptions:', '    - name: procs');
    const { diagnostics } = loadRuleTexts([
      { name: 'base.yaml', text: base },
      { name: 'local.yaml', text: append },
    ]);
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.column}:${d.code}`)).toEqual(['local.yaml:5:7:exception-no-values']);
  });
});

describe('a no-break space (U+00A0) in a list or macro name', () => {
  // falcosecurity/falco@0.44.1:userspace/engine/rule_loader_reader.cpp:44-45 checks names with
  // libs' RGX_BARESTR and RGX_IDENTIFIER under RE2 POSIX, whose [:space:] is ASCII only
  // (falcosecurity/libs@0.25.4:userspace/libsinsp/filter/parser.cpp:30,35): a no-break space is
  // an ordinary character of a list name, and not a letter of a macro name.
  const nbsp = '\u00A0';

  it('is accepted in a list name by the loader and read as part of one bare string by the parser', () => {
    const list = `my${nbsp}shells`;
    const { diagnostics } = loadRuleTexts([{ name: 'l.yaml', text: lines(`- list: ${list}`, '  items: [bash]') }]);
    expect(diagnostics.map(formatDiagnostic)).toEqual([]);
    const check = parseCondition(`proc.name in (${list}, zsh)`);
    expect(check).toMatchObject({ type: 'binary_check', right: { type: 'list', values: [list, 'zsh'] } });
  });

  it('makes a macro name invalid for the loader and for the parser alike', () => {
    const macro = `my${nbsp}macro`;
    const { diagnostics } = loadRuleTexts([{ name: 'm.yaml', text: lines(`- macro: ${macro}`, '  condition: evt.type = open') }]);
    expect(diagnostics.map((d) => d.code)).toEqual(['invalid-name']);
    expect(() => parseCondition(`evt.type = open and ${macro}`)).toThrow(ConditionSyntaxError);
  });
});
