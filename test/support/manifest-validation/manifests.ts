import { pinnedValuesFile, checkHelmChartValues } from './helm-chart-values';
import { HELM_CONTROLLER_API_VERSION } from './helm-chart';
import { validateKubernetesObject } from './kubernetes-object';
import { describeJsonType, isJsonObject, type JsonObject } from './json-value';
import { describeObject, prefixProblems } from './object-identity';
import { apiGroupOf } from './resource-scope';

/**
 * Every problem in a set of synthesized manifests (empty = all valid): each object is checked by
 * {@link validateKubernetesObject} (which hands helm.cattle.io kinds to `validateHelmChart`),
 * every HelmChart's values are checked against its pinned chart, every HelmChartConfig's values
 * against the chart of the HelmChart it configures, and no object may be defined twice.
 */
export function validateManifests(objects: readonly unknown[]): string[] {
  const helmObjects = objects.filter(
    (obj): obj is JsonObject => isJsonObject(obj) && obj.apiVersion === HELM_CONTROLLER_API_VERSION,
  );
  const problems: string[] = [];
  const firstIndex = new Map<string, number>();
  objects.forEach((obj, index) => {
    if (!isJsonObject(obj)) {
      problems.push(`manifest #${index} must be an object, got ${describeJsonType(obj)}`);
      return;
    }
    problems.push(...validateKubernetesObject(obj));
    if (obj.apiVersion === HELM_CONTROLLER_API_VERSION && obj.kind === 'HelmChart') {
      problems.push(...prefixProblems(obj, helmChartValueProblems(obj)));
    }
    if (obj.apiVersion === HELM_CONTROLLER_API_VERSION && obj.kind === 'HelmChartConfig') {
      problems.push(...prefixProblems(obj, helmChartConfigValueProblems(obj, helmObjects)));
    }
    const key = identityKey(obj);
    if (key === undefined) return;
    const first = firstIndex.get(key);
    if (first === undefined) firstIndex.set(key, index);
    else problems.push(`${describeObject(obj)}: defined twice (manifests #${first} and #${index})`);
  });
  return problems;
}

function helmChartValueProblems(helmChart: JsonObject): string[] {
  const pinned = pinnedValuesFile(helmChart);
  return 'problem' in pinned ? [pinned.problem] : checkHelmChartValues(helmChart, pinned.file);
}

/** A HelmChartConfig configures the HelmChart with the same name in the same namespace. */
function helmChartConfigValueProblems(config: JsonObject, helmObjects: readonly JsonObject[]): string[] {
  const target = helmObjects.find(
    (obj) => obj.kind === 'HelmChart' && nameOf(obj) === nameOf(config) && namespaceOf(obj) === namespaceOf(config),
  );
  if (target === undefined) {
    return [`no HelmChart '${namespaceOf(config)}/${nameOf(config)}' in these manifests, so its values cannot be checked`];
  }
  const pinned = pinnedValuesFile(target);
  // The target's own problem is reported on the target; here only say why nothing was checked.
  return 'problem' in pinned ? [`values not checked: HelmChart ${nameOf(target)} has no pinned chart`] : checkHelmChartValues(config, pinned.file);
}

function metadataOf(obj: JsonObject): JsonObject {
  return isJsonObject(obj.metadata) ? obj.metadata : {};
}

function nameOf(obj: JsonObject): unknown {
  return metadataOf(obj).name;
}

function namespaceOf(obj: JsonObject): unknown {
  return metadataOf(obj).namespace;
}

/** Objects are the same object when group, kind, namespace and name match (the version does not matter). */
function identityKey(obj: JsonObject): string | undefined {
  if (typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string') return undefined;
  const name = nameOf(obj);
  if (typeof name !== 'string') return undefined;
  const namespace = namespaceOf(obj);
  return JSON.stringify([apiGroupOf(obj.apiVersion), obj.kind, typeof namespace === 'string' ? namespace : '', name]);
}
