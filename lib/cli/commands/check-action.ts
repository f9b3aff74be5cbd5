import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatWarning, UsageError, UserError, yamlLibrary, type Problem } from '../../core';
import { CATALOG_REFERENCES, manifestProblems, pinnedChart, isJsonObject } from '../../manifest-validation';
import { FalcoGitopsStack, type FalcoGitopsStackProps } from '../../stack';
import { loadedRuleFileLines, needsDistRepair, repairDist, synthesizeStack, writtenFilesText, type ManifestFile } from '../../synth';
import type { CliIo } from '../cli-io';
import { ExitCode } from '../exit-code';
import type { CheckCommandOptions } from './check';
import { firstLine, MAIN_FILE, requireWithTsx } from './main-ts-rules-props';

/**
 * `falco-gitops check`: the user's own stack, as CI should see it. Synthesizes main.ts's stack in
 * memory (every gate synth has: props, rule discovery, lint, scope, lock, size), validates every
 * manifest (Kubernetes and Argo CD schemas, the helm.cattle.io CRDs, metadata rules, the Helm
 * values of every HelmChart against its pinned chart: lib/manifest-validation with its generated
 * catalogs, so no ../shared is needed) and compares the files with the committed dist/. Writes
 * nothing, except to finish a swap of dist/ that a killed synth left (as the next synth would).
 */
export async function runCheck(options: CheckCommandOptions, io: CliIo): Promise<number> {
  if (options.dist === '') throw new UsageError({ subject: '--dist', received: '', problem: 'needs a non-empty value' });
  // `--dist dist/` names files as `dist/cluster/…`, not `dist//cluster/…`.
  const dist = options.dist.replace(/\/+$/, '') || '.';
  const props = await readStackProps(io);
  const buildStack = io.buildStack ?? ((app, stackProps, baseDir) => new FalcoGitopsStack(app, 'FalcoGitops', stackProps, { baseDir }));
  const result = synthesizeStack((app) => buildStack(app, props, io.cwd));
  for (const warning of result.warnings) io.stderr(`${formatWarning(warning)}\n`);
  for (const line of loadedRuleFileLines(result)) io.stdout(`${line}\n`);
  io.stdout(`${MAIN_FILE} synthesizes: ${writtenFilesText(result)}\n`);
  io.stdout(`${validateManifestFiles(result.files, dist)}\n`);
  // A synth killed while swapping dist/ is finished (or undone) first, as the next synth would.
  const distDir = path.resolve(io.cwd, dist);
  if (needsDistRepair(distDir)) repairDist(distDir, { report: (note) => io.stderr(`warning: ${note}\n`) });
  const stale = compareWithCommitted(result.files, dist, io.cwd);
  if (stale.length > 0) {
    throw new UserError(stale, { summary: `${dist}/ is not what ${MAIN_FILE} synthesizes; run \`npm run synth\` and commit ${dist}/` });
  }
  io.stdout(`${dist}/ is up to date\n`);
  return ExitCode.Ok;
}

/**
 * Validates the synthesized manifests (as written to `dist`) and says what they were checked
 * against, or throws a UserError with one problem per fault: subject `<file>#<JSON pointer>`.
 * Runs before the comparison with dist/: a stack whose output Kubernetes or a chart would not
 * accept is fixed (and synthesized again) before freshness matters.
 */
function validateManifestFiles(allFiles: readonly ManifestFile[], dist: string): string {
  const { parse } = yamlLibrary();
  const files = allFiles.filter(isKubernetesManifest);
  const objects: unknown[] = files.map((file) => parse(file.content) as unknown);
  const found = manifestProblems(objects, CATALOG_REFERENCES);
  if (found.length > 0) {
    const problems = found.flatMap(({ index, problems }) =>
      problems.map((line) => manifestProblem(`${dist}/${files[index]?.path ?? `#${index}`}`, line)),
    );
    throw new UserError(problems, {
      summary: `${MAIN_FILE} synthesizes manifests that Kubernetes or their Helm charts would not take as written; correct the code that renders them and run \`npm run synth\``,
    });
  }
  const charts = [
    ...new Set(
      objects.flatMap((obj) => {
        if (!isJsonObject(obj) || obj.kind !== 'HelmChart') return [];
        const pinned = pinnedChart(obj, CATALOG_REFERENCES);
        return 'problem' in pinned ? [] : [pinned.id];
      }),
    ),
  ].sort();
  const values = charts.length === 0 ? '' : `; Helm values against ${charts.join(', ')}`;
  return `manifests are valid: Kubernetes, Argo CD, helm.cattle.io/v1 and monitoring.coreos.com/v1 schemas, names and labels${values}`;
}

/**
 * The folders synth writes one Kubernetes object per file into (`synthesizeStack`: the cluster and
 * bootstrap charts). Any other file of dist/ (files for the nodes, not the API server) is compared
 * for freshness only.
 */
const MANIFEST_FOLDERS = ['cluster/', 'bootstrap/'] as const;

function isKubernetesManifest(file: ManifestFile): boolean {
  return MANIFEST_FOLDERS.some((folder) => file.path.startsWith(folder));
}

/**
 * One validation message as a problem: `/spec/valuesContent: unknown Helm value 'x' (...)` becomes
 * subject `dist/cluster/helmchart.kube-system.falco.yaml#/spec/valuesContent` (a JSON pointer as a
 * URI fragment, RFC 6901 section 6) and the rest of the message.
 */
function manifestProblem(file: string, line: string): Problem {
  const match = /^(\/\S*?):? (.+)$/s.exec(line);
  if (match === null) return { subject: file, problem: line };
  return { subject: `${file}#${match[1]}`, problem: match[2] ?? line };
}

/** The `stackProps` that main.ts exports (as `vendor` reads them), or a message saying why not. */
async function readStackProps(io: CliIo): Promise<FalcoGitopsStackProps> {
  const file = path.join(io.cwd, MAIN_FILE);
  if (!fs.existsSync(file)) {
    throw new UserError({
      subject: MAIN_FILE,
      problem: `not found in ${io.cwd}`,
      fix: 'run `npm run check` in the repository that holds main.ts (its root)',
    });
  }
  let exports: unknown;
  try {
    exports = await (io.loadTypeScript ?? requireWithTsx)(file);
  } catch (e) {
    throw new UserError({ subject: MAIN_FILE, problem: `cannot be loaded: ${firstLine(e)}`, fix: '`npm run synth` shows the same error' });
  }
  const props = (exports as { stackProps?: unknown } | undefined)?.stackProps;
  if (typeof props !== 'object' || props === null) {
    throw new UserError({
      subject: MAIN_FILE,
      problem: 'exports no `stackProps` object, which check synthesizes',
      fix: 'keep `export const stackProps: FalcoGitopsStackProps = { ... }` in main.ts, as shipped',
    });
  }
  return props as FalcoGitopsStackProps;
}

/** One problem per file of `dist/` that differs from the synthesis: changed, missing or not synthesized. */
function compareWithCommitted(files: readonly ManifestFile[], dist: string, cwd: string): Problem[] {
  const root = path.resolve(cwd, dist);
  const committed = fs.existsSync(root) ? listFiles(root) : [];
  const expected = new Map(files.map((file) => [file.path, file.content]));
  const problems: Problem[] = [];
  for (const [file, content] of expected) {
    const shown = `${dist}/${file}`;
    if (!committed.includes(file)) {
      problems.push({ subject: shown, problem: 'is missing: synth writes it' });
      continue;
    }
    const actual = fs.readFileSync(path.join(root, file), 'utf8');
    if (actual !== content) problems.push({ subject: `${shown}:${firstDifferentLine(actual, content)}`, problem: 'differs from a fresh synth from this line on' });
  }
  for (const file of committed) {
    if (!expected.has(file)) problems.push({ subject: `${dist}/${file}`, problem: 'is not synthesized any more (synth would delete it)' });
  }
  return problems;
}

/** Every file below `dir`, as sorted `/`-separated relative paths. */
function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string): void => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(path.relative(dir, full).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

function firstDifferentLine(a: string, b: string): number {
  const left = a.split('\n');
  const right = b.split('\n');
  let i = 0;
  while (i < left.length && i < right.length && left[i] === right[i]) i++;
  return i + 1;
}
