import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * The read-only reference folder that CI places beside the repository (`../shared`).
 * Tests read upstream files from here; nothing from it is ever copied into the project.
 */
export const SHARED_DIR = path.resolve(__dirname, '..', '..', '..', 'shared');

/** The pinned upstream Falco rule files, in Falco's load order (stable, incubating, sandbox). */
export const UPSTREAM_RULE_FILES = [
  'falco_rules.yaml',
  'falco-incubating_rules.yaml',
  'falco-sandbox_rules.yaml',
].map((name) => path.join(SHARED_DIR, 'upstream', 'falco-rules', name));

/** The k8saudit plugin's rules at plugins/k8saudit/v0.18.0, locked with `source: k8s_audit`. */
export const K8SAUDIT_RULES_FILE = path.join(SHARED_DIR, 'upstream', 'falco-plugins', 'k8saudit-0.18.0', 'k8s_audit_rules.yaml');

/**
 * A folder holding every file the rules lock pins (the three falco-rules files and
 * k8s_audit_rules.yaml), as a release mirror for `vendor --from`. The pinned files live in two
 * folders of ../shared; the copy is a throw-away temporary folder, never the repository.
 */
export function lockedFilesMirror(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'falco-gitops-mirror-'));
  for (const file of [...UPSTREAM_RULE_FILES, K8SAUDIT_RULES_FILE]) fs.copyFileSync(file, path.join(dir, path.basename(file)));
  return dir;
}

/** Path of a pinned chart's `values.yaml`, e.g. `chartValuesPath('falco', '9.1.0')`. */
export function chartValuesPath(chart: string, version: string): string {
  return path.join(SHARED_DIR, 'upstream', 'charts', `${chart}-${version}`, 'values.yaml');
}

/** The Prometheus Operator kinds the stack renders, by their CRD's plural. */
export type MonitoringCrdPlural = 'servicemonitors' | 'prometheusrules';

/** Path of a pinned CRD file, e.g. `crdPath('helmcharts')` or `crdPath('servicemonitors')`. */
export function crdPath(plural: 'helmcharts' | 'helmchartconfigs' | MonitoringCrdPlural): string {
  const group = plural === 'helmcharts' || plural === 'helmchartconfigs' ? 'helm.cattle.io' : 'monitoring.coreos.com';
  return path.join(SHARED_DIR, 'upstream', 'crds', `${group}_${plural}.yaml`);
}

/**
 * The reference files the product tests read, relative to SHARED_DIR: `npm test` refuses to start
 * without them (test/support/global-setup.ts). Add a file here when a test starts reading it.
 */
export const REQUIRED_SHARED_FILES: readonly string[] = [
  ...['falco_rules.yaml', 'falco-incubating_rules.yaml', 'falco-sandbox_rules.yaml'].map((name) => `upstream/falco-rules/${name}`),
  'upstream/falco-plugins/k8saudit-0.18.0/k8s_audit_rules.yaml',
  'upstream/charts/falco-9.1.0/values.yaml',
  'upstream/charts/falcosidekick-0.14.0/values.yaml',
  // The rest of what scripts/generate-manifest-catalogs.js reads (test/manifest-validation).
  'upstream/charts/falco-9.1.0/Chart.yaml',
  'upstream/charts/falcosidekick-0.14.0/Chart.yaml',
  'upstream/charts/k8s-metacollector-0.3.1/values.yaml',
  'upstream/charts/k8s-metacollector-0.3.1/Chart.yaml',
  'upstream/crds/helm.cattle.io_helmcharts.yaml',
  'upstream/crds/helm.cattle.io_helmchartconfigs.yaml',
  'upstream/charts/kube-prometheus-stack-88.5.3/values.yaml',
  'upstream/charts/kube-prometheus-stack-88.5.3/Chart.yaml',
  'upstream/charts/grafana-12.11.1/values.yaml',
  'upstream/charts/grafana-12.11.1/Chart.yaml',
  'upstream/crds/monitoring.coreos.com_servicemonitors.yaml',
  'upstream/crds/monitoring.coreos.com_prometheusrules.yaml',
];

/** The repository root. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');
