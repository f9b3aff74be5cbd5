import { Construct } from 'constructs';
import { FALCO_TARGET } from '../core';
import { DEFAULT_HELM_CHART_NAMESPACE, HelmChart } from '../helm';
import { assertFalcoChartAcceptsValues } from './falco-chart-guards';
import { falcoK8sAuditValues, K8SAUDIT_WEBHOOK_SERVICE, type AuditFalcoPlugin } from './falco-k8saudit-values';
import type { RulesMount } from './falco-values';

export interface FalcoK8sAuditHelmChartProps {
  /**
   * Helm repository URL of the chart.
   * @default 'https://falcosecurity.github.io/charts'
   */
  readonly repo?: string;
  /**
   * Exact falco chart version: the same chart as the syscall Falco.
   * @default '9.1.0'
   */
  readonly chartVersion?: string;
  /**
   * Namespace of the `HelmChart` object itself.
   * @default 'kube-system'
   */
  readonly helmChartNamespace?: string;
  /** Namespace Falco is installed into. */
  readonly targetNamespace: string;
  /** Where Falco posts its JSON alerts (`http_output.url`): the Falcosidekick service. */
  readonly httpOutputUrl: string;
  /** The audit rule ConfigMaps, in Falco's load order. */
  readonly rulesMounts: readonly RulesMount[];
  readonly k8saudit: AuditFalcoPlugin;
  readonly json: AuditFalcoPlugin;
  /**
   * Port of the k8saudit webhook.
   * @default 9765
   */
  readonly webhookPort?: number;
  /**
   * The webhook Service's fixed ClusterIP. The API server posts audit events from the host network
   * and resolves names with the node's resolver, not cluster DNS, so it needs an address; a
   * ClusterIP fixed in the service CIDR works wherever kube-proxy (or its replacement) runs on the
   * control-plane node, in every proxy mode, unlike a NodePort on 127.0.0.1.
   */
  readonly webhookClusterIP: string;
  /**
   * Serve Prometheus metrics (`/metrics` on the webserver, port 8765) behind the chart's metrics
   * Service `<release>-metrics`, like the main Falco.
   * @default false
   */
  readonly metrics?: boolean;
}

export const FALCO_K8SAUDIT_HELM_CHART_DEFAULTS = {
  repo: FALCO_TARGET.chart.repo,
  chartVersion: FALCO_TARGET.chart.version,
  helmChartNamespace: DEFAULT_HELM_CHART_NAMESPACE,
  webhookPort: 9765,
} as const;

/** The audit Falco: release `falco-k8saudit` of the same falco chart, fed by the API server's audit webhook. */
export class FalcoK8sAuditHelmChart extends Construct {
  static readonly RELEASE_NAME = 'falco-k8saudit';
  readonly helmChart: HelmChart;
  /** The URL the API server's webhook kubeconfig points at. */
  readonly webhookUrl: string;
  /** `metadata.name` of the webhook Service the chart renders (`<fullname>-<service name>`). */
  readonly webhookServiceName: string;

  constructor(scope: Construct, id: string, props: FalcoK8sAuditHelmChartProps) {
    super(scope, id);
    const webhookPort = props.webhookPort ?? FALCO_K8SAUDIT_HELM_CHART_DEFAULTS.webhookPort;
    const values = falcoK8sAuditValues({
      httpOutputUrl: props.httpOutputUrl,
      rulesMounts: props.rulesMounts,
      k8saudit: props.k8saudit,
      json: props.json,
      webhookPort,
      webhookClusterIP: props.webhookClusterIP,
      metrics: props.metrics ?? false,
    });
    assertFalcoChartAcceptsValues(values);
    this.helmChart = new HelmChart(this, 'Resource', {
      name: FalcoK8sAuditHelmChart.RELEASE_NAME,
      namespace: props.helmChartNamespace ?? FALCO_K8SAUDIT_HELM_CHART_DEFAULTS.helmChartNamespace,
      chart: FALCO_TARGET.chart.name,
      repo: props.repo ?? FALCO_K8SAUDIT_HELM_CHART_DEFAULTS.repo,
      version: props.chartVersion ?? FALCO_K8SAUDIT_HELM_CHART_DEFAULTS.chartVersion,
      targetNamespace: props.targetNamespace,
      failurePolicy: 'abort',
      values,
    });
    // The chart's fullname is the release name when it contains the chart name (falco.fullname in _helpers.tpl).
    this.webhookServiceName = `${FalcoK8sAuditHelmChart.RELEASE_NAME}-${K8SAUDIT_WEBHOOK_SERVICE}`;
    this.webhookUrl = `http://${props.webhookClusterIP}:${webhookPort}/k8s-audit`;
  }
}
