import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as YAML from 'yaml';
import { FalcoGitopsStack } from '../../lib/stack/falco-gitops-stack';
import type { FalcoGitopsStackProps } from '../../lib/stack/falco-gitops-stack-props';
import { synthesizeStack, type SynthesisResult } from '../../lib/synth/synthesize';
import { FIXTURE_PROJECT, FIXTURE_PROPS } from '../support/fixture-project';
import { K8SAUDIT_RULES_FILE, UPSTREAM_RULE_FILES } from '../support/shared-dir';

/**
 * Synthesizes the stack in memory, as synth of main.ts would, with `baseDir` as the repository;
 * by default the fixture project's props and rules (never the checkout's main.ts or rules/).
 */
export function synthStack(props: FalcoGitopsStackProps = FIXTURE_PROPS, baseDir = FIXTURE_PROJECT): SynthesisResult {
  return synthesizeStack((app) => new FalcoGitopsStack(app, 'FalcoGitops', props, { baseDir }));
}

/** Every Kubernetes object of a synthesis, parsed back from the rendered files (dist/host/ holds node files, not objects). */
export function objectsOf(result: SynthesisResult): Record<string, any>[] {
  return result.files.filter((file) => !file.path.startsWith('host/')).map((file) => YAML.parse(file.content));
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
 * A throw-away copy of the fixture project's rule inputs (rules/, rules-k8saudit/ and the upstream
 * rules lock), for synthesizing in-process with the copy as `baseDir`, and for vendoring into it.
 * `vendorUpstream` puts the reference upstream files (k8s_audit_rules.yaml too) in rules/upstream/,
 * as `npm run rules:vendor` would.
 */
export function tempProject(options: { vendorUpstream?: boolean } = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'falco-gitops-'));
  fs.cpSync(path.join(FIXTURE_PROJECT, 'rules'), path.join(dir, 'rules'), { recursive: true });
  fs.cpSync(path.join(FIXTURE_PROJECT, 'rules-k8saudit'), path.join(dir, 'rules-k8saudit'), { recursive: true });
  fs.copyFileSync(path.join(FIXTURE_PROJECT, 'upstream-rules.lock.yaml'), path.join(dir, 'upstream-rules.lock.yaml'));
  if (options.vendorUpstream) {
    fs.mkdirSync(path.join(dir, 'rules', 'upstream'), { recursive: true });
    for (const file of UPSTREAM_RULE_FILES) fs.copyFileSync(file, path.join(dir, 'rules', 'upstream', path.basename(file)));
    fs.copyFileSync(K8SAUDIT_RULES_FILE, path.join(dir, 'rules', 'upstream', path.basename(K8SAUDIT_RULES_FILE)));
  }
  return dir;
}
