import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import * as YAML from 'yaml';
import { stackProps } from '../../main';
import { FalcoGitopsStack } from '../../lib/stack/falco-gitops-stack';
import type { FalcoGitopsStackProps } from '../../lib/stack/falco-gitops-stack-props';
import { synthesizeStack, type SynthesisResult } from '../../lib/synth/synthesize';
import { REPO_ROOT, UPSTREAM_RULE_FILES } from '../support/shared-dir';

/** Synthesizes the stack in memory, as `cdk8s synth` of main.ts would, with `baseDir` as the repository. */
export function synthStack(props: FalcoGitopsStackProps = stackProps, baseDir = REPO_ROOT): SynthesisResult {
  return synthesizeStack((app) => new FalcoGitopsStack(app, 'FalcoGitops', props, { baseDir }));
}

/** Every object of a synthesis, parsed back from the rendered files. */
export function objectsOf(result: SynthesisResult): Record<string, any>[] {
  return result.files.map((file) => YAML.parse(file.content));
}

/** All files under `dir`, as `{ relative path: content }`, sorted. */
export function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else out[path.relative(dir, full).split(path.sep).join('/')] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return out;
}

/**
 * A throw-away copy of the repository's inputs (rules/, cdk8s.yaml) with node_modules linked, so a
 * test can run the real `cdk8s synth` and vendor upstream rules without touching the checkout.
 * `mainSource` replaces main.ts; it can import the stack from `LIB` (the checkout's lib/).
 */
export function tempProject(options: { mainSource?: string; vendorUpstream?: boolean } = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'falco-gitops-'));
  fs.cpSync(path.join(REPO_ROOT, 'rules'), path.join(dir, 'rules'), { recursive: true });
  fs.rmSync(path.join(dir, 'rules', 'upstream'), { recursive: true, force: true });
  fs.copyFileSync(path.join(REPO_ROOT, 'cdk8s.yaml'), path.join(dir, 'cdk8s.yaml'));
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), fs.readFileSync(path.join(REPO_ROOT, 'tsconfig.json')));
  const main = options.mainSource ?? fs.readFileSync(path.join(REPO_ROOT, 'main.ts'), 'utf8').replace("from './lib'", `from ${JSON.stringify(LIB)}`);
  fs.writeFileSync(path.join(dir, 'main.ts'), main);
  if (options.vendorUpstream) {
    fs.mkdirSync(path.join(dir, 'rules', 'upstream'), { recursive: true });
    for (const file of UPSTREAM_RULE_FILES) fs.copyFileSync(file, path.join(dir, 'rules', 'upstream', path.basename(file)));
  }
  return dir;
}

/** The checkout's lib/, for generated main.ts files to import. */
export const LIB = path.join(REPO_ROOT, 'lib');

/** Runs `cdk8s synth` (the README's command, offline) in `dir`. */
export function runCdk8sSynth(dir: string): { status: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '0' };
  delete env.CDK8S_OUTDIR;
  const result = spawnSync(path.join(REPO_ROOT, 'node_modules', '.bin', 'cdk8s'), ['--check-upgrade=false', 'synth'], {
    cwd: dir,
    encoding: 'utf8',
    env,
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
