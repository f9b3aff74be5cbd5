import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, UPSTREAM_RULE_FILES } from '../support/shared-dir';

/** Runs the real executable, as a user would, from the repository root. */
function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'falco-gitops.js'), ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const fixture = (name: string): string => path.relative(REPO_ROOT, path.join(__dirname, 'fixtures', name));

describe('falco-gitops lint', () => {
  it('exits 0 and prints warnings when there are no errors', () => {
    const r = cli('lint', fixture('warning-only.yaml'));
    expect(r).toEqual({
      code: 0,
      stdout: [
        `${fixture('warning-only.yaml')}:6:3: warning: rule 'Shell in container': an item with only 'enabled' is deprecated; add 'override: { enabled: replace }' [deprecated-enabled]`,
        '0 errors, 1 warning',
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it('exits 1 and prints each error as file:line:col: error: message [code]', () => {
    const r = cli('lint', fixture('broken.yaml'));
    expect(r).toEqual({
      code: 1,
      stdout: [
        `${fixture('broken.yaml')}:3:36: error: rule 'Broken': unknown field 'proc.nmae' for source 'syscall'; did you mean 'proc.name'? [unknown-field]`,
        '1 error, 0 warnings',
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it('prints JSON with --format json', () => {
    const r = cli('lint', '--format', 'json', fixture('broken.yaml'), fixture('warning-only.yaml'));
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      diagnostics: [
        {
          file: fixture('broken.yaml'),
          line: 3,
          column: 36,
          severity: 'error',
          code: 'unknown-field',
          message: "rule 'Broken': unknown field 'proc.nmae' for source 'syscall'; did you mean 'proc.name'?",
        },
        {
          file: fixture('warning-only.yaml'),
          line: 6,
          column: 3,
          severity: 'warning',
          code: 'deprecated-enabled',
          message: "rule 'Shell in container': an item with only 'enabled' is deprecated; add 'override: { enabled: replace }'",
        },
      ],
      errorCount: 1,
      warningCount: 1,
    });
  });

  it('lints the upstream files in load order without errors', () => {
    const r = cli('lint', '--format=json', ...UPSTREAM_RULE_FILES);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ errorCount: 0, warningCount: 3 });
  });

  describe('fails with exit code 2 and no stack trace', () => {
    const usage = 'Usage: falco-gitops lint [options] FILE...';
    const hint = "Run 'falco-gitops lint --help' for details.";
    const cases: Array<[string, string[], string]> = [
      ['when no file is given', ['lint'], 'falco-gitops lint: no input files: give at least one rule file'],
      ['when a file does not exist', ['lint', 'missing.yaml'], 'falco-gitops lint: file not found: missing.yaml'],
      ['when an option is unknown', ['lint', '--strict', fixture('broken.yaml')], "falco-gitops lint: unknown option '--strict'"],
      ['when the format is unknown', ['lint', '--format', 'xml', fixture('broken.yaml')], "falco-gitops lint: invalid value 'xml' for '--format': expected one of 'text', 'json'"],
      ['when --format has no value', ['lint', '--format'], "falco-gitops lint: option '--format' needs a value (FORMAT)"],
    ];
    for (const [title, args, message] of cases) {
      it(title, () => {
        expect(cli(...args)).toEqual({ code: 2, stdout: '', stderr: `${message}\n${usage}\n${hint}\n` });
      });
    }

    it('when the command is unknown', () => {
      expect(cli('scan', 'x.yaml')).toEqual({
        code: 2,
        stdout: '',
        stderr: expect.stringMatching(/^falco-gitops: unknown command 'scan'\. Commands: lint.*\nRun 'falco-gitops --help' for usage\.\n$/),
      });
    });
  });

  it('shows the tool help with --help and -h, exit 0', () => {
    for (const flag of ['--help', '-h']) {
      const r = cli(flag);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Usage: falco-gitops <command> \[options\] \[operands\]\n/);
      expect(r.stdout).toMatch(/\n {2}lint +Check Falco rule files the way Falco 0\.44 loads them\n/);
    }
  });

  it('shows the lint help with lint --help and lint -h, exit 0, even after other arguments', () => {
    for (const args of [['lint', '--help'], ['lint', '-h'], ['lint', '--bogus', 'x.yaml', '-h']]) {
      const r = cli(...args);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Usage: falco-gitops lint \[options\] FILE\.\.\.\n/);
      expect(r.stdout).toContain('-f, --format FORMAT  Output format (one of: text, json; default: text)');
      expect(r.stdout).toContain('Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage error.');
    }
  });

  it('exits 2 with the tool help on stderr when no command is given', () => {
    const r = cli();
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Usage: falco-gitops <command>/);
  });
});
