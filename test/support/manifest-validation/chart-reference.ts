import * as fs from 'node:fs';
import * as path from 'node:path';
import { chartReference, isJsonObject, parseHelmYaml, type ChartReference, type JsonObject } from '../../../lib/manifest-validation';

const CHART_VERSION = /^\d+\.\d+\.\d+([-+][0-9A-Za-z.+-]*)?$/;
const references = new Map<string, ChartReference>();

/**
 * Loads the reference for a pinned chart from its `values.yaml` path in ../shared
 * (`chartValuesPath('falco', '9.1.0')`): the full default values, not the library's catalog of
 * their shape. Dependencies come from the `Chart.yaml` beside it; each is matched to a sibling
 * folder `<name>-<version>` holding the subchart's own values.yaml.
 */
export function loadChartReference(valuesYamlPath: string): ChartReference {
  const file = path.resolve(valuesYamlPath);
  let reference = references.get(file);
  if (reference === undefined) {
    reference = readChartReference(file);
    references.set(file, reference);
  }
  return reference;
}

function readChartReference(valuesYamlPath: string): ChartReference {
  const chartDir = path.dirname(valuesYamlPath);
  const subcharts = new Map<string, ChartReference>();
  for (const dependency of readDependencies(path.join(chartDir, 'Chart.yaml'))) {
    const subchartDir = findPinnedSubchart(path.dirname(chartDir), dependency.name);
    if (subchartDir !== undefined) {
      subcharts.set(dependency.key, loadChartReference(path.join(subchartDir, 'values.yaml')));
    }
  }
  return chartReference(path.basename(chartDir), readYamlMap(valuesYamlPath), subcharts);
}

function readYamlMap(file: string): JsonObject {
  const parsed = parseHelmYaml(fs.readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new Error(`${file} is not valid YAML: ${parsed.error}`);
  if (parsed.value === null || parsed.value === undefined) return {};
  if (!isJsonObject(parsed.value)) throw new Error(`${file} must hold a map of values`);
  return parsed.value;
}

function readDependencies(chartYamlPath: string): { name: string; key: string }[] {
  if (!fs.existsSync(chartYamlPath)) return [];
  const chart = readYamlMap(chartYamlPath);
  const dependencies = Array.isArray(chart.dependencies) ? chart.dependencies : [];
  return dependencies.filter(isJsonObject).flatMap((dependency) => {
    if (typeof dependency.name !== 'string') return [];
    const key = typeof dependency.alias === 'string' && dependency.alias !== '' ? dependency.alias : dependency.name;
    return [{ name: dependency.name, key }];
  });
}

/**
 * The one pinned copy of a subchart beside the parent chart (`<name>-<version>/values.yaml`), or
 * undefined when none is pinned (its values are then only checked against what the parent's
 * values.yaml has under its key). The dependency's version range in Chart.yaml is not applied:
 * the pinned copy is the reference the project chose.
 */
function findPinnedSubchart(chartsDir: string, name: string): string | undefined {
  const candidates = fs
    .readdirSync(chartsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name.startsWith(`${name}-`))
    .filter((entry) => CHART_VERSION.test(entry.name.slice(name.length + 1)))
    .map((entry) => path.join(chartsDir, entry.name))
    .filter((dir) => fs.existsSync(path.join(dir, 'values.yaml')));
  if (candidates.length > 1) {
    throw new Error(`several pinned copies of subchart '${name}' in ${chartsDir}: ${candidates.map((c) => path.basename(c)).join(', ')}`);
  }
  return candidates[0];
}
