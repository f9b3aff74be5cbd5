import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { lintRuleTexts } from '../../../lib/rules/lint';
import { scopeRuleFiles, type ScopeOptions } from '../../../lib/rules/scope';
import { assertFlat, assertSameRulesetExceptScope, scopedCondition, type RuleText } from './scope-helpers';

/**
 * One directory per case under fixtures/: `case.yaml` (what it shows, the inputs in load order,
 * the options, which rules must come out scoped and which not, and why), the input files, and
 * `expected.yaml`, the whole output (the files joined as `falco-gitops scope` prints them).
 */
const FIXTURES = path.join(__dirname, 'fixtures');

interface Case {
  readonly inputs: string[];
  readonly options: ScopeOptions;
  readonly scoped: string[];
  readonly unscoped: { name: string; reason: string }[];
}

const cases = fs
  .readdirSync(FIXTURES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe.each(cases)('scope fixture %s', (name) => {
  const dir = path.join(FIXTURES, name);
  const spec = parseYaml(fs.readFileSync(path.join(dir, 'case.yaml'), 'utf8')) as Case;
  const inputs: RuleText[] = spec.inputs.map((file) => ({ name: file, text: fs.readFileSync(path.join(dir, file), 'utf8') }));

  it('has inputs that lint clean', () => {
    expect(lintRuleTexts(inputs).filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('scopes exactly the expected rules', () => {
    const result = scopeRuleFiles(inputs, spec.options);
    expect(result.scopedRules).toEqual(spec.scoped);
    expect(result.unscopedRules).toEqual(spec.unscoped);
  });

  it('prints the expected flat files', async () => {
    const result = scopeRuleFiles(inputs, spec.options);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.files.map((f) => f.name)).toEqual(spec.inputs);
    await expect(result.files.map((f) => f.text).join('---\n')).toMatchFileSnapshot(path.join(dir, 'expected.yaml'));
  });

  it('writes flat files that lint clean and mean the inputs, scoped', () => {
    const result = scopeRuleFiles(inputs, spec.options);
    assertFlat(result.files);
    expect(lintRuleTexts(result.files).filter((d) => d.severity === 'error')).toEqual([]);
    assertSameRulesetExceptScope(inputs, result.files, (rule) =>
      spec.scoped.includes(rule.name) ? scopedCondition(rule.condition, rule.source) : rule.condition,
    );
  });

  it('gives identical bytes on a second run', () => {
    const first = scopeRuleFiles(inputs, spec.options);
    const second = scopeRuleFiles(inputs.map((i) => ({ ...i })), { ...spec.options });
    expect(second.files).toEqual(first.files);
  });
});
