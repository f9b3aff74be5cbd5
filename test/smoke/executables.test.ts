/**
 * One run of each executable as a user runs it, in a new process: everything else about the
 * command line and synth is tested in-process (test/cli, test/synth), through the same `main` and
 * `runSynth` these executables call. Both run the JavaScript compiled into build/ (`npm test` and
 * `npm ci` build it first; a stale build fails here with the guard's one-line message).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURE_PROJECT, FIXTURE_PROPS } from '../support/fixture-project';
import { REPO_ROOT } from '../support/shared-dir';
import { readTree, synthStack } from '../synth/synth-helpers';

const created: string[] = [];
afterAll(() => {
  for (const dir of created) fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * A throw-away project that `cdk8s synth` runs in as in the checkout: its own package.json (so
 * main.ts's `import ... from 'falco-gitops'` resolves to build/) and cdk8s.yaml, the fixture
 * project's rules, lock and props (test/fixtures/project, not the checkout's: those are the
 * user's), a main.ts shaped like the shipped one, and node_modules, bin, build and lib linked to
 * the checkout's.
 */
function synthProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'falco-gitops-smoke-'));
  created.push(dir);
  for (const name of ['node_modules', 'bin', 'build', 'lib']) fs.symlinkSync(path.join(REPO_ROOT, name), path.join(dir, name), 'dir');
  for (const name of ['package.json', 'cdk8s.yaml']) fs.copyFileSync(path.join(REPO_ROOT, name), path.join(dir, name));
  fs.cpSync(FIXTURE_PROJECT, dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'main.ts'),
    "import { FalcoGitopsStack, runSynth } from 'falco-gitops';\n" +
      "import { stackProps } from './stack-props';\n\n" +
      "if (require.main === module) {\n  process.exitCode = runSynth((app) => new FalcoGitopsStack(app, 'FalcoGitops', stackProps));\n}\n",
  );
  return dir;
}

describe('the executables', () => {
  it('`npm run synth` runs exactly the app that `cdk8s synth` runs (cdk8s.yaml), without the cdk8s CLI', () => {
    // The cdk8s CLI needs about 1 s to start (it loads jsii and typescript for its `import`
    // command), so the README's synth command runs the app itself; `npx cdk8s synth` stays equal.
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const app = /^app: (.+)$/m.exec(fs.readFileSync(path.join(REPO_ROOT, 'cdk8s.yaml'), 'utf8'))?.[1];
    expect(app).toBeDefined();
    expect(pkg.scripts.synth).toBe(app);
  });

  it('`node bin/falco-gitops.js lint FILE` prints the findings and exits 1 on an error', () => {
    const file = path.join('test', 'cli', 'fixtures', 'broken.yaml');
    const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'falco-gitops.js'), 'lint', file], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({
      status: 1,
      stdout:
        `${file}:3:36: error: rule 'Broken': unknown field 'proc.nmae' for source 'syscall'; did you mean 'proc.name'? [unknown-field]\n` +
        '1 error, 0 warnings\n',
      stderr: '',
    });
    // The command's own V8 code cache (bin/falco-gitops.js), not one shared with heavier commands.
    expect(fs.existsSync(path.join(REPO_ROOT, 'build', '.v8-cache', 'cli-lint', 'index.json'))).toBe(true);
  });

  it('`cdk8s synth` writes dist/ offline, exactly the in-memory synthesis, replacing the previous one', () => {
    const dir = synthProject();
    fs.mkdirSync(path.join(dir, 'dist', 'cluster'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'dist', 'cluster', 'previous.yaml'), 'kind: Previous\n');
    const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '0' };
    delete env.CDK8S_OUTDIR;
    delete env.FALCO_GITOPS_DEBUG;
    const run = spawnSync(path.join(REPO_ROOT, 'node_modules', '.bin', 'cdk8s'), ['--check-upgrade=false', 'synth'], {
      cwd: dir,
      encoding: 'utf8',
      env,
    });
    expect(run.stderr).toBe(
      "warning: no upstream Falco rules vendored (the lock file's vendorDir holds none of the locked files): " +
        "dist/ carries only the project's rules. Run `npm run rules:vendor` to ship the scoped default rules.\n" +
        'loaded 1 rule file, in order: rules/falco-gitops_rules.yaml\n' +
        'loaded 1 audit rule file (the audit Falco), in order: rules-k8saudit/falco-gitops_k8saudit_rules.yaml\n' +
        'wrote 26 manifests and 8 host files to dist/ (cdk8s synth lists its scratch copy in cdk8s.out/ next)\n',
    );
    expect(run.status).toBe(0);
    const expected = Object.fromEntries(synthStack(FIXTURE_PROPS, dir).files.map((f) => [f.path, f.content]));
    expect(readTree(path.join(dir, 'dist'))).toEqual(expected);
  });

  it('a checkout that never ran the build builds once at the first start, and then runs', () => {
    // GIVEN a copy of the package without build/ (npm ci --ignore-scripts, or node_modules linked in)
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'falco-gitops-nobuild-'));
    created.push(dir);
    for (const name of ['bin', 'lib', 'scripts']) fs.cpSync(path.join(REPO_ROOT, name), path.join(dir, name), { recursive: true });
    fs.copyFileSync(path.join(REPO_ROOT, 'package.json'), path.join(dir, 'package.json'));
    fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    // WHEN the CLI starts THEN it builds, runs, and leaves a build the guard accepts
    const run = spawnSync(process.execPath, [path.join(dir, 'bin', 'falco-gitops.js'), '--version'], { cwd: dir, encoding: 'utf8' });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(fs.existsSync(path.join(dir, 'build', '.stamp'))).toBe(true);
  });
});
