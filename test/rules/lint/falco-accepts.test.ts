import { describe, expect, it } from 'vitest';
import { formatDiagnostic, lintRuleTexts } from '../../../lib/rules';

/**
 * Files Falco 0.44 loads: the linter may warn, but must not report an error (an error blocks
 * synth; docs/decisions/006-lint-error-means-falco-refuses.md).
 */
const lines = (...ls: string[]): string => `${ls.join('\n')}\n`;
const errors = (name: string, text: string): string[] =>
  lintRuleTexts([{ name, text }])
    .filter((d) => d.severity === 'error')
    .map(formatDiagnostic);

const rule = (condition: string): string =>
  lines('- rule: R', '  desc: d', `  condition: ${condition}`, '  output: ran %proc.name', '  priority: INFO');

describe('valid files Falco loads', () => {
  it('accepts a file saved with a UTF-8 byte-order mark', () => {
    expect(errors('bom.yaml', `\uFEFF${rule('evt.type = execve and proc.name = bash')}`)).toEqual([]);
  });

  it("accepts a bare word after 'in' that is no list: Falco compares against the literal word", () => {
    // libs parser.cpp parse_list_value_or_transformer: an identifier after a list operator is a
    // value_expr; filter.cpp compiles it as a one-value set.
    const diagnostics = lintRuleTexts([{ name: 'in.yaml', text: rule('evt.type = execve and proc.name in bash') }]);
    expect(diagnostics.map((d) => `${d.line}:${d.column}: ${d.severity} [${d.code}]`)).toEqual(['3:49: warning [undefined-list]']);
  });
});
