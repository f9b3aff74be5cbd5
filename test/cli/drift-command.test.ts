import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../lib/core';
import { parsePrometheusText } from '../../lib/cli/commands/drift-metrics';
import { FIXTURE_PROPS } from '../support/fixture-project';
import { objectsOf, synthStack, tempProject } from '../synth/synth-helpers';
import { cli } from './cli-helpers';

/**
 * `falco-gitops drift` against a local HTTP server on 127.0.0.1 serving Prometheus text as Falco
 * 0.44.1 prints it (falco_metrics.cpp), and against files, with a dist/ of two rules ConfigMaps.
 */
const RULES_A = '- list: a\n  items: [x]\n';
const RULES_B = '- list: b\n  items: [y]\n';
const SHA_A = sha256Hex(RULES_A);
const SHA_B = sha256Hex(RULES_B);

const configMap = (name: string, data: Record<string, string>): string =>
  [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    `  name: ${name}`,
    '  namespace: secured-ns',
    '  labels:',
    '    app.kubernetes.io/component: falco-rules',
    'data:',
    ...Object.entries(data).flatMap(([k, v]) => [`  ${k}: |`, ...v.trimEnd().split('\n').map((l) => `    ${l}`)]),
    '',
  ].join('\n');

const falcoMetrics = (files: Record<string, string>, hostname = 'node-1'): string =>
  [
    '# HELP falcosecurity_falco_version_info https://falco.org/docs/metrics/',
    '# TYPE falcosecurity_falco_version_info gauge',
    'falcosecurity_falco_version_info{version="0.44.1"} 1',
    ...Object.entries(files).flatMap(([name, sha]) => [
      '# HELP falcosecurity_falco_sha256_rules_files_info https://falco.org/docs/metrics/',
      '# TYPE falcosecurity_falco_sha256_rules_files_info gauge',
      `falcosecurity_falco_sha256_rules_files_info{file_name="${name}",sha256="${sha}"} 1`,
    ]),
    `falcosecurity_evt_hostname_info{hostname="${hostname}"} 1`,
    'falcosecurity_scap_n_evts_total 1234',
    '',
  ].join('\n');

let dir: string;
let server: http.Server;
let base: string;
const pages: Record<string, string> = {};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drift-command-'));
  fs.mkdirSync(path.join(dir, 'dist', 'cluster'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'dist', 'cluster', 'configmap.secured-ns.a.yaml'), configMap('a', { '00-a_rules.yaml': RULES_A }));
  fs.writeFileSync(path.join(dir, 'dist', 'cluster', 'configmap.secured-ns.b.yaml'), configMap('b', { 'b_rules.yaml': RULES_B }));
  fs.writeFileSync(path.join(dir, 'dist', 'cluster', 'namespace.x.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n');
  pages['/good'] = falcoMetrics({ '00-a_rules.yaml': SHA_A, 'b_rules.yaml': SHA_B });
  pages['/drifted'] = falcoMetrics({ '00-a_rules.yaml': SHA_A, 'b_rules.yaml': 'f'.repeat(64) }, 'node-2');
  pages['/missing'] = falcoMetrics({ '00-a_rules.yaml': SHA_A, 'falco_rules.yaml': 'e'.repeat(64) }, 'node-3');
  pages['/garbage'] = '<html><body>Grafana</body></html>\n';
  pages['/other'] = 'node_cpu_seconds_total{cpu="0",mode="idle"} 1.5\n';
  server = http.createServer((req, res) => {
    const page = pages[req.url ?? ''];
    if (page === undefined) res.writeHead(404).end('not found');
    else res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  fs.rmSync(dir, { recursive: true, force: true });
});

const drift = (...args: string[]) => cli(['drift', ...args], { cwd: dir });

describe('falco-gitops drift', () => {
  it('says ok for every file and exits 0 when the pod runs what dist/ ships', async () => {
    expect(await drift('--metrics', `${base}/good`)).toEqual({
      code: 0,
      stdout: `ok ${base}/good (node-1) 00-a_rules.yaml\nok ${base}/good (node-1) b_rules.yaml\n`,
      stderr: '',
    });
  });

  it('tells a drifted file from a good one, per pod, and exits 1', async () => {
    const r = await drift('--metrics', `${base}/good`, '--metrics', `${base}/drifted`);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')).toEqual([
      `ok ${base}/good (node-1) 00-a_rules.yaml`,
      `ok ${base}/good (node-1) b_rules.yaml`,
      `ok ${base}/drifted (node-2) 00-a_rules.yaml`,
      `drift ${base}/drifted (node-2) b_rules.yaml: loaded sha256:${'f'.repeat(64)}, dist ships sha256:${SHA_B}`,
      '',
    ]);
  });

  it('reports missing and unexpected files', async () => {
    const r = await drift('-m', `${base}/missing`);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`missing ${base}/missing (node-3) b_rules.yaml: shipped, not loaded\n`);
    expect(r.stdout).toContain(`unexpected ${base}/missing (node-3) falco_rules.yaml: loaded sha256:${'e'.repeat(64)}, not in dist\n`);
  });

  it('reads saved metrics from a file and prints JSON with --format json', async () => {
    fs.writeFileSync(path.join(dir, 'pod.txt'), pages['/drifted']!);
    const r = await drift('--metrics', 'pod.txt', '--format', 'json');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.findings).toEqual([
      { source: 'pod.txt', hostname: 'node-2', file: '00-a_rules.yaml', status: 'ok', loadedSha256: SHA_A, expectedSha256: SHA_A },
      { source: 'pod.txt', hostname: 'node-2', file: 'b_rules.yaml', status: 'drift', loadedSha256: 'f'.repeat(64), expectedSha256: SHA_B },
    ]);
  });

  it('exits 2 with a clear error for garbage, an unreachable URL, an empty file and metrics that are not Falco\'s', async () => {
    fs.writeFileSync(path.join(dir, 'empty.txt'), '');
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const unreachable = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/metrics`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const r = await drift('-m', `${base}/garbage`, '-m', unreachable, '-m', 'empty.txt', '-m', `${base}/other`, '-m', `${base}/nope`);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${base}/garbage:1: is not Prometheus text exposition (expected a metric name, got "<html><body>Grafana</body></html>")`);
    expect(r.stderr).toContain(`${unreachable}: cannot be read: ECONNREFUSED`);
    expect(r.stderr).toContain('empty.txt: is empty');
    expect(r.stderr).toContain(`${base}/other: holds Prometheus text, but none of Falco's metrics`);
    expect(r.stderr).toContain(`${base}/nope: cannot be read: HTTP 404 Not Found`);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it('exits 2 without --metrics, and without a dist/ of rules ConfigMaps', async () => {
    const none = await drift();
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--metrics');
    const noDist = await drift('-m', `${base}/good`, '--dist', 'nowhere');
    expect(noDist.code).toBe(2);
    expect(noDist.stderr).toContain('--dist nowhere: is not a folder');
    fs.mkdirSync(path.join(dir, 'empty-dist'), { recursive: true });
    expect((await drift('-m', `${base}/good`, '--dist', 'empty-dist')).stderr).toContain('holds no rules ConfigMap');
  });

});

describe('falco-gitops drift on a synthesized dist/ (the fixture project, upstream rules vendored): each Falco against its own files', () => {
  // The main Falco and the audit Falco each load the ConfigMaps their HelmChart mounts.
  let project: string;
  let expected: Record<'falco' | 'falco-k8saudit', Record<string, string>>;
  beforeAll(() => {
    project = tempProject({ vendorUpstream: true });
    const result = synthStack(FIXTURE_PROPS, project);
    for (const file of result.files) {
      fs.mkdirSync(path.dirname(path.join(project, 'out', file.path)), { recursive: true });
      fs.writeFileSync(path.join(project, 'out', file.path), file.content);
    }
    // What the PrometheusRule expects of each Falco's metrics Service is what drift must accept.
    expected = { falco: {}, 'falco-k8saudit': {} };
    const rule = objectsOf(result).find((o) => o.kind === 'PrometheusRule')!;
    for (const alert of rule.spec.groups.flatMap((g: any) => g.rules).filter((r: any) => r.alert === 'FalcoRulesFileDrift')) {
      const service = /service="([^"]+)-metrics"/.exec(alert.expr)![1] as 'falco' | 'falco-k8saudit';
      expected[service][alert.labels.file_name] = alert.labels.expected_sha256;
    }
  });
  afterAll(() => fs.rmSync(project, { recursive: true, force: true }));
  const run = (...args: string[]) => cli(['drift', '--dist', 'out', ...args], { cwd: project });
  const pod = (name: string, files: Record<string, string>, host: string) => {
    fs.writeFileSync(path.join(project, name), falcoMetrics(files, host));
    return name;
  };

  it('holds the audit Falco pod to k8s_audit_rules.yaml and the project audit rules, the main one to its files: all ok', async () => {
    expect(Object.keys(expected['falco-k8saudit']).sort()).toEqual(['00-falco-gitops_k8saudit_rules.yaml', '00-k8s_audit_rules.yaml']);
    expect(Object.keys(expected.falco)).toContain('00-falco_rules.yaml');
    const r = await run('-m', pod('main.txt', expected.falco, 'node-1'), '-m', pod('audit.txt', expected['falco-k8saudit'], 'node-2'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(Object.keys(expected.falco).length + 2);
    expect(lines).toContain('ok audit.txt (node-2, falco-k8saudit) 00-k8s_audit_rules.yaml');
    expect(lines).toContain('ok audit.txt (node-2, falco-k8saudit) 00-falco-gitops_k8saudit_rules.yaml');
    expect(lines).toContain('ok main.txt (node-1, falco) 00-falco_rules.yaml');
    expect(lines.filter((l) => l.includes('(node-1, falco)'))).toHaveLength(Object.keys(expected.falco).length);
  });

  it("reports the audit Falco's drifted file and its missing one, and exits 1", async () => {
    const drifted = { '00-k8s_audit_rules.yaml': 'a'.repeat(64) };
    const r = await run('-m', pod('audit-drifted.txt', drifted, 'node-2'), '--format', 'json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings).toEqual([
      { source: 'audit-drifted.txt', hostname: 'node-2', falco: 'falco-k8saudit', file: '00-falco-gitops_k8saudit_rules.yaml', status: 'missing', expectedSha256: expected['falco-k8saudit']['00-falco-gitops_k8saudit_rules.yaml'] },
      { source: 'audit-drifted.txt', hostname: 'node-2', falco: 'falco-k8saudit', file: '00-k8s_audit_rules.yaml', status: 'drift', loadedSha256: 'a'.repeat(64), expectedSha256: expected['falco-k8saudit']['00-k8s_audit_rules.yaml'] },
    ]);
  });

  it('compares with the Falco --falco names, and refuses a release dist/ does not hold', async () => {
    const r = await run('--falco', 'falco-k8saudit', '-m', pod('main-as-audit.txt', expected.falco, 'node-1'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('missing main-as-audit.txt (node-1, falco-k8saudit) 00-k8s_audit_rules.yaml: shipped, not loaded\n');
    expect(r.stdout).toContain('unexpected main-as-audit.txt (node-1, falco-k8saudit) 00-falco_rules.yaml');
    const bad = await run('--falco', 'falco-audit', '-m', 'main-as-audit.txt');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('error: --falco falco-audit: is not a Falco release of out. Fix: use one of falco, falco-k8saudit\n');
  });

  it('exits 2 for a pod that loaded none of either Falco\'s files, naming --falco', async () => {
    const r = await run('-m', pod('stranger.txt', { 'other_rules.yaml': 'b'.repeat(64) }, 'node-3'));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      'error: stranger.txt: loaded rules files of no single Falco of out (falco, falco-k8saudit): cannot tell which one this pod is. Fix: name it with --falco <release>, one command per release\n',
    );
  });
});

describe('parsePrometheusText', () => {
  it('reads labels with escapes, values and timestamps', () => {
    expect(parsePrometheusText('# HELP x y\nx{a="q\\"\\\\\\n",b="2"} 1.5e3 1700000000\ny NaN\n')).toEqual([
      { name: 'x', labels: { a: 'q"\\\n', b: '2' }, value: '1.5e3' },
      { name: 'y', labels: {}, value: 'NaN' },
    ]);
  });

  it.each([['x{a=1} 1'], ['x{a="1" 1'], ['x{a="1"}'], ['x 1 2 3'], ['x{a="\\q"} 1']])('refuses %s', (text) => {
    expect(() => parsePrometheusText(text)).toThrow(/^line 1: /);
  });
});
