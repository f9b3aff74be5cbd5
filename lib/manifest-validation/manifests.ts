import { checkHelmChartValues, pinnedChart } from './helm-chart-values';
import { HELM_CONTROLLER_API_VERSION } from './helm-chart';
import { kubernetesObjectProblems } from './kubernetes-object';
import type { ManifestReferences } from './manifest-references';
import { describeJsonType, isJsonObject, type JsonObject } from './json-value';
import { describeObject, prefixProblems } from './object-identity';
import { apiGroupOf } from './resource-scope';

/** The problems of one manifest among a set, not prefixed (the caller names the manifest its own way). */
export interface ManifestProblems {
  /** Index in the set. */
  readonly index: number;
  /** `Deployment prod/ubuntu`, as {@link describeObject} names it. */
  readonly object: string;
  /** `/spec/replicas must be integer`, `/spec/valuesContent: unknown Helm value ...`, `defined twice ...`. */
  readonly problems: readonly string[];
}

/**
 * Every problem in a set of synthesized manifests, by manifest (only manifests with problems):
 * each object is checked by {@link kubernetesObjectProblems}, every HelmChart's values against its
 * pinned chart, every HelmChartConfig's values against the chart of the HelmChart it configures,
 * and no object may be defined twice.
 */
export function manifestProblems(objects: readonly unknown[], references: ManifestReferences): ManifestProblems[] {
  const helmObjects = objects.filter(
    (obj): obj is JsonObject => isJsonObject(obj) && obj.apiVersion === HELM_CONTROLLER_API_VERSION,
  );
  const out: ManifestProblems[] = [];
  const firstIndex = new Map<string, number>();
  objects.forEach((obj, index) => {
    if (!isJsonObject(obj)) {
      out.push({ index, object: `manifest #${index}`, problems: [`must be an object, got ${describeJsonType(obj)}`] });
      return;
    }
    const problems = kubernetesObjectProblems(obj, references);
    if (obj.apiVersion === HELM_CONTROLLER_API_VERSION && obj.kind === 'HelmChart') {
      problems.push(...helmChartValueProblems(obj, references));
    }
    if (obj.apiVersion === HELM_CONTROLLER_API_VERSION && obj.kind === 'HelmChartConfig') {
      problems.push(...helmChartConfigValueProblems(obj, helmObjects, references));
    }
    const key = identityKey(obj);
    if (key !== undefined) {
      const first = firstIndex.get(key);
      if (first === undefined) firstIndex.set(key, index);
      else problems.push(`defined twice (manifests #${first} and #${index})`);
    }
    // Two checks may see the same fault: each is reported once.
    if (problems.length > 0) out.push({ index, object: describeObject(obj), problems: [...new Set(problems)] });
  });
  return out;
}

/** {@link manifestProblems} as lines, each prefixed with its object: `Deployment prod/ubuntu: /spec/...`. */
export function validateManifests(objects: readonly unknown[], references: ManifestReferences): string[] {
  return manifestProblems(objects, references).flatMap(({ index, object, problems }) => {
    const obj = objects[index];
    return isJsonObject(obj) ? prefixProblems(obj, problems) : problems.map((problem) => `${object} ${problem}`);
  });
}

function helmChartValueProblems(helmChart: JsonObject, references: ManifestReferences): string[] {
  const pinned = pinnedChart(helmChart, references);
  return 'problem' in pinned ? [pinned.problem] : checkHelmChartValues(helmChart, pinned);
}

/** A HelmChartConfig configures the HelmChart with the same name in the same namespace. */
function helmChartConfigValueProblems(config: JsonObject, helmObjects: readonly JsonObject[], references: ManifestReferences): string[] {
  const target = helmObjects.find(
    (obj) => obj.kind === 'HelmChart' && nameOf(obj) === nameOf(config) && namespaceOf(obj) === namespaceOf(config),
  );
  if (target === undefined) {
    return [`no HelmChart '${namespaceOf(config)}/${nameOf(config)}' in these manifests, so its values cannot be checked`];
  }
  const pinned = pinnedChart(target, references);
  // The target's own problem is reported on the target; here only say why nothing was checked.
  return 'problem' in pinned ? [`values not checked: HelmChart ${nameOf(target)} has no pinned chart`] : checkHelmChartValues(config, pinned);
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
