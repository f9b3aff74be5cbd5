import { DOCUMENTED_OPTIONAL_VALUES } from './documented-optional-values';
import { FREE_FORM_VALUES } from './free-form-values';
import type { HelmValuePath } from './helm-value-paths';
import { isJsonObject, type JsonObject } from './json-value';

/** What the values the stack sets are checked against: one pinned chart and its subcharts. */
export interface ChartReference {
  /** `<chart>-<version>`, e.g. `falco-9.1.0`. */
  readonly id: string;
  /** For messages: `falco-9.1.0/values.yaml`. */
  readonly valuesFile: string;
  /**
   * The chart's default values (or a skeleton with the same shape: only maps, lists, scalars and
   * nulls matter), plus its documented optional keys.
   */
  readonly values: JsonObject;
  /** Maps whose keys are not checked (see FREE_FORM_VALUES), relative to this chart's values. */
  readonly freeForm: readonly HelmValuePath[];
  /** Dependencies by the values key that configures them (their alias, else their name). */
  readonly subcharts: ReadonlyMap<string, ChartReference>;
}

/** A chart dependency as Chart.yaml declares it. */
export interface ChartDependency {
  readonly name: string;
  /** Helm passes a dependency the values under its alias, or under its name when it has none. */
  readonly key: string;
}

/**
 * The reference of chart `id` from its default values (not modified) and its subcharts' references:
 * the project's two hand-written overlays are applied here, so that the generated catalog and
 * ../shared's values.yaml files give the same reference.
 */
export function chartReference(
  id: string,
  values: JsonObject,
  subcharts: ReadonlyMap<string, ChartReference>,
): ChartReference {
  const withOptional = structuredClone(values);
  for (const optional of DOCUMENTED_OPTIONAL_VALUES[id] ?? []) addIfAbsent(withOptional, optional.path, optional.sample);
  return {
    id,
    valuesFile: `${id}/values.yaml`,
    values: withOptional,
    freeForm: (FREE_FORM_VALUES[id] ?? []).map((entry) => entry.path),
    subcharts,
  };
}

function addIfAbsent(values: JsonObject, keyPath: HelmValuePath, sample: unknown): void {
  let node = values;
  for (const key of keyPath.slice(0, -1)) {
    const child = node[key];
    if (!isJsonObject(child)) throw new Error(`documented optional value '${keyPath.join('.')}' has no parent map '${key}'`);
    node = child;
  }
  const last = keyPath.at(-1);
  if (last !== undefined && !(last in node)) node[last] = structuredClone(sample);
}
