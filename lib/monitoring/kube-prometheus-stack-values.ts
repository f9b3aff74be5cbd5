export interface KubePrometheusStackValuesProps {
  /** Deploy Grafana (the chart's `grafana.enabled`). */
  readonly grafana: boolean;
  /** Secret (in the monitoring namespace) with `admin-user` and `admin-password`, created out of band. */
  readonly grafanaAdminSecretName: string;
  /** Label (name and value) the Grafana sidecar loads dashboard ConfigMaps by. */
  readonly dashboardLabel: string;
  readonly dashboardLabelValue: string;
}

/**
 * Helm values of kube-prometheus-stack 88.5.3 (prometheus-community/helm-charts
 * `charts/kube-prometheus-stack/values.yaml`), checked against the pinned values.yaml (and the
 * grafana 12.11.1 subchart's for `grafana.*`) in tests, because Helm ignores unknown keys silently.
 *
 * Prometheus keeps the chart's selectors (`serviceMonitorSelectorNilUsesHelmValues` and
 * `ruleSelectorNilUsesHelmValues` true): it picks up ServiceMonitors and PrometheusRules labelled
 * `release: <release name>` in every namespace, which is the label the stack puts on its own.
 */
export function kubePrometheusStackValues(props: KubePrometheusStackValuesProps): Record<string, unknown> {
  return {
    // k3s and RKE2 run the controller manager, scheduler, proxy and etcd inside the server process
    // (or bound to 127.0.0.1): the chart's Services for them find no endpoint, so their targets
    // would be down and the chart's own alerts for them would fire forever.
    kubeControllerManager: { enabled: false },
    kubeScheduler: { enabled: false },
    kubeProxy: { enabled: false },
    kubeEtcd: { enabled: false },
    // node-exporter needs hostNetwork, hostPID and hostPath mounts: the PSA level `privileged`.
    // Nothing the stack alerts on or draws needs node metrics (Falco reports its own CPU, memory
    // and drops), so it is off and the monitoring namespace enforces `baseline` instead.
    nodeExporter: { enabled: false },
    defaultRules: { rules: { nodeExporterAlerting: false, nodeExporterRecording: false } },
    grafana: {
      enabled: props.grafana,
      // No password in Git: the chart's default admin password is public. The Secret is created
      // out of band, as the Telegram one (README: Monitoring).
      admin: { existingSecret: props.grafanaAdminSecretName, userKey: 'admin-user', passwordKey: 'admin-password' },
      sidecar: {
        dashboards: { enabled: true, label: props.dashboardLabel, labelValue: props.dashboardLabelValue, searchNamespace: 'ALL' },
      },
    },
  };
}
