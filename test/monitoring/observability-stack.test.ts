import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Chart } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import * as YAML from 'yaml';
import { FIXTURE_PROPS as stackProps } from '../support/fixture-project';
import { UserError } from '../../lib/core';
import { lintRuleTexts, SCOPE_FIELDS } from '../../lib/rules';
import { RulesConfigMap } from '../../lib/falco';
import {
  ALERT_THRESHOLD_DEFAULTS,
  checkPromql,
  falcoDashboards,
  FalcoPrometheusRule,
  GrafanaDashboardConfigMaps,
  metadataGuardRulesFile,
  METADATA_GUARD_RULE,
  rulesFileHashes,
  withGrafanaIntervals,
} from '../../lib/monitoring';
import { FalcoGitopsStack, type FalcoGitopsStackProps } from '../../lib/stack';
import { runSynth } from '../../lib/synth';
import { checkValuesAgainstChart, validateManifests } from '../support/manifest-validation';
import { chartValuesPath } from '../support/shared-dir';
import { objectsOf, synthStack, tempProject } from '../synth/synth-helpers';

const fresh = synthStack();
const objects = objectsOf(fresh);
const find = (kind: string, name: string): Record<string, any> => {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (found === undefined) throw new Error(`no ${kind} ${name}`);
  return found;
};
const expectUserError = (fn: () => unknown): UserError => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return error as UserError;
  }
  throw new Error('no error thrown');
};
/** The rules ConfigMaps a Falco release mounts (its HelmChart's mounts.volumes), with their data. */
const rulesConfigMapsOf = (all: Record<string, any>[], release: string): Record<string, any>[] => {
  const chart = all.find((o) => o.kind === 'HelmChart' && o.metadata.name === release);
  if (chart === undefined) throw new Error(`no HelmChart ${release}`);
  const names = new Set((YAML.parse(chart.spec.valuesContent).mounts?.volumes ?? []).map((v: any) => v.configMap?.name));
  return all.filter((o) => o.kind === 'ConfigMap' && o.metadata.labels['app.kubernetes.io/component'] === 'falco-rules' && names.has(o.metadata.name));
};
const withObservability = (observability: Record<string, unknown>): FalcoGitopsStackProps => ({ ...stackProps, observability } as FalcoGitopsStackProps);

describe('the monitoring objects of the default synth', () => {
  it('validate against the pinned CRDs (ServiceMonitor, PrometheusRule, HelmChart) and chart values', () => {
    expect(validateManifests(objects)).toEqual([]);
  });

  it('install kube-prometheus-stack 88.5.3 with the HelmChart conventions of Falco', () => {
    const chart = find('HelmChart', 'kube-prometheus-stack');
    expect(chart.metadata.namespace).toBe('kube-system');
    expect(chart.spec).toMatchObject({
      chart: 'kube-prometheus-stack',
      repo: 'https://prometheus-community.github.io/helm-charts',
      version: '88.5.3',
      targetNamespace: 'monitoring',
      failurePolicy: 'abort',
      backOffLimit: 5,
    });
    expect(fresh.files.find((f) => f.path.endsWith('helmchart.kube-system.kube-prometheus-stack.yaml'))?.content).toContain('valuesContent: |\n');
  });

  it('sets only kube-prometheus-stack values that exist in its values.yaml (grafana.* in the grafana 12.11.1 subchart)', () => {
    const values = YAML.parse(find('HelmChart', 'kube-prometheus-stack').spec.valuesContent);
    expect(checkValuesAgainstChart(values, chartValuesPath('kube-prometheus-stack', '88.5.3'))).toEqual([]);
    // A typo under grafana is caught by the subchart's values.
    expect(checkValuesAgainstChart({ grafana: { sidecar: { dashboards: { lable: 'x' } } } }, chartValuesPath('kube-prometheus-stack', '88.5.3'))[0]).toMatch(
      /unknown Helm value 'grafana\.sidecar\.dashboards\.lable' \(not in grafana-12\.11\.1\/values\.yaml/,
    );
  });

  it('turns on the falco chart metrics and keeps its own ServiceMonitor and dashboard off', () => {
    const values = YAML.parse(find('HelmChart', 'falco').spec.valuesContent);
    expect(values.metrics).toMatchObject({ enabled: true, outputRule: false, rulesCountersEnabled: true });
    expect(values.serviceMonitor).toBeUndefined();
    expect(checkValuesAgainstChart(values, chartValuesPath('falco', '9.1.0'))).toEqual([]);
  });

  it('labels the monitoring namespace baseline (node-exporter is off) and the objects with the release label', () => {
    expect(find('Namespace', 'monitoring').metadata.labels['pod-security.kubernetes.io/enforce']).toBe('baseline');
    expect(YAML.parse(find('HelmChart', 'kube-prometheus-stack').spec.valuesContent).nodeExporter).toEqual({ enabled: false });
    for (const [kind, name] of [['ServiceMonitor', 'falco'], ['ServiceMonitor', 'falcosidekick'], ['PrometheusRule', 'falco-gitops']] as const) {
      expect(find(kind, name).metadata.labels.release).toBe('kube-prometheus-stack');
    }
  });

  it('lets Argo CD sync the new kinds and namespace', () => {
    const project = find('AppProject', 'falco-gitops');
    expect(project.spec.namespaceResourceWhitelist).toContainEqual({ group: 'monitoring.coreos.com', kind: 'ServiceMonitor' });
    expect(project.spec.namespaceResourceWhitelist).toContainEqual({ group: 'monitoring.coreos.com', kind: 'PrometheusRule' });
    expect(project.spec.destinations.map((d: any) => d.namespace)).toContain('monitoring');
  });
});

describe('the ServiceMonitors select the Services the pinned charts render', () => {
  // Literal: falcosecurity/charts@falco-9.1.0:charts/falco/templates/service.yaml:5-29 and
  // falcosecurity/charts@falcosidekick-0.14.0:charts/falcosidekick/templates/service.yaml:7-35.
  it('Falco: the falco-metrics Service (selector labels plus type), port "metrics"', () => {
    const sm = find('ServiceMonitor', 'falco');
    expect(sm.metadata.namespace).toBe('secured-ns');
    expect(sm.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/instance': 'falco', 'app.kubernetes.io/name': 'falco', type: 'falco-metrics' });
    expect(sm.spec.namespaceSelector).toEqual({ matchNames: ['secured-ns'] });
    expect(sm.spec.endpoints).toEqual([{ port: 'metrics', path: '/metrics', interval: '30s' }]);
  });

  it('Falcosidekick: the core Service (not the UI one), port "http"', () => {
    const sm = find('ServiceMonitor', 'falcosidekick');
    expect(sm.spec.selector.matchLabels).toEqual({
      'app.kubernetes.io/component': 'core',
      'app.kubernetes.io/instance': 'falcosidekick',
      'app.kubernetes.io/name': 'falcosidekick',
    });
    expect(sm.spec.endpoints).toEqual([{ port: 'http', path: '/metrics', interval: '30s' }]);
  });
});

describe('the PrometheusRule', () => {
  const rule = find('PrometheusRule', 'falco-gitops');
  const alerts: Record<string, any>[] = rule.spec.groups.flatMap((g: any) => g.rules);

  it('has every expression parse and name only catalogued metrics and labels', () => {
    expect(alerts.length).toBeGreaterThan(10);
    for (const alert of alerts) expect(checkPromql(alert.expr), `${alert.alert}: ${alert.expr}`).toEqual([]);
  });

  it('expects for every shipped rules file the sha256 of the exact ConfigMap data string (recomputed here)', () => {
    const configMaps = rulesConfigMapsOf(objects, 'falco');
    const shipped = configMaps.flatMap((cm) => Object.entries(cm.data as Record<string, string>));
    expect(shipped.length).toBeGreaterThanOrEqual(2);
    // The main Falco's (its metrics Service); the audit Falco's files: test/monitoring/audit-falco-monitoring.test.ts.
    const drift = alerts.filter((a) => a.alert === 'FalcoRulesFileDrift' && a.expr.includes('service="falco-metrics"'));
    expect(drift.map((a) => a.labels.file_name).sort()).toEqual(shipped.map(([name]) => name).sort());
    for (const [name, text] of shipped) {
      const expected = createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');
      const alert = drift.find((a) => a.labels.file_name === name)!;
      expect(alert.expr).toContain(`file_name="${name}", sha256!="${expected}"`);
      expect(alert.labels.expected_sha256).toBe(expected);
    }
  });

  it('expects the exact data sha256 for the vendored upstream files too (five files, three ConfigMaps)', () => {
    const dir = tempProject({ vendorUpstream: true });
    try {
      const vendored = objectsOf(synthStack(stackProps, dir));
      const shipped = rulesConfigMapsOf(vendored, 'falco').flatMap((cm) => Object.entries(cm.data as Record<string, string>));
      expect(shipped.map(([name]) => name).sort()).toEqual([
        '00-falco-gitops_rules.yaml',
        '00-falco_rules.yaml',
        '01-falco-incubating_rules.yaml',
        '02-falco-sandbox_rules.yaml',
        'falco-gitops-metadata-guard_rules.yaml',
      ]);
      const rules = vendored.find((o) => o.kind === 'PrometheusRule')!.spec.groups.flatMap((g: any) => g.rules);
      for (const [name, text] of shipped) {
        const expected = createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');
        expect(rules.find((r: any) => r.alert === 'FalcoRulesFileDrift' && r.labels.file_name === name)?.labels.expected_sha256, name).toBe(expected);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('alerts on critical-or-worse events per scoped namespace from Falcosidekick, and on every health signal', () => {
    const detection = alerts.filter((a) => a.alert === 'FalcoDetectionInScopedNamespace');
    expect(detection.map((a) => a.labels.scoped_namespace)).toEqual(['prod']);
    expect(detection[0]?.expr).toContain('k8s_ns_name="prod", priority_raw=~"emergency|alert|critical"');
    // The first event of a new pod creates its series at 1, which increase() alone never sees.
    const expr = detection[0]?.expr as string;
    const selector = 'falcosecurity_falcosidekick_falco_events_total{namespace="secured-ns", service="falcosidekick", k8s_ns_name="prod", priority_raw=~"emergency|alert|critical"}';
    expect(expr).toBe(`sum by (k8s_ns_name, k8s_pod_name, rule, priority_raw) (increase(${selector}[5m]) or (${selector} unless ${selector} offset 5m)) > 0`);
    expect(alerts.find((a) => a.alert === 'FalcosidekickTelegramErrors')?.expr).toContain('offset 10m');
    expect(new Set(alerts.map((a) => a.alert))).toEqual(
      new Set([
        'FalcoDetectionInScopedNamespace',
        'FalcoRulesFileDrift',
        'FalcoRulesHotReloadFailed',
        'FalcoRulesFileNotLoaded',
        'FalcoConfigSkew',
        'FalcoMetricsDown',
        'FalcoMetricsAbsent',
        'FalcoDaemonSetIncomplete',
        'FalcoKernelEventDrops',
        'FalcoOutputsQueueDrops',
        'FalcosidekickMetricsDown',
        'FalcosidekickTelegramErrors',
        'FalcoNamespaceMetadataMissing',
        'FalcoK8sAuditMetricsDown',
        'FalcoK8sAuditMetricsAbsent',
        'FalcoK8sAuditOutputsQueueDrops',
      ]),
    );
    expect(alerts.find((a) => a.alert === 'FalcoKernelEventDrops')?.expr).toMatch(/> 0\.01$/);
  });

  it('takes thresholds and for: durations from the props', () => {
    const result = objectsOf(synthStack(withObservability({ alerts: { kernelDropRatio: 0.05, healthFor: '30m', detectionMinimumPriority: 'error' } })));
    const rules = result.find((o) => o.kind === 'PrometheusRule')!.spec.groups.flatMap((g: any) => g.rules);
    const drops = rules.find((r: any) => r.alert === 'FalcoKernelEventDrops');
    expect(drops.expr).toMatch(/> 0\.05$/);
    expect(drops.for).toBe('30m');
    expect(rules.find((r: any) => r.alert === 'FalcoDetectionInScopedNamespace').expr).toContain('priority_raw=~"emergency|alert|critical|error"');
  });

  it('adds the user\'s own alerts, checked against the catalog', () => {
    const extra = { alert: 'FalcoRestarted', expr: 'changes(falcosecurity_falco_start_timestamp_nanoseconds[1h]) > 0', summary: 'Falco restarted' };
    const result = objectsOf(synthStack(withObservability({ alerts: { extraRules: [extra] } })));
    const group = result.find((o) => o.kind === 'PrometheusRule')!.spec.groups.find((g: any) => g.name === 'falco-gitops.custom');
    expect(group.rules).toEqual([{ alert: 'FalcoRestarted', expr: extra.expr, for: '5m', labels: { severity: 'warning' }, annotations: { summary: 'Falco restarted', description: 'Falco restarted' } }]);
  });
});

describe('bad observability props: one clear message each', () => {
  it('an unknown metric or label in an extra alert, and an unparsable fragment', () => {
    const error = expectUserError(() =>
      synthStack(
        withObservability({
          alerts: {
            extraRules: [
              { alert: 'A', expr: 'falcosecurity_falco_sha256_rule_files_info > 0', summary: 'a' },
              { alert: 'B', expr: 'up{jop="x"}', summary: 'b' },
              { alert: 'C', expr: 'sum(rate(up[5m])', summary: 'c' },
            ],
          },
        }),
      ),
    );
    expect(error.problems.map((p) => [p.subject, p.problem])).toEqual([
      ['observability.alerts.extraRules[0].expr', "PromQL at column 1: unknown metric 'falcosecurity_falco_sha256_rule_files_info' (did you mean 'falcosecurity_falco_sha256_rules_files_info'?)"],
      ['observability.alerts.extraRules[1].expr', expect.stringMatching(/^PromQL at column 4: metric 'up' has no label 'jop' \(did you mean 'job'\?\)/)],
      ['observability.alerts.extraRules[2].expr', expect.stringMatching(/^PromQL at column \d+: (unexpected end of expression|syntax error)/)],
    ]);
  });

  it('a chart version range, a bad release label, dashboards with Grafana off, a bad duration', () => {
    const error = expectUserError(() =>
      synthStack(
        withObservability({
          kubePrometheusStack: { chartVersion: '^88.5.0' },
          prometheusReleaseLabel: 'kube prometheus!',
          grafana: { enabled: false },
          alerts: { integrityFor: '5 minutes' },
        }),
      ),
    );
    expect(error.problems.map((p) => p.subject)).toEqual([
      'observability.kubePrometheusStack.chartVersion',
      'observability.prometheusReleaseLabel',
      'observability.grafana.dashboards',
      'observability.alerts.integrityFor',
    ]);
    expect(error.problems[2]?.problem).toBe('is true, but observability.grafana.enabled is false: no Grafana would load the dashboards');
  });

  it('a metadata guard priority Telegram would send', () => {
    const error = expectUserError(() => synthStack(withObservability({ metadataGuard: { priority: 'error' } })));
    expect(error.problems.map((p) => [p.subject, p.problem])).toEqual([
      ['observability.metadataGuard.priority', 'must be below falcosidekick.telegram.minimumPriority, or every pod start-up would be sent to Telegram'],
    ]);
  });

  it('leaves dist/ untouched: synth fails before writing', () => {
    // runSynth's all-or-nothing write is tested in test/synth; here: the error comes from the stack itself.
    expect(() => synthStack(withObservability({ namespace: 'kube-monitoring' }))).toThrow(/observability\.namespace/);
  });
});

describe('rules file base names', () => {
  const chartWith = (files: Record<string, Record<string, string>>): Chart => {
    const chart = new Chart(new App(), 'Test');
    for (const [name, data] of Object.entries(files)) {
      const cm = new RulesConfigMap(chart, name, { name, namespace: 'secured-ns', mountPath: `/etc/falco/${name}` });
      for (const [file, text] of Object.entries(data)) cm.addRulesFile(file, text);
    }
    return chart;
  };

  it('hash the exact data string of each ConfigMap key', () => {
    const chart = chartWith({ a: { '00-x_rules.yaml': '- list: l\n  items: [é]\n' } });
    expect(rulesFileHashes([chart])).toEqual([
      { fileName: '00-x_rules.yaml', configMapName: 'a', sha256: createHash('sha256').update(Buffer.from('- list: l\n  items: [é]\n', 'utf8')).digest('hex') },
    ]);
  });

  it('must be unique across the rule directories of one Falco, or synth fails', () => {
    const chart = chartWith({ a: { '00-x_rules.yaml': 'a' }, b: { '00-x_rules.yaml': 'b' } });
    const error = expectUserError(() => rulesFileHashes([chart]));
    expect(error.problems).toEqual([
      {
        subject: '00-x_rules.yaml',
        received: 'in ConfigMaps a and b',
        problem: "rule file base names must be unique across the rule directories one Falco mounts: Falco's sha256 metric carries only the base name",
        fix: 'rename one of the rule files.',
      },
    ]);
  });
});

describe('switches', () => {
  it('observability off renders none of it, and Falco metrics stay off', () => {
    const result = objectsOf(synthStack(withObservability({ enabled: false })));
    expect(result.map((o) => o.kind)).not.toContain('ServiceMonitor');
    expect(result.map((o) => o.kind)).not.toContain('PrometheusRule');
    expect(result.find((o) => o.kind === 'HelmChart' && o.metadata.name === 'kube-prometheus-stack')).toBeUndefined();
    expect(result.find((o) => o.metadata.name === 'falco-gitops-rules-metadata-guard')).toBeUndefined();
    expect(YAML.parse(result.find((o) => o.kind === 'HelmChart' && o.metadata.name === 'falco')!.spec.valuesContent).metrics).toBeUndefined();
  });

  it('an existing Prometheus: no chart, no namespace, its release label on every object', () => {
    const result = objectsOf(synthStack(withObservability({ kubePrometheusStack: { enabled: false }, prometheusReleaseLabel: 'prometheus' })));
    expect(result.find((o) => o.kind === 'HelmChart' && o.metadata.name === 'kube-prometheus-stack')).toBeUndefined();
    expect(result.find((o) => o.kind === 'Namespace' && o.metadata.name === 'monitoring')).toBeUndefined();
    for (const o of result.filter((x) => x.kind === 'ServiceMonitor' || x.kind === 'PrometheusRule')) expect(o.metadata.labels.release).toBe('prometheus');
    expect(validateManifests(result)).toEqual([]);
  });

  it('metadata guard off: no guard rules file, no guard alert', () => {
    const result = objectsOf(synthStack(withObservability({ metadataGuard: { enabled: false } })));
    expect(result.find((o) => o.metadata.name === 'falco-gitops-rules-metadata-guard')).toBeUndefined();
    const groups = result.find((o) => o.kind === 'PrometheusRule')!.spec.groups.map((g: any) => g.name);
    expect(groups).not.toContain('falco-gitops.metadata');
  });
});

describe('the metadata guard rules file', () => {
  it.each(SCOPE_FIELDS)('lints clean with the scope field %s', (field) => {
    const text = metadataGuardRulesFile({ namespaceField: field, priority: 'notice' });
    expect(lintRuleTexts([{ name: 'guard.yaml', text }]).filter((d) => d.severity === 'error')).toEqual([]);
    expect(text).toContain(`- rule: ${METADATA_GUARD_RULE}`);
    expect(text).toContain('priority: NOTICE');
  });

  it('ships in the synth at notice, below the Telegram minimum, unscoped', () => {
    const cm = find('ConfigMap', 'falco-gitops-rules-metadata-guard');
    const text = cm.data['falco-gitops-metadata-guard_rules.yaml'] as string;
    expect(text).toContain('(not k8smeta.ns.name exists or k8smeta.ns.name = "")');
    expect(text).not.toContain('falco_gitops_scope');
  });
});

describe('the Grafana dashboards', () => {
  const dashboards = objects.filter((o) => o.kind === 'ConfigMap' && o.metadata.labels?.grafana_dashboard === '1');

  it('are ConfigMaps with the sidecar label and distinct names and data keys', () => {
    expect(dashboards.map((d) => d.metadata.name)).toEqual([
      'falco-gitops-events',
      'falco-gitops-health',
      'falco-gitops-rules-integrity',
      'falco-gitops-scoped-namespaces',
      'falco-gitops-telegram',
    ]);
    const keys = dashboards.flatMap((d) => Object.keys(d.data));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).not.toContain('falco-dashboard.json');
  });

  it('hold valid dashboard JSON whose every query parses and names only catalogued metrics', () => {
    let queries = 0;
    for (const d of dashboards) {
      const model = JSON.parse(Object.values(d.data as Record<string, string>)[0]!);
      expect(model.uid).toBe(d.metadata.name);
      for (const panel of model.panels) {
        for (const target of panel.targets ?? []) {
          queries++;
          expect(checkPromql(withGrafanaIntervals(target.expr)), target.expr).toEqual([]);
        }
      }
    }
    expect(queries).toBeGreaterThan(15);
  });

  it('compare what each pod loaded with the sha256 synth computed', () => {
    const model = JSON.parse(find('ConfigMap', 'falco-gitops-rules-integrity').data['falco-gitops-rules-integrity.json']);
    const rule = find('PrometheusRule', 'falco-gitops');
    const expected = rule.spec.groups.flatMap((g: any) => g.rules).filter((r: any) => r.alert === 'FalcoRulesFileDrift').map((r: any) => r.labels.expected_sha256);
    // The main Falco's table first; the audit Falco's in its own row (audit-falco-monitoring.test.ts).
    const expr: string = model.panels.flatMap((p: any) => (p.targets ?? []).map((t: any) => t.expr)).join('\n');
    expect(model.panels[0].targets[0].expr).toContain('service="falco-metrics"');
    for (const sha of expected) expect(expr).toContain(`sha256="${sha}"`);
  });

  it('filter events by pod, as the seed\'s Explore query did', () => {
    const model = JSON.parse(find('ConfigMap', 'falco-gitops-events').data['falco-gitops-events.json']);
    expect(model.templating.list.map((v: any) => v.name)).toEqual(['namespace', 'pod', 'priority']);
    expect(model.panels.map((p: any) => p.title)).toContain('Events by pod');
  });
});

describe('planted typos fail synth in every place PromQL is emitted', () => {
  it('a dashboard query', () => {
    const chart = new Chart(new App(), 'Test');
    const [dashboard] = falcoDashboards({ falcoNamespace: 'secured-ns', scopedNamespaces: ['prod'], rulesFiles: [], detectionMinimumPriority: 'critical' });
    const planted = { ...dashboard!, expressions: [...dashboard!.expressions, 'sum by (rule) (falcosecurity_falcosidekick_falco_event_total[$__rate_interval])'] };
    const error = expectUserError(() => new GrafanaDashboardConfigMaps(chart, 'D', { namespace: 'monitoring', label: 'grafana_dashboard', labelValue: '1', dashboards: [planted] }));
    expect(error.problems[0]?.subject).toBe('Grafana dashboard falco-gitops-events');
    expect(error.problems[0]?.problem).toContain("unknown metric 'falcosecurity_falcosidekick_falco_event_total' (did you mean 'falcosecurity_falcosidekick_falco_events_total'?)");
  });

  it('an alert expression of the PrometheusRule', () => {
    const chart = new Chart(new App(), 'Test');
    const error = expectUserError(
      () =>
        new FalcoPrometheusRule(chart, 'R', {
          name: 'x',
          namespace: 'secured-ns',
          prometheusSelectorLabels: { release: 'r' },
          falcoNamespace: 'secured-ns',
          scopedNamespaces: ['prod'],
          detectionMinimumPriority: 'critical',
          rulesFiles: [],
          falcoDaemonSet: 'falco',
          telegram: true,
          metadataGuardRule: undefined,
          thresholds: { ...ALERT_THRESHOLD_DEFAULTS },
          extraRules: [{ alert: 'Typo', expr: 'sum by (k8s_namespace) (falcosecurity_falcosidekick_falco_events_total)', summary: 's' }],
        }),
    );
    expect(error.problems.map((p) => [p.subject, p.problem])).toEqual([
      ['PrometheusRule x: group falco-gitops.custom, alert Typo', "PromQL at column 9: no metric of this expression has the label 'k8s_namespace'"],
    ]);
  });
});

describe('a failed synth over bad observability props', () => {
  it('prints one message per problem, no stack trace, and leaves dist/ untouched', () => {
    const dir = tempProject();
    try {
      const outdir = path.join(dir, 'dist');
      fs.mkdirSync(path.join(outdir, 'cluster'), { recursive: true });
      fs.writeFileSync(path.join(outdir, 'cluster', 'previous.yaml'), 'kind: Previous\n');
      let stderr = '';
      const props = withObservability({ prometheusReleaseLabel: '-bad-', alerts: { extraRules: [{ alert: 'X', expr: 'up{jop="1"}', summary: 's' }] } });
      const code = runSynth((app) => new FalcoGitopsStack(app, 'FalcoGitops', props, { baseDir: dir }), {
        argv: [],
        env: {},
        outdir,
        out: () => undefined,
        err: (line) => void (stderr += `${line}\n`),
      });
      expect(code).toBe(1);
      expect(stderr).toMatch(/^error: invalid stack props \(2 problems\):\n/);
      expect(stderr).toContain('- observability.prometheusReleaseLabel: received "-bad-"; must be a valid, non-empty Kubernetes label value');
      expect(stderr).toContain("- observability.alerts.extraRules[0].expr: received \"up{jop=\\\"1\\\"}\"; PromQL at column 4: metric 'up' has no label 'jop'");
      expect(stderr).not.toMatch(/^\s+at /m);
      expect(fs.readdirSync(path.join(outdir, 'cluster'))).toEqual(['previous.yaml']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
