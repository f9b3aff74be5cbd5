import { Construct } from 'constructs';
import { HelmChart } from '../helm/helm-chart';
import type { FalcoPriority } from '../stack/falco-gitops-stack-props';
import { falcosidekickValues } from './falcosidekick-values';

export interface FalcosidekickHelmChartProps {
  readonly repo: string;
  readonly chartVersion: string;
  readonly helmChartNamespace: string;
  readonly targetNamespace: string;
  readonly imageTag: string;
  readonly replicas: number;
  readonly telegramSecretName: string;
  readonly minimumPriority: FalcoPriority;
  readonly checkCert: boolean;
  readonly messageThreadId: string | undefined;
}

/** Port of the falcosidekick chart's Service (`service.port`). */
const FALCOSIDEKICK_SERVICE_PORT = 2801;

/**
 * Falcosidekick, installed by the helm-controller from the pinned `falcosidekick` chart.
 * The release is named `falcosidekick`, so the chart's fullname, and thus its Service, is `falcosidekick`.
 */
export class FalcosidekickHelmChart extends Construct {
  static readonly RELEASE_NAME = 'falcosidekick';
  readonly helmChart: HelmChart;
  /** The in-cluster URL Falco's `http_output` posts to. */
  readonly serviceUrl: string;

  constructor(scope: Construct, id: string, props: FalcosidekickHelmChartProps) {
    super(scope, id);
    this.serviceUrl = `http://${FalcosidekickHelmChart.RELEASE_NAME}.${props.targetNamespace}.svc.cluster.local:${FALCOSIDEKICK_SERVICE_PORT}/`;
    this.helmChart = new HelmChart(this, 'Resource', {
      name: FalcosidekickHelmChart.RELEASE_NAME,
      namespace: props.helmChartNamespace,
      chart: 'falcosidekick',
      repo: props.repo,
      version: props.chartVersion,
      targetNamespace: props.targetNamespace,
      values: falcosidekickValues(props),
    });
  }
}
