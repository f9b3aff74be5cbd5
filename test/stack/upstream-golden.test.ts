import * as fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { formatWarning } from '../../lib/core';
import { FalcoGitopsStack } from '../../lib/stack';
import { synthesizeStack } from '../../lib/synth';
import { FIXTURE_PROPS } from '../support/fixture-project';
import { tempProject } from '../synth/synth-helpers';

/**
 * The largest output of the stack, whole: the fixture project's props (main.ts as shipped) with
 * the three upstream rule files and k8s_audit_rules.yaml (for the audit Falco) vendored from
 * ../shared/upstream (as `falco-gitops vendor` would), so the scoped upstream ConfigMaps are pinned
 * line by line. The default output (no upstream rules) is pinned by test/synth's golden file.
 */
describe('the stack with the upstream rules vendored', () => {
  const base = tempProject({ vendorUpstream: true });
  afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

  const result = synthesizeStack((app) => new FalcoGitopsStack(app, 'FalcoGitops', FIXTURE_PROPS, { baseDir: base }));
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
    expect(audit.content).toContain(
      '# Each scoped k8s_audit rule is (<condition>) and falco_gitops_scope_k8s_audit, where falco_gitops_scope_k8s_audit = (ka.target.namespace in (prod))',
    );
  });

  it('lists the audit Falco\'s rule files apart from the syscall Falco\'s, each in its load order', () => {
    expect(result.ruleFiles).toEqual([
      'rules/upstream/falco_rules.yaml',
      'rules/upstream/falco-incubating_rules.yaml',
      'rules/upstream/falco-sandbox_rules.yaml',
      'rules/falco-gitops_rules.yaml',
    ]);
    expect(result.auditRuleFiles).toEqual(['rules/upstream/k8s_audit_rules.yaml', 'rules-k8saudit/falco-gitops_k8saudit_rules.yaml']);
  });

  it('warns only about what upstream itself redefines, in one summary line, never that upstream rules are missing', () => {
    expect(result.warnings.map(formatWarning)).toEqual([
      'warning: 3 findings in vendored upstream files (checksum-locked: Falco loads them as released, and this is not yours to fix); ' +
        'list them with `npx falco-gitops lint rules/upstream/falco_rules.yaml rules/upstream/falco-incubating_rules.yaml rules/upstream/falco-sandbox_rules.yaml`',
    ]);
  });
});
