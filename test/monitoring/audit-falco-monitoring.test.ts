import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as YAML from 'yaml';
import { UserError } from '../../lib/core';
import { checkPromql, falcoMetricsService, withGrafanaIntervals } from '../../lib/monitoring';
import type { FalcoGitopsStackProps } from '../../lib/stack';
import { checkValuesAgainstChart, validateManifests } from '../support/manifest-validation';
import { FIXTURE_PROPS } from '../support/fixture-project';
import { chartValuesPath } from '../support/shared-dir';
import { objectsOf, synthStack, tempProject } from '../synth/synth-helpers';

/**
 * Issue #11 item 5: the audit Falco (HelmChart release `falco-k8saudit`) is monitored like the main
 * one: its metrics on, a ServiceMonitor for its metrics Service, its own rules files (the vendored
 * k8s_audit_rules.yaml and the project audit rules) in the integrity alerts, rows in the dashboards.
 */
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});
const project = (): string => {
  const dir = tempProject({ vendorUpstream: true });
  dirs.push(dir);
  return dir;
};
const vendoredDir = project();
const objects = objectsOf(synthStack(FIXTURE_PROPS, vendoredDir));
const find = (all: Record<string, any>[], kind: string, name: string): Record<string, any> => {
  const found = all.find((o) => o.kind === kind && o.metadata.name === name);
  if (found === undefined) throw new Error(`no ${kind} ${name}`);
  return found;
};
const valuesOf = (all: Record<string, any>[], release: string) => YAML.parse(find(all, 'HelmChart', release).spec.valuesContent);
/** The rules ConfigMaps a Falco release mounts, with their data. */
const mountedFiles = (all: Record<string, any>[], release: string): Array<[string, string]> => {
  const names = new Set((valuesOf(all, release).mounts?.volumes ?? []).map((v: any) => v.configMap?.name));
  return all
    .filter((o) => o.kind === 'ConfigMap' && o.metadata.labels['app.kubernetes.io/component'] === 'falco-rules' && names.has(o.metadata.name))
    .flatMap((cm) => Object.entries(cm.data as Record<string, string>));
};
const alertsOf = (all: Record<string, any>[]): Record<string, any>[] => find(all, 'PrometheusRule', 'falco-gitops').spec.groups.flatMap((g: any) => g.rules);
const AUDIT = 'service="falco-k8saudit-metrics"';
const MAIN = 'service="falco-metrics"';
const sha256 = (text: string) => createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');
const withProps = (extra: Partial<FalcoGitopsStackProps>): FalcoGitopsStackProps => ({ ...FIXTURE_PROPS, ...extra }) as FalcoGitopsStackProps;

describe('the audit Falco exports its metrics', () => {
  it('turns on the falco chart metrics as for the main Falco, without kernel event counters (no driver)', () => {
    const values = valuesOf(objects, 'falco-k8saudit');
    expect(values.metrics).toEqual({ enabled: true, outputRule: false, rulesCountersEnabled: true, resourceUtilizationEnabled: true, stateCountersEnabled: true, kernelEventCountersEnabled: false });
    expect(values.serviceMonitor).toBeUndefined();
    expect(checkValuesAgainstChart(values, chartValuesPath('falco', '9.1.0'))).toEqual([]);
  });

  it('is scraped through a ServiceMonitor of its own metrics Service (release falco-k8saudit), not the webhook Service', () => {
    // Literal, from falcosecurity/charts@falco-9.1.0:charts/falco/templates/service.yaml:5-29 with
    // .Release.Name falco-k8saudit (fullname = the release name: it contains "falco", _helpers.tpl:13-24).
    const sm = find(objects, 'ServiceMonitor', 'falco-k8saudit');
    expect(sm.metadata.namespace).toBe('secured-ns');
    expect(sm.metadata.labels.release).toBe('kube-prometheus-stack');
    expect(sm.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/instance': 'falco-k8saudit', 'app.kubernetes.io/name': 'falco', type: 'falco-metrics' });
    expect(sm.spec.endpoints).toEqual([{ port: 'metrics', path: '/metrics', interval: '30s' }]);
    // The main Falco's ServiceMonitor does not select the audit Falco's Service, nor the reverse.
    expect(find(objects, 'ServiceMonitor', 'falco').spec.selector.matchLabels['app.kubernetes.io/instance']).toBe('falco');
    expect(validateManifests(objects)).toEqual([]);
  });

  it('models the chart fullname: a release without "falco" in its name gets the chart name appended', () => {
    expect(falcoMetricsService('falco-k8saudit').name).toBe('falco-k8saudit-metrics');
    expect(falcoMetricsService('audit').name).toBe('audit-falco-metrics');
    expect(falcoMetricsService('audit').labels['app.kubernetes.io/instance']).toBe('audit');
  });
});

describe("the PrometheusRule holds each Falco to its own rules files", () => {
  const alerts = alertsOf(objects);
  const drift = alerts.filter((a) => a.alert === 'FalcoRulesFileDrift');

  it('expects the exact data sha256 of k8s_audit_rules.yaml and the project audit rules from the audit Falco', () => {
    const shipped = mountedFiles(objects, 'falco-k8saudit');
    expect(shipped.map(([name]) => name).sort()).toEqual(['00-falco-gitops_k8saudit_rules.yaml', '00-k8s_audit_rules.yaml']);
    const audit = drift.filter((a) => a.expr.includes(AUDIT));
    expect(audit.map((a) => a.labels.file_name).sort()).toEqual(shipped.map(([name]) => name).sort());
    for (const [name, text] of shipped) {
      const alert = audit.find((a) => a.labels.file_name === name)!;
      expect(alert.labels.expected_sha256).toBe(sha256(text));
      expect(alert.expr).toBe(`falcosecurity_falco_sha256_rules_files_info{namespace="secured-ns", ${AUDIT}, file_name="${name}", sha256!="${sha256(text)}"}`);
    }
    for (const name of shipped.map(([n]) => n)) {
      for (const kind of ['FalcoRulesHotReloadFailed', 'FalcoRulesFileNotLoaded']) {
        expect(alerts.filter((a) => a.alert === kind && a.labels.file_name === name).map((a) => a.expr.includes(AUDIT)), `${kind} ${name}`).toEqual([true]);
      }
    }
  });

  it("does not expect the audit Falco's files from the main Falco, nor the main Falco's from the audit one", () => {
    const main = new Set(mountedFiles(objects, 'falco').map(([name]) => name));
    for (const alert of drift) expect(main.has(alert.labels.file_name), alert.labels.file_name).toBe(alert.expr.includes(MAIN));
    expect(drift.filter((a) => a.expr.includes(MAIN))).toHaveLength(main.size);
  });

  it('watches the audit Falco’s health: scrape down, no target (no ready pod), outputs queue drops', () => {
    const health = Object.fromEntries(alerts.filter((a) => a.alert.startsWith('FalcoK8sAudit')).map((a) => [a.alert, a.expr]));
    expect(health).toEqual({
      FalcoK8sAuditMetricsDown: `up{namespace="secured-ns", ${AUDIT}} == 0`,
      FalcoK8sAuditMetricsAbsent: `absent(up{namespace="secured-ns", ${AUDIT}})`,
      FalcoK8sAuditOutputsQueueDrops: `increase(falcosecurity_falco_outputs_queue_num_drops_total{namespace="secured-ns", ${AUDIT}}[10m]) > 0`,
    });
    for (const alert of alerts) expect(checkPromql(alert.expr), alert.expr).toEqual([]);
  });

  it('allows one base name in both Falcos (unique per Falco): each is selected by its own Service', () => {
    const dir = project();
    // The audit rules shipped under the main project file's name.
    fs.renameSync(path.join(dir, 'rules-k8saudit', 'falco-gitops_k8saudit_rules.yaml'), path.join(dir, 'rules-k8saudit', 'falco-gitops_rules.yaml'));
    const result = objectsOf(synthStack(FIXTURE_PROPS, dir));
    const same = alertsOf(result).filter((a) => a.alert === 'FalcoRulesFileDrift' && a.labels.file_name === '00-falco-gitops_rules.yaml');
    expect(same.map((a) => a.expr.includes(AUDIT)).sort()).toEqual([false, true]);
    const [main, audit] = [mountedFiles(result, 'falco'), mountedFiles(result, 'falco-k8saudit')].map((files) => files.find(([n]) => n === '00-falco-gitops_rules.yaml')![1]);
    expect(same.find((a) => a.expr.includes(MAIN))!.labels.expected_sha256).toBe(sha256(main!));
    expect(same.find((a) => a.expr.includes(AUDIT))!.labels.expected_sha256).toBe(sha256(audit!));
  });
});

describe("the audit Falco's own base names", () => {
  it('are unique among its files: a project audit file named like the vendored one is refused before any hash is computed', () => {
    // The bundles number their files from 00 each, so only equal input names could collide; the
    // scope transform refuses those already (rulesFileHashes would refuse them too, per Falco).
    const dir = project();
    fs.renameSync(path.join(dir, 'rules-k8saudit', 'falco-gitops_k8saudit_rules.yaml'), path.join(dir, 'rules-k8saudit', 'k8s_audit_rules.yaml'));
    let error: unknown;
    try {
      synthStack(FIXTURE_PROPS, dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).problems).toEqual([
      {
        subject: 'rules-k8saudit/k8s_audit_rules.yaml:1:1',
        problem:
          "two inputs have the file name 'k8s_audit_rules.yaml' (rules/upstream/k8s_audit_rules.yaml and rules-k8saudit/k8s_audit_rules.yaml); the flat files are named after their inputs, so rename one [scope-duplicate-file]",
      },
    ]);
  });
});

describe('the dashboards have rows for the audit Falco', () => {
  const model = (all: Record<string, any>[], uid: string) => JSON.parse(find(all, 'ConfigMap', uid).data[`${uid}.json`]);
  const exprs = (panels: any[]) => panels.flatMap((p) => (p.targets ?? []).map((t: any) => t.expr as string));

  it('health: a row of the audit Falco, every query on its metrics Service', () => {
    const panels: any[] = model(objects, 'falco-gitops-health').panels;
    const row = panels.findIndex((p) => p.type === 'row');
    expect(panels[row]?.title).toBe('Audit Falco (falco-k8saudit)');
    expect(exprs(panels.slice(0, row)).every((e) => e.includes(MAIN))).toBe(true);
    const audit = exprs(panels.slice(row + 1));
    expect(audit.length).toBeGreaterThanOrEqual(5);
    for (const e of audit) {
      expect(e).toContain(AUDIT);
      expect(checkPromql(withGrafanaIntervals(e)), e).toEqual([]);
    }
  });

  it('rules integrity: the audit Falco’s files against the sha256 synth computed for them', () => {
    const panels: any[] = model(objects, 'falco-gitops-rules-integrity').panels;
    const row = panels.findIndex((p) => p.type === 'row');
    expect(panels[row]?.title).toBe('Audit Falco (falco-k8saudit)');
    const [table, config] = panels.slice(row + 1);
    expect(table.title).toBe('Audit Falco: Loaded rules files against dist/ (1 = as shipped, 0 = drift)');
    expect(config.targets[0].expr).toBe(`falcosecurity_falco_sha256_config_files_info{namespace="secured-ns", ${AUDIT}}`);
    for (const [name, text] of mountedFiles(objects, 'falco-k8saudit')) {
      expect(table.targets[0].expr).toContain(`${AUDIT}, file_name="${name}", sha256="${sha256(text)}"`);
      expect(exprs(panels.slice(0, row)).join('\n')).not.toContain(`file_name="${name}"`);
    }
    expect(checkPromql(table.targets[0].expr)).toEqual([]);
  });
});

describe('switches', () => {
  it('without the audit Falco: no audit ServiceMonitor, alert or dashboard row', () => {
    const result = objectsOf(synthStack(withProps({ audit: { falco: { enabled: false } } }), vendoredDir));
    expect(result.find((o) => o.kind === 'ServiceMonitor' && o.metadata.name === 'falco-k8saudit')).toBeUndefined();
    expect(alertsOf(result).filter((a) => a.expr.includes(AUDIT))).toEqual([]);
    for (const uid of ['falco-gitops-health', 'falco-gitops-rules-integrity']) {
      expect(JSON.parse(find(result, 'ConfigMap', uid).data[`${uid}.json`]).panels.filter((p: any) => p.type === 'row')).toEqual([]);
    }
  });

  it('observability off: the audit Falco keeps its metrics off too', () => {
    const result = objectsOf(synthStack(withProps({ observability: { enabled: false } }), vendoredDir));
    expect(valuesOf(result, 'falco-k8saudit').metrics).toBeUndefined();
    expect(result.map((o) => o.kind)).not.toContain('ServiceMonitor');
  });
});
