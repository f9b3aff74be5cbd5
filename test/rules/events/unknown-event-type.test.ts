import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, lintRules, lintRuleTexts } from '../../../lib/rules';
import { UPSTREAM_RULE_FILES } from '../../support/shared-dir';

/**
 * `unknown-event-type`: one rules file per case under fixtures/ and, beside it, `<name>.expected`
 * with every line the linter prints for it, exactly (as test/rules/lint/lint-fixtures.test.ts).
 * The first comment line of a fixture says what it shows.
 */
const FIXTURES = path.join(__dirname, 'fixtures');

const fixtures = fs
  .readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((file) => {
    const text = fs.readFileSync(path.join(FIXTURES, file), 'utf8');
    const expected = fs.readFileSync(path.join(FIXTURES, file.replace(/\.yaml$/, '.expected')), 'utf8').split('\n').filter(Boolean);
    return { file, text, expected, title: /^# (.*)$/m.exec(text)?.[1] ?? file };
  });

const lint = (file: string, text: string) => lintRuleTexts([{ name: file, text }]);

describe('unknown-event-type fixtures', () => {
  for (const f of fixtures) {
    it(`${f.file}: ${f.title}`, () => {
      // GIVEN the fixture, WHEN it is linted, THEN exactly the expected lines are printed.
      expect(lint(f.file, f.text).map(formatDiagnostic)).toEqual(f.expected);
    });
  }

  it('covers the error, the suggestion, lists, macros, exceptions, skip-if-unknown-filter and accepted plugin names', () => {
    expect(fixtures.map((f) => f.file)).toEqual([
      'error.yaml',
      'exception.yaml',
      'list-expanded.yaml',
      'macro.yaml',
      'plugin-async-events.yaml',
      'skip-if-unknown-filter.yaml',
      'suggestion.yaml',
    ]);
  });

  it('points a value that came from a list at the list, and relates the append and the use', () => {
    const f = fixtures.find((x) => x.file === 'list-expanded.yaml');
    const d = lint('list-expanded.yaml', f?.text ?? '').find((x) => x.message.includes("'vforkk'"));
    expect(d).toMatchObject({ line: 4, column: 3, severity: 'error' });
    expect(d?.related).toEqual([
      { file: 'list-expanded.yaml', line: 6, column: 3, message: "list 'spawn_events' is appended to here" },
      { file: 'list-expanded.yaml', line: 14, column: 27, message: "list 'spawn_events' is used here" },
    ]);
  });

  it('checks the syscall source only', () => {
    const text = [
      '- rule: Audit rule',
      '  desc: d',
      '  source: k8s_audit',
      '  condition: ka.verb = create',
      '  output: "%ka.verb"',
      '  priority: WARNING',
      '- rule: Mentions excve in a string field only',
      '  desc: d',
      '  condition: proc.name = excve and evt.type in (execve)',
      '  output: "%proc.name"',
      '  priority: WARNING',
    ].join('\n');
    expect(lint('sources.yaml', text).filter((d) => d.code === 'unknown-event-type')).toEqual([]);
  });
});

describe('the upstream falco-rules files', () => {
  it('compare evt.type with known names only', () => {
    expect(lintRules(UPSTREAM_RULE_FILES).filter((d) => d.code === 'unknown-event-type').map(formatDiagnostic)).toEqual([]);
  });

  it('each alone, too', () => {
    for (const file of UPSTREAM_RULE_FILES) {
      expect(lintRules([file]).filter((d) => d.code === 'unknown-event-type').map(formatDiagnostic)).toEqual([]);
    }
  });
});
