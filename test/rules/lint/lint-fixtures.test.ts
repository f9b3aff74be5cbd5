import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, LINT_RULES, lintRuleTexts, LOAD_CHECKS } from '../../../lib/rules';

/**
 * One hand-made broken input per diagnostic: `fixtures/<name>.yaml` (or a folder of files loaded
 * in name order) and `fixtures/<name>.expected` with every line the linter must print, exactly.
 * The first comment line of a fixture says what is wrong with it.
 */
const FIXTURES = path.join(__dirname, 'fixtures');

interface Fixture {
  readonly name: string;
  readonly files: { name: string; text: string }[];
  readonly expected: string[];
  readonly title: string;
}

function loadFixtures(): Fixture[] {
  return fs
    .readdirSync(FIXTURES)
    .filter((entry) => !entry.endsWith('.expected'))
    .sort()
    .map((entry) => {
      const full = path.join(FIXTURES, entry);
      const names = fs.statSync(full).isDirectory() ? fs.readdirSync(full).sort().map((f) => path.join(entry, f)) : [entry];
      const files = names.map((n) => ({ name: n, text: fs.readFileSync(path.join(FIXTURES, n), 'utf8') }));
      const name = entry.replace(/\.yaml$/, '');
      const expected = fs.readFileSync(path.join(FIXTURES, `${name}.expected`), 'utf8').split('\n').filter(Boolean);
      const comment = files.map((f) => /^# (.*)$/m.exec(f.text)?.[1]).find((c) => c !== undefined) ?? name;
      return { name, files, expected, title: comment };
    });
}

const fixtures = loadFixtures();

describe('lint fixtures', () => {
  for (const f of fixtures) {
    it(`${f.name}: ${f.title}`, () => {
      // GIVEN the fixture files, WHEN they are linted in order, THEN exactly the expected lines are printed.
      expect(lintRuleTexts(f.files).map(formatDiagnostic)).toEqual(f.expected);
    });
  }

  it('has a fixture for every loader check and lint rule', () => {
    const codes = new Set(fixtures.flatMap((f) => f.expected.map((line) => /\[([a-z-]+)\]$/.exec(line)?.[1])));
    const all = [...Object.values(LOAD_CHECKS).map((c) => c.id), ...LINT_RULES.map((r) => r.id)];
    expect(all.filter((id) => !codes.has(id))).toEqual([]);
  });

  it('uses each diagnostic code for one check only', () => {
    const ids = [...Object.values(LOAD_CHECKS).map((c) => c.id), ...LINT_RULES.map((r) => r.id)];
    expect(new Set(ids).size).toBe(ids.length);
  });
});
