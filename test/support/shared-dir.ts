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

/** Path of a pinned chart's `values.yaml`, e.g. `chartValuesPath('falco', '9.1.0')`. */
export function chartValuesPath(chart: string, version: string): string {
  return path.join(SHARED_DIR, 'upstream', 'charts', `${chart}-${version}`, 'values.yaml');
}

/** The Prometheus Operator kinds the stack renders, by their CRD's plural. */
export type MonitoringCrdPlural = 'servicemonitors' | 'prometheusrules' | 'podmonitors';

/** Path of a pinned CRD file, e.g. `crdPath('helmcharts')` or `crdPath('servicemonitors')`. */
export function crdPath(plural: 'helmcharts' | 'helmchartconfigs' | MonitoringCrdPlural): string {
  const group = plural === 'helmcharts' || plural === 'helmchartconfigs' ? 'helm.cattle.io' : 'monitoring.coreos.com';
  return path.join(SHARED_DIR, 'upstream', 'crds', `${group}_${plural}.yaml`);
}

/** The repository root. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');
