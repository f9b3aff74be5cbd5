import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatWarning } from '../../lib/core';
import { FalcoGitopsStack } from '../../lib/stack';
import { runSynth } from '../../lib/synth';
import { ruleFileWarnings } from '../../lib/rules-delivery/rule-file-warnings';
import { UPSTREAM_RULE_FILES } from '../support/shared-dir';
import { cli } from '../cli/cli-helpers';
import { deliveryProject, FIXTURE_PROPS, FIXTURE_RULES, synthAt } from './delivery-fixture';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const UPSTREAM = UPSTREAM_RULE_FILES.map((f) => `upstream/${path.basename(f)}`);
const SUMMARY =
  'warning: 3 findings in vendored upstream files (checksum-locked: Falco loads them as released, and this is not yours to fix); ' +
  `list them with \`npx falco-gitops lint ${UPSTREAM.join(' ')}\``;

/** What runSynth printed for the project in `dir`, one entry per line, and its exit code. */
function synthOutput(dir: string): { code: number; lines: string[] } {
  const lines: string[] = [];
  const code = runSynth((app) => new FalcoGitopsStack(app, 'FalcoGitops', FIXTURE_PROPS, { baseDir: dir }), {
    argv: [],
    outdir: path.join(dir, 'dist'),
    env: {},
    out: (l) => lines.push(...l.split('\n')),
    err: (l) => lines.push(...l.split('\n')),
  });
  return { code, lines };
}

describe('warnings of a synth with the upstream rules vendored', () => {
  it('summarize the findings inside the locked upstream files in one line, with the command that lists them', async () => {
    // GIVEN the upstream rules vendored (they redefine two lists and a macro of each other) and clean project rules
    const dir = deliveryProject({ upstream: true });
    dirs.push(dir);
    // WHEN synth runs
    const { code, lines } = synthOutput(dir);
    // THEN it succeeds with that one warning, not three the user cannot act on
    expect(code).toBe(0);
    expect(lines.filter((l) => l.includes('warning'))).toEqual([SUMMARY]);
    // AND the command it names lists exactly those three findings
    const lint = await cli(['lint', ...UPSTREAM], { cwd: dir });
    expect(lint.stdout).toMatch(/\n0 errors, 3 warnings\n$/);
    expect(lint.stdout.match(/: warning: .*\[redefinition\]/g)).toHaveLength(3);
  });

  it('still name each finding of the project\'s own files, file:line:col first, with one prefix', () => {
    // GIVEN a project file that redefines an upstream list without an override
    const redefinition = '- list: shell_binaries\n  items: [bash]\n';
    const dir = deliveryProject({ upstream: true, rules: { 'project_rules.yaml': FIXTURE_RULES, 'zz_redefine.yaml': redefinition } });
    dirs.push(dir);
    const { warnings } = synthAt(dir);
    const own = warnings.filter((w) => w.subject?.startsWith('rules/'));
    expect(own).toHaveLength(1);
    expect(own[0]?.subject).toBe('rules/zz_redefine.yaml:1:3');
    const line = formatWarning(own[0]!);
    expect(line).toMatch(/^rules\/zz_redefine\.yaml:1:3: warning: list 'shell_binaries' replaces the different definition at upstream\/falco-sandbox_rules\.yaml:\d+:3; .*\[redefinition\]$/);
    expect(line.match(/warning:/g)).toHaveLength(1);
    expect(warnings.map(formatWarning)).toContain(SUMMARY);
  });

  it('print every warning with one `warning:` prefix (the old output doubled it)', () => {
    const dir = deliveryProject({ upstream: true, rules: { 'project_rules.yaml': FIXTURE_RULES, 'zz_redefine.yaml': '- list: shell_binaries\n  items: [bash]\n' } });
    dirs.push(dir);
    const { code, lines } = synthOutput(dir);
    expect(code).toBe(0);
    const warnings = lines.filter((l) => l.includes('warning:'));
    expect(warnings).toHaveLength(2);
    for (const l of warnings) expect(l.match(/warning:/g)).toHaveLength(1);
  });

  it('say nothing about upstream files when none are vendored', () => {
    const dir = deliveryProject();
    dirs.push(dir);
    expect(synthAt(dir).warnings.map(formatWarning)).toEqual([
      "warning: no upstream Falco rules vendored (the lock file's vendorDir holds none of the locked files): dist/ carries only the project's rules. Run `npm run rules:vendor` to ship the scoped default rules.",
    ]);
  });
});

describe('formatWarning', () => {
  it('prefixes once, after the subject when there is one', () => {
    expect(formatWarning({ message: 'm' })).toBe('warning: m');
    expect(formatWarning({ subject: 'rules/x.yaml:1:3', message: 'm [code]' })).toBe('rules/x.yaml:1:3: warning: m [code]');
  });
});

describe('ruleFileWarnings', () => {
  const at = (file: string, code: string, line = 1) => ({ file, line, column: 3, severity: 'warning' as const, code, message: `m ${code}` });

  it('reports each finding once, keeps an unscoped upstream rule (acknowledged through the props) and counts the rest', () => {
    const findings = [at('up.yaml', 'redefinition'), at('up.yaml', 'redefinition'), at('up.yaml', 'scope-unscopable-source', 9), at('own.yaml', 'redefinition')];
    expect(ruleFileWarnings(findings, ['up.yaml'])).toEqual([
      { subject: 'up.yaml:9:3', message: 'm scope-unscopable-source [scope-unscopable-source]' },
      { subject: 'own.yaml:1:3', message: 'm redefinition [redefinition]' },
      { message: '1 finding in vendored upstream files (checksum-locked: Falco loads them as released, and this is not yours to fix); list them with `npx falco-gitops lint up.yaml`' },
    ]);
    expect(ruleFileWarnings([], ['up.yaml'])).toEqual([]);
  });
});
