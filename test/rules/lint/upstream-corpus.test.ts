import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, lintRules } from '../../../lib/rules';
import { SHARED_DIR, UPSTREAM_RULE_FILES } from '../../support/shared-dir';

describe('the upstream falco-rules-5.1.0 files, loaded stable → incubating → sandbox', () => {
  const diagnostics = lintRules(UPSTREAM_RULE_FILES);
  const lines = diagnostics.map((d) => formatDiagnostic({ ...d, file: path.basename(d.file) }));

  it('give no errors', () => {
    expect(lines.filter((l) => l.includes(': error: '))).toEqual([]);
  });

  it('give exactly the justified warnings', () => {
    expect(lines).toEqual([
      // Incubating redefines the stable list without 'uv', so the stable rules lose it too:
      // Falco keeps the last definition for every rule. A real upstream inconsistency.
      "falco-incubating_rules.yaml:160:3: warning: list 'python_package_managers' replaces the different definition at falco_rules.yaml:165:3; write 'override: { items: append }' to add items, or 'override: { items: replace }' to replace them on purpose [redefinition]",
      // Incubating's copy of falco_containers also holds the three falco-no-driver images: its
      // '- list: falco_no_driver_containers' header is missing, so those items continue the sequence.
      "falco-incubating_rules.yaml:545:3: warning: list 'falco_containers' replaces the different definition at falco_rules.yaml:627:3; write 'override: { items: append }' to add items, or 'override: { items: replace }' to replace them on purpose [redefinition]",
      // Sandbox's inbound_outbound has different parentheses than incubating's; it wins for both files.
      "falco-sandbox_rules.yaml:248:3: warning: macro 'inbound_outbound' replaces the different definition at falco-incubating_rules.yaml:223:3; write 'override: { condition: append }' to extend it, or 'override: { condition: replace }' to replace it on purpose [redefinition]",
    ].map((l) => l.replace(/at (falco[-\w]*\.yaml)/, (_, f: string) => `at ${path.join(path.dirname(UPSTREAM_RULE_FILES[0] as string), f)}`)));
  });

  it('give no errors for each file alone either', () => {
    for (const file of UPSTREAM_RULE_FILES) {
      expect(lintRules([file]).filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([]);
    }
  });
});

describe('the upstream k8saudit 0.18.0 rules (falcosecurity/plugins@plugins/k8saudit/v0.18.0:plugins/k8saudit/rules/k8s_audit_rules.yaml)', () => {
  const file = path.join(SHARED_DIR, 'upstream', 'falco-plugins', 'k8saudit-0.18.0', 'k8s_audit_rules.yaml');

  // The only findings: the falco chart 9.1.0 does not ship the plugins these rules require (true; the
  // deployment must load k8saudit and json itself). Every field the rules use is known, with its argument.
  const justified = [
    'k8s_audit_rules.yaml:22:7: warning: required plugin k8saudit 0.18.0 or k8saudit-aks 0.6.0 or k8saudit-eks 0.12.0 or k8saudit-gke 0.9.0 or k8saudit-ovh 0.6.0 is not shipped by falco 9.1.0 (it ships container 0.7.1, k8smeta 0.4.1); load it in the Falco deployment yourself, or Falco will refuse these rules [plugin-version]',
    'k8s_audit_rules.yaml:33:7: warning: required plugin json 0.7.0 is not shipped by falco 9.1.0 (it ships container 0.7.1, k8smeta 0.4.1); load it in the Falco deployment yourself, or Falco will refuse these rules [plugin-version]',
  ];
  const lines = (files: string[]): string[] =>
    lintRules(files)
      .filter((d) => d.file === file)
      .map((d) => formatDiagnostic({ ...d, file: path.basename(d.file) }));

  it('give no errors, only the justified plugin-version warnings', () => {
    expect(lines([file])).toEqual(justified);
  });

  it('give no errors beside the three falco-rules files either, which keep their 3 warnings', () => {
    const together = lintRules([...UPSTREAM_RULE_FILES, file]);
    expect(together.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([]);
    expect(lines([...UPSTREAM_RULE_FILES, file])).toEqual(justified);
    expect(together.filter((d) => d.file !== file)).toHaveLength(3);
  });
});
