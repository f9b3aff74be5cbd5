import { Construct } from 'constructs';
import { HelmChart } from '../helm/helm-chart';
import type { FalcoDriverKind } from '../stack/falco-gitops-stack-props';
import { falcoValues, type RulesMount } from './falco-values';

export interface FalcoHelmChartProps {
  readonly repo: string;
  readonly chartVersion: string;
  readonly helmChartNamespace: string;
  readonly targetNamespace: string;
  readonly driverKind: FalcoDriverKind;
  readonly kubernetesMetadata: boolean;
  readonly appendOutput: string;
  readonly httpOutputUrl: string;
  readonly rulesMounts: readonly RulesMount[];
}

/** Falco, installed by the helm-controller from the pinned `falco` chart. Release name: `falco`. */
export class FalcoHelmChart extends Construct {
  static readonly RELEASE_NAME = 'falco';
  readonly helmChart: HelmChart;

  constructor(scope: Construct, id: string, props: FalcoHelmChartProps) {
    super(scope, id);
    this.helmChart = new HelmChart(this, 'Resource', {
      name: FalcoHelmChart.RELEASE_NAME,
      namespace: props.helmChartNamespace,
      chart: 'falco',
      repo: props.repo,
      version: props.chartVersion,
      targetNamespace: props.targetNamespace,
      values: falcoValues(props),
    });
  }
}
