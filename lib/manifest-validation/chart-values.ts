import type { ChartReference } from './chart-reference';
import { formatHelmValuePath, type HelmValuePath } from './helm-value-paths';
import { describeJsonType, isJsonObject, type JsonObject } from './json-value';
import { closestMatch } from './suggest';

/**
 * Problems with Helm values the stack sets, checked against a pinned chart's values
 * ({@link ChartReference}: from the generated catalog, or from ../shared in the product's tests);
 * empty = every key exists upstream with a matching shape.
 *
 * Helm silently ignores keys a chart does not read, so a typo (`falco.http_output.urll`) would
 * switch nothing on and fail nothing. The values are walked alongside the upstream defaults:
 * - a key absent upstream is an error, with a "did you mean" when a sibling is close;
 * - a map, list or scalar upstream must be set to a map, list or scalar respectively (null is
 *   always allowed: in Helm it removes the default); a null default (`podPriorityClassName:`)
 *   accepts anything;
 * - below an empty map (`podAnnotations: {}`), a list, or an allow-listed free-form map
 *   (FREE_FORM_VALUES) keys are not checked;
 * - the values under a dependency's key (`falcosidekick:`, `k8s-metacollector:`) are checked
 *   against the pinned subchart's values.yaml merged with what the parent sets under that key.
 */
export function checkValuesAgainstChart(values: unknown, reference: ChartReference): string[] {
  if (values === null || values === undefined) return [];
  if (!isJsonObject(values)) return [`Helm values must be a map, got ${describeJsonType(values)}`];
  const problems: string[] = [];
  checkMap(values, reference.values, [], { reference, root: [], source: reference.valuesFile }, problems);
  return problems;
}

/** The chart whose values are being walked, and where its values start in the full path. */
interface Scope {
  readonly reference: ChartReference;
  readonly root: HelmValuePath;
  /** Where upstream keys come from, for messages. */
  readonly source: string;
}

function checkMap(set: JsonObject, upstream: JsonObject, at: HelmValuePath, scope: Scope, problems: string[]): void {
  for (const [key, value] of Object.entries(set)) {
    const keyPath = [...at, key];
    const subchart = at.length === scope.root.length ? scope.reference.subcharts.get(key) : undefined;
    if (subchart !== undefined) {
      checkSubchart(value, subchart, upstream[key], keyPath, scope, problems);
    } else if (!Object.hasOwn(upstream, key)) {
      problems.push(unknownKey(keyPath, upstream, scope.source));
    } else {
      checkValue(value, upstream[key], keyPath, scope, problems);
    }
  }
}

function checkSubchart(
  value: unknown,
  subchart: ChartReference,
  parentDefaults: unknown,
  keyPath: HelmValuePath,
  scope: Scope,
  problems: string[],
): void {
  if (value === null) return;
  if (!isJsonObject(value)) {
    problems.push(wrongShape(keyPath, value, 'a map', subchart.valuesFile));
    return;
  }
  const merged = isJsonObject(parentDefaults) ? mergeValues(subchart.values, parentDefaults) : subchart.values;
  const source = `${subchart.valuesFile} or under '${formatHelmValuePath(keyPath)}' in ${scope.source}`;
  checkMap(value, merged, keyPath, { reference: subchart, root: keyPath, source }, problems);
}

function checkValue(value: unknown, upstream: unknown, keyPath: HelmValuePath, scope: Scope, problems: string[]): void {
  if (value === null || upstream === null) return;
  const expected = shapeOf(upstream);
  if (shapeOf(value) !== expected) {
    problems.push(wrongShape(keyPath, value, expected, scope.source));
    return;
  }
  if (!isJsonObject(value) || !isJsonObject(upstream)) return;
  if (Object.keys(upstream).length === 0 || isFreeForm(keyPath, scope)) return;
  checkMap(value, upstream, keyPath, scope, problems);
}

function shapeOf(value: unknown): 'a map' | 'a list' | 'a scalar' {
  if (Array.isArray(value)) return 'a list';
  return isJsonObject(value) ? 'a map' : 'a scalar';
}

function isFreeForm(keyPath: HelmValuePath, scope: Scope): boolean {
  const relative = keyPath.slice(scope.root.length);
  return scope.reference.freeForm.some(
    (entry) => entry.length === relative.length && entry.every((key, index) => key === relative[index]),
  );
}

function unknownKey(keyPath: HelmValuePath, upstream: JsonObject, source: string): string {
  const key = keyPath.at(-1) ?? '';
  const suggestion = closestMatch(key, Object.keys(upstream));
  const hint = suggestion === undefined ? '' : `; did you mean '${formatHelmValuePath([...keyPath.slice(0, -1), suggestion])}'?`;
  return `unknown Helm value '${formatHelmValuePath(keyPath)}' (not in ${source}${hint})`;
}

function wrongShape(keyPath: HelmValuePath, value: unknown, expected: string, source: string): string {
  return `Helm value '${formatHelmValuePath(keyPath)}' must be ${expected} as in ${source}, got ${describeJsonType(value)}`;
}

/** Helm's coalescing of a parent's values over a subchart's defaults: maps merge, anything else replaces. */
function mergeValues(defaults: JsonObject, overrides: JsonObject): JsonObject {
  const merged: JsonObject = { ...defaults };
  for (const [key, value] of Object.entries(overrides)) {
    const base = merged[key];
    merged[key] = isJsonObject(base) && isJsonObject(value) ? mergeValues(base, value) : value;
  }
  return merged;
}
