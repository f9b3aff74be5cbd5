#!/usr/bin/env node
'use strict';
/**
 * Generates the reference catalogs that `falco-gitops check` validates synthesized manifests
 * against in any repository (no ../shared there), into lib/manifest-validation/:
 *
 * - helm-controller-crds-catalog.ts: the `openAPIV3Schema` of `helm.cattle.io/v1` HelmChart and
 *   HelmChartConfig, from k3s-io/helm-controller tag v0.17.7, `pkg/crds/yaml/generated/` (the
 *   origin ../shared/README.md records for its copies), without the `description` texts (pure
 *   documentation; every other keyword is kept as is);
 * - monitoring-crds-catalog.ts: the same for the `monitoring.coreos.com/v1` kinds the stack renders
 *   (ServiceMonitor, PrometheusRule), from prometheus-operator/prometheus-operator tag v0.93.0,
 *   `example/prometheus-operator-crd/`;
 * - chart-values-catalog.ts: the shape of the default values of falco 9.1.0 and of the two of
 *   its dependencies that are pinned (falcosidekick 0.14.0, which the stack also installs on its
 *   own, and k8s-metacollector 0.3.1), from falcosecurity/charts tags `<chart>-<version>`, and of
 *   kube-prometheus-stack 88.5.3 (prometheus-community/helm-charts) with its pinned grafana
 *   subchart 12.11.1 (grafana-community/helm-charts), each from `charts/<chart>/values.yaml` and
 *   `Chart.yaml`: every key path with the kind of its default
 *   (map, list, scalar or null), in values.yaml order, plus each chart's dependencies by values key.
 *   values.yaml is read as Helm reads it (YAML 1.1, as lib/manifest-validation/helm-yaml.ts does).
 *
 * The input folder has the layout of ../shared/upstream: `charts/<chart>-<version>/values.yaml`
 * and `Chart.yaml`, `crds/<group>_<plural>.yaml`. To regenerate from ../shared:
 *
 *   node scripts/generate-manifest-catalogs.js --upstream ../shared/upstream
 *
 * or from the tagged sources (bare mirrors of the chart repositories, k3s-io/helm-controller and
 * prometheus-operator/prometheus-operator; checked for falcosecurity/charts and helm-controller:
 * the same bytes as ../shared's copies; the others are ../shared's copies of the tags it records):
 *
 *   X=$(mktemp -d); for c in falco:9.1.0 falcosidekick:0.14.0 k8s-metacollector:0.3.1; do
 *     n=${c%%:*}; v=${c##*:}; mkdir -p $X/charts/$n-$v
 *     for f in values.yaml Chart.yaml; do git -C <charts repo> show $n-$v:charts/$n/$f > $X/charts/$n-$v/$f; done
 *   done
 *   (likewise kube-prometheus-stack-88.5.3 and grafana-12.11.1 from their repositories)
 *   mkdir $X/crds; for p in helmcharts helmchartconfigs; do
 *     git -C <helm-controller repo> show v0.17.7:pkg/crds/yaml/generated/helm.cattle.io_$p.yaml > $X/crds/helm.cattle.io_$p.yaml
 *   done
 *   for p in servicemonitors prometheusrules; do
 *     git -C <prometheus-operator repo> show v0.93.0:example/prometheus-operator-crd/monitoring.coreos.com_$p.yaml > $X/crds/monitoring.coreos.com_$p.yaml
 *   done
 *   node scripts/generate-manifest-catalogs.js --upstream $X
 *
 * `--check` writes nothing and exits 1 when a committed file differs; `--out DIR` writes elsewhere.
 * Each file starts with a header naming repository, tag, file and sha256 of each input and the
 * sha256 of the body (test/manifest-validation/generated-catalogs.test.ts regenerates from ../shared
 * and compares). Same inputs, same bytes.
 */
const fs = require('node:fs');
const path = require('node:path');
const { InputError, parseGeneratorArgs, sha256, writeOrCheckOutputs } = require('./c-source');

const ROOT = path.resolve(__dirname, '..');
const DEFAULT_OUT = path.join(ROOT, 'lib', 'manifest-validation');
const USAGE = 'usage: node scripts/generate-manifest-catalogs.js --upstream DIR [--out DIR] [--check]';

/**
 * The pinned charts, each at tag `<chart>-<version>` of its repository, folder `charts/<chart>/`.
 * grafana 12.11.1 is the subchart kube-prometheus-stack 88.5.3 pins (its values under `grafana.`).
 */
const CHARTS = [
  { chart: 'falco', version: '9.1.0', repo: 'falcosecurity/charts' },
  { chart: 'falcosidekick', version: '0.14.0', repo: 'falcosecurity/charts' },
  { chart: 'k8s-metacollector', version: '0.3.1', repo: 'falcosecurity/charts' },
  { chart: 'kube-prometheus-stack', version: '88.5.3', repo: 'prometheus-community/helm-charts' },
  { chart: 'grafana', version: '12.11.1', repo: 'grafana-community/helm-charts' },
];
/**
 * The pinned CRDs, by catalog file. The monitoring.coreos.com ones are only the kinds the stack
 * renders (ServiceMonitor, PrometheusRule), from the prometheus-operator tag ../shared/README.md
 * records (v0.93.0; kube-prometheus-stack 88.5.3 ships v0.93.1, same schemas for these kinds).
 */
const CRD_CATALOGS = [
  {
    file: 'helm-controller-crds-catalog.ts',
    constant: 'HELM_CONTROLLER_CRDS_CATALOG',
    what: "helm-controller's CRDs",
    use: 'helm.cattle.io objects',
    group: 'helm.cattle.io',
    repo: 'k3s-io/helm-controller',
    tag: 'v0.17.7',
    dir: 'pkg/crds/yaml/generated',
    plurals: ['helmcharts', 'helmchartconfigs'],
  },
  {
    file: 'monitoring-crds-catalog.ts',
    constant: 'MONITORING_CRDS_CATALOG',
    what: "the Prometheus Operator's CRDs the stack renders",
    use: 'monitoring.coreos.com objects',
    group: 'monitoring.coreos.com',
    repo: 'prometheus-operator/prometheus-operator',
    tag: 'v0.93.0',
    dir: 'example/prometheus-operator-crd',
    plurals: ['servicemonitors', 'prometheusrules'],
  },
];
const CRD_VERSION = 'v1';

const CHART_FILE = 'chart-values-catalog.ts';

function readInput(dir, rel) {
  const file = path.join(dir, rel);
  if (!fs.existsSync(file)) throw new InputError(`${file}: not found (the --upstream folder needs ${rel})`);
  return fs.readFileSync(file);
}

/** YAML as Helm reads it: YAML 1.1 (merge keys, yes/on booleans), duplicate keys refused. */
function parseHelmYaml(text, file) {
  const { parseDocument } = require('yaml');
  const document = parseDocument(text, { version: '1.1', uniqueKeys: true, prettyErrors: false });
  if (document.errors.length > 0) throw new InputError(`${file}: ${document.errors[0].message}`);
  return document.toJS({ maxAliasCount: 1000 });
}

const isMap = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

function shapeOf(value) {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'list';
  if (isMap(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shapeOf(v)]));
  return 'scalar';
}

/** A structural schema without `description` keywords (a property named `description` stays). */
function withoutDescriptions(node) {
  if (Array.isArray(node)) return node.map(withoutDescriptions);
  if (!isMap(node)) return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'description') continue;
    if ((key === 'properties' || key === 'patternProperties' || key === 'definitions') && isMap(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, withoutDescriptions(sub)]));
    } else if (['items', 'additionalProperties', 'not', 'allOf', 'anyOf', 'oneOf'].includes(key)) {
      out[key] = withoutDescriptions(value);
    } else {
      out[key] = value;
    }
  }
  return out;
}

function renderFile({ about, inputs, body }) {
  const header = [
    '// Generated by scripts/generate-manifest-catalogs.js; do not edit by hand. Regenerate as its header says:',
    '// test/manifest-validation/generated-catalogs.test.ts fails when this file is not what ../shared gives.',
    '//',
    ...about.map((line) => `// ${line}`.trimEnd()),
    '// Inputs:',
    ...inputs.map((i) => `// input: ${i.repo}@${i.tag}:${i.path} sha256:${i.sha256}`),
    `// body sha256:${sha256(body)}`,
  ];
  return `${header.join('\n')}\n\n${body}`;
}

function generate({ upstream }) {
  const files = {};

  const chartInputs = [];
  const charts = CHARTS.map(({ chart, version }) => {
    const id = `${chart}-${version}`;
    const read = (name) => {
      const data = readInput(upstream, `charts/${id}/${name}`);
      chartInputs.push({ repo: CHARTS.find((c) => c.chart === chart).repo, tag: id, path: `charts/${chart}/${name}`, sha256: sha256(data) });
      return parseHelmYaml(data.toString('utf8'), `charts/${id}/${name}`);
    };
    const meta = read('Chart.yaml');
    if (!isMap(meta) || meta.name !== chart || meta.version !== version) {
      throw new InputError(`charts/${id}/Chart.yaml: expected chart ${chart} version ${version}`);
    }
    const values = read('values.yaml') ?? {};
    if (!isMap(values)) throw new InputError(`charts/${id}/values.yaml: must hold a map of values`);
    const dependencies = (Array.isArray(meta.dependencies) ? meta.dependencies : [])
      .filter((d) => isMap(d) && typeof d.name === 'string')
      .map((d) => ({ name: d.name, key: typeof d.alias === 'string' && d.alias !== '' ? d.alias : d.name }));
    return { id, chart, version, dependencies, values: shapeOf(values) };
  });
  files[CHART_FILE] = renderFile({
    about: [
      'The shape of the default values of each pinned chart (map keys in values.yaml order; leaves: scalar, list, null)',
      'and its Chart.yaml dependencies by values key: what `falco-gitops check` checks HelmChart values against.',
    ],
    inputs: chartInputs,
    body:
      "import type { ChartValuesCatalogEntry } from './catalog-types';\n\n" +
      `export const CHART_VALUES_CATALOG: readonly ChartValuesCatalogEntry[] = ${JSON.stringify(charts, null, 2)};\n`,
  });

  for (const catalog of CRD_CATALOGS) {
    const crdInputs = [];
    const crds = catalog.plurals.map((plural) => {
      const name = `${catalog.group}_${plural}.yaml`;
      const data = readInput(upstream, `crds/${name}`);
      crdInputs.push({ repo: catalog.repo, tag: catalog.tag, path: `${catalog.dir}/${name}`, sha256: sha256(data) });
      const crd = parseHelmYaml(data.toString('utf8'), `crds/${name}`);
      const spec = isMap(crd) && isMap(crd.spec) ? crd.spec : {};
      const served = (Array.isArray(spec.versions) ? spec.versions : []).find((v) => isMap(v) && v.name === CRD_VERSION);
      const schema = served && isMap(served.schema) ? served.schema.openAPIV3Schema : undefined;
      if (typeof spec.group !== 'string' || !isMap(spec.names) || typeof spec.names.kind !== 'string' || !isMap(schema)) {
        throw new InputError(`crds/${name}: no spec.group, spec.names.kind or ${CRD_VERSION} openAPIV3Schema`);
      }
      if (spec.group !== catalog.group) throw new InputError(`crds/${name}: expected group ${catalog.group}, got ${spec.group}`);
      return { group: spec.group, version: CRD_VERSION, kind: spec.names.kind, openAPIV3Schema: withoutDescriptions(schema) };
    });
    files[catalog.file] = renderFile({
      about: [
        `The ${CRD_VERSION} openAPIV3Schema of ${catalog.what} (${crds.map((c) => c.kind).join(', ')}), without \`description\` texts:`,
        `what \`falco-gitops check\` validates ${catalog.use} against.`,
      ],
      inputs: crdInputs,
      body:
        "import type { CrdCatalogEntry } from './catalog-types';\n\n" +
        `export const ${catalog.constant}: readonly CrdCatalogEntry[] = ${JSON.stringify(crds, null, 2)};\n`,
    });
  }
  return { files };
}

function main(argv) {
  const opts = parseGeneratorArgs(argv, { names: { upstream: 'upstream', out: 'out' }, required: ['upstream'], defaults: { out: DEFAULT_OUT }, usage: USAGE });
  const { files } = generate(opts);
  return writeOrCheckOutputs(files, opts, 'manifest catalogs are');
}

module.exports = { generate, InputError, CHARTS, CRD_CATALOGS, CHART_FILE };

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    if (error instanceof InputError) {
      process.stderr.write(`generate-manifest-catalogs: ${error.message}\n`);
      process.exitCode = 2;
    } else throw error;
  }
}
