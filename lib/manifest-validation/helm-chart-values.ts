import type { ChartReference } from './chart-reference';
import { checkValuesAgainstChart } from './chart-values';
import { parseHelmYaml } from './helm-yaml';
import { isJsonObject, type JsonObject } from './json-value';
import type { ManifestReferences } from './manifest-references';

/**
 * The pinned chart a HelmChart's values are checked against, from `spec.chart` and
 * `spec.version`, or why there is none. An unpinned or unknown chart is a failure, not a skip:
 * values nobody can check are exactly where a typo would hide.
 */
export function pinnedChart(helmChart: JsonObject, references: ManifestReferences): ChartReference | { readonly problem: string } {
  const spec = isJsonObject(helmChart.spec) ? helmChart.spec : {};
  const { chart, version } = spec;
  if (typeof chart !== 'string' || chart === '') {
    return { problem: '/spec/chart must name a chart (chartContent and URLs cannot be checked against a pinned values.yaml)' };
  }
  if (typeof version !== 'string' || version === '') {
    return { problem: `/spec/version must pin a version of chart '${chart}'` };
  }
  return references.chart(chart, version);
}

/**
 * Problems with the Helm values of a HelmChart or HelmChartConfig, from all three places
 * helm-controller reads them: `spec.valuesContent` (YAML text), `spec.values` (structured) and
 * `spec.set` (`--set` style dotted keys). Each is checked against `reference` on its own.
 */
export function checkHelmChartValues(helmChart: JsonObject, reference: ChartReference): string[] {
  const spec = isJsonObject(helmChart.spec) ? helmChart.spec : {};
  const problems: string[] = [];
  if (typeof spec.valuesContent === 'string') {
    const parsed = parseHelmYaml(spec.valuesContent);
    if (!parsed.ok) problems.push(`/spec/valuesContent is not valid YAML: ${parsed.error}`);
    else problems.push(...at('/spec/valuesContent', checkValuesAgainstChart(parsed.value, reference)));
  }
  if (spec.values !== undefined) {
    problems.push(...at('/spec/values', checkValuesAgainstChart(spec.values, reference)));
  }
  if (isJsonObject(spec.set)) {
    problems.push(...at('/spec/set', checkValuesAgainstChart(setToValues(spec.set), reference)));
  }
  return problems;
}

function at(field: string, problems: readonly string[]): string[] {
  return problems.map((problem) => `${field}: ${problem}`);
}

/**
 * Turns `--set` keys into a values tree so they can be checked like the rest: `a.b=1` becomes
 * `{a: {b: 1}}`, `\.` escapes a dot inside a key, and a list index (`a.b[0].c`) stops the path at
 * `a.b` (set to a list), since list items are not key-checked anyway.
 */
function setToValues(set: JsonObject): JsonObject {
  const values: JsonObject = {};
  for (const [dotted, value] of Object.entries(set)) {
    const keys = dotted.split(/(?<!\\)\./).map((key) => key.replace(/\\\./g, '.'));
    let node = values;
    for (const [index, key] of keys.entries()) {
      const bracket = key.indexOf('[');
      if (bracket !== -1) {
        node[key.slice(0, bracket)] = [];
        break;
      }
      if (index === keys.length - 1) {
        node[key] = value;
      } else {
        const child = node[key];
        node = isJsonObject(child) ? child : (node[key] = {});
      }
    }
  }
  return values;
}
