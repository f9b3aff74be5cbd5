import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { sha256Hex } from '../../lib/core';
import {
  CATALOG_REFERENCES,
  CHART_VALUES_CATALOG,
  HELM_CONTROLLER_CRDS_CATALOG,
  MONITORING_CRDS_CATALOG,
  checkValuesAgainstChart,
  crdVersionSchema,
  helmValuePaths,
  isJsonObject,
  validateManifests,
  type ChartReference,
  type JsonObject,
} from '../../lib/manifest-validation';
import { splitGeneratedFile } from '../support/generated-file';
import { SHARED_REFERENCES } from '../support/manifest-validation';
import { REPO_ROOT, SHARED_DIR, crdPath } from '../support/shared-dir';
import { appProject, application, configMap, deployment, helmChart, helmChartConfig, namespace } from '../support-tests/fixtures';

/**
 * `falco-gitops check` validates manifests against catalogs generated into lib/manifest-validation
 * (a deployment repository has no ../shared). These tests keep them from drifting: the committed
 * files are byte for byte what the generator gives from ../shared, the references built from them
 * check values and CRD objects exactly as ../shared's full files do, and the generator refuses
 * inputs it does not understand.
 */
const UPSTREAM = path.join(SHARED_DIR, 'upstream');
const OUT = path.join(REPO_ROOT, 'lib', 'manifest-validation');

interface Generator {
  generate(opts: { upstream: string }): { files: Record<string, string> };
  InputError: new (...args: never[]) => Error;
  CHARTS: readonly { chart: string; version: string }[];
}
const generator: Generator = createRequire(__filename)(path.join(REPO_ROOT, 'scripts', 'generate-manifest-catalogs.js'));

const created: string[] = [];
afterAll(() => {
  for (const dir of created) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the generated manifest catalogs', () => {
  const { files } = generator.generate({ upstream: UPSTREAM });

  it('are what scripts/generate-manifest-catalogs.js gives from ../shared, byte for byte', () => {
    expect(Object.keys(files).sort()).toEqual(['chart-values-catalog.ts', 'helm-controller-crds-catalog.ts', 'monitoring-crds-catalog.ts']);
    for (const [name, text] of Object.entries(files)) {
      expect(fs.readFileSync(path.join(OUT, name), 'utf8'), `${name}: run node scripts/generate-manifest-catalogs.js --upstream ../shared/upstream`).toBe(text);
    }
  });

  it('name each input with its sha256 (the ../shared copies of the tagged files) and the checksum of their body', () => {
    for (const name of Object.keys(files)) {
      const { inputs, bodySha, body } = splitGeneratedFile(fs.readFileSync(path.join(OUT, name), 'utf8'), '\n\n');
      expect(bodySha).toBe(sha256Hex(body));
      expect(inputs.length).toBeGreaterThan(0);
      for (const input of inputs) {
        const local = input.path.startsWith('charts/')
          ? path.join(UPSTREAM, 'charts', input.tag, path.basename(input.path))
          : path.join(UPSTREAM, 'crds', path.basename(input.path));
        expect(sha256Hex(fs.readFileSync(local)), `${input.repo}@${input.tag}:${input.path}`).toBe(input.sha256);
      }
    }
  });

  it('hold every chart the stack installs and each subchart of it that ../shared pins, with the values shape of its values.yaml', () => {
    expect(CHART_VALUES_CATALOG.map((entry) => entry.id)).toEqual([
      'falco-9.1.0',
      'falcosidekick-0.14.0',
      'k8s-metacollector-0.3.1',
      'kube-prometheus-stack-88.5.3',
      'grafana-12.11.1',
    ]);
    const kubePrometheusStack = CATALOG_REFERENCES.chart('kube-prometheus-stack', '88.5.3') as ChartReference;
    expect(kubePrometheusStack.subcharts.get('grafana')?.id).toBe('grafana-12.11.1');
    for (const entry of CHART_VALUES_CATALOG) {
      const catalog = CATALOG_REFERENCES.chart(entry.chart, entry.version) as ChartReference;
      const shared = SHARED_REFERENCES.chart(entry.chart, entry.version) as ChartReference;
      expect(shapeOf(catalog), entry.id).toEqual(shapeOf(shared));
    }
  });

  it('check every Helm value exactly as the full values.yaml files do: each default path, and each with a typo or the wrong kind', () => {
    for (const entry of CHART_VALUES_CATALOG) {
      const catalog = CATALOG_REFERENCES.chart(entry.chart, entry.version) as ChartReference;
      const shared = SHARED_REFERENCES.chart(entry.chart, entry.version) as ChartReference;
      // The chart's own defaults, set back explicitly, are valid against both.
      expect(checkValuesAgainstChart(shared.values, catalog), entry.id).toEqual([]);
      const paths = helmValuePaths(shared.values);
      expect(paths.length).toBeGreaterThan(20);
      for (const keyPath of paths) {
        for (const mutated of [typo(keyPath), keyPath]) {
          for (const value of ['x', ['x'], { x: 1 }]) {
            const values = setPath(mutated, value);
            expect(checkValuesAgainstChart(values, catalog), `${entry.id} ${mutated.join('.')}`).toEqual(checkValuesAgainstChart(values, shared));
          }
        }
      }
    }
  });

  it('hold the v1 schemas of HelmChart and HelmChartConfig as in ../shared, less the descriptions', () => {
    expect(HELM_CONTROLLER_CRDS_CATALOG.map((entry) => `${entry.group}/${entry.version} ${entry.kind}`)).toEqual([
      'helm.cattle.io/v1 HelmChart',
      'helm.cattle.io/v1 HelmChartConfig',
    ]);
    for (const [entry, plural] of [
      [HELM_CONTROLLER_CRDS_CATALOG[0], 'helmcharts'],
      [HELM_CONTROLLER_CRDS_CATALOG[1], 'helmchartconfigs'],
    ] as const) {
      const { schema } = crdVersionSchema(parse(fs.readFileSync(crdPath(plural), 'utf8')), 'v1');
      expect(entry?.openAPIV3Schema).toEqual(withoutDescriptions(schema));
    }
  });

  it('hold the v1 schemas of the monitoring.coreos.com kinds the stack renders as in ../shared, less the descriptions', () => {
    expect(MONITORING_CRDS_CATALOG.map((entry) => `${entry.group}/${entry.version} ${entry.kind}`)).toEqual([
      'monitoring.coreos.com/v1 ServiceMonitor',
      'monitoring.coreos.com/v1 PrometheusRule',
    ]);
    for (const [entry, plural] of [
      [MONITORING_CRDS_CATALOG[0], 'servicemonitors'],
      [MONITORING_CRDS_CATALOG[1], 'prometheusrules'],
    ] as const) {
      const { schema } = crdVersionSchema(parse(fs.readFileSync(crdPath(plural), 'utf8')), 'v1');
      expect(entry?.openAPIV3Schema).toEqual(withoutDescriptions(schema));
    }
  });

  it('validate monitoring.coreos.com objects as ../shared does: the RE2 (?i) pattern, pruned fields, unknown kinds', () => {
    const rule = prometheusRule();
    const valid = [serviceMonitor(), rule];
    for (const strategy of ['warn', 'ABORT', 'Warn', '']) {
      (rule.spec.groups[0] as JsonObject).partial_response_strategy = strategy;
      expect(validateManifests(valid, CATALOG_REFERENCES), strategy).toEqual([]);
      expect(validateManifests(valid, SHARED_REFERENCES), strategy).toEqual([]);
    }
    const brokenRule = prometheusRule();
    (brokenRule.spec.groups[0] as JsonObject).partial_response_strategy = 'ignore';
    (brokenRule.spec.groups[0] as JsonObject).intervall = '1m';
    const brokenMonitor = serviceMonitor();
    brokenMonitor.spec.endpoints = 'metrics';
    const podMonitor = { ...serviceMonitor(), kind: 'PodMonitor' };
    const withStatus = (lastTransitionTime: string): JsonObject => ({
      ...serviceMonitor(),
      status: {
        bindings: [
          {
            group: 'monitoring.coreos.com',
            resource: 'prometheuses',
            name: 'kube-prometheus-stack-prometheus',
            namespace: 'monitoring',
            conditions: [{ type: 'Accepted', status: 'True', lastTransitionTime }],
          },
        ],
      },
    });
    for (const time of ['2026-12-02T12:00:00Z', '2026-02-28t23:59:59.123+01:00']) {
      expect(validateManifests([withStatus(time)], CATALOG_REFERENCES), time).toEqual([]);
    }
    for (const time of ['2026-02-30T12:00:00Z', 'yesterday', '2026-12-02 12:00:00Z']) {
      const problems = validateManifests([withStatus(time)], CATALOG_REFERENCES);
      expect(problems, time).toEqual(['ServiceMonitor prod/falco: /status/bindings/0/conditions/0/lastTransitionTime must match format "date-time"']);
      expect(validateManifests([withStatus(time)], SHARED_REFERENCES), time).toEqual(problems);
    }
    const broken = [brokenRule, brokenMonitor, podMonitor];
    const problems = validateManifests(broken, CATALOG_REFERENCES);
    expect(problems).toEqual(validateManifests(broken, SHARED_REFERENCES));
    expect(problems).toEqual([
      "PrometheusRule prod/falco-gitops: /spec/groups/0 has unknown field 'intervall' (not in the schema, so Kubernetes would drop it)",
      'PrometheusRule prod/falco-gitops: /spec/groups/0/partial_response_strategy must match pattern "^([aA][bB][oO][rR][tT]|[wW][aA][rR][nN])?$"',
      'ServiceMonitor prod/falco: /spec/endpoints must be array',
      `PodMonitor prod/falco: unknown kind "PodMonitor" for apiVersion "monitoring.coreos.com/v1" (pinned CRDs: ServiceMonitor, PrometheusRule of 'monitoring.coreos.com/v1')`,
    ]);
  });

  it('validate manifests as ../shared does, valid and broken alike', () => {
    const broken = [
      deployment(),
      helmChart('collectors:\n  kubernetes:\n    enabeld: true\nfalcosidekick:\n  config:\n    webhook:\n      adress: x\n'),
      helmChart('driver: modern_ebpf\n'),
      helmChartConfig('falco:\n  rules_files: []\n  rules_filez: []\n'),
    ];
    (broken[0] as JsonObject & { spec: JsonObject }).spec.replicas = 'one';
    const chart = broken[1] as JsonObject & { spec: JsonObject; metadata: JsonObject };
    chart.spec.failurePolicy = 3;
    chart.spec.timout = '5m';
    chart.metadata.labels = { 'bad key!': 'x', ok: 'not valid!' };
    const sets = [
      [namespace(), deployment(), configMap(), helmChart(), helmChartConfig(), application(), appProject()],
      broken,
    ];
    for (const objects of sets) expect(validateManifests(objects, CATALOG_REFERENCES)).toEqual(validateManifests(objects, SHARED_REFERENCES));
    expect(validateManifests(broken, CATALOG_REFERENCES).length).toBeGreaterThanOrEqual(8);
  });
});

describe('scripts/generate-manifest-catalogs.js', () => {
  /** A copy of ../shared/upstream's charts and helm.cattle.io CRDs, for the generator to read. */
  function upstreamCopy(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifest-catalogs-'));
    created.push(dir);
    for (const { chart, version } of generator.CHARTS) {
      fs.cpSync(path.join(UPSTREAM, 'charts', `${chart}-${version}`), path.join(dir, 'charts', `${chart}-${version}`), { recursive: true });
    }
    fs.mkdirSync(path.join(dir, 'crds'));
    for (const plural of ['helmcharts', 'helmchartconfigs', 'servicemonitors', 'prometheusrules'] as const) {
      fs.copyFileSync(crdPath(plural), path.join(dir, 'crds', path.basename(crdPath(plural))));
    }
    return dir;
  }

  it('changes the catalog when a values.yaml changes', () => {
    const dir = upstreamCopy();
    fs.appendFileSync(path.join(dir, 'charts', 'falcosidekick-0.14.0', 'values.yaml'), '\nnewTopLevelKey:\n  nested: 1\n');
    const text = generator.generate({ upstream: dir }).files['chart-values-catalog.ts'] ?? '';
    expect(text).toContain('"newTopLevelKey": {\n        "nested": "scalar"\n      }');
    expect(text).not.toBe(fs.readFileSync(path.join(OUT, 'chart-values-catalog.ts'), 'utf8'));
  });

  it('refuses a missing input, a Chart.yaml of another version, and values.yaml that is not a map', () => {
    const missing = upstreamCopy();
    fs.rmSync(path.join(missing, 'crds', 'helm.cattle.io_helmchartconfigs.yaml'));
    expect(() => generator.generate({ upstream: missing })).toThrow(/crds\/helm\.cattle\.io_helmchartconfigs\.yaml: not found/);
    const noMonitoringCrd = upstreamCopy();
    fs.rmSync(path.join(noMonitoringCrd, 'crds', 'monitoring.coreos.com_prometheusrules.yaml'));
    expect(() => generator.generate({ upstream: noMonitoringCrd })).toThrow(/crds\/monitoring\.coreos\.com_prometheusrules\.yaml: not found/);
    const otherVersion = upstreamCopy();
    const chartYaml = path.join(otherVersion, 'charts', 'falco-9.1.0', 'Chart.yaml');
    fs.writeFileSync(chartYaml, fs.readFileSync(chartYaml, 'utf8').replace(/^version: 9\.1\.0$/m, 'version: 9.2.0'));
    expect(() => generator.generate({ upstream: otherVersion })).toThrow(generator.InputError);
    expect(() => generator.generate({ upstream: otherVersion })).toThrow('charts/falco-9.1.0/Chart.yaml: expected chart falco version 9.1.0');
    const list = upstreamCopy();
    fs.writeFileSync(path.join(list, 'charts', 'k8s-metacollector-0.3.1', 'values.yaml'), '- a\n- b\n');
    expect(() => generator.generate({ upstream: list })).toThrow('charts/k8s-metacollector-0.3.1/values.yaml: must hold a map of values');
  });
});

/** What the value check sees of a reference: map keys, and leaves as map/list/scalar/null. */
function shapeOf(reference: ChartReference): unknown {
  const walk = (value: unknown): unknown => {
    if (value === null || value === undefined) return 'null';
    if (Array.isArray(value)) return 'list';
    if (isJsonObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    return 'scalar';
  };
  return {
    id: reference.id,
    valuesFile: reference.valuesFile,
    values: walk(reference.values),
    freeForm: reference.freeForm,
    subcharts: Object.fromEntries([...reference.subcharts].map(([key, sub]) => [key, shapeOf(sub)])),
  };
}

function typo(keyPath: readonly string[]): string[] {
  return [...keyPath.slice(0, -1), `${keyPath.at(-1) ?? ''}x`];
}

function setPath(keyPath: readonly string[], value: unknown): JsonObject {
  const root: JsonObject = {};
  let node = root;
  for (const key of keyPath.slice(0, -1)) node = (node[key] = {}) as JsonObject;
  node[keyPath.at(-1) as string] = value;
  return root;
}

function withoutDescriptions(node: unknown, inProperties = false): unknown {
  if (Array.isArray(node)) return node.map((item) => withoutDescriptions(item));
  if (!isJsonObject(node)) return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => inProperties || key !== 'description')
      .map(([key, value]) => [key, withoutDescriptions(value, !inProperties && (key === 'properties' || key === 'patternProperties'))]),
  );
}

function serviceMonitor(): JsonObject & { spec: JsonObject } {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: { name: 'falco', namespace: 'prod', labels: { release: 'kube-prometheus-stack' } },
    spec: {
      endpoints: [{ port: 'metrics', path: '/metrics', interval: '30s' }],
      namespaceSelector: { matchNames: ['prod'] },
      selector: { matchLabels: { 'app.kubernetes.io/name': 'falco' } },
    },
  };
}

function prometheusRule(): JsonObject & { spec: { groups: JsonObject[] } } {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: { name: 'falco-gitops', namespace: 'prod' },
    spec: { groups: [{ name: 'falco', rules: [{ alert: 'FalcoDown', expr: 'up{job="falco"} == 0', for: '5m' }] }] },
  };
}
