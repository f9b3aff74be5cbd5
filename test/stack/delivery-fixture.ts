import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { sha256Hex } from '../../lib/core';
import { FalcoGitopsStack, type FalcoGitopsStackProps } from '../../lib/stack';
import { synthesizeStack, type SynthesisResult } from '../../lib/synth';
import { FIXTURE_PROJECT } from '../support/fixture-project';
import { UPSTREAM_RULE_FILES } from '../support/shared-dir';

/** This product's fixture project rules (not the repository's rules/, which a deployment edits). */
export const FIXTURE_RULES = fs.readFileSync(path.join(__dirname, 'fixtures', 'project_rules.yaml'), 'utf8');

/**
 * Props of the delivery tests: a repository URL and the fixture project's own layout (a lock
 * beside rules/, not inside it), so nothing depends on main.ts, rules/ or where the repository
 * keeps its lock.
 */
export const FIXTURE_PROPS: FalcoGitopsStackProps = {
  argocd: { repoUrl: 'https://example.test/falco-gitops.git' },
  rules: { projectRulesDir: 'rules', lockFile: 'upstream.lock.yaml' },
};

/**
 * A throw-away project: `rules/` with the given files (default: the fixture rules), the fixture
 * project's audit rules in `rules-k8saudit/` (the audit Falco is on by default) and, with
 * `upstream`, the pinned upstream rule files vendored in `upstream/` under a lock of their sha256,
 * as `falco-gitops vendor` leaves them.
 */
export function deliveryProject(options: { upstream?: boolean; rules?: Readonly<Record<string, string>> } = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'falco-gitops-delivery-'));
  fs.mkdirSync(path.join(dir, 'rules'));
  for (const [name, text] of Object.entries(options.rules ?? { 'project_rules.yaml': FIXTURE_RULES })) {
    fs.writeFileSync(path.join(dir, 'rules', name), text);
  }
  fs.cpSync(path.join(FIXTURE_PROJECT, 'rules-k8saudit'), path.join(dir, 'rules-k8saudit'), { recursive: true });
  if (options.upstream) {
    fs.mkdirSync(path.join(dir, 'upstream'));
    const files = UPSTREAM_RULE_FILES.map((file) => {
      const name = path.basename(file);
      fs.copyFileSync(file, path.join(dir, 'upstream', name));
      return `  - name: ${name}\n    url: https://example.test/${name}\n    sha256: ${sha256Hex(fs.readFileSync(file, 'utf8'))}\n`;
    });
    fs.writeFileSync(
      path.join(dir, 'upstream.lock.yaml'),
      `release: falco-rules-5.1.0\nrepository: https://github.com/falcosecurity/rules\nvendorDir: upstream\nfiles:\n${files.join('')}`,
    );
  }
  return dir;
}

/** Synthesizes the stack in memory with `baseDir` as the repository. */
export function synthAt(baseDir: string, props: FalcoGitopsStackProps = FIXTURE_PROPS): SynthesisResult {
  return synthesizeStack((app) => new FalcoGitopsStack(app, 'FalcoGitops', props, { baseDir }));
}

/** `props` with `rules.scope` (and the rest of `rules`) merged over the fixture's. */
export function withScope(scope: NonNullable<FalcoGitopsStackProps['rules']>['scope']): FalcoGitopsStackProps {
  return { ...FIXTURE_PROPS, rules: { ...FIXTURE_PROPS.rules, scope } };
}
