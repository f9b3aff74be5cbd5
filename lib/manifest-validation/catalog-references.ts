import type { ChartValuesCatalogEntry, CrdCatalogEntry, ValueShape } from './catalog-types';
import { chartReference, type ChartReference } from './chart-reference';
import { CHART_VALUES_CATALOG } from './chart-values-catalog';
import { compileCrdSchema, type CrdValidator } from './crd-schema';
import { HELM_CONTROLLER_CRDS_CATALOG } from './helm-controller-crds-catalog';
import type { JsonObject } from './json-value';
import type { ManifestReferences } from './manifest-references';
import { MONITORING_CRDS_CATALOG } from './monitoring-crds-catalog';

/**
 * The references in the catalogs generated into this folder (scripts/generate-manifest-catalogs.js,
 * from the pinned upstream files): what `falco-gitops check` validates manifests against in a
 * deployment repository, which has no ../shared. The product's tests check that these catalogs are
 * what ../shared's files give.
 */
export const CATALOG_REFERENCES: ManifestReferences = {
  helmControllerCrd: (kind) => crdValidator(HELM_CONTROLLER_CRDS_CATALOG, kind),
  helmControllerKinds: HELM_CONTROLLER_CRDS_CATALOG.map((entry) => entry.kind),
  monitoringCrd: (kind) => crdValidator(MONITORING_CRDS_CATALOG, kind),
  monitoringKinds: MONITORING_CRDS_CATALOG.map((entry) => entry.kind),
  chart: (chart, version) => {
    const id = `${chart}-${version}`;
    const reference = chartReferences().get(id);
    if (reference !== undefined) return reference;
    const pinned = CHART_VALUES_CATALOG.map((entry) => entry.id).join(', ');
    return {
      problem:
        `no pinned reference for chart '${chart}' version '${version}', so its Helm values cannot be checked (falco-gitops pins ${pinned}); ` +
        'use a pinned version, or add that chart to CHARTS in scripts/generate-manifest-catalogs.js and regenerate the catalog from its tag',
    };
  },
};

const validators = new Map<string, CrdValidator>();
let references: Map<string, ChartReference> | undefined;

/** Compiled on first use, kind by kind: compiling the HelmChart schema is a good part of check's validation time. */
function crdValidator(catalog: readonly CrdCatalogEntry[], kind: string): CrdValidator | undefined {
  const entry = catalog.find((candidate) => candidate.kind === kind);
  if (entry === undefined) return undefined;
  const key = `${entry.group}/${entry.version} ${entry.kind}`;
  let validator = validators.get(key);
  if (validator === undefined) {
    validator = compileCrdSchema(entry.group, entry.version, entry.kind, entry.openAPIV3Schema);
    validators.set(key, validator);
  }
  return validator;
}

function chartReferences(): Map<string, ChartReference> {
  if (references === undefined) {
    const built = new Map<string, ChartReference>();
    const build = (entry: ChartValuesCatalogEntry): ChartReference => {
      const existing = built.get(entry.id);
      if (existing !== undefined) return existing;
      const subcharts = new Map<string, ChartReference>();
      for (const dependency of entry.dependencies) {
        // The pinned copy of the dependency is the reference (its version range in Chart.yaml is not
        // applied); a dependency with no pinned copy (falco-talon) is checked only against what the
        // parent's values.yaml has under its key, as in the product's tests.
        const pinned = CHART_VALUES_CATALOG.filter((candidate) => candidate.chart === dependency.name);
        if (pinned.length > 1) throw new Error(`several pinned copies of subchart '${dependency.name}' in the catalog`);
        const [subchart] = pinned;
        if (subchart !== undefined) subcharts.set(dependency.key, build(subchart));
      }
      const reference = chartReference(entry.id, valuesOfShape(entry.values), subcharts);
      built.set(entry.id, reference);
      return reference;
    };
    for (const entry of CHART_VALUES_CATALOG) build(entry);
    references = built;
  }
  return references;
}

/**
 * A values tree of the catalog's shape: the value check only looks at whether a default is a
 * map (and which keys it has), a list, a scalar or null, so a stand-in of each kind is exact.
 */
function valuesOfShape(shape: { readonly [key: string]: ValueShape }): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(shape)) {
    out[key] = value === 'scalar' ? '' : value === 'list' ? [] : value === 'null' ? null : valuesOfShape(value);
  }
  return out;
}
