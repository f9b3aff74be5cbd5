import * as lib from '../../../lib/manifest-validation';
import { loadChartReference } from './chart-reference';
import { SHARED_REFERENCES } from './shared-references';

/**
 * The product's manifest checks: the library's validators (lib/manifest-validation, which
 * `falco-gitops check` runs against its generated catalogs) run here against ../shared's full
 * references, with the messages prefixed by the object they concern.
 */
export { SHARED_REFERENCES } from './shared-references';
export const HELM_CONTROLLER_API_VERSION = lib.HELM_CONTROLLER_API_VERSION;
export { helmValuePaths, formatHelmValuePath, type HelmValuePath } from '../../../lib/manifest-validation';
export { FREE_FORM_VALUES, type FreeFormValue } from '../../../lib/manifest-validation';
export { DOCUMENTED_OPTIONAL_VALUES, type DocumentedOptionalValue } from '../../../lib/manifest-validation';

/** Problems of one manifest, prefixed with it: `Deployment prod/ubuntu: /spec/... must be ...`. */
export function validateKubernetesObject(obj: unknown): string[] {
  const problems = lib.kubernetesObjectProblems(obj, SHARED_REFERENCES);
  return lib.isJsonObject(obj) ? lib.prefixProblems(obj, problems) : problems;
}

/** Problems of a helm.cattle.io object against ../shared's CRDs, prefixed with it. */
export function validateHelmChart(obj: unknown): string[] {
  if (!lib.isJsonObject(obj)) return validateKubernetesObject(obj);
  return lib.prefixProblems(obj, lib.helmControllerObjectProblems(obj, SHARED_REFERENCES));
}

/** Values checked against a pinned chart's values.yaml path in ../shared. */
export function checkValuesAgainstChart(values: unknown, chartValuesYamlPath: string): string[] {
  return lib.checkValuesAgainstChart(values, loadChartReference(chartValuesYamlPath));
}

/** Every problem of a set of manifests against ../shared's references. */
export function validateManifests(objects: readonly unknown[]): string[] {
  return lib.validateManifests(objects, SHARED_REFERENCES);
}
