import { describe, expect, it } from 'vitest';
import { ConditionCompiler, loadRuleFiles, walk } from '../../../lib/rules';
import { UPSTREAM_RULE_FILES } from '../../support/shared-dir';

describe('loading the upstream falco-rules-5.1.0 files in order', () => {
  const { ruleset, diagnostics } = loadRuleFiles(UPSTREAM_RULE_FILES);

  it('reads every item without a loader error', () => {
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('merges redefinitions: each name once, in first-definition order', () => {
    // MANIFEST.md: 25 + 31 + 37 rules, none repeated across files.
    expect(ruleset.rules).toHaveLength(93);
    expect(new Set(ruleset.macros.map((m) => m.name)).size).toBe(ruleset.macros.length);
    expect(ruleset.macros.map((m) => m.index)).toEqual([...ruleset.macros.map((m) => m.index)].sort((a, b) => a - b));
    // The last definition wins: incubating's copy (without 'uv') replaces stable's.
    expect(ruleset.lists.find((l) => l.name === 'python_package_managers')?.items).toEqual(['pip', 'pip3', 'conda']);
  });

  it('keeps the requirements of every file', () => {
    expect(ruleset.requiredEngineVersions.map((v) => v.version)).toEqual(['0.57.0', '0.57.0', '0.57.0']);
    expect(ruleset.requiredPluginVersions.map((p) => p.alternatives)).toEqual(Array(3).fill([{ name: 'container', version: '0.4.0' }]));
  });

  it('compiles every rule: all macros substituted, no macro reference left', () => {
    const compiler = new ConditionCompiler(ruleset);
    for (const rule of ruleset.rules) {
      const { ast } = compiler.compileRule(rule);
      let identifiers = 0;
      walk(ast, { identifier: () => void identifiers++ });
      expect(identifiers, rule.name).toBe(0);
    }
  });
});
