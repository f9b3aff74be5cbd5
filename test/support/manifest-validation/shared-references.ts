import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ManifestReferences } from '../../../lib/manifest-validation';
import { REPO_ROOT, chartValuesPath } from '../shared-dir';
import { loadChartReference } from './chart-reference';
import { crdValidator } from './crd-schema';

const CHART_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const CHART_VERSION = /^\d+\.\d+\.\d+([-+][0-9A-Za-z.+-]*)?$/;
const CRDS = { HelmChart: 'helmcharts', HelmChartConfig: 'helmchartconfigs' } as const;
const MONITORING_CRDS = { ServiceMonitor: 'servicemonitors', PrometheusRule: 'prometheusrules' } as const;

/**
 * The product's own, stricter references: the CRDs (helm.cattle.io, and the monitoring.coreos.com
 * kinds the stack renders) and every chart's full values.yaml as pinned in
 * ../shared (any chart pinned there, not only the library's catalog). `falco-gitops check` uses
 * the library's generated catalogs instead; test/manifest-validation checks that they agree.
 */
export const SHARED_REFERENCES: ManifestReferences = {
  helmControllerCrd: (kind) => (Object.hasOwn(CRDS, kind) ? crdValidator(CRDS[kind as keyof typeof CRDS], 'v1') : undefined),
  helmControllerKinds: Object.keys(CRDS),
  monitoringCrd: (kind) =>
    Object.hasOwn(MONITORING_CRDS, kind) ? crdValidator(MONITORING_CRDS[kind as keyof typeof MONITORING_CRDS], 'v1') : undefined,
  monitoringKinds: Object.keys(MONITORING_CRDS),
  chart: (chart, version) => {
    const file = pinnedValuesPath(chart, version);
    if (file !== undefined) return loadChartReference(file);
    const expected = path.relative(REPO_ROOT, chartValuesPath(path.basename(chart), path.basename(version)));
    return { problem: `no pinned reference for chart '${chart}' version '${version}' (expected ${expected})` };
  },
};

/** The pinned values.yaml of `chart` at `version` in ../shared, if there is one. */
export function pinnedValuesPath(chart: string, version: string): string | undefined {
  const file = CHART_NAME.test(chart) && CHART_VERSION.test(version) ? chartValuesPath(chart, version) : undefined;
  return file !== undefined && fs.existsSync(file) ? file : undefined;
}
