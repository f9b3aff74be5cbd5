import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/shared-dir';

/**
 * The product suite tests falco-gitops, not the stack of whoever deploys it: after a user vendors
 * the upstream rules, adds a rule file or edits main.ts (as README tells them to), `npm test`
 * gives the same result. So no test reads the checkout's main.ts, rules/, rules-k8saudit/, dist/ or rules lock;
 * they read test/fixtures/project. Two exceptions, each through the user's own path: the check
 * test runs `falco-gitops check` on the checkout (it passes for any fresh dist/), and the README
 * test reads README.md, package.json and cdk8s.yaml (the product's).
 */
const USER_FILES =
  /(?:from\s+|import\(\s*|require\(\s*)['"](?:\.\.\/)+main['"]|REPO_ROOT,\s*['"](?:rules|rules-k8saudit|dist|main\.ts|upstream-rules\.lock\.yaml)(?:\/[^'"]*)?['"]|['"](?:\.\.\/)+(?:rules|rules-k8saudit|dist)\//;

function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : testFiles(full);
    return /\.ts$/.test(entry.name) ? [full] : [];
  });
}

describe('the product tests', () => {
  it("read no file of the deploying user's stack (main.ts, rules/, rules-k8saudit/, dist/, the lock) from the checkout", () => {
    const offenders = testFiles(path.join(REPO_ROOT, 'test'))
      // This file quotes the forbidden forms below.
      .filter((file) => file !== __filename)
      .filter((file) => USER_FILES.test(fs.readFileSync(file, 'utf8')))
      .map((file) => path.relative(REPO_ROOT, file));
    expect(offenders).toEqual([]);
  });

  it('would notice one that did (the pattern matches the forms it forbids)', () => {
    for (const line of [
      "import { stackProps } from '../../main';",
      "fs.cpSync(path.join(REPO_ROOT, 'rules'), dir);",
      "readTree(path.join(REPO_ROOT, 'dist'));",
      "const LOCK = path.join(REPO_ROOT, 'upstream-rules.lock.yaml');",
      "readAuditRuleFolder(REPO_ROOT, 'rules-k8saudit', prop, lock);",
      "readAuditRuleFolder(REPO_ROOT, 'rules/k8saudit', prop, lock);",
    ]) {
      expect(USER_FILES.test(line), line).toBe(true);
    }
    expect(USER_FILES.test("import { FIXTURE_PROPS } from '../support/fixture-project';")).toBe(false);
  });
});
