import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, UPSTREAM_RULE_FILES } from '../support/shared-dir';
import { cli } from './cli-helpers';

/** A fixture as a user in the repository root names it. */
const fixture = (name: string): string => path.relative(REPO_ROOT, path.join(__dirname, 'fixtures', name));

describe('falco-gitops lint', () => {
  it('exits 0 and prints warnings when there are no errors', async () => {
    expect(await cli(['lint', fixture('warning-only.yaml')])).toEqual({
      code: 0,
      stdout: [
        `${fixture('warning-only.yaml')}:6:3: warning: rule 'Shell in container': an item with only 'enabled' is deprecated; add 'override: { enabled: replace }' [deprecated-enabled]`,
        '0 errors, 1 warning',
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it('exits 1 and prints each error as file:line:col: error: message [code]', async () => {
    expect(await cli(['lint', fixture('broken.yaml')])).toEqual({
      code: 1,
      stdout: [
        `${fixture('broken.yaml')}:3:36: error: rule 'Broken': unknown field 'proc.nmae' for source 'syscall'; did you mean 'proc.name'? [unknown-field]`,
        '1 error, 0 warnings',
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it('prints nothing for clean files', async () => {
    expect(await cli(['lint', 'rules/falco-gitops_rules.yaml'])).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('prints JSON with --format json (and -f json)', async () => {
    for (const flags of [['--format', 'json'], ['-f', 'json']]) {
      const r = await cli(['lint', ...flags, fixture('broken.yaml'), fixture('warning-only.yaml')]);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('');
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
    }
  });

  it('lints the upstream files in load order without errors', async () => {
    const r = await cli(['lint', '--format=json', ...UPSTREAM_RULE_FILES]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ errorCount: 0, warningCount: 3 });
  });

  it('resolves relative files against the working directory and names them as given', async () => {
    const r = await cli(['lint', 'broken.yaml'], { cwd: path.join(__dirname, 'fixtures') });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^broken\.yaml:3:36: error: /);
  });

  describe('exits 2 with one error line and the usage hint, no stack trace', () => {
    const hint = "Run 'falco-gitops lint --help' for usage.";
    const cases: Array<[string, string[], string]> = [
      ['when no file is given', ['lint'], "error: missing required argument 'file'"],
      ['when a file does not exist', ['lint', 'missing.yaml'], 'error: missing.yaml: file not found.'],
      ['when a file is a directory', ['lint', 'rules'], 'error: rules: is a directory, not a rule file.'],
      ['when an option is unknown', ['lint', '--strict', fixture('broken.yaml')], "error: unknown option '--strict'"],
      ['when the format is unknown', ['lint', '--format', 'xml', fixture('broken.yaml')], "error: option '-f, --format <format>' argument 'xml' is invalid. Allowed choices are text, json."],
      ['when --format has no value', ['lint', fixture('broken.yaml'), '--format'], "error: option '-f, --format <format>' argument missing"],
    ];
    for (const [title, argv, message] of cases) {
      it(title, async () => {
        expect(await cli(argv)).toEqual({ code: 2, stdout: '', stderr: `${message}\n${hint}\n` });
      });
    }
  });

  it('reads a file named like an option after --', async () => {
    const r = await cli(['lint', '--', '--no-such-file.yaml']);
    expect(r).toMatchObject({ code: 2, stderr: expect.stringMatching(/^error: --no-such-file\.yaml: file not found\.\n/) });
  });
});
