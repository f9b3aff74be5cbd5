import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ConditionCompiler,
  ConditionCompileError,
  formatDiagnostic,
  loadRuleTexts,
  parseCondition,
  stripLocations,
  type EffectiveRuleset,
  type LoadResult,
} from '../../../lib/rules';

/**
 * Falco's merge semantics, one fixture folder per topic under `fixtures/`. Every expected value
 * below was worked out by hand from falcosecurity/falco `rule_loader_reader.cpp`,
 * `rule_loader_collector.cpp` and `rule_loader_compiler.cpp`, not copied from the loader's output.
 */
const FIXTURES = path.join(__dirname, 'fixtures');

function load(folder: string): LoadResult {
  const dir = path.join(FIXTURES, folder);
  const files = fs.readdirSync(dir).sort();
  return loadRuleTexts(files.map((f) => ({ name: f, text: fs.readFileSync(path.join(dir, f), 'utf8') })));
}

const rule = (rs: EffectiveRuleset, name: string) => rs.rules.find((r) => r.name === name)!;
const list = (rs: EffectiveRuleset, name: string) => rs.lists.find((l) => l.name === name)!;
const macro = (rs: EffectiveRuleset, name: string) => rs.macros.find((m) => m.name === name)!;
const at = (file: string, line: number, column: number) => ({ file, line, column });
/** The compiled tree must equal the tree of `expected`, wherever each node came from. */
const sameTree = (actual: Parameters<typeof stripLocations>[0], expected: string) =>
  expect(stripLocations(actual)).toEqual(stripLocations(parseCondition(expected)));

describe('override: append and replace', () => {
  const { ruleset, diagnostics } = load('override');
  const r = rule(ruleset, 'Read shadow');

  it('appends condition, output and desc with one space, and unions tags', () => {
    expect(diagnostics).toEqual([]);
    expect(r.condition).toBe('evt.type = open and fd.name = /etc/shadow and not proc.name = sshd');
    // The output of a new rule is trimmed before anything is appended.
    expect(r.output).toBe('shadow read by %proc.name (user=%user.name)');
    expect(r.desc).toBe('a process read /etc/shadow outside sshd');
    // Tags are a std::set in Falco: unique, in byte order.
    expect(r.tags).toEqual(['T1003', 'filesystem', 'mitre_credential_access']);
  });

  it('replaces priority, enabled and warn_evttypes', () => {
    expect(r.priority).toBe('ERROR');
    expect(r.enabled).toBe(false);
    expect(r.extra).toEqual({ warn_evttypes: false });
  });

  it('records where the rule was defined and which items changed it', () => {
    expect(r.defined).toEqual(at('01-base.yaml', 1, 3));
    expect(r.contributions).toEqual([at('02-local.yaml', 1, 3), at('02-local.yaml', 11, 3)]);
    expect(r.conditionParts.map((p) => [p.kind, p.at])).toEqual([
      ['define', at('01-base.yaml', 3, 14)],
      ['append', at('02-local.yaml', 2, 14)],
    ]);
    expect(r.outputAt).toEqual(at('01-base.yaml', 4, 14));
    // One define, one append, one replace: Falco's counter moved twice after the definition.
    expect([r.index, r.visibility]).toEqual([0, 2]);
  });
});

describe('deprecated append: true', () => {
  const { ruleset, diagnostics } = load('deprecated-append');

  it('appends list items, macro and rule conditions, and warns each time', () => {
    expect(list(ruleset, 'shells').items).toEqual(['bash', 'zsh', 'fish shell']);
    expect(macro(ruleset, 'opens').condition).toBe('evt.type = open or evt.type = openat');
    expect(rule(ruleset, 'Shell opens').condition).toBe('opens and proc.name in (shells) and fd.name startswith /etc');
    expect(diagnostics.map((d) => `${d.line}:${d.code}`)).toEqual(['10:deprecated-append', '13:deprecated-append', '16:deprecated-append']);
  });

  it('compiles to the text Falco parses: list items pasted in, quoted only when they contain a blank', () => {
    const compiled = new ConditionCompiler(ruleset).compileRule(rule(ruleset, 'Shell opens'));
    expect(compiled.text).toBe('opens and proc.name in ( bash, zsh, "fish shell" ) and fd.name startswith /etc');
    sameTree(compiled.ast, '(evt.type = open or evt.type = openat) and proc.name in (bash, zsh, "fish shell") and fd.name startswith /etc');
  });
});

describe('exceptions', () => {
  const { ruleset, diagnostics } = load('exceptions');
  const compiler = new ConditionCompiler(ruleset);

  it('loads without diagnostics', () => {
    expect(diagnostics.map(formatDiagnostic)).toEqual([]);
  });

  it('builds a single-field exception as "and not (field in (values))", quoting values with blanks', () => {
    const r = rule(ruleset, 'Single field');
    expect(r.exceptions[0]).toMatchObject({ fields: 'proc.name', comps: 'in', compsGiven: false, values: ['cat', 'my app'] });
    expect(compiler.compileRule(r).text).toBe('(evt.type = execve) and not (proc.name in (cat, "my app"))');
  });

  it('builds field lists byte for byte as build_rule_exception_infos, with appended values and a new exception', () => {
    const r = rule(ruleset, 'Field list');
    expect(r.exceptions.map((e) => e.name)).toEqual(['pairs', 'with_comps', 'empty', 'new_one']);
    expect(r.exceptions[0]).toMatchObject({
      fields: ['proc.name', 'fd.name'],
      comps: ['=', '='],
      values: [
        ['cat', '/etc/passwd'],
        ['dog', '/tmp/x y'],
        ['emacs', '/etc/hosts'],
      ],
    });
    expect(r.exceptions[3]).toMatchObject({ fields: 'proc.pname', comps: 'pmatch', compsGiven: true });
    // Note Falco's double blank after 'and', the list name in parentheses for a list operator,
    // and no clause at all for the exception without values.
    const withExceptions =
      '(evt.type = open or evt.type = openat)' +
      ' and not (( proc.name = cat and  fd.name = /etc/passwd) or ( proc.name = dog and  fd.name = "/tmp/x y") or ( proc.name = emacs and  fd.name = /etc/hosts))' +
      ' and not (( proc.name in (shell_binaries) and  fd.name startswith /etc) or ( proc.name in (vim, "my editor") and  fd.name startswith /home))' +
      ' and not (proc.pname pmatch (/usr/lib))';
    const compiled = compiler.compileRule(r);
    expect(compiled.text).toBe(withExceptions.replace('(shell_binaries)', '( bash, zsh )'));
    expect(compiled.usedLists).toEqual(['shell_binaries']);
  });
});

describe('lists', () => {
  const { ruleset, diagnostics } = load('lists');

  it('keeps items as raw scalar text', () => {
    expect(diagnostics).toEqual([]);
    expect(list(ruleset, 'raw').items).toEqual(['1194', '"(systemd)"', 'my app', '0x1F']);
  });

  it('expands a list named in another list one level, only if it was defined before the last change', () => {
    expect(list(ruleset, 'b').expandedItems).toEqual(['x', 'y', 'z']);
    // 'c' gets b's raw items: Falco does not expand recursively, so 'a' stays a literal value.
    expect(list(ruleset, 'c').expandedItems).toEqual(['a', 'z']);
    // 'early' named 'late' before 'late' existed, but its later append makes 'late' visible.
    expect(list(ruleset, 'early').items).toEqual(['late', 'r']);
    expect(list(ruleset, 'early').expandedItems).toEqual(['q', 'r']);
    expect(ruleset.lists.map((l) => l.name)).toEqual(['early', 'late', 'a', 'b', 'c', 'raw', 'empty']);
  });

  it('substitutes lists into conditions as text, in first-definition order, like resolve_list', () => {
    const compiled = new ConditionCompiler(ruleset).compileRule(rule(ruleset, 'Lists'));
    expect(compiled.text).toBe(
      'proc.name in ( a, z ) or proc.name in ( 1194, "(systemd)", "my app", 0x1F ) or proc.pname in (   bash) or proc.aname in ( q, r )',
    );
    expect(compiled.usedLists).toEqual(['early', 'c', 'raw', 'empty']);
  });
});

describe('macros', () => {
  const { ruleset, diagnostics } = load('macros');

  it('reads every YAML document of a file', () => {
    expect(diagnostics).toEqual([]);
    expect(ruleset.macros.map((m) => m.name)).toEqual(['spawned', 'shell', 'shell_spawned', 'trusted']);
  });

  it('substitutes macros in the tree, recursively; a rule may use a macro defined after it', () => {
    const compiled = new ConditionCompiler(ruleset).compileRule(rule(ruleset, 'Shell spawned'));
    expect(compiled.text).toBe('shell_spawned and not trusted');
    sameTree(compiled.ast, '(evt.type in (execve, execveat) and (proc.name in (bash) or proc.name = sh)) and not proc.pname = init');
    expect(compiled.usedMacros).toEqual(['shell_spawned', 'spawned', 'shell', 'trusted']);
    expect(compiled.usedLists).toEqual(['shells']);
  });

  it('fails when a condition uses an undefined macro', () => {
    const compiler = new ConditionCompiler(ruleset);
    expect(() => compiler.compileText('spawned and nope', 'rule test')).toThrow(new ConditionCompileError('undefined-macro', 'condition', "Undefined macro 'nope' used in filter."));
  });
});

describe('enabled', () => {
  const { ruleset, diagnostics } = load('enabled');

  it('disables with an enabled-only item (deprecated) and enables with override replace', () => {
    expect(rule(ruleset, 'Noisy').enabled).toBe(false);
    expect(rule(ruleset, 'Noisy').contributions).toEqual([at('rules.yaml', 12, 3)]);
    expect(rule(ruleset, 'Quiet').enabled).toBe(true);
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      "rules.yaml:12:3: warning: rule 'Noisy': an item with only 'enabled' is deprecated; add 'override: { enabled: replace }' [deprecated-enabled]",
    ]);
  });
});

describe('redefinition', () => {
  const { ruleset, diagnostics } = load('redefinition');
  const first = rule(ruleset, 'First');

  it('replaces the whole rule, appends included, but keeps its place', () => {
    expect(ruleset.rules.map((r) => r.name)).toEqual(['First', 'Second']);
    expect(first).toMatchObject({ desc: 'first, redefined', condition: 'evt.type = openat', output: 'opened at %fd.name', priority: 'ERROR' });
    expect(first.contributions).toEqual([]);
    expect(first.defined).toEqual(at('rules.yaml', 16, 3));
    expect([first.index, first.visibility]).toEqual([0, 3]);
    expect(diagnostics.map((d) => `${d.line}:${d.column}:${d.code}`)).toEqual(['16:3:redefinition']);
  });

  it('reads an integer required_engine_version as 0.N.0', () => {
    expect(ruleset.requiredEngineVersions).toEqual([{ version: '0.13.0', raw: '13', defined: at('rules.yaml', 1, 28) }]);
  });
});
