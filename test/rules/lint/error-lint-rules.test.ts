import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_LINT_RULES, LINT_RULES, lintRuleTexts } from '../../../lib/rules/lint';
import { UPSTREAM_RULE_FILES } from '../../support/shared-dir';

// Synth lints the scoped files it generates with ERROR_LINT_RULES only: that is exact only while a
// rule declared 'warning' never reports an error. Checked on every fixture of the linter's tests.
const FIXTURE_DIRS = ['lint/fixtures', 'compile-stage/fixtures'].map((dir) => path.join(__dirname, '..', dir));
const FIXTURES = FIXTURE_DIRS.flatMap((dir) => fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => path.join(dir, f)));

describe('ERROR_LINT_RULES', () => {
  const warningOnly = new Set(LINT_RULES.filter((rule) => rule.severity !== 'error').map((rule) => rule.id));

  it('leaves out exactly the rules declared as warnings', () => {
    expect(warningOnly.size).toBeGreaterThan(0);
    expect(ERROR_LINT_RULES.map((rule) => rule.id)).toEqual(LINT_RULES.map((rule) => rule.id).filter((id) => !warningOnly.has(id)));
  });

  it('reports the same errors as all rules, and the rules left out report only warnings, on every fixture and the upstream files', () => {
    expect(FIXTURES.length).toBeGreaterThan(50);
    const inputs = [...FIXTURES.map((file) => [file]), UPSTREAM_RULE_FILES];
    let errors = 0;
    for (const files of inputs) {
      const texts = files.map((file) => ({ name: path.basename(file), text: fs.readFileSync(file, 'utf8') }));
      const all = lintRuleTexts(texts);
      expect(all.filter((d) => warningOnly.has(d.code) && d.severity === 'error'), files.join(' ')).toEqual([]);
      const allErrors = all.filter((d) => d.severity === 'error');
      errors += allErrors.length;
      expect(lintRuleTexts(texts, ERROR_LINT_RULES).filter((d) => d.severity === 'error'), files.join(' ')).toEqual(allErrors);
    }
    expect(errors).toBeGreaterThan(50);
  });
});
