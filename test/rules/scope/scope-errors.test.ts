import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../../lib/core';
import { SCOPE_DEFAULTS, SCOPE_OPTION_FLAGS, ScopeOptionsError, scopeRuleFiles, type ScopeOptions } from '../../../lib/rules/scope';
import type { RuleText } from './scope-helpers';

const RULES: RuleText = {
  name: 'rules/local.yaml',
  text: [
    '- rule: Shell In Container',
    '  desc: a shell',
    '  condition: evt.type = execve and proc.name = bash',
    '  output: shell (command=%proc.cmdline)',
    '  priority: WARNING',
    '  tags: [container, shell]',
    '',
  ].join('\n'),
};
const PROD: ScopeOptions = { namespaces: ['prod'], field: 'k8smeta.ns.name' };

/** The problems of the `ScopeOptionsError` that scoping `inputs` with `options` throws. */
function optionProblems(options: ScopeOptions, inputs: RuleText[] = [RULES]): readonly string[] {
  try {
    scopeRuleFiles(inputs, options);
  } catch (e) {
    expect(e).toBeInstanceOf(ScopeOptionsError);
    return (e as ScopeOptionsError).problems.map(formatProblem);
  }
  throw new Error('expected a ScopeOptionsError');
}

describe('scopeRuleFiles options', () => {
  it('fails when no namespace is given', () => {
    expect(optionProblems({ ...PROD, namespaces: [] })).toEqual([
      "namespaces: received []; must list at least one namespace. Fix: e.g. ['prod']",
    ]);
  });

  it('fails when a namespace is not a DNS-1123 label, or listed twice, all at once', () => {
    const label = "a DNS-1123 label (at most 63 characters: lower-case letters, digits and '-', starting and ending with a letter or digit)";
    expect(optionProblems({ ...PROD, namespaces: ['Prod', 'prod', 'prod', 'a_b'] })).toEqual([
      `namespaces: received "Prod"; a namespace is ${label}.`,
      'namespaces: received "prod"; is listed twice. Fix: list each namespace once',
      `namespaces: received "a_b"; a namespace is ${label}.`,
    ]);
  });

  it('fails when the field is not one of the three', () => {
    expect(optionProblems({ ...PROD, field: 'k8s.pod.name' as never })).toEqual([
      "field: received \"k8s.pod.name\"; must be one of 'k8smeta.ns.name', 'k8s.ns.name', 'container.name'. " +
        "Fix: use 'k8smeta.ns.name' (see the README section on scoping)",
    ]);
  });

  it('fails when an excluded rule does not exist, suggesting the closest name', () => {
    expect(optionProblems({ ...PROD, excludeRules: ['Shell in Container'] })).toEqual([
      "excludeRules: received \"Shell in Container\"; no input defines a rule by that name; did you mean 'Shell In Container'?",
    ]);
  });

  it('fails when an excluded tag is on no rule', () => {
    expect(optionProblems({ ...PROD, excludeTags: ['cluster_wide'] })).toEqual([
      'excludeTags: received "cluster_wide"; no rule of the inputs has that tag.',
    ]);
  });

  it('accepts the default excluded tag on no rule: a convention the inputs need not use, not a typo', () => {
    expect(SCOPE_DEFAULTS.excludeTags).toEqual(['falco_gitops_cluster_wide']);
    expect(scopeRuleFiles([RULES], { ...PROD, excludeTags: ['falco_gitops_cluster_wide'] }).scopedRules).toEqual(['Shell In Container']);
    // Left out, the option is the default: the same as the stack's and the command's.
    expect(scopeRuleFiles([RULES], PROD).files[0]?.text).toContain('#   excluded tags: falco_gitops_cluster_wide (default)\n');
    expect(optionProblems({ ...PROD, excludeTags: ['falco_gitops_cluster_wide', 'cluster_wide'] })).toEqual([
      'excludeTags: received "cluster_wide"; no rule of the inputs has that tag.',
    ]);
  });

  it('fails when a scoped file is not an input', () => {
    expect(optionProblems({ ...PROD, files: ['upstream.yaml'] })).toEqual([
      'files: received "upstream.yaml"; is not one of the input files (rules/local.yaml).',
    ]);
  });

  it('names each option as the caller wrote it: the stack prop, or the command-line flag', () => {
    let error: unknown;
    try {
      scopeRuleFiles([RULES], { ...PROD, files: ['upstream.yaml'] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScopeOptionsError);
    const scopeError = error as ScopeOptionsError;
    expect(scopeError.as((o) => `rules.scope.${o}`, { summary: 'invalid rules.scope' }).problems.map(formatProblem)).toEqual([
      'rules.scope.files: received "upstream.yaml"; is not one of the input files (rules/local.yaml).',
    ]);
    const usage = scopeError.as((o) => SCOPE_OPTION_FLAGS[o], { summary: 'invalid options', usage: true });
    expect(usage.exitCode).toBe(2);
    expect(usage.problems.map(formatProblem)).toEqual([
      '--scoped-file: received "upstream.yaml"; is not one of the input files (rules/local.yaml).',
    ]);
  });

  it('accepts a scoped file by its base name', () => {
    expect(scopeRuleFiles([RULES], { ...PROD, files: ['local.yaml'] }).scopedRules).toEqual(['Shell In Container']);
  });

  it('fails when an option list repeats a value', () => {
    expect(optionProblems({ ...PROD, excludeTags: ['shell', 'shell'] })).toEqual([
      'excludeTags: received "shell"; is listed twice. Fix: list each name once',
    ]);
  });
});

describe('scopeRuleFiles diagnostics', () => {
  it('returns no files and the loader errors when an input is broken', () => {
    const broken: RuleText = { name: 'broken.yaml', text: '- rule: X\n  desc: x\n  condition: evt.type = execve\n  priority: WARNING\n' };
    const result = scopeRuleFiles([broken], PROD);
    expect(result.files).toEqual([]);
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}:${d.column} [${d.code}]`)).toEqual([
      'broken.yaml:1:3 [missing-key]',
    ]);
  });

  it('warns about a rule whose source has no namespace field and leaves it unscoped', () => {
    const cloudtrail: RuleText = {
      name: 'aws.yaml',
      text: [
        '- rule: Console Login Without MFA',
        '  desc: login without MFA',
        '  condition: ct.name = ConsoleLogin',
        '  output: login (user=%ct.user)',
        '  priority: WARNING',
        '  source: aws_cloudtrail',
        '',
      ].join('\n'),
    };
    const result = scopeRuleFiles([cloudtrail], PROD);
    expect(result.diagnostics).toEqual([
      {
        file: 'aws.yaml',
        line: 1,
        column: 3,
        severity: 'warning',
        code: 'scope-unscopable-source',
        message:
          "rule 'Console Login Without MFA' is left unscoped: its source 'aws_cloudtrail' has no namespace field (only 'syscall' and " +
          "'k8s_audit' rules can be scoped), so it fires for every namespace; exclude it by name or tag to acknowledge this",
      },
    ]);
    expect(result.unscopedRules).toEqual([{ name: 'Console Login Without MFA', reason: 'source aws_cloudtrail has no namespace field' }]);
    // Nothing is scoped, so no scope macro is defined (an unused macro would be a Falco warning).
    expect(result.files[0]?.text).not.toContain('- macro: falco_gitops_scope');
  });

  it('warns when an appended or replaced output has blanks at its ends, which a flat definition loses', () => {
    // Falco trims the output of a rule definition only; appends and replaces keep their blanks.
    const local: RuleText = {
      name: 'override.yaml',
      text: "- rule: Shell In Container\n  output: '(pod=%k8s.pod.name)  '\n  override: {output: append}\n",
    };
    const result = scopeRuleFiles([RULES, local], PROD);
    expect(result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message} [${d.code}]`)).toEqual([
      "rules/local.yaml:4:11: warning: rule 'Shell In Container': its output has blanks at its ends, which a flat file cannot keep " +
        '(Falco trims the output of a rule definition), so its alerts lose them [scope-output-trimmed]',
    ]);
    expect(result.files).toHaveLength(2);
  });

  it('tells the file that defined a rule even when its item does not start with the rule key', () => {
    // GIVEN a rule whose definition starts with `desc:`, and a later file that overrides it
    const upstream: RuleText = {
      name: 'upstream.yaml',
      text: [
        '- desc: a shell',
        '  rule: Shell In Container',
        '  condition: evt.type = execve and proc.name = bash',
        '  output: shell (command=%proc.cmdline)',
        '  priority: WARNING',
        '',
      ].join('\n'),
    };
    const local: RuleText = { name: 'local.yaml', text: '- rule: Shell In Container\n  priority: ERROR\n  override: {priority: replace}\n' };
    // WHEN only the later file is scoped
    const result = scopeRuleFiles([upstream, local], { ...PROD, files: ['local.yaml'] });
    // THEN the rule belongs to the file that defined it, which is not scoped, and is written there
    expect(result.unscopedRules).toEqual([{ name: 'Shell In Container', reason: 'its file upstream.yaml is not scoped' }]);
    expect(result.files[0]?.text).toContain('- rule: Shell In Container\n');
  });

  it('fails when an input already defines the scope macro', () => {
    const taken: RuleText = { name: 'taken.yaml', text: `${RULES.text}\n- macro: falco_gitops_scope\n  condition: (evt.num = 0)\n` };
    const result = scopeRuleFiles([taken], PROD);
    expect(result.files).toEqual([]);
    expect(result.diagnostics).toEqual([
      {
        file: 'taken.yaml',
        line: 8,
        column: 3,
        severity: 'error',
        code: 'scope-name-conflict',
        message:
          "'falco_gitops_scope' is the name of the scope macro this tool adds; Falco would let one definition silently replace the other, " +
          'losing either this item or the namespace scoping; rename this item (if the file is already scoped, scope its source files instead)',
      },
    ]);
  });

  it('fails on a condition that does not parse, placing the error and its related positions in the files', () => {
    // GIVEN a rule whose appended condition leaves a transformer of the base condition open
    const base: RuleText = {
      name: 'base.yaml',
      text: ['- rule: Broken', '  desc: d', '  condition: evt.type = execve and tolower(proc.name', '  output: o', '  priority: INFO', ''].join('\n'),
    };
    const local: RuleText = { name: 'local.yaml', text: ['- rule: Broken', '  condition: = bash', '  override:', '    condition: append', ''].join('\n') };
    // WHEN it is scoped
    const result = scopeRuleFiles([base, local], PROD);
    // THEN the error is where the '=' is written, and the open 'tolower(' is named where it is written
    expect(result.files).toEqual([]);
    expect(result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message} [${d.code}]`)).toEqual([
      "local.yaml:2:14: rule 'Broken': cannot scope its condition: expected ',' or ')' (closing 'tolower(' at base.yaml:3:36) but found '=' [scope-invalid-condition]",
    ]);
    expect(result.diagnostics[0]?.related).toEqual([{ file: 'base.yaml', line: 3, column: 36, message: "'tolower(' opened here" }]);
  });

  it('fails when a list is named like a namespace, which Falco would substitute into the scope macro', () => {
    const list: RuleText = { name: 'list.yaml', text: `- list: prod\n  items: [a, b]\n\n${RULES.text}` };
    const result = scopeRuleFiles([list], PROD);
    expect(result.files).toEqual([]);
    expect(result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message} [${d.code}]`)).toEqual([
      "list.yaml:1:3: error: list 'prod' has a name used in the scope macro 'falco_gitops_scope' ((k8smeta.ns.name in (prod))); " +
        "Falco would substitute the list's items into it, so rename the list [scope-name-conflict]",
    ]);
  });

  it('fails when a list includes a list that a later append made include an earlier list', () => {
    // Falco expands `lc` one level, with the items of `la` as written: `lb` stays a bare name,
    // and it is not substituted later either (lb comes before lc), so the rule matches proc.name
    // `lb`, not b1 or b2. No flat layout says that: `lb` in any list after lb would be expanded.
    const upstream: RuleText = {
      name: 'upstream.yaml',
      text: [
        '- list: la',
        '  items: [x]',
        '- list: lb',
        '  items: [b1, b2]',
        '- list: lc',
        '  items: [la]',
        RULES.text,
      ].join('\n'),
    };
    const local: RuleText = { name: 'local.yaml', text: '- list: la\n  items: [lb]\n  override: {items: append}\n' };
    const result = scopeRuleFiles([upstream, local], PROD);
    expect(result.files).toEqual([]);
    expect(result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message} [${d.code}]`)).toEqual([
      "upstream.yaml:5:3: error: cannot write list 'lc' as a flat item: it includes list 'la', whose item 'lb' names an earlier list " +
        "that Falco would then expand as well; write the items of 'la' into 'lc' instead [scope-cannot-flatten]",
    ]);
  });

  it('fails when two inputs have the same file name', () => {
    const result = scopeRuleFiles([RULES, { name: 'other/local.yaml', text: '[]\n' }], PROD);
    expect(result.files).toEqual([]);
    expect(result.diagnostics).toEqual([
      {
        file: 'other/local.yaml',
        line: 1,
        column: 1,
        severity: 'error',
        code: 'scope-duplicate-file',
        message:
          "two inputs have the file name 'local.yaml' (rules/local.yaml and other/local.yaml); the flat files are named after their inputs, so rename one",
      },
    ]);
  });
});

describe('required versions', () => {
  it('states the highest engine version and each plugin once per major, at the top of the first file', () => {
    const a: RuleText = {
      name: 'a.yaml',
      text: '- required_engine_version: 0.57.0\n- required_plugin_versions:\n    - name: container\n      version: 0.4.0\n    - name: k8saudit\n      version: 0.7.0\n',
    };
    const b: RuleText = {
      name: 'b.yaml',
      text: [
        '- required_engine_version: 0.60.0',
        '- required_plugin_versions:',
        '    - name: container',
        '      version: 0.5.1',
        '    - name: k8saudit',
        '      version: 1.0.0',
        '',
        RULES.text,
      ].join('\n'),
    };
    const [first, second] = scopeRuleFiles([a, b], PROD).files;
    expect(first?.text).toContain(
      [
        '- required_engine_version: 0.60.0',
        '',
        '- required_plugin_versions:',
        '    - name: container',
        '      version: 0.5.1',
        '    - name: k8saudit',
        '      version: 0.7.0',
        '    - name: k8saudit',
        '      version: 1.0.0',
        '',
      ].join('\n'),
    );
    expect(second?.text).not.toContain('required_');
  });
});
