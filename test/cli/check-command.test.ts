import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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
