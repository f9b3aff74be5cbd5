import * as fs from 'node:fs';
import * as path from 'node:path';
import * as YAML from 'yaml';
import { sha256Hex, UsageError, UserError, type Problem } from '../../core';
import type { CliIo } from '../cli-io';
import { ExitCode } from '../exit-code';
import type { DriftCommandOptions } from './drift';
import { parsePrometheusText, PrometheusTextError, type PrometheusSample } from './drift-metrics';

/** Falco 0.44.1's per-file hash metric (falcosecurity/falco@0.44.1:userspace/falco/falco_metrics.cpp:129-136). */
const RULES_FILES_METRIC = 'falcosecurity_falco_sha256_rules_files_info';
/** The label RulesConfigMap (lib/falco) puts on every rules ConfigMap. */
const RULES_COMPONENT = 'falco-rules';
const FETCH_TIMEOUT_MS = 10_000;

export type DriftStatus = 'ok' | 'drift' | 'missing' | 'unexpected';

export interface DriftFinding {
  /** The --metrics value the pod's metrics came from. */
  readonly source: string;
  /** The pod's host name, from `falcosecurity_evt_hostname_info`, when it reports one. */
  readonly hostname: string | undefined;
  /** The Falco release (HelmChart) the pod was compared against, when dist/ names one. */
  readonly falco?: string;
  readonly file: string;
  readonly status: DriftStatus;
  readonly loadedSha256: string | undefined;
  readonly expectedSha256: string | undefined;
}

/** `falco-gitops drift`: what each Falco pod loaded against what dist/ ships. */
export async function runDrift(options: DriftCommandOptions, io: CliIo): Promise<number> {
  const sources = options.metrics ?? [];
  if (sources.length === 0) {
    throw new UsageError({ subject: '--metrics', problem: 'is required: give the /metrics URL or a saved copy of each Falco pod', fix: 'e.g. --metrics http://127.0.0.1:8765/metrics' });
  }
  const shipped = readShippedFalcos(options.dist, io.cwd);
  if (options.falco !== undefined && !shipped.some((f) => f.release === options.falco)) {
    throw new UsageError({
      subject: `--falco ${options.falco}`,
      problem: `is not a Falco release of ${options.dist}`,
      fix: `use one of ${shipped.map((f) => f.release ?? '(unnamed)').join(', ')}`,
    });
  }
  const problems: Problem[] = [];
  const pods: { source: string; samples: PrometheusSample[]; falco?: ShippedFalco }[] = [];
  for (const source of sources) {
    try {
      const samples = parsePrometheusText(await readSource(source, io.cwd));
      if (!samples.some((s) => s.name.startsWith('falcosecurity_falco_'))) {
        problems.push({ subject: source, problem: "holds Prometheus text, but none of Falco's metrics (falcosecurity_falco_*)", fix: "point it at a Falco pod's webserver /metrics (port 8765), with the chart's metrics.enabled" });
      } else pods.push({ source, samples });
    } catch (error) {
      problems.push(sourceProblem(source, error));
    }
  }
  if (problems.length > 0) throw new UserError(problems, { exitCode: 2 });

  for (const pod of pods) {
    const falco = options.falco !== undefined ? shipped.find((f) => f.release === options.falco) : whichFalco(pod.samples, shipped);
    if (falco === undefined) {
      problems.push({
        subject: pod.source,
        problem: `loaded rules files of no single Falco of ${options.dist} (${shipped.map((f) => f.release).join(', ')}): cannot tell which one this pod is`,
        fix: 'name it with --falco <release>, one command per release',
      });
    } else pod.falco = falco;
  }
  if (problems.length > 0) throw new UserError(problems, { exitCode: 2 });

  const findings = pods.flatMap(({ source, samples, falco }) => compare(source, samples, falco!));
  if (options.format === 'json') {
    io.stdout(`${JSON.stringify({ dist: options.dist, findings }, null, 2)}\n`);
  } else {
    for (const f of findings) {
      const who = [f.hostname, f.falco].filter((x) => x !== undefined);
      const pod = who.length === 0 ? f.source : `${f.source} (${who.join(', ')})`;
      const detail =
        f.status === 'drift'
          ? `: loaded sha256:${f.loadedSha256}, dist ships sha256:${f.expectedSha256}`
          : f.status === 'unexpected'
            ? `: loaded sha256:${f.loadedSha256}, not in dist`
            : f.status === 'missing'
              ? ': shipped, not loaded'
              : '';
      io.stdout(`${f.status} ${pod} ${f.file}${detail}\n`);
    }
  }
  return findings.every((f) => f.status === 'ok') ? ExitCode.Ok : ExitCode.Findings;
}

/** The rules files one Falco release of dist/ loads (its HelmChart's rules ConfigMaps), by base name. */
export interface ShippedFalco {
  /** The HelmChart's name (the Helm release); undefined for a dist/ of rules ConfigMaps without a Falco HelmChart. */
  readonly release: string | undefined;
  readonly files: ReadonlyMap<string, string>;
}

/** The loaded rules files of a pod, by base name. */
function loadedFiles(samples: readonly PrometheusSample[]): Map<string, string> {
  const loaded = new Map<string, string>();
  for (const s of samples) {
    const file = s.labels['file_name'];
    const sha = s.labels['sha256'];
    if (s.name === RULES_FILES_METRIC && file !== undefined && sha !== undefined) loaded.set(file, sha);
  }
  return loaded;
}

/**
 * The Falco a pod is: the only one, or the one whose shipped files the pod loaded most of (the
 * metric names files, not the release). Undefined on a tie, e.g. a pod that loaded none of them.
 */
function whichFalco(samples: readonly PrometheusSample[], shipped: readonly ShippedFalco[]): ShippedFalco | undefined {
  if (shipped.length === 1) return shipped[0];
  const loaded = loadedFiles(samples);
  const scored = shipped.map((falco) => ({ falco, score: [...falco.files.keys()].filter((name) => loaded.has(name)).length })).sort((a, b) => b.score - a.score);
  const [best, second] = scored;
  return best !== undefined && best.score > 0 && (second === undefined || second.score < best.score) ? best.falco : undefined;
}

function compare(source: string, samples: readonly PrometheusSample[], shipped: ShippedFalco): DriftFinding[] {
  const expected = shipped.files;
  const falco = shipped.release;
  const hostname = samples.find((s) => s.name === 'falcosecurity_evt_hostname_info')?.labels['hostname'];
  const loaded = loadedFiles(samples);
  const files = [...new Set([...expected.keys(), ...loaded.keys()])].sort();
  return files.map((file) => {
    const loadedSha256 = loaded.get(file);
    const expectedSha256 = expected.get(file);
    const status: DriftStatus =
      expectedSha256 === undefined ? 'unexpected' : loadedSha256 === undefined ? 'missing' : loadedSha256 === expectedSha256 ? 'ok' : 'drift';
    return { source, hostname, ...(falco === undefined ? {} : { falco }), file, status, loadedSha256, expectedSha256 };
  });
}

/**
 * Each Falco of `dist` with the sha256 of every rules file it loads, by base name: the sha256 of
 * the exact data string of its rules ConfigMaps, as Falco hashes the mounted file's bytes. Which
 * ConfigMaps a Falco loads is what its HelmChart (chart `falco`) mounts (`mounts.volumes[].configMap`
 * of its values): the main Falco and the audit Falco load different files, and each pod is held to
 * its own. A dist/ without a Falco HelmChart is one Falco loading every rules ConfigMap.
 */
export function readShippedFalcos(dist: string, cwd: string): ShippedFalco[] {
  const { configMaps, falcoCharts } = readDist(dist, cwd);
  if (falcoCharts.length === 0) return [{ release: undefined, files: new Map([...configMaps.values()].flatMap((files) => [...files])) }];
  return falcoCharts
    .sort((a, b) => (a.release < b.release ? -1 : a.release > b.release ? 1 : 0))
    .map(({ release, mounted }) => ({ release, files: new Map(mounted.flatMap((name) => [...(configMaps.get(name) ?? new Map<string, string>())])) }))
    .filter((falco) => falco.files.size > 0);
}

interface FalcoChart {
  readonly release: string;
  /** Names of the ConfigMaps its values mount. */
  readonly mounted: string[];
}

function readDist(dist: string, cwd: string): { configMaps: Map<string, Map<string, string>>; falcoCharts: FalcoChart[] } {
  const root = path.resolve(cwd, dist);
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
    throw new UserError({ subject: `--dist ${dist}`, problem: 'is not a folder', fix: 'run it from the repository root, or give the folder synth writes (dist)' }, { exitCode: 2 });
  }
  const configMaps = new Map<string, Map<string, string>>();
  const falcoCharts: FalcoChart[] = [];
  for (const file of yamlFiles(root)) {
    for (const doc of YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
      const obj = doc.toJS() as {
        kind?: unknown;
        metadata?: { name?: unknown; labels?: Record<string, unknown> };
        data?: Record<string, unknown>;
        spec?: { chart?: unknown; valuesContent?: unknown };
      } | null;
      const name = typeof obj?.metadata?.name === 'string' ? obj.metadata.name : '';
      if (obj?.kind === 'HelmChart' && obj.spec?.chart === 'falco' && typeof obj.spec.valuesContent === 'string') {
        const values = YAML.parse(obj.spec.valuesContent) as { mounts?: { volumes?: { configMap?: { name?: unknown } }[] } } | null;
        const mounted = (values?.mounts?.volumes ?? []).map((v) => v?.configMap?.name).filter((n): n is string => typeof n === 'string');
        falcoCharts.push({ release: name, mounted });
      }
      if (obj?.kind !== 'ConfigMap' || obj.metadata?.labels?.['app.kubernetes.io/component'] !== RULES_COMPONENT) continue;
      const files = new Map<string, string>();
      for (const [fileName, text] of Object.entries(obj.data ?? {})) if (typeof text === 'string') files.set(fileName, sha256Hex(text));
      configMaps.set(name, files);
    }
  }
  if ([...configMaps.values()].every((files) => files.size === 0)) {
    throw new UserError({ subject: `--dist ${dist}`, problem: 'holds no rules ConfigMap (label app.kubernetes.io/component: falco-rules)', fix: 'run `npm run synth` first' }, { exitCode: 2 });
  }
  return { configMaps, falcoCharts };
}

function yamlFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => (e.isDirectory() ? yamlFiles(path.join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

async function readSource(source: string, cwd: string): Promise<string> {
  let text: string;
  if (/^https?:\/\//i.test(source)) {
    const response = await fetch(source, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
    text = await response.text();
  } else {
    text = fs.readFileSync(path.resolve(cwd, source), 'utf8');
  }
  if (text.trim() === '') throw new Error('is empty');
  return text;
}

function sourceProblem(source: string, error: unknown): Problem {
  if (error instanceof PrometheusTextError) {
    return { subject: `${source}:${error.line}`, problem: `is not Prometheus text exposition (${error.reason})`, fix: "give Falco's webserver /metrics (port 8765), not another page" };
  }
  const e = error as NodeJS.ErrnoException & { cause?: { code?: string; message?: string } };
  const reason =
    e.code === 'ENOENT' ? 'no such file' : e.name === 'TimeoutError' ? `no answer within ${FETCH_TIMEOUT_MS / 1000} s` : e.cause?.code ?? e.cause?.message ?? e.message;
  return { subject: source, problem: reason === 'is empty' ? 'is empty' : `cannot be read: ${reason}`, fix: 'check the URL (is `kubectl port-forward` running?) or the file name' };
}
