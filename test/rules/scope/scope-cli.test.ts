import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SCOPE_FIELDS, scopeRuleFiles } from '../../../lib/rules/scope';
import { cli } from '../../cli/cli-helpers';
import { REPO_ROOT, UPSTREAM_RULE_FILES } from '../../support/shared-dir';
import { FIXTURE_PROJECT_RULES } from '../../support/fixture-project';

const PROJECT_RULES = path.relative(REPO_ROOT, FIXTURE_PROJECT_RULES);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'scope-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, text);
  return file;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('falco-gitops scope', () => {
  it('prints the scoped upstream and project rules, which `falco-gitops lint` reads back clean', async () => {
    // GIVEN the three upstream files and the project's rules, in load order
    const inputs = [...UPSTREAM_RULE_FILES.map((f) => path.relative(REPO_ROOT, f)), PROJECT_RULES];
    // WHEN scoping them to prod, keeping the cluster-wide rules cluster-wide
    const r = await cli(['scope', '--namespace', 'prod', '--exclude-tag', 'falco_gitops_cluster_wide', ...inputs]);
    // THEN it succeeds, printing the same flat files the library produces, as one stream
    // (upstream's own redefinition warnings go to stderr)
    expect(r.stderr).not.toContain(': error:');
    expect(r.stderr).toMatch(/\n0 errors, 3 warnings\n$/);
    expect(r.code).toBe(0);
    const expected = scopeRuleFiles(
      inputs.map((name) => ({ name, text: fs.readFileSync(path.join(REPO_ROOT, name), 'utf8') })),
      { namespaces: ['prod'], field: 'k8smeta.ns.name', excludeTags: ['falco_gitops_cluster_wide'] },
    );
    expect(r.stdout).toBe(expected.files.map((f) => f.text).join('---\n'));
    // AND the printed stream lints clean
    expect(await cli(['lint', write('scoped.yaml', r.stdout)])).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('scopes with another field and several namespaces', async () => {
    const r = await cli(['scope', '-n', 'prod', '-n', 'payments', '--field', 'container.name', PROJECT_RULES]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  condition: (container.name contains "_prod_" or container.name contains "_payments_")\n');
  });

  it('exits 2 with the usage hint when no namespace is given', async () => {
    expect(await cli(['scope', PROJECT_RULES])).toEqual({
      code: 2,
      stdout: '',
      stderr: "error: required option '-n, --namespace <namespace>' not specified\nRun 'falco-gitops scope --help' for usage.\n",
    });
  });

  it('exits 2 when the field is not one it can scope on', async () => {
    const r = await cli(['scope', '-n', 'prod', '--field', 'k8s.pod.name', PROJECT_RULES]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "error: option '--field <field>' argument 'k8s.pod.name' is invalid. Allowed choices are k8smeta.ns.name, k8s.ns.name, container.name.\n" +
        "Run 'falco-gitops scope --help' for usage.\n",
    );
  });

  it('offers exactly the fields the library scopes on, and documents each in its help', async () => {
    const help = (await cli(['scope', '--help'])).stdout;
    for (const field of SCOPE_FIELDS) expect(help).toMatch(new RegExp(`\\n {2}${escape(field)} +\\S`));
    const offered = (await cli(['scope', '-n', 'prod', '--field', 'x', PROJECT_RULES])).stderr.match(/Allowed choices are (.*)\.\n/)?.[1];
    expect(offered?.split(', ')).toEqual([...SCOPE_FIELDS]);
  });

  it('exits 2 naming the flag the user typed when a namespace is invalid', async () => {
    expect(await cli(['scope', '--namespace', 'Prod', '-n', 'prod', '-n', 'prod', PROJECT_RULES])).toEqual({
      code: 2,
      stdout: '',
      stderr: [
        'error: invalid scope options (2 problems):',
        `  - --namespace: received "Prod"; a namespace is a DNS-1123 label (at most 63 characters: lower-case letters, digits and '-', starting and ending with a letter or digit).`,
        '  - --namespace: received "prod"; is listed twice. Fix: list each namespace once',
        "Run 'falco-gitops scope --help' for usage.",
        '',
      ].join('\n'),
    });
  });

  it('exits 2 naming the flag the user typed when an exclusion names no rule', async () => {
    expect(await cli(['scope', '--namespace', 'prod', '--exclude-rule', 'Curl Executed In Container', PROJECT_RULES])).toEqual({
      code: 2,
      stdout: '',
      stderr: [
        'error: invalid scope options (1 problem):',
        `  - --exclude-rule: received "Curl Executed In Container"; no input defines a rule by that name; did you mean 'Curl Executed in Container'?`,
        "Run 'falco-gitops scope --help' for usage.",
        '',
      ].join('\n'),
    });
  });

  it('exits 2 naming --scoped-file and --exclude-tag', async () => {
    const r = await cli(['scope', '-n', 'prod', '--scoped-file', 'other.yaml', '--exclude-tag', 'no_such_tag', PROJECT_RULES]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: invalid scope options \(2 problems\):\n {2}- --scoped-file: received "other\.yaml"; .*\n {2}- --exclude-tag: received "no_such_tag"; /);
  });

  it('exits 1 with the diagnostics on stderr and nothing on stdout when an input has errors', async () => {
    const broken = write('broken.yaml', '- rule: Broken\n  desc: no output\n  condition: evt.type = execve\n  priority: WARNING\n');
    const r = await cli(['scope', '--namespace', 'prod', broken]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^${escape(broken)}:1:3: error: .*\\[missing-key\\]\n`));
    expect(r.stderr).toMatch(/\n1 error, 0 warnings\n$/);
  });

  it('prints the diagnostics as JSON on stderr with --format json, the rules still on stdout', async () => {
    const broken = write('broken-json.yaml', '- rule: Broken\n  desc: no output\n  condition: evt.type = execve\n  priority: WARNING\n');
    const failed = await cli(['scope', '-n', 'prod', '--format', 'json', broken]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toBe('');
    expect(JSON.parse(failed.stderr)).toMatchObject({ errorCount: 1, warningCount: 0, diagnostics: [{ file: broken, code: 'missing-key' }] });
    const clean = await cli(['scope', '-n', 'prod', '-f', 'json', PROJECT_RULES]);
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.stderr)).toEqual({ diagnostics: [], errorCount: 0, warningCount: 0 });
    expect(clean.stdout).toContain('- macro: falco_gitops_scope\n');
  });

  it('exits 0 and warns on stderr about a rule it cannot scope', async () => {
    const aws = write(
      'aws.yaml',
      '- rule: Root Login\n  desc: root login\n  condition: ct.name = ConsoleLogin\n  output: login (user=%ct.user)\n  priority: WARNING\n  source: aws_cloudtrail\n',
    );
    const r = await cli(['scope', '--namespace', 'prod', aws]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`${aws}:1:3: warning: rule 'Root Login' is left unscoped: its source 'aws_cloudtrail' has no namespace field`);
    expect(r.stdout).toContain('- rule: Root Login\n');
  });

  it('prints its help', async () => {
    const r = await cli(['scope', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: falco-gitops scope \[options\] <file\.\.\.>\n/);
    for (const flag of ['-n, --namespace <namespace>', '--field <field>', '--exclude-rule <name>', '--exclude-tag <tag>', '--scoped-file <file>']) {
      expect(r.stdout).toContain(`  ${flag} `);
    }
  });
});
