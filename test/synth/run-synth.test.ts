import * as fs from 'node:fs';
import * as path from 'node:path';
import * as YAML from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { stackProps } from '../../main';
import { FalcoGitopsStack } from '../../lib/stack/falco-gitops-stack';
import type { FalcoGitopsStackProps } from '../../lib/stack/falco-gitops-stack-props';
import { runSynth } from '../../lib/synth';
import { lintRuleTexts } from '../../lib/rules';
import { cli } from '../cli/cli-helpers';
import { validateManifests } from '../support/manifest-validation';
import { UPSTREAM_RULE_FILES } from '../support/shared-dir';
import { objectsOf, readTree, synthStack, tempProject } from './synth-helpers';

const created: string[] = [];
afterAll(() => {
  for (const dir of created) fs.rmSync(dir, { recursive: true, force: true });
});
function project(options: Parameters<typeof tempProject>[0] = {}): string {
  const dir = tempProject(options);
  created.push(dir);
  return dir;
}

/** Puts a previous dist/ in place, to check that a failed synth leaves it untouched. */
function seedDist(dir: string): Record<string, string> {
  fs.mkdirSync(path.join(dir, 'dist', 'cluster'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'dist', 'cluster', 'previous.yaml'), 'kind: Previous\n');
  return readTree(path.join(dir, 'dist'));
}

interface SynthRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** dist/ of the project, as the run was told to write it. */
  readonly outdir: string;
}

/**
 * Runs `runSynth` in-process as main.ts does, with `dir` as the project (its rules/, its dist/),
 * collecting what it prints. `build` replaces the stack (to throw what a test needs).
 */
function synth(
  dir: string,
  options: { props?: FalcoGitopsStackProps; env?: NodeJS.ProcessEnv; argv?: string[]; outdir?: string; build?: Parameters<typeof runSynth>[0] } = {},
): SynthRun {
  const outdir = options.outdir ?? path.join(dir, 'dist');
  let stdout = '';
  let stderr = '';
  const build = options.build ?? ((app) => new FalcoGitopsStack(app, 'FalcoGitops', options.props ?? stackProps, { baseDir: dir }));
  const code = runSynth(build, {
    argv: options.argv ?? [],
    env: options.env ?? {},
    outdir,
    out: (line) => void (stdout += `${line}\n`),
    err: (line) => void (stderr += `${line}\n`),
  });
  return { code, stdout, stderr, outdir };
}

const STACK_LINE = /^\s+at .+[:(]/m;
const NO_UPSTREAM_WARNING =
  "warning: no upstream Falco rules vendored (the lock file's vendorDir holds none of the locked files): " +
  "dist/ carries only the project's rules. Run `npm run rules:vendor` to ship the scoped default rules.\n";
const REPO_URL = 'https://github.com/acme/x.git';

describe('runSynth', () => {
  it('writes dist/, exactly the in-memory synthesis, replacing the previous one', () => {
    const dir = project();
    seedDist(dir);
    const run = synth(dir);
    expect(run).toMatchObject({ code: 0, stdout: `wrote 23 manifests to ${run.outdir}/\n`, stderr: NO_UPSTREAM_WARNING });
    const expected = Object.fromEntries(synthStack(stackProps, dir).files.map((f) => [f.path, f.content]));
    // The stale file of the previous dist/ is gone: dist/ holds exactly the synthesized files.
    expect(readTree(run.outdir)).toEqual(expected);
    expect(fs.readdirSync(dir).filter((name) => name.startsWith('.dist-'))).toEqual([]);
  });

  it('under `cdk8s synth` also writes CDK8S_OUTDIR, which cdk8s lists, and reports on stderr (cdk8s swallows stdout)', () => {
    const dir = project();
    const cdk8sOut = path.join(dir, 'cdk8s.out');
    const run = synth(dir, { env: { CDK8S_OUTDIR: cdk8sOut } });
    expect(run).toMatchObject({ code: 0, stdout: '', stderr: `${NO_UPSTREAM_WARNING}wrote 23 manifests to ${run.outdir}/\n` });
    expect(readTree(cdk8sOut)).toEqual(readTree(run.outdir));
  });

  describe('fails with the message only, no stack trace, and leaves dist/ untouched', () => {
    /** The run failed as a user error: its message, then the one line about dist/. */
    function expectUserError(run: SynthRun, code: number, before: Record<string, string>): void {
      expect(run.code).toBe(code);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^error: /);
      expect(run.stderr.endsWith(`\n${run.outdir}/ was left as it was.\n`)).toBe(true);
      expect(run.stderr).not.toMatch(STACK_LINE);
      expect(readTree(run.outdir)).toEqual(before);
    }

    it('when a prop is invalid', () => {
      const dir = project();
      const before = seedDist(dir);
      const run = synth(dir, { props: { argocd: { repoUrl: REPO_URL }, falco: { driverKind: 'ebfp' as never } } });
      expectUserError(run, 1, before);
      expect(run.stderr).toMatch(
        /^error: invalid stack props \(1 problem\):\n {2}- falco\.driverKind: received "ebfp"; must be one of 'modern_ebpf', 'kmod', 'auto' .*\. Fix: /,
      );
    });

    it('when a token is in the props, without printing it', () => {
      const token = ['7654321098', 'AAEhBOweik6ad9r_QXMENQjcrGbqCr4K-ra'].join(':');
      const dir = project();
      const before = seedDist(dir);
      const run = synth(dir, { props: { argocd: { repoUrl: REPO_URL }, falcosidekick: { telegram: { secretName: token } } } });
      expectUserError(run, 1, before);
      expect(run.stderr).toContain('falcosidekick.telegram.secretName: received "7654…(46 characters)"; looks like a Telegram bot token');
      expect(run.stderr).not.toContain(token);
    });

    it('when a project rule file is broken, naming file:line:col', () => {
      const dir = project();
      fs.writeFileSync(
        path.join(dir, 'rules', 'zz-broken_rules.yaml'),
        '- rule: Broken\n  desc: d\n  condition: proc.name = cat and and\n  output: o\n  priority: WARNING\n',
      );
      const before = seedDist(dir);
      const run = synth(dir);
      expectUserError(run, 1, before);
      expect(run.stderr).toMatch(/^error: rule files: .*\n {2}- rules\/zz-broken_rules\.yaml:3:\d+: /);
    });

    it('when a vendored upstream file does not match the lock, naming it', () => {
      const dir = project({ vendorUpstream: true });
      fs.appendFileSync(path.join(dir, 'rules', 'upstream', 'falco_rules.yaml'), '\n# edited in place\n');
      const before = seedDist(dir);
      const run = synth(dir);
      expectUserError(run, 1, before);
      expect(run.stderr).toContain('rules/upstream/falco_rules.yaml: sha256 mismatch: expected 1c15d5d543635b76e31cca39d7df8bf4caf50a428613c314d92986a23bfcb617');
      expect(run.stderr).toContain("Fix: run 'npm run rules:vendor' to restore the locked upstream rules");
    });

    it('when an exclusion of rules.scope names no rule, naming the prop', () => {
      const dir = project();
      const before = seedDist(dir);
      const run = synth(dir, { props: { argocd: { repoUrl: REPO_URL }, rules: { scope: { excludeRules: ['Terminal Shell with cat Command in Containr'] } } } });
      expectUserError(run, 1, before);
      expect(run.stderr).toMatch(/^error: invalid rules\.scope \(1 problem\):\n {2}- rules\.scope\.excludeRules: received "Terminal Shell with cat Command in Containr"; /);
    });

    it('when main.ts is given arguments: a usage error, exit 2', () => {
      const dir = project();
      const before = seedDist(dir);
      const run = synth(dir, { argv: ['--driver', 'kmod'] });
      expectUserError(run, 2, before);
      expect(run.stderr).toBe(
        'error: main.ts: received "--driver kmod"; takes no arguments. Fix: change the stack in main.ts and run `npx cdk8s synth` (or `npm run synth`)\n' +
          `${run.outdir}/ was left as it was.\n`,
      );
    });

    it('when dist/ cannot be written', () => {
      const dir = project();
      fs.writeFileSync(path.join(dir, 'not-a-folder'), '');
      const run = synth(dir, { outdir: path.join(dir, 'not-a-folder', 'dist') });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(new RegExp(`^error: ${run.outdir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/: cannot be written: ENOTDIR`));
      expect(run.stderr).not.toMatch(STACK_LINE);
    });
  });

  describe('an internal error (a bug)', () => {
    const boom = (): never => {
      throw new TypeError('boom');
    };

    it('prints one line saying it is a bug, without the stack trace, exit 70, dist/ untouched', () => {
      const dir = project();
      const before = seedDist(dir);
      const run = synth(dir, { build: boom });
      expect(run).toMatchObject({
        code: 70,
        stdout: '',
        stderr:
          'internal error: boom. This is a bug in falco-gitops: please report it with the command you ran ' +
          '(rerun with --debug, or FALCO_GITOPS_DEBUG=1 under synth, for the stack trace)\n' +
          `${path.join(dir, 'dist')}/ was left as it was.\n`,
      });
      expect(readTree(run.outdir)).toEqual(before);
    });

    it('prints the stack trace with FALCO_GITOPS_DEBUG=1', () => {
      const run = synth(project(), { build: boom, env: { FALCO_GITOPS_DEBUG: '1' } });
      expect(run.code).toBe(70);
      expect(run.stderr).toMatch(/^internal error: boom\. This is a bug in falco-gitops: please report it with this output\nTypeError: boom\n/);
      expect(run.stderr).toMatch(STACK_LINE);
    });
  });

  describe('under `cdk8s synth` (CDK8S_OUTDIR set), a failure', () => {
    // cdk8s-cli prints its own stack trace after a failing app's output; an app that exits 0
    // without creating CDK8S_OUTDIR makes it say "synthesis failed" and exit 1 instead.
    it('exits 0 without creating CDK8S_OUTDIR, for a user error and for a bug alike', () => {
      for (const build of [undefined, (): never => { throw new Error('boom'); }]) {
        const dir = project();
        const before = seedDist(dir);
        const cdk8sOut = path.join(dir, 'cdk8s.out');
        const run = synth(dir, {
          env: { CDK8S_OUTDIR: cdk8sOut },
          props: { argocd: { repoUrl: REPO_URL }, falco: { driverKind: 'ebfp' as never } },
          ...(build !== undefined ? { build } : {}),
        });
        expect(run.code).toBe(0);
        expect(run.stderr).toMatch(/^(error|internal error): /);
        expect(fs.existsSync(cdk8sOut)).toBe(false);
        expect(readTree(run.outdir)).toEqual(before);
      }
    });
  });
});

describe('vendoring the upstream rules from a local folder, then synthesizing', () => {
  it('renders the scoped upstream ConfigMap and the Falco values that load it', async () => {
    const dir = project();
    // No main.ts in the project: vendor puts the files in the lock's vendorDir, where synth reads them.
    const vendor = await cli(['vendor', '--from', path.dirname(UPSTREAM_RULE_FILES[0]!)], { cwd: dir });
    expect(vendor.stderr).toBe('');
    expect(vendor.code).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'rules', 'upstream')).sort()).toEqual([
      'falco-incubating_rules.yaml',
      'falco-sandbox_rules.yaml',
      'falco_rules.yaml',
    ]);
    const run = synth(dir);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain('no upstream Falco rules vendored');
    const files = readTree(run.outdir);
    const upstream = YAML.parse(files['cluster/configmap.secured-ns.falco-gitops-rules-upstream.yaml']!);
    expect(Object.keys(upstream.data)).toEqual(['00-falco_rules.yaml', '01-falco-incubating_rules.yaml', '02-falco-sandbox_rules.yaml']);
    const falco = YAML.parse(YAML.parse(files['cluster/helmchart.kube-system.falco.yaml']!).spec.valuesContent);
    expect(falco.falco.rules_files).toEqual(['/etc/falco/falco-gitops/00-upstream', '/etc/falco/falco-gitops/01-project', '/etc/falco/falco-gitops/02-metadata-guard']);
  });
});

describe('scope props that name nothing', () => {
  it('fails when a scoped file names no rule file', () => {
    expect(() => synthStack({ ...stackProps, rules: { scope: { files: ['no-such_rules.yaml'] } } })).toThrow(
      /^invalid rules\.scope \(1 problem\):\n {2}- rules\.scope\.files: received "no-such_rules\.yaml"; is not one of the input files/,
    );
  });
});

describe('with the upstream rules vendored', () => {
  const dir = project({ vendorUpstream: true });
  const result = synthStack(stackProps, dir);
  const objects = objectsOf(result);
  const upstream = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'falco-gitops-rules-upstream')!;
  const falcoValues = YAML.parse(objects.find((o) => o.kind === 'HelmChart' && o.metadata.name === 'falco')!.spec.valuesContent);

  it('delivers the scoped upstream rules in their own ConfigMap, in lock order', () => {
    expect(Object.keys(upstream.data)).toEqual([
      '00-falco_rules.yaml',
      '01-falco-incubating_rules.yaml',
      '02-falco-sandbox_rules.yaml',
    ]);
  });

  it('loads the upstream directory before the project directory', () => {
    expect(falcoValues.falco.rules_files).toEqual([
      '/etc/falco/falco-gitops/00-upstream',
      '/etc/falco/falco-gitops/01-project',
      '/etc/falco/falco-gitops/02-metadata-guard',
    ]);
  });

  it('ships rule files that lint clean together, as Falco loads them', () => {
    const projectRules = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'falco-gitops-rules-project')!;
    const files = [...Object.entries(upstream.data), ...Object.entries(projectRules.data)].map(([name, text]) => ({
      name,
      text: text as string,
    }));
    expect(lintRuleTexts(files).filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('scopes every upstream rule to prod', () => {
    const rules = Object.values(upstream.data as Record<string, string>).flatMap((text) =>
      (YAML.parse(text) as any[]).filter((item) => item && 'rule' in item),
    );
    expect(rules.length).toBe(25 + 31 + 37);
    for (const rule of rules) expect(rule.condition).toMatch(/\)\s*and falco_gitops_scope\w*\s*$/);
  });

  it('still validates against every schema, with per-file checksums', () => {
    expect(validateManifests(objects)).toEqual([]);
    for (const [name] of Object.entries(upstream.data)) {
      expect(upstream.metadata.annotations[`falco-gitops.io/sha256.${name}`]).toMatch(/^[0-9a-f]{64}$/);
    }
  });
});
