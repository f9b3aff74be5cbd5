import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { isExactSemver, stackLabels, SyncWave, syncWave, toYaml, UserError } from '../core';

/**
 * What the helm-controller does when an install or upgrade fails (helm.cattle.io/v1 `spec.failurePolicy`).
 * `reinstall` (the controller's default) runs `helm uninstall` and starts over: for Falco that removes
 * all detection until someone notices. `abort` leaves the last release running and the error in the job.
 */
export type HelmFailurePolicy = 'abort' | 'reinstall' | 'retry';

export interface HelmChartProps {
  /** `metadata.name`, which the helm-controller also uses as the Helm release name. */
  readonly name: string;
  /** Namespace of the HelmChart object; the k3s/RKE2 helm-controller watches `kube-system`. */
  readonly namespace: string;
  /** Chart name in the repository. */
  readonly chart: string;
  /** Helm repository URL. */
  readonly repo: string;
  /** Exact chart version. Required: an unpinned chart upgrades without review. */
  readonly version: string;
  /** Namespace the release is installed into. It must exist (the stack renders it); the chart does not create it. */
  readonly targetNamespace: string;
  /** Helm values, rendered into `spec.valuesContent` as a YAML block scalar. */
  readonly values: Record<string, unknown>;
  /** @default 'abort' */
  readonly failurePolicy?: HelmFailurePolicy;
}

/** Where the k3s/RKE2 helm-controller watches `HelmChart` objects. */
export const DEFAULT_HELM_CHART_NAMESPACE = 'kube-system';

/**
 * Retries of the helm-controller's install job. Its default (1000) keeps a broken install
 * "in progress" for hours; the `Failed` condition, the only failure signal the HelmChart status
 * has, appears when the job gives up.
 */
export const HELM_INSTALL_BACKOFF_LIMIT = 5;

/**
 * A `helm.cattle.io/v1` HelmChart (k3s-io/helm-controller): the cluster installs the chart itself,
 * so Argo CD syncs one reviewable object per chart instead of rendered chart output.
 */
export class HelmChart extends Construct {
  readonly apiObject: ApiObject;
  readonly valuesContent: string;

  constructor(scope: Construct, id: string, props: HelmChartProps) {
    super(scope, id);
    if (!isExactSemver(props.version)) {
      throw new UserError([{
        subject: `HelmChart ${props.name}: version`,
        received: props.version,
        problem: 'must be an exact chart version',
        fix: 'pin the chart, e.g. "9.1.0"',
      }]);
    }
    this.valuesContent = toYaml(props.values);
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'helm.cattle.io/v1',
      kind: 'HelmChart',
      metadata: {
        name: props.name,
        namespace: props.namespace,
        labels: stackLabels(),
        annotations: syncWave(SyncWave.HELM_CHARTS),
      },
      spec: {
        repo: props.repo,
        chart: props.chart,
        version: props.version,
        targetNamespace: props.targetNamespace,
        createNamespace: false,
        failurePolicy: props.failurePolicy ?? 'abort',
        backOffLimit: HELM_INSTALL_BACKOFF_LIMIT,
        valuesContent: this.valuesContent,
      },
    });
  }
}
