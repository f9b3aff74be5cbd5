import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scopeRuleFiles } from '../../../lib/rules/scope';
import { REPO_ROOT, UPSTREAM_RULE_FILES } from '../../support/shared-dir';

const BIN = path.join(REPO_ROOT, 'bin', 'falco-gitops.js');
const PROJECT_RULES = path.join('rules', 'falco-gitops_rules.yaml');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'scope-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function write(name: string, text: string): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, text);
  return file;
}

describe('falco-gitops scope', () => {
  it('prints the scoped upstream and project rules, which `falco-gitops lint` reads back clean', () => {
    // GIVEN the three upstream files and the project's rules, in load order
    const inputs = [...UPSTREAM_RULE_FILES.map((f) => path.relative(REPO_ROOT, f)), PROJECT_RULES];
    // WHEN scoping them to prod, keeping the cluster-wide rules cluster-wide
    const r = cli('scope', '--namespace', 'prod', '--exclude-tag', 'falco_gitops_cluster_wide', ...inputs);
    // THEN it succeeds, printing the same flat files the library produces, as one stream
    // (upstream's own redefinition warnings go to stderr)
    expect(r.stderr).not.toContain(': error:');
    expect(r.stderr).toMatch(/\n0 errors, 3 warnings\n$/);
    expect(r.status).toBe(0);
    const expected = scopeRuleFiles(
      inputs.map((name) => ({ name, text: fs.readFileSync(path.join(REPO_ROOT, name), 'utf8') })),
      { namespaces: ['prod'], field: 'k8smeta.ns.name', excludeTags: ['falco_gitops_cluster_wide'] },
    );
    expect(r.stdout).toBe(expected.files.map((f) => f.text).join('---\n'));
    // AND the printed stream lints clean
    const lint = cli('lint', write('scoped.yaml', r.stdout));
    expect(lint.stdout + lint.stderr).toBe('');
    expect(lint.status).toBe(0);
  });

  it('scopes with another field and several namespaces', () => {
    const r = cli('scope', '-n', 'prod', '-n', 'payments', '--field', 'container.name', PROJECT_RULES);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('  condition: (container.name contains "_prod_" or container.name contains "_payments_")\n');
  });

  it('exits 2 with the usage when no namespace is given', () => {
    const r = cli('scope', PROJECT_RULES);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        'falco-gitops scope: no namespace: give at least one --namespace, e.g. --namespace prod',
        'Usage: falco-gitops scope [options] FILE...',
        "Run 'falco-gitops scope --help' for details.",
        '',
      ].join('\n'),
    );
  });

  it('exits 2 naming the flag when a namespace is invalid or an exclusion names no rule', () => {
    const r = cli('scope', '--namespace', 'Prod', '--exclude-rule', 'No Such Rule', PROJECT_RULES);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n').slice(0, 2)).toEqual([
      `falco-gitops scope: '--namespace' has "Prod": a namespace is a DNS-1123 label (at most 63 characters: lower-case letters, digits and '-', starting and ending with a letter or digit)`,
      'Usage: falco-gitops scope [options] FILE...',
    ]);
    const r2 = cli('scope', '--namespace', 'prod', '--exclude-rule', 'Curl Executed In Container', PROJECT_RULES);
    expect(r2.status).toBe(2);
    expect(r2.stderr.split('\n')[0]).toBe(
      "falco-gitops scope: '--exclude-rule' names 'Curl Executed In Container', but no input defines a rule by that name; did you mean 'Curl Executed in Container'?",
    );
  });

  it('exits 1 with the diagnostics on stderr and nothing on stdout when an input has errors', () => {
    const broken = write('broken.yaml', '- rule: Broken\n  desc: no output\n  condition: evt.type = execve\n  priority: WARNING\n');
    const r = cli('scope', '--namespace', 'prod', broken);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1:3: error: .*\\[missing-key\\]\n`));
    expect(r.stderr).toMatch(/\n1 error, 0 warnings\n$/);
  });

  it('exits 0 and warns on stderr about a rule it cannot scope', () => {
    const aws = write(
      'aws.yaml',
      '- rule: Root Login\n  desc: root login\n  condition: ct.name = ConsoleLogin\n  output: login (user=%ct.user)\n  priority: WARNING\n  source: aws_cloudtrail\n',
    );
    const r = cli('scope', '--namespace', 'prod', aws);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`${aws}:1:3: warning: rule 'Root Login' is left unscoped: its source 'aws_cloudtrail' has no namespace field`);
    expect(r.stdout).toContain('- rule: Root Login\n');
  });

  it('prints its help', () => {
    const r = cli('scope', '--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: falco-gitops scope \[options\] FILE\.\.\.\n/);
    expect(r.stdout).toContain('-n, --namespace NS');
  });
});
