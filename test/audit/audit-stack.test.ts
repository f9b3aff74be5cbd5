import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as YAML from 'yaml';
import { AUDIT_CLUSTER_SCOPED_RULES, K8SAUDIT_RULE_NEEDS, loadAuditRuleBundles, readAuditRuleFolder } from '../../lib/audit';
import { formatWarning } from '../../lib/core';
import { lintRuleTexts } from '../../lib/rules';
import { FalcoGitopsStack, resolveStackProps, type FalcoGitopsStackProps } from '../../lib/stack';
import { runSynth } from '../../lib/synth';
import { checkValuesAgainstChart, validateManifests } from '../support/manifest-validation';
import { FIXTURE_PROJECT, FIXTURE_PROPS as stackProps } from '../support/fixture-project';
import { chartValuesPath, SHARED_DIR } from '../support/shared-dir';
import { objectsOf, readTree, synthStack, tempProject } from '../synth/synth-helpers';

const fresh = synthStack();
const file = (p: string) => fresh.files.find((f) => f.path === p)!.content;
const withAudit = (audit: FalcoGitopsStackProps['audit']): FalcoGitopsStackProps => ({ ...stackProps, audit });

/** The message of a synth that must fail, and a check that dist/ was left as it was. */
function failedSynth(props: FalcoGitopsStackProps): string {
  const dir = tempProject();
  const outdir = path.join(dir, 'dist');
  fs.mkdirSync(path.join(outdir, 'cluster'), { recursive: true });
  fs.writeFileSync(path.join(outdir, 'cluster', 'old.yaml'), 'old: true\n');
  const before = readTree(outdir);
  let stderr = '';
  const code = runSynth((app) => new FalcoGitopsStack(app, 'FalcoGitops', props, { baseDir: dir }), {
    argv: [],
    env: {},
    outdir,
    out: () => undefined,
    err: (line) => void (stderr += `${line}\n`),
  });
  expect(code).toBe(1);
  expect(readTree(outdir)).toEqual(before);
  expect(stderr).toContain(`${outdir}/ was left as it was.`);
  return stderr;
}

describe('audit props: bad input fails synth with one message naming the prop and the fix, dist/ untouched', () => {
  const cases: Array<[string, FalcoGitopsStackProps['audit'], RegExp]> = [
    ['an unknown level', { policy: { rules: [{ level: 'Everything' as never }] } }, /audit\.policy\.rules\[0\]\.level: received "Everything"; must be one of 'None', 'Metadata', 'Request', 'RequestResponse'\. Fix: /],
    ['an unknown stage', { policy: { omitStages: ['RequestRecieved' as never] } }, /audit\.policy\.omitStages\[0\]: received "RequestRecieved"; must be one of 'RequestReceived', .*\. Fix: /],
    ['a negative maxAge', { log: { maxAge: -1 } }, /audit\.log\.maxAge: received -1; must be a whole number of days, 0 or more \(--audit-log-maxage\)\. Fix: use 10/],
    ['a fractional maxAge', { log: { maxAge: 2.5 } }, /audit\.log\.maxAge: received 2\.5; must be a whole number/],
    ['a relative log path', { log: { path: 'audit.log' } }, /audit\.log\.path: received "audit\.log"; must be an absolute file path .*\. Fix: use e\.g\. "\/var\/log\/kubernetes\/audit-logs\.txt"/],
    [
      'a Secret raised above Metadata without the opt-in',
      { policy: { rules: [{ level: 'Request', resources: [{ group: '', resources: ['secrets'] }] }, { level: 'Metadata' }] } },
      /audit\.policy\.rules\[0\]\.level: received "Request"; records the body of a Secret .* Fix: .*set audit\.allowSecretBodies: true/,
    ],
    ['an unknown rule field', { policy: { rules: [{ level: 'Metadata', namespace: ['prod'] } as never] } }, /audit\.policy\.rules\[0\]\.namespace: received \["prod"\]; is not a field of the audit policy/],
  ];
  for (const [name, audit, message] of cases) {
    it(`refuses ${name}`, () => {
      const stderr = failedSynth(withAudit(audit));
      expect(stderr).toMatch(/^error: invalid stack props \(1 problem\):\n/);
      expect(stderr).toMatch(message);
    });
  }

  it('reports every problem at once', () => {
    const stderr = failedSynth(withAudit({ log: { maxAge: -1, maxBackup: 1.5, format: 'xml' as never }, hostConfigDir: 'etc' }));
    expect(stderr).toMatch(/^error: invalid stack props \(4 problems\):\n/);
  });

  it('accepts Secret bodies with audit.allowSecretBodies', () => {
    const result = synthStack(withAudit({ allowSecretBodies: true, policy: { rules: [{ level: 'Request', resources: [{ group: '', resources: ['secrets'] }] }, { level: 'Metadata' }] } }));
    expect(result.files.map((f) => f.path)).toContain('host/audit-policy.yaml');
  });
});

describe('derived defaults', () => {
  it('the default rules follow volumeNamespaces and feedFalco', () => {
    const resolved = (audit: FalcoGitopsStackProps['audit']) => resolveStackProps(withAudit(audit)).audit.policy.rules;
    expect(resolved({}).find((r) => r.namespaces?.includes('front-apps'))).toMatchObject({ level: 'Request', resources: [{ group: '', resources: ['persistentvolumeclaims'] }] });
    expect(resolved({ volumeNamespaces: ['shop', 'blog'] }).find((r) => r.resources?.[0]?.resources?.includes('persistentvolumeclaims'))?.namespaces).toEqual(['shop', 'blog']);
    expect(resolved({ volumeNamespaces: [] }).some((r) => r.resources?.[0]?.resources?.includes('persistentvolumeclaims'))).toBe(false);
    expect(resolved({ feedFalco: false }).some((r) => r.level === 'Request' && r.resources?.[0]?.resources?.includes('pods'))).toBe(false);
    // Given rules replace the defaults whole.
    expect(resolved({ policy: { rules: [{ level: 'Metadata' }] } })).toEqual([{ level: 'Metadata' }]);
  });
});

describe("the seed's mistakes cannot pass silently", () => {
  it("warns at synth about the seed's PersistentVolume rule in front-apps, and names the Falco rules it starves", () => {
    const result = synthStack(withAudit({
      feedFalco: false,
      policy: {
        omitStages: ['RequestReceived'],
        rules: [
          { level: 'RequestResponse', resources: [{ group: '', resources: ['namespaces'] }] },
          { level: 'Request', resources: [{ group: '', resources: ['persistentvolumes'] }], namespaces: ['front-apps'] },
          { level: 'Metadata', resources: [{ group: '', resources: ['secrets', 'configmaps'] }] },
          { level: 'Metadata', omitStages: ['RequestReceived'] },
        ],
      },
    }));
    const warnings = result.warnings.map(formatWarning);
    expect(warnings).toContainEqual(expect.stringMatching(/^audit\.policy\.rules\[1\]\.resources\[0\]\.resources\[0\]: warning: never matches: 'persistentvolumes' is cluster-scoped.*'persistentvolumeclaims'/));
    expect(warnings).toContainEqual(expect.stringContaining("starves the Falco k8saudit rule 'Create Privileged Pod'"));
    expect(warnings).toContainEqual(expect.stringContaining("starves the Falco project audit rule 'Mutable Pod Created in Scoped Namespace'"));
  });

  it('the default policy gives no audit warning at all', () => {
    expect(fresh.warnings.filter((w) => w.subject?.startsWith('audit.'))).toEqual([]);
  });
});

describe('host artifacts carry exactly the flags the props say', () => {
  const EXPECTED = [
    'audit-policy-file=/etc/kubernetes/audit/audit-policy.yaml',
    'audit-log-path=/var/log/kubernetes/audit-logs.txt',
    'audit-log-maxage=10',
    'audit-log-maxbackup=2',
    'audit-log-maxsize=100',
    'audit-log-format=json',
    'audit-log-mode=blocking',
    'audit-webhook-config-file=/etc/kubernetes/audit/audit-webhook-kubeconfig.yaml',
    'audit-webhook-mode=batch',
    'audit-webhook-batch-max-wait=1s',
  ];

  it('k3s: kube-apiserver-arg, retention 10 days and 2 files in the right flags', () => {
    expect(YAML.parse(file('host/k3s/config.yaml'))).toEqual({ 'kube-apiserver-arg': EXPECTED });
  });

  it('RKE2: the same flags, the config folder mounted read-only, the log folder writable', () => {
    expect(YAML.parse(file('host/rke2/config.yaml'))).toEqual({
      'kube-apiserver-arg': EXPECTED,
      'kube-apiserver-extra-mount': ['/etc/kubernetes/audit:/etc/kubernetes/audit:ro', '/var/log/kubernetes:/var/log/kubernetes'],
    });
  });

  it('kubeadm: a JSON patch of the static pod adding the flags, the policy read-only and the log folder DirectoryOrCreate', () => {
    const ops = YAML.parse(file('host/kubeadm/kube-apiserver0+json.yaml')) as Array<{ op: string; path: string; value: any }>;
    expect(ops.every((op) => op.op === 'add')).toBe(true);
    expect(ops.filter((op) => op.path === '/spec/containers/0/command/-').map((op) => op.value)).toEqual(EXPECTED.map((f) => `--${f}`));
    expect(ops.filter((op) => op.path === '/spec/volumes/-').map((op) => op.value)).toEqual([
      { name: 'audit-config', hostPath: { path: '/etc/kubernetes/audit', type: 'Directory' } },
      { name: 'audit-logs', hostPath: { path: '/var/log/kubernetes', type: 'DirectoryOrCreate' } },
    ]);
    expect(ops.filter((op) => op.path === '/spec/containers/0/volumeMounts/-').map((op) => op.value)).toEqual([
      { name: 'audit-config', mountPath: '/etc/kubernetes/audit', readOnly: true },
      { name: 'audit-logs', mountPath: '/var/log/kubernetes', readOnly: false },
    ]);
  });

  it('kind: one kubeadm patch per config version (v1beta3 map, v1beta4 list), and the files mounted from dist/host/', () => {
    const cluster = YAML.parse(file('host/kind/cluster.yaml'));
    const [v3, v4] = cluster.nodes[0].kubeadmConfigPatches.map((p: string) => YAML.parse(p));
    expect(v3.apiVersion).toBe('kubeadm.k8s.io/v1beta3');
    expect(Object.entries(v3.apiServer.extraArgs).map(([k, v]) => `${k}=${v}`)).toEqual(EXPECTED);
    expect(v4.apiVersion).toBe('kubeadm.k8s.io/v1beta4');
    expect(v4.apiServer.extraArgs.map((a: any) => `${a.name}=${a.value}`)).toEqual(EXPECTED);
    expect(v3.apiServer.extraVolumes[1]).toMatchObject({ hostPath: '/var/log/kubernetes', pathType: 'DirectoryOrCreate', readOnly: false });
    expect(cluster.nodes[0].extraMounts).toEqual([
      { hostPath: 'dist/host/audit-policy.yaml', containerPath: '/etc/kubernetes/audit/audit-policy.yaml', readOnly: true },
      { hostPath: 'dist/host/audit-webhook-kubeconfig.yaml', containerPath: '/etc/kubernetes/audit/audit-webhook-kubeconfig.yaml', readOnly: true },
    ]);
  });

  it('minikube: --extra-config flags with the files under /etc/ssl/certs and the log on stdout', () => {
    const flags = file('host/minikube/extra-config.txt').split('\n').filter((l) => l.startsWith('--'));
    expect(flags).toEqual([
      '--extra-config=apiserver.audit-policy-file=/etc/ssl/certs/falco-gitops-audit-policy.yaml',
      '--extra-config=apiserver.audit-log-path=-',
      '--extra-config=apiserver.audit-log-format=json',
      '--extra-config=apiserver.audit-log-mode=blocking',
      '--extra-config=apiserver.audit-webhook-config-file=/etc/ssl/certs/falco-gitops-audit-webhook-kubeconfig.yaml',
      '--extra-config=apiserver.audit-webhook-mode=batch',
      '--extra-config=apiserver.audit-webhook-batch-max-wait=1s',
    ]);
  });

  it('follows the props: other retention, another folder, no audit Falco means no webhook', () => {
    const result = synthStack(withAudit({ log: { maxAge: 30, maxBackup: 5 }, hostConfigDir: '/etc/audit', falco: { enabled: false } }));
    const args = YAML.parse(result.files.find((f) => f.path === 'host/k3s/config.yaml')!.content)['kube-apiserver-arg'];
    expect(args).toContain('audit-log-maxage=30');
    expect(args).toContain('audit-log-maxbackup=5');
    expect(args).toContain('audit-policy-file=/etc/audit/audit-policy.yaml');
    expect(args.filter((a: string) => a.startsWith('audit-webhook'))).toEqual([]);
    expect(result.files.map((f) => f.path)).not.toContain('host/audit-webhook-kubeconfig.yaml');
    expect(objectsOf(result).map((o) => o.metadata.name)).not.toContain('falco-k8saudit');
  });

  it('renders nothing of the audit with audit.enabled false', () => {
    const result = synthStack(withAudit({ enabled: false }));
    expect(result.files.filter((f) => f.path.startsWith('host/') || f.path.includes('k8saudit'))).toEqual([]);
  });

  it('the webhook kubeconfig points at the audit Falco Service', () => {
    expect(YAML.parse(file('host/audit-webhook-kubeconfig.yaml')).clusters).toEqual([{ name: 'falco-k8saudit', cluster: { server: 'http://10.43.0.90:9765/k8s-audit' } }]);
  });
});

describe('the audit Falco', () => {
  const objects = objectsOf(fresh);
  const values = (name: string) => YAML.parse(objects.find((o) => o.kind === 'HelmChart' && o.metadata.name === name)!.spec.valuesContent);
  const audit = values('falco-k8saudit');

  it('is a one-replica Deployment of the same chart, no driver, no collectors, failurePolicy abort', () => {
    const chart = objects.find((o) => o.kind === 'HelmChart' && o.metadata.name === 'falco-k8saudit')!;
    expect(chart.spec).toMatchObject({ chart: 'falco', version: '9.1.0', failurePolicy: 'abort', targetNamespace: 'secured-ns' });
    expect(audit).toMatchObject({ driver: { enabled: false }, collectors: { enabled: false }, controller: { kind: 'deployment', deployment: { replicas: 1 } } });
    // No host /proc mount: a plugin-only Falco needs no host information.
    expect(audit.falco.plugins_hostinfo).toBe(false);
  });

  it('installs exactly k8saudit 0.18.0 and json 0.7.4 with falcoctl, no rules, no follow, and loads them', () => {
    expect(audit.falcoctl).toEqual({
      artifact: { install: { enabled: true }, follow: { enabled: false } },
      config: {
        artifact: {
          allowedTypes: ['plugin'],
          install: { resolveDeps: false, refs: ['ghcr.io/falcosecurity/plugins/plugin/k8saudit:0.18.0', 'ghcr.io/falcosecurity/plugins/plugin/json:0.7.4'] },
          follow: { refs: [] },
        },
      },
    });
    expect(audit.falco.load_plugins).toEqual(['k8saudit', 'json']);
    expect(audit.falco.plugins[0]).toMatchObject({ name: 'k8saudit', open_params: 'http://:9765/k8s-audit' });
  });

  it('listens behind a ClusterIP Service on 9765 and posts to the same Falcosidekick as the syscall Falco', () => {
    expect(audit.services).toEqual([{ name: 'k8saudit-webhook', type: 'ClusterIP', clusterIP: '10.43.0.90', ports: [{ name: 'webhook', port: 9765, targetPort: 9765, protocol: 'TCP' }] }]);
    expect(audit.falco.http_output).toEqual(values('falco').falco.http_output);
  });

  it("sets only keys of the pinned chart's values.yaml, and validates as a HelmChart", () => {
    expect(checkValuesAgainstChart(audit, chartValuesPath('falco', '9.1.0'))).toEqual([]);
    expect(validateManifests(objects.filter((o) => o.metadata.name === 'falco-k8saudit' || o.metadata.name.startsWith('falco-gitops-k8saudit')))).toEqual([]);
  });

  it('loads its own rules ConfigMap, not the syscall rules', () => {
    expect(audit.falco.rules_files).toEqual(['/etc/falco/falco-gitops-k8saudit/00-project']);
    expect(audit.mounts.volumes).toEqual([{ name: 'falco-gitops-k8saudit-rules-project', configMap: { name: 'falco-gitops-k8saudit-rules-project' } }]);
  });
});

describe('the k8saudit rules, scoped on ka.target.namespace', () => {
  const upstreamText = fs.readFileSync(path.join(SHARED_DIR, 'upstream/falco-plugins/k8saudit-0.18.0/k8s_audit_rules.yaml'), 'utf8');
  const loaded = loadAuditRuleBundles({
    upstream: [{ displayPath: 'rules/upstream/k8s_audit_rules.yaml', name: 'k8s_audit_rules.yaml', text: upstreamText }],
    project: readAuditRuleFolder(FIXTURE_PROJECT, 'rules-k8saudit', 'audit.falco.projectRulesDir', 'upstream-rules.lock.yaml'),
    namespaces: ['prod'],
    unscopedRules: AUDIT_CLUSTER_SCOPED_RULES,
    unscopedRulesProp: 'audit.falco.unscopedRules',
  });
  const outputs = loaded.bundles.flatMap((b) => b.files);
  const rules = outputs.flatMap((f) => (YAML.parse(f.text) as any[]).filter((i) => i && 'rule' in i));

  it('wraps every namespaced rule and leaves the cluster-scoped ones unscoped', () => {
    for (const rule of rules) {
      const scoped = String(rule.condition).trimEnd().endsWith('and falco_gitops_scope_k8s_audit');
      expect(scoped, rule.rule).toBe(!AUDIT_CLUSTER_SCOPED_RULES.includes(rule.rule));
    }
    expect(rules).toHaveLength(K8SAUDIT_RULE_NEEDS.length + 2);
    expect(loaded.unscoped).toEqual(AUDIT_CLUSTER_SCOPED_RULES);
  });

  it('lints clean, as Falco would load the output, with the plugins the audit Falco loads', () => {
    expect(lintRuleTexts(outputs).filter((d) => d.severity === 'error')).toEqual([]);
    expect(loaded.warnings).toEqual([]);
  });

  it('refuses an unscopedRules name that names no rule, and skips upstream names when upstream is not vendored', () => {
    const project = readAuditRuleFolder(FIXTURE_PROJECT, 'rules-k8saudit', 'audit.falco.projectRulesDir', 'upstream-rules.lock.yaml');
    const load = (unscopedRules: string[]) =>
      loadAuditRuleBundles({ upstream: [], project, namespaces: ['prod'], unscopedRules, unscopedRulesProp: 'audit.falco.unscopedRules' });
    expect(load(['Create Disallowed Namespace']).unscoped).toEqual([]);
    expect(load(['Exec into Pod of Scoped Namespace']).unscoped).toEqual(['Exec into Pod of Scoped Namespace']);
    expect(() => load(['Exec Into Pod of Scoped Namespace'])).toThrow(/audit\.falco\.unscopedRules: received "Exec Into Pod of Scoped Namespace"; names no audit rule/);
  });

  it('refuses rules that need a plugin the audit Falco does not load', () => {
    expect(() =>
      loadAuditRuleBundles({
        upstream: [],
        project: [{ displayPath: 'x.yaml', name: 'x.yaml', text: '- required_plugin_versions:\n    - name: k8saudit\n      version: 1.0.0\n' }],
        namespaces: ['prod'],
        unscopedRules: [],
        unscopedRulesProp: 'p',
      }),
    ).toThrow(/x\.yaml:2:7: required plugin k8saudit 1\.0\.0 is not met by the audit Falco's plugins \(k8saudit 0\.18\.0, json 0\.7\.4\)/);
  });
});

describe('the project audit rules folder (audit.falco.projectRulesDir, default rules-k8saudit/)', () => {
  /** A synth in a copy of the fixture project after `change`, and what it printed. */
  function synthWith(change: (dir: string) => void, props: FalcoGitopsStackProps = stackProps) {
    const dir = tempProject();
    change(dir);
    const lines: string[] = [];
    const code = runSynth((app) => new FalcoGitopsStack(app, 'FalcoGitops', props, { baseDir: dir }), {
      argv: [],
      env: {},
      outdir: path.join(dir, 'dist'),
      out: (line) => void lines.push(line),
      err: (line) => void lines.push(line),
    });
    fs.rmSync(dir, { recursive: true, force: true });
    return { code, output: lines.join('\n') };
  }

  it('is a folder of its own beside rules/, loaded and listed apart from the syscall rule files', () => {
    expect(resolveStackProps(stackProps).audit.falco.projectRulesDir).toBe('rules-k8saudit');
    expect(fresh.auditRuleFiles).toEqual(['rules-k8saudit/falco-gitops_k8saudit_rules.yaml']);
    expect(fresh.ruleFiles).toEqual(['rules/falco-gitops_rules.yaml']);
  });

  it('loads every *.yaml in name order and refuses, never passes over, what synth would not load', () => {
    const run = synthWith((dir) => {
      fs.writeFileSync(path.join(dir, 'rules-k8saudit', 'extra.yml'), '- list: l\n  items: []\n');
      fs.writeFileSync(path.join(dir, 'rules-k8saudit', 'notes.txt'), 'notes\n');
      fs.mkdirSync(path.join(dir, 'rules-k8saudit', 'more'));
    });
    expect(run.code).toBe(1);
    expect(run.output).toContain('rules-k8saudit/: files that synth would not load as written');
    expect(run.output).toContain(
      'rules-k8saudit/extra.yml: has an extension synth does not load: rule files end in .yaml (as `falco-gitops lint rules-k8saudit/*.yaml` expects)',
    );
    expect(run.output).toContain('rules-k8saudit/more: is a subfolder; rule files in subfolders are not loaded');
    expect(run.output).toContain('rules-k8saudit/notes.txt: is not a rule file (*.yaml)');
  });

  it('loads a second file after the first, by name, as Falco orders a rules folder', () => {
    const run = synthWith((dir) => {
      fs.writeFileSync(path.join(dir, 'rules-k8saudit', 'zz_more.yaml'), '- list: falco_gitops_more\n  items: []\n');
    });
    expect(run.code).toBe(0);
    expect(run.output).toContain(
      'loaded 2 audit rule files (the audit Falco), in order: rules-k8saudit/falco-gitops_k8saudit_rules.yaml, rules-k8saudit/zz_more.yaml',
    );
  });

  it('refuses the audit rules kept in the syscall rules folder: a subfolder there is refused, the folder itself is the syscall Falco\'s', () => {
    const nested = synthWith(
      (dir) => fs.cpSync(path.join(dir, 'rules-k8saudit'), path.join(dir, 'rules', 'k8saudit'), { recursive: true }),
      withAudit({ falco: { projectRulesDir: 'rules/k8saudit' } }),
    );
    expect(nested.code).toBe(1);
    expect(nested.output).toMatch(/audit\.falco\.projectRulesDir: received "rules\/k8saudit"; is the syscall rules folder \(rules\.projectRulesDir\) or inside it.* Fix: use a folder of its own beside it, e\.g\. "rules-k8saudit"/);
    const same = synthWith(() => undefined, withAudit({ falco: { projectRulesDir: './rules/' } }));
    expect(same.output).toMatch(/audit\.falco\.projectRulesDir: received "\.\/rules\/"; is the syscall rules folder/);
    expect(synthWith(() => undefined, withAudit({ falco: { projectRulesDir: 'rules-extra' } })).output).toMatch(
      /audit\.falco\.projectRulesDir: received "rules-extra"; does not exist/,
    );
  });

  it('refuses a credential in an audit rule file, as in a syscall rule file', () => {
    const run = synthWith((dir) => {
      // Assembled at run time so this file holds no complete credential-shaped literal.
      fs.writeFileSync(path.join(dir, 'rules-k8saudit', 'zz_token.yaml'), `- list: tokens\n  items: [${['AKIA', 'IOSFODNN7EXAMPLE'].join('')}]\n`);
    });
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/rules-k8saudit\/zz_token\.yaml:2:\d+: received .*looks like/);
  });
});
