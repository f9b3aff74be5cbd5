import * as fs from 'node:fs';
import * as path from 'node:path';
import { ApiObject, JsonPatch } from 'cdk8s';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import type { CliIo } from '../../lib/cli';
import { FalcoGitopsStack } from '../../lib/stack';
import { runSynth } from '../../lib/synth';
import { FIXTURE_PROPS } from '../support/fixture-project';
import { REPO_ROOT } from '../support/shared-dir';
import { tempProject } from '../synth/synth-helpers';
import { cli, STACK_LINE } from './cli-helpers';

const created: string[] = [];
afterAll(() => {
  for (const dir of created) fs.rmSync(dir, { recursive: true, force: true });
});

/** A deployment repository: the fixture's rules and lock, a main.ts, and dist/ as synth wrote it. */
function deployment(): string {
  const dir = tempProject();
  created.push(dir);
  fs.writeFileSync(path.join(dir, 'main.ts'), '// stackProps come from the loader the test injects\n');
  const code = runSynth((app) => new FalcoGitopsStack(app, 'FalcoGitops', FIXTURE_PROPS, { baseDir: dir }), {
    argv: [],
    env: {},
    outdir: path.join(dir, 'dist'),
    out: () => undefined,
    err: () => undefined,
  });
  expect(code).toBe(0);
  return dir;
}

/** Stands in for tsx: main.ts "exports" these. */
const exporting = (exports: unknown) => async () => exports;
const check = (dir: string, exports: unknown = { stackProps: FIXTURE_PROPS }, argv: string[] = []) =>
  cli(['check', ...argv], { cwd: dir, loadTypeScript: exporting(exports) });

const VALID =
  'manifests are valid: Kubernetes, Argo CD, helm.cattle.io/v1 and monitoring.coreos.com/v1 schemas, names and labels; ' +
  'Helm values against falco-9.1.0, falcosidekick-0.14.0, kube-prometheus-stack-88.5.3\n';

const NO_UPSTREAM =
  "warning: no upstream Falco rules vendored (the lock file's vendorDir holds none of the locked files): " +
  "dist/ carries only the project's rules. Run `npm run rules:vendor` to ship the scoped default rules.\n";

describe('falco-gitops check (npm run check)', () => {
  it('passes when the stack synthesizes and the committed dist/ is what it synthesizes, naming the rule files it loaded', async () => {
    expect(await check(deployment())).toEqual({
      code: 0,
      stdout:
        'loaded 1 rule file, in order: rules/falco-gitops_rules.yaml\n' +
        'loaded 1 audit rule file (the audit Falco), in order: rules-k8saudit/falco-gitops_k8saudit_rules.yaml\n' +
        'main.ts synthesizes: 26 manifests and 8 host files\n' +
        VALID +
        'dist/ is up to date\n',
      stderr: NO_UPSTREAM,
    });
  });

  it('fails naming every stale, missing and extra file of dist/ (the diff a forgotten `npm run synth` leaves)', async () => {
    const dir = deployment();
    const configMap = path.join(dir, 'dist', 'cluster', 'configmap.secured-ns.falco-gitops-rules-project.yaml');
    const lines = fs.readFileSync(configMap, 'utf8').split('\n');
    lines[9] = `${lines[9]} # edited by hand`;
    fs.writeFileSync(configMap, lines.join('\n'));
    fs.rmSync(path.join(dir, 'dist', 'cluster', 'namespace.dev.yaml'));
    fs.writeFileSync(path.join(dir, 'dist', 'cluster', 'leftover.yaml'), 'kind: Leftover\n');
    const run = await check(dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      NO_UPSTREAM +
        'error: dist/ is not what main.ts synthesizes; run `npm run synth` and commit dist/ (3 problems):\n' +
        '  - dist/cluster/configmap.secured-ns.falco-gitops-rules-project.yaml:10: differs from a fresh synth from this line on.\n' +
        '  - dist/cluster/namespace.dev.yaml: is missing: synth writes it.\n' +
        '  - dist/cluster/leftover.yaml: is not synthesized any more (synth would delete it).\n',
    );
  });

  it('fails as synth would when the stack does not synthesize, writing nothing', async () => {
    const dir = deployment();
    fs.writeFileSync(path.join(dir, 'rules', 'extra_rules.yml'), '- list: x\n  items: [a]\n');
    const before = fs.readdirSync(path.join(dir, 'dist', 'cluster')).sort();
    const run = await check(dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^error: rules\/: files that synth would not load as written \(1 problem\):\n {2}- rules\/extra_rules\.yml: /);
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(fs.readdirSync(path.join(dir, 'dist', 'cluster')).sort()).toEqual(before);
  });

  it('says what is missing when main.ts is absent, cannot be loaded, or exports no stackProps', async () => {
    const dir = deployment();
    expect(await check(dir, { somethingElse: 1 })).toMatchObject({
      code: 1,
      stderr:
        'error: main.ts: exports no `stackProps` object, which check synthesizes. ' +
        'Fix: keep `export const stackProps: FalcoGitopsStackProps = { ... }` in main.ts, as shipped\n',
    });
    const broken = await cli(['check'], {
      cwd: dir,
      loadTypeScript: async () => {
        throw new SyntaxError('Expected identifier but found "{"\n    at main.ts:17:18');
      },
    });
    expect(broken).toMatchObject({
      code: 1,
      stderr: 'error: main.ts: cannot be loaded: Expected identifier but found "{". Fix: `npm run synth` shows the same error\n',
    });
    fs.rmSync(path.join(dir, 'main.ts'));
    expect((await check(dir)).stderr).toBe(`error: main.ts: not found in ${dir}. Fix: run \`npm run check\` in the repository that holds main.ts (its root)\n`);
  });

  it('first finishes the swap of dist/ that a killed synth left, as the next synth would, then compares', async () => {
    const dir = deployment();
    // The state a synth killed between its two renames leaves: a journal, dist/ moved aside, staging written.
    fs.renameSync(path.join(dir, 'dist'), path.join(dir, '.dist-previous-1-a'));
    fs.mkdirSync(path.join(dir, '.dist-staging-1-a'));
    fs.writeFileSync(path.join(dir, '.dist.journal'), JSON.stringify({ format: 'falco-gitops/dist-swap/v1', pid: 1, startedAt: '2026-12-02T00:00:00.000Z', staging: '.dist-staging-1-a', previous: '.dist-previous-1-a' }));
    const result = await check(dir);
    expect(result.stdout).toContain('dist/ is up to date\n');
    expect(result.stderr).toMatch(/warning: .*interrupted/);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('.dist'))).toEqual([]);
    // Nothing to repair: nothing is written, not even the lock.
    const before = fs.readdirSync(dir).sort();
    expect((await check(dir)).stderr).toBe(NO_UPSTREAM);
    expect(fs.readdirSync(dir).sort()).toEqual(before);
  });

  it('compares with another folder given by --dist', async () => {
    const dir = deployment();
    fs.renameSync(path.join(dir, 'dist'), path.join(dir, 'out'));
    expect((await check(dir, undefined, ['--dist', 'out'])).stdout).toContain('out/ is up to date\n');
    expect((await check(dir, undefined, ['--dist', 'out/'])).stdout).toContain('\nout/ is up to date\n');
    expect((await check(dir)).stderr).toContain('error: dist/ is not what main.ts synthesizes; run `npm run synth` and commit dist/ (34 problems):\n');
    expect(await check(dir, undefined, ['--dist', ''])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^error: --dist: received ""; needs a non-empty value\.?\n/) });
  });
});

describe('this checkout, through the same check a deployment repository runs in CI', () => {
  // Not a product test of main.ts's contents: it passes for any main.ts and rules/ whose committed
  // dist/ is fresh, which is what this repository (like every deployment of it) must keep true.
  it('synthesizes, and its committed dist/ is fresh', async () => {
    const run = await cli(['check'], { cwd: REPO_ROOT, loadTypeScript: (file) => import(file) });
    expect(run.stdout).toMatch(/\ndist\/ is up to date\n$/);
    expect(run.code).toBe(0);
  });
});

/** The fixture stack with `plant` applied to it: a fault the library's constructs never render. */
const planted =
  (plant: (stack: FalcoGitopsStack) => void): NonNullable<CliIo['buildStack']> =>
  (app, props, baseDir) => {
    const stack = new FalcoGitopsStack(app, 'FalcoGitops', props, { baseDir });
    plant(stack);
    return stack;
  };

function apiObject(stack: FalcoGitopsStack, kind: string, name: string): ApiObject {
  const found = stack.node.findAll().find((c): c is ApiObject => c instanceof ApiObject && c.kind === kind && c.name === name);
  if (found === undefined) throw new Error(`the fixture stack renders no ${kind} ${name}`);
  return found;
}

/** Sets `keyPath` in a HelmChart's valuesContent (parsed and written back as YAML). */
function plantValue(stack: FalcoGitopsStack, helmChart: string, keyPath: readonly string[], value: unknown): void {
  const obj = apiObject(stack, 'HelmChart', helmChart);
  const spec = (obj.toJson() as { spec: { valuesContent: string } }).spec;
  const values = parseYaml(spec.valuesContent) as Record<string, unknown>;
  let node = values;
  for (const key of keyPath.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[keyPath.at(-1) as string] = value;
  obj.addJsonPatch(JsonPatch.replace('/spec/valuesContent', stringifyYaml(values)));
}

const INVALID = (count: number): string =>
  'error: main.ts synthesizes manifests that Kubernetes or their Helm charts would not take as written; ' +
  `correct the code that renders them and run \`npm run synth\` (${count} ${count === 1 ? 'problem' : 'problems'}):\n`;

describe('falco-gitops check: the synthesized manifests against schemas and pinned chart values (no ../shared)', () => {
  it('fails on a Helm value key the pinned chart does not define, naming the file, the key path and the closest key', async () => {
    const dir = deployment();
    const buildStack = planted((stack) => {
      plantValue(stack, 'falco', ['falco', 'http_output', 'urll'], 'http://falcosidekick:2801');
      // Under the falcosidekick key of the falco chart: the falcosidekick 0.14.0 subchart's values.
      plantValue(stack, 'falco', ['falcosidekick', 'webui', 'enabeld'], true);
      plantValue(stack, 'falcosidekick', ['config', 'telegram', 'chatidd'], 'x');
      // kube-prometheus-stack 88.5.3 and, under its grafana key, the grafana 12.11.1 subchart.
      plantValue(stack, 'kube-prometheus-stack', ['prometheus', 'prometheusSpec', 'retentionn'], '10d');
      plantValue(stack, 'kube-prometheus-stack', ['grafana', 'sidecar', 'dashboards', 'enabeld'], true);
    });
    const run = await cli(['check'], { cwd: dir, loadTypeScript: exporting({ stackProps: FIXTURE_PROPS }), buildStack });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      'loaded 1 rule file, in order: rules/falco-gitops_rules.yaml\n' +
        'loaded 1 audit rule file (the audit Falco), in order: rules-k8saudit/falco-gitops_k8saudit_rules.yaml\n' +
        'main.ts synthesizes: 26 manifests and 8 host files\n',
    );
    expect(run.stderr).toBe(
      NO_UPSTREAM +
        INVALID(5) +
        "  - dist/cluster/helmchart.kube-system.falco.yaml#/spec/valuesContent: unknown Helm value 'falcosidekick.webui.enabeld' (not in falcosidekick-0.14.0/values.yaml or under 'falcosidekick' in falco-9.1.0/values.yaml; did you mean 'falcosidekick.webui.enabled'?).\n" +
        "  - dist/cluster/helmchart.kube-system.falco.yaml#/spec/valuesContent: unknown Helm value 'falco.http_output.urll' (not in falco-9.1.0/values.yaml; did you mean 'falco.http_output.url'?).\n" +
        "  - dist/cluster/helmchart.kube-system.falcosidekick.yaml#/spec/valuesContent: unknown Helm value 'config.telegram.chatidd' (not in falcosidekick-0.14.0/values.yaml; did you mean 'config.telegram.chatid'?).\n" +
        "  - dist/cluster/helmchart.kube-system.kube-prometheus-stack.yaml#/spec/valuesContent: unknown Helm value 'grafana.sidecar.dashboards.enabeld' " +
        "(not in grafana-12.11.1/values.yaml or under 'grafana' in kube-prometheus-stack-88.5.3/values.yaml; did you mean 'grafana.sidecar.dashboards.enabled'?).\n" +
        "  - dist/cluster/helmchart.kube-system.kube-prometheus-stack.yaml#/spec/valuesContent: unknown Helm value 'prometheus.prometheusSpec.retentionn' " +
        "(not in kube-prometheus-stack-88.5.3/values.yaml; did you mean 'prometheus.prometheusSpec.retention'?).\n",
    );
  });

  it('fails on schema violations: a label value, a field type, a field the HelmChart or ServiceMonitor CRD does not define, a CRD pattern', async () => {
    const dir = deployment();
    const buildStack = planted((stack) => {
      apiObject(stack, 'Deployment', 'ubuntu').metadata.addLabel('tier', 'not a label value!');
      apiObject(stack, 'Deployment', 'nginx').addJsonPatch(JsonPatch.replace('/spec/replicas', 'two'));
      apiObject(stack, 'HelmChart', 'falcosidekick').addJsonPatch(JsonPatch.add('/spec/timout', '10m'));
      apiObject(stack, 'Application', 'falco-gitops').addJsonPatch(JsonPatch.add('/spec/syncPolicy/automated/prune', 'yes'));
      apiObject(stack, 'ServiceMonitor', 'falco').addJsonPatch(JsonPatch.add('/spec/endpoints/0/intervall', '30s'));
      apiObject(stack, 'PrometheusRule', 'falco-gitops').addJsonPatch(JsonPatch.add('/spec/groups/0/partial_response_strategy', 'ignore'));
    });
    const run = await cli(['check'], { cwd: dir, loadTypeScript: exporting({ stackProps: FIXTURE_PROPS }), buildStack });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      NO_UPSTREAM +
        INVALID(6) +
        '  - dist/cluster/deployment.dev.nginx.yaml#/spec/replicas: must be integer.\n' +
        "  - dist/cluster/deployment.dev.ubuntu.yaml#/metadata/labels/tier: value 'not a label value!' must be a label value: " +
        "empty, or at most 63 alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric.\n" +
        "  - dist/cluster/helmchart.kube-system.falcosidekick.yaml#/spec: has unknown field 'timout' (not in the schema, so Kubernetes would drop it).\n" +
        // The CRD's RE2 pattern `^(?i)(abort|warn)?$`, translated (lib/manifest-validation/crd-schema.ts).
        '  - dist/cluster/prometheusrule.secured-ns.falco-gitops.yaml#/spec/groups/0/partial_response_strategy: must match pattern "^([aA][bB][oO][rR][tT]|[wW][aA][rR][nN])?$".\n' +
        "  - dist/cluster/servicemonitor.secured-ns.falco.yaml#/spec/endpoints/0: has unknown field 'intervall' (not in the schema, so Kubernetes would drop it).\n" +
        '  - dist/bootstrap/application.argocd.falco-gitops.yaml#/spec/syncPolicy/automated/prune: must be boolean.\n',
    );
  });

  it('fails when a HelmChart pins a chart version the library has no catalog for: its values could not be checked', async () => {
    const dir = deployment();
    const props = { ...FIXTURE_PROPS, falcosidekick: { ...FIXTURE_PROPS.falcosidekick, chartVersion: '0.15.0' } };
    const run = await check(dir, { stackProps: props });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      NO_UPSTREAM +
        INVALID(1) +
        "  - dist/cluster/helmchart.kube-system.falcosidekick.yaml: no pinned reference for chart 'falcosidekick' version '0.15.0', so its Helm values cannot be checked " +
        '(falco-gitops pins falco-9.1.0, falcosidekick-0.14.0, k8s-metacollector-0.3.1, kube-prometheus-stack-88.5.3, grafana-12.11.1); use a pinned version, or add that chart to CHARTS in ' +
        'scripts/generate-manifest-catalogs.js and regenerate the catalog from its tag.\n',
    );
  });
});
