import { Construct } from 'constructs';
import { DEFAULT_HELM_CHART_NAMESPACE, HelmChart } from '../helm';
import { kubePrometheusStackValues } from './kube-prometheus-stack-values';

export interface KubePrometheusStackHelmChartProps {
  /**
   * Helm repository URL of the chart.
   * @default 'https://prometheus-community.github.io/helm-charts'
   */
  readonly repo?: string;
  /**
   * Exact kube-prometheus-stack chart version.
   * @default '88.5.3'
   */
  readonly chartVersion?: string;
  /**
   * Namespace of the `HelmChart` object itself; the helm-controller of k3s/RKE2 watches `kube-system`.
   * @default 'kube-system'
   */
  readonly helmChartNamespace?: string;
  /** Namespace the stack is installed into (the stack renders it). */
  readonly targetNamespace: string;
  /**
   * Deploy Grafana.
   * @default true
   */
  readonly grafana?: boolean;
  /**
   * Secret in the target namespace holding Grafana's `admin-user` and `admin-password`, created out of band.
   * @default 'grafana-admin'
   */
  readonly grafanaAdminSecretName?: string;
  /**
   * Label the Grafana sidecar loads dashboard ConfigMaps by.
   * @default 'grafana_dashboard'
   */
  readonly dashboardLabel?: string;
  /**
   * Value of that label.
   * @default '1'
   */
  readonly dashboardLabelValue?: string;
}

/** The defaults of every optional prop of `KubePrometheusStackHelmChart`. */
export const KUBE_PROMETHEUS_STACK_HELM_CHART_DEFAULTS = {
  repo: 'https://prometheus-community.github.io/helm-charts',
  chartVersion: '88.5.3',
  helmChartNamespace: DEFAULT_HELM_CHART_NAMESPACE,
  grafana: true,
  grafanaAdminSecretName: 'grafana-admin',
  dashboardLabel: 'grafana_dashboard',
  dashboardLabelValue: '1',
} as const;

/**
 * kube-prometheus-stack (Prometheus Operator, Prometheus, Alertmanager, kube-state-metrics,
 * Grafana), installed by the helm-controller. Release name `kube-prometheus-stack`: its Prometheus
 * selects ServiceMonitors and PrometheusRules labelled `release: kube-prometheus-stack`.
 */
export class KubePrometheusStackHelmChart extends Construct {
  static readonly RELEASE_NAME = 'kube-prometheus-stack';
  readonly helmChart: HelmChart;
  /** The label Prometheus selects ServiceMonitors and PrometheusRules by. */
  readonly releaseLabel: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: KubePrometheusStackHelmChartProps) {
    super(scope, id);
    const d = KUBE_PROMETHEUS_STACK_HELM_CHART_DEFAULTS;
    this.releaseLabel = { release: KubePrometheusStackHelmChart.RELEASE_NAME };
    this.helmChart = new HelmChart(this, 'Resource', {
      name: KubePrometheusStackHelmChart.RELEASE_NAME,
      namespace: props.helmChartNamespace ?? d.helmChartNamespace,
      chart: 'kube-prometheus-stack',
      repo: props.repo ?? d.repo,
      version: props.chartVersion ?? d.chartVersion,
      targetNamespace: props.targetNamespace,
      values: kubePrometheusStackValues({
        grafana: props.grafana ?? d.grafana,
        grafanaAdminSecretName: props.grafanaAdminSecretName ?? d.grafanaAdminSecretName,
        dashboardLabel: props.dashboardLabel ?? d.dashboardLabel,
        dashboardLabelValue: props.dashboardLabelValue ?? d.dashboardLabelValue,
      }),
    });
  }
}
