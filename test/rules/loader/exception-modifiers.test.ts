import { describe, expect, it } from 'vitest';
import { formatDiagnostic, lintRuleTexts } from '../../../lib/rules';
import { printCondition } from '../../../lib/rules/condition';
import { compileRuleCondition, isStrOperatorWithModifier, loadRuleTexts, normalizeComp } from '../../../lib/rules/loader';
import { printRulesFile, type FlatRulesFile } from '../../../lib/rules/scope';

/**
 * Exceptions with modifier comps and transformer fields, as Falco 0.44.1 loads and compiles them.
 * `falco.ut:N` is falcosecurity/falco@0.44.1:unit_tests/engine/test_rule_loader.cpp:N; the
 * expected strings are Falco's `get_compiled_rule_condition` output there.
 */
const lines = (...ls: string[]): string => `${ls.join('\n')}\n`;

const rule = (condition: string, ...exceptions: string[]): string =>
  lines('- rule: test_rule', '  desc: d', `  condition: ${condition}`, '  output: o', '  priority: INFO', '  exceptions:', ...exceptions);

/** Falco's compiled condition: libs' `as_string` of the tree, which puts the whole in parentheses. */
function compiled(text: string): { diagnostics: string[]; condition: string; text: string } {
  const { ruleset } = loadRuleTexts([{ name: 'rules.yaml', text }]);
  const c = compileRuleCondition(ruleset, 'test_rule');
  return { diagnostics: lintRuleTexts([{ name: 'rules.yaml', text }]).map(formatDiagnostic), condition: `(${printCondition(c.ast)})`, text: c.text };
}

describe('exception comps with a modifier', () => {
  it('startswith oneof with a list value (falco.ut:1727-1748)', () => {
    const r = compiled(rule('evt.type = open', '    - name: ex1', '      fields: [proc.name]', '      comps: [startswith oneof]', '      values:', '        - [[sshd, sudo, systemd]]'));
    expect(r.diagnostics).toEqual([]);
    expect(r.condition).toBe('(evt.type = open and not proc.name startswith oneof (sshd, sudo, systemd))');
  });

  it('= oneof (falco.ut:2020-2042)', () => {
    const r = compiled(rule('evt.type = execve', '    - name: ex1', '      fields: [proc.name]', '      comps: [= oneof]', '      values:', '        - [[nmap, masscan, nikto]]'));
    expect(r.diagnostics).toEqual([]);
    expect(r.condition).toBe('(evt.type = execve and not proc.name = oneof (nmap, masscan, nikto))');
  });

  it('puts a scalar value in parentheses, as is_operator_for_list does (falco.ut:2065-2091)', () => {
    const r = compiled(rule('evt.type = open', '    - name: ex1', '      fields: [proc.name]', '      comps: [startswith oneof]', '      values:', '        - [sshd]'));
    expect(r.text).toBe('(evt.type = open) and not (( proc.name startswith oneof (sshd)))');
    expect(r.condition).toBe('(evt.type = open and not proc.name startswith oneof (sshd))');
  });

  it('all three modifiers (falco.ut:2093-2129)', () => {
    const r = compiled(
      rule(
        'evt.type = execve',
        ...['startswith oneof', 'startswith anyof'].flatMap((c, i) => [`    - name: ex${i}`, '      fields: [proc.name]', `      comps: [${c}]`, '      values:', '        - [[ssh, su]]']),
        '    - name: ex3',
        '      fields: [proc.cmdline]',
        '      comps: [contains allof]',
        '      values:',
        '        - [[curl, ci.internal]]',
      ),
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.condition).toBe(
      '(evt.type = execve and not proc.name startswith oneof (ssh, su) and not proc.name startswith anyof (ssh, su) and not proc.cmdline contains allof (curl, ci.internal))',
    );
  });

  it('trims comps of blanks and builds the condition from the trimmed text (falco.ut:2131-2160)', () => {
    const text = rule(
      'evt.type = open',
      '    - name: ex_single',
      '      fields: [proc.name]',
      '      comps: ["  startswith oneof  "]',
      '      values:',
      '        - [[sshd, sudo]]',
      '    - name: ex_multi',
      '      fields: [proc.name, fd.name]',
      '      comps: ["  contains  ", "  startswith anyof  "]',
      '      values:',
      '        - [agent, [/etc/, /var/]]',
    );
    const r = compiled(text);
    expect(r.diagnostics).toEqual([]);
    expect(r.condition).toBe('(evt.type = open and not proc.name startswith oneof (sshd, sudo) and not (proc.name contains agent and fd.name startswith anyof (/etc/, /var/)))');
    expect(loadRuleTexts([{ name: 'rules.yaml', text }]).ruleset.rules[0]?.exceptions.map((e) => e.comps)).toEqual([['startswith oneof'], ['contains', 'startswith anyof']]);
  });

  it('accepts a modifier comp on a single field (rule_loader_collector.cpp:113-117, rule_loader_compiler.cpp:108-117)', () => {
    const r = compiled(rule('evt.type = open', '    - name: ex1', '      fields: proc.name', '      comps: "\\tendswith oneof "', '      values: [-daemon, "-my agent"]'));
    expect(r.diagnostics).toEqual([]);
    expect(r.text).toBe('(evt.type = open) and not (proc.name endswith oneof (-daemon, "-my agent"))');
  });

  it('trims exactly " \\t\\r\\n" and splits at the first single space, as Falco and libs do', () => {
    expect(normalizeComp(' \t\r\n= oneof\n')).toBe('= oneof');
    expect(normalizeComp('\f= oneof\v')).toBe('\f= oneof\v');
    const accepted = ['= oneof', '== anyof', '!= allof', 'glob oneof', 'iglob oneof', 'contains oneof', 'icontains oneof', 'bcontains oneof', 'startswith oneof', 'bstartswith oneof', 'endswith oneof', 'regex oneof'];
    const rejected = ['in oneof', 'intersects oneof', 'pmatch oneof', '>= oneof', '< oneof', 'exists oneof', 'oneof', 'contains  oneof', 'startswith\toneof', 'STARTSWITH oneof', 'startswith ONEOF', 'startswith oneof x', 'startswith', 'frobulate oneof'];
    expect(accepted.filter((c) => !isStrOperatorWithModifier(c))).toEqual([]);
    expect(rejected.filter((c) => isStrOperatorWithModifier(c))).toEqual([]);
  });
});

describe('transformers in exception fields', () => {
  it('tolower(proc.name) is a field, with no warning (falco.ut:1175-1190)', () => {
    const r = compiled(rule('evt.type = open', '    - name: ex1', '      fields: [tolower(proc.name)]', '      comps: [=]', '      values:', '        - [test]'));
    expect(r.diagnostics).toEqual([]);
    expect(r.condition).toBe('(evt.type = open and not tolower(proc.name) = test)');
  });

  it('"tolower( proc.name)" is a field too (falco.ut:1209-1224)', () => {
    const r = compiled(rule('evt.type = open', '    - name: ex1', '      fields: ["tolower( proc.name)"]', '      comps: [=]', '      values:', '        - [test]'));
    expect(r.diagnostics).toEqual([]);
    expect(r.condition).toBe('(evt.type = open and not tolower(proc.name) = test)');
  });
});

describe('the scope output of modifier exceptions', () => {
  it('prints the trimmed comps and loads back with the same exceptions', () => {
    // GIVEN a rule whose exceptions use padded modifier comps
    const text = rule(
      'evt.type = open',
      '    - name: ex1',
      '      fields: [proc.name, fd.name]',
      '      comps: [" startswith oneof ", "= anyof"]',
      '      values:',
      '        - [sshd, [/etc/a b, /tmp/]]',
      '    - name: ex2',
      '      fields: proc.name',
      '      comps: "regex allof"',
      '      values: ["ssh.*"]',
    );
    const r = loadRuleTexts([{ name: 'rules.yaml', text }]).ruleset.rules[0];
    if (r === undefined) throw new Error('rule not loaded');
    // WHEN it is printed as a flat rules file and loaded again
    const flat: FlatRulesFile = {
      name: 'flat.yaml',
      header: ['test'],
      items: [
        {
          kind: 'rule',
          rule: { name: r.name, desc: r.desc, condition: { text: r.condition, breaks: [] }, output: r.output, priority: r.priority, tags: [], source: r.source, enabled: true, exceptions: r.exceptions, extra: {} },
        },
      ],
    };
    const again = loadRuleTexts([{ name: 'flat.yaml', text: printRulesFile(flat) }]);
    // THEN it loads clean, with the same exceptions and the same compiled condition
    expect(again.diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(again.ruleset.rules[0]?.exceptions.map(({ defined: _, ...e }) => e)).toEqual(r.exceptions.map(({ defined: _, ...e }) => e));
    expect(compileRuleCondition(again.ruleset, 'test_rule').text).toBe(
      '(evt.type = open) and not (( proc.name startswith oneof (sshd) and  fd.name = anyof ("/etc/a b", /tmp/))) and not (proc.name regex allof (ssh.*))',
    );
  });
});
