import { crdValidator, type CrdValidator } from './crd-schema';
import { validateObjectMetadata } from './object-metadata';
import { describeJsonType, isJsonObject } from './json-value';
import { prefixProblems } from './object-identity';

/** The API version of the k3s/RKE2 helm-controller kinds. */
export const HELM_CONTROLLER_API_VERSION = 'helm.cattle.io/v1';

const CRDS: Readonly<Record<string, () => CrdValidator>> = {
  HelmChart: () => crdValidator('helmcharts', 'v1'),
  HelmChartConfig: () => crdValidator('helmchartconfigs', 'v1'),
};

/**
 * Problems with a `helm.cattle.io/v1` `HelmChart` or `HelmChartConfig` (empty = valid), each
 * prefixed with the object: `HelmChart falco/falco: /spec/failurePolicy must be string`.
 *
 * The CRD schema (pinned in `../shared/upstream/crds/`) covers `spec` and `status`, with fields
 * the API server would prune reported as unknown; apiVersion, kind and metadata are checked here.
 * The chart values are not: see `checkHelmChartValues`.
 */
export function validateHelmChart(obj: unknown): string[] {
  if (!isJsonObject(obj)) return [`manifest must be an object, got ${describeJsonType(obj)}`];
  if (obj.apiVersion !== HELM_CONTROLLER_API_VERSION) {
    return prefixProblems(obj, [`/apiVersion must be '${HELM_CONTROLLER_API_VERSION}', got ${JSON.stringify(obj.apiVersion)}`]);
  }
  const kind = typeof obj.kind === 'string' ? obj.kind : '';
  const crd = Object.hasOwn(CRDS, kind) ? CRDS[kind]?.() : undefined;
  if (crd === undefined) {
    return prefixProblems(obj, [
      `unknown kind ${JSON.stringify(obj.kind)} for apiVersion '${HELM_CONTROLLER_API_VERSION}' (helm-controller defines ${Object.keys(CRDS).join(' and ')})`,
    ]);
  }
  if (crd.kind !== kind || crd.apiVersion !== HELM_CONTROLLER_API_VERSION) {
    throw new Error(`the CRD for ${kind} defines ${crd.apiVersion} ${crd.kind}`);
  }
  return prefixProblems(obj, [...crd.validate(obj), ...validateObjectMetadata(obj, HELM_CONTROLLER_API_VERSION, kind)]);
}
