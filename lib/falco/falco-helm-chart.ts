import { Construct } from 'constructs';
import { FALCO_TARGET } from '../core';
import { DEFAULT_HELM_CHART_NAMESPACE, HelmChart } from '../helm';
import { assertFalcoChartAcceptsValues } from './falco-chart-guards';
import type { FalcoDriverKind } from './falco-driver-kind';
import { falcoValues, type RulesMount } from './falco-values';

export interface FalcoHelmChartProps {
  /**
   * Helm repository URL of the chart.
   * @default 'https://falcosecurity.github.io/charts'
   */
  readonly repo?: string;
  /**
   * Exact falco chart version. The rules toolchain targets one release (`FALCO_TARGET`).
   * @default '9.1.0'
   */
  readonly chartVersion?: string;
  /**
   * Namespace of the `HelmChart` object itself; the helm-controller of k3s/RKE2 watches `kube-system`.
   * @default 'kube-system'
   */
  readonly helmChartNamespace?: string;
  /** Namespace Falco is installed into (privileged pods: its PSA level must be `privileged`). */
  readonly targetNamespace: string;
  /**
   * Kernel instrumentation, the chart's `driver.kind`: `modern_ebpf` (kernels 5.8+), `kmod`, or
   * `auto` (the driver loader picks). The legacy `ebpf` probe is not offered: chart 9.x dropped it.
   * @default 'modern_ebpf'
   */
  readonly driverKind?: FalcoDriverKind;
  /**
   * Deploy the k8s-metacollector and load the k8smeta plugin, so `k8smeta.*` fields are filled
   * (the chart's `collectors.kubernetes.enabled`).
   * @default true
   */
  readonly kubernetesMetadata?: boolean;
  /**
   * Text appended to the output of every syscall event (Falco's `append_output.extra_output`).
   * @default 'pod_uid=%k8smeta.pod.uid, pod_name=%k8smeta.pod.name, namespace_name=%k8smeta.ns.name'
   */
  readonly appendOutput?: string;
  /** Where Falco posts its JSON alerts (`http_output.url`): the Falcosidekick service. */
  readonly httpOutputUrl: string;
  /** The rule ConfigMaps, in Falco's load order. */
  readonly rulesMounts: readonly RulesMount[];
  /**
   * Serve Prometheus metrics (`/metrics` on the webserver, port 8765) behind the chart's metrics Service.
   * The stack turns it on with `observability`.
   * @default false
   */
  readonly metrics?: boolean;
}

/** The defaults of every optional prop of `FalcoHelmChart`: the stack's defaults are these. */
export const FALCO_HELM_CHART_DEFAULTS = {
  repo: FALCO_TARGET.chart.repo,
  chartVersion: FALCO_TARGET.chart.version,
  helmChartNamespace: DEFAULT_HELM_CHART_NAMESPACE,
  driverKind: 'modern_ebpf' as FalcoDriverKind,
  kubernetesMetadata: true,
  appendOutput: 'pod_uid=%k8smeta.pod.uid, pod_name=%k8smeta.pod.name, namespace_name=%k8smeta.ns.name',
} as const;

/** Falco, installed by the helm-controller from the pinned `falco` chart. Release name: `falco`. */
export class FalcoHelmChart extends Construct {
  static readonly RELEASE_NAME = 'falco';
  readonly helmChart: HelmChart;

  constructor(scope: Construct, id: string, props: FalcoHelmChartProps) {
    super(scope, id);
    const values = falcoValues({
      driverKind: props.driverKind ?? FALCO_HELM_CHART_DEFAULTS.driverKind,
      kubernetesMetadata: props.kubernetesMetadata ?? FALCO_HELM_CHART_DEFAULTS.kubernetesMetadata,
      appendOutput: props.appendOutput ?? FALCO_HELM_CHART_DEFAULTS.appendOutput,
      httpOutputUrl: props.httpOutputUrl,
      rulesMounts: props.rulesMounts,
      metrics: props.metrics ?? false,
    });
    // The chart's own `fail`s would only surface in the cluster's install job, after the sync.
    assertFalcoChartAcceptsValues(values);
    this.helmChart = new HelmChart(this, 'Resource', {
      name: FalcoHelmChart.RELEASE_NAME,
      namespace: props.helmChartNamespace ?? FALCO_HELM_CHART_DEFAULTS.helmChartNamespace,
      chart: FALCO_TARGET.chart.name,
      repo: props.repo ?? FALCO_HELM_CHART_DEFAULTS.repo,
      version: props.chartVersion ?? FALCO_HELM_CHART_DEFAULTS.chartVersion,
      targetNamespace: props.targetNamespace,
      values,
    });
  }
}
