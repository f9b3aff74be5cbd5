import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stackProps } from '../../main';
import { FalcoGitopsStack } from '../../lib/stack';
import { synthesizeStack } from '../../lib/synth';
import { K8SAUDIT_RULES_FILE, REPO_ROOT, UPSTREAM_RULE_FILES } from '../support/shared-dir';

/**
 * The largest output of the stack, whole: main.ts's props with the three upstream rule files and
 * k8s_audit_rules.yaml (for the audit Falco) vendored from ../shared/upstream (as `falco-gitops vendor` would), so the scoped upstream
 * ConfigMap is pinned line by line. The default output (no upstream rules) is pinned byte for
 * byte by the committed dist/ instead (test/synth).
 */
describe('the stack with the upstream rules vendored', () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'falco-gitops-golden-'));
  afterAll(() => fs.rmSync(base, { recursive: true, force: true }));
  fs.cpSync(path.join(REPO_ROOT, 'rules'), path.join(base, 'rules'), { recursive: true });
  fs.rmSync(path.join(base, 'rules', 'upstream'), { recursive: true, force: true });
  fs.mkdirSync(path.join(base, 'rules', 'upstream'));
  for (const file of [...UPSTREAM_RULE_FILES, K8SAUDIT_RULES_FILE]) fs.copyFileSync(file, path.join(base, 'rules', 'upstream', path.basename(file)));

  const result = synthesizeStack((app) => new FalcoGitopsStack(app, 'FalcoGitops', stackProps, { baseDir: base }));
  const whole = result.files.map((f) => `# ${f.path}\n${f.content}`).join('---\n');

  it('matches the golden snapshot of the whole output, scoped upstream ConfigMap included', async () => {
    await expect(whole).toMatchFileSnapshot('__snapshots__/dist-with-upstream.golden.yaml');
  });

  it('delivers the upstream rules first, from their own ConfigMap, and loads them before the project rules', () => {
    expect(result.files.map((f) => f.path)).toContain('cluster/configmap.secured-ns.falco-gitops-rules-upstream.yaml');
    const falco = result.files.find((f) => f.path === 'cluster/helmchart.kube-system.falco.yaml');
    expect(falco?.content).toMatch(/rules_files:\n\s+- \/etc\/falco\/falco-gitops\/00-upstream\n\s+- \/etc\/falco\/falco-gitops\/01-project\n/);
  });

  it('delivers k8s_audit_rules.yaml to the audit Falco only, scoped, before the project audit rules', () => {
    const syscall = result.files.find((f) => f.path === 'cluster/configmap.secured-ns.falco-gitops-rules-upstream.yaml')!;
    expect(syscall.content).not.toContain('k8s_audit_rules.yaml:');
    const audit = result.files.find((f) => f.path === 'cluster/configmap.secured-ns.falco-gitops-k8saudit-rules-upstream.yaml')!;
    expect(audit.content).toContain('00-k8s_audit_rules.yaml: |');
    expect(audit.content).toContain('k8s_audit rules: (<condition>) and falco_gitops_scope_k8s_audit, where falco_gitops_scope_k8s_audit = (ka.target.namespace in (prod))');
  });

  it('warns only about what upstream itself redefines, never that upstream rules are missing', () => {
    expect(result.warnings.join('\n')).not.toMatch(/no upstream Falco rules vendored/);
  });
});
