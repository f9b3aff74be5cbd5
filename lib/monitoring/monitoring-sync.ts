import { SYNC_WAVE_ANNOTATION, SyncWave } from '../core';

/**
 * Argo CD annotations of the Prometheus Operator's objects (ServiceMonitor, PrometheusRule). Their
 * CRDs come with the kube-prometheus-stack HelmChart, which the helm-controller installs after
 * Argo CD applied it, so on the first sync the kinds are unknown: `SkipDryRunOnMissingResource`
 * lets the sync proceed and retry them (argo-cd docs/user-guide/sync-options.md). They go in the
 * wave after the HelmCharts.
 */
export function monitoringObjectAnnotations(): Record<string, string> {
  return {
    [SYNC_WAVE_ANNOTATION]: String(SyncWave.WORKLOADS),
    'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true',
  };
}
