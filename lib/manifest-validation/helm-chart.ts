import type { ManifestReferences } from './manifest-references';
import { validateObjectMetadata } from './object-metadata';
import type { JsonObject } from './json-value';

/** The API version of the k3s/RKE2 helm-controller kinds. */
export const HELM_CONTROLLER_API_VERSION = 'helm.cattle.io/v1';

/**
 * Problems with a `helm.cattle.io/v1` `HelmChart` or `HelmChartConfig` (empty = valid), not
 * prefixed with the object: `/spec/failurePolicy must be string`.
 *
 * The CRD schema covers `spec` and `status`, with fields the API server would prune reported as
 * unknown; apiVersion, kind and metadata are checked here. The chart values are not: see
 * `checkHelmChartValues`.
 */
export function helmControllerObjectProblems(obj: JsonObject, references: ManifestReferences): string[] {
  if (obj.apiVersion !== HELM_CONTROLLER_API_VERSION) {
    return [`/apiVersion must be '${HELM_CONTROLLER_API_VERSION}', got ${JSON.stringify(obj.apiVersion)}`];
  }
  const kind = typeof obj.kind === 'string' ? obj.kind : '';
  const crd = references.helmControllerCrd(kind);
  if (crd === undefined) {
    return [
      `unknown kind ${JSON.stringify(obj.kind)} for apiVersion '${HELM_CONTROLLER_API_VERSION}' (helm-controller defines ${references.helmControllerKinds.join(' and ')})`,
    ];
  }
  if (crd.kind !== kind || crd.apiVersion !== HELM_CONTROLLER_API_VERSION) {
    throw new Error(`the CRD for ${kind} defines ${crd.apiVersion} ${crd.kind}`);
  }
  return [...crd.validate(obj), ...validateObjectMetadata(obj, HELM_CONTROLLER_API_VERSION, kind)];
}
