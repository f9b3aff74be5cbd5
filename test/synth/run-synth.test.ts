import * as fs from 'node:fs';
import * as path from 'node:path';
import * as YAML from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { FalcoGitopsStack } from '../../lib/stack/falco-gitops-stack';
import type { FalcoGitopsStackProps } from '../../lib/stack/falco-gitops-stack-props';
import { runSynth, type RunSynthOptions } from '../../lib/synth';
import { FaultyFs } from './faulty-fs';
import { lintRuleTexts } from '../../lib/rules';
import { cli } from '../cli/cli-helpers';
import { validateManifests } from '../support/manifest-validation';
import { FIXTURE_PROPS as stackProps } from '../support/fixture-project';
import { lockedFilesMirror } from '../support/shared-dir';
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
  options: {
    props?: FalcoGitopsStackProps;
    env?: NodeJS.ProcessEnv;
    argv?: string[];
    outdir?: string;
    build?: Parameters<typeof runSynth>[0];
    dist?: RunSynthOptions['dist'];
  } = {},
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
    ...(options.dist !== undefined ? { dist: options.dist } : {}),
  });
  return { code, stdout, stderr, outdir };
}

const STACK_LINE = /^\s+at .+[:(]/m;
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const NO_UPSTREAM_WARNING =
  "warning: no upstream Falco rules vendored (the lock file's vendorDir holds none of the locked files): " +
  "dist/ carries only the project's rules. Run `npm run rules:vendor` to ship the scoped default rules.\n";
const REPO_URL = 'https://github.com/acme/x.git';
/** Synth names the rule files it loads, in order, before its summary. */
const LOADED_PROJECT_RULES =
  'loaded 1 rule file, in order: rules/falco-gitops_rules.yaml\n' +
  'loaded 1 audit rule file (the audit Falco), in order: rules-k8saudit/falco-gitops_k8saudit_rules.yaml\n';

describe('runSynth', () => {
  it('writes dist/, exactly the in-memory synthesis, replacing the previous one', () => {
    const dir = project();
    seedDist(dir);
    const run = synth(dir);
    expect(run).toMatchObject({ code: 0, stdout: `${LOADED_PROJECT_RULES}wrote 26 manifests and 8 host files to ${run.outdir}/\n`, stderr: NO_UPSTREAM_WARNING });
    const expected = Object.fromEntries(synthStack(stackProps, dir).files.map((f) => [f.path, f.content]));
    // The stale file of the previous dist/ is gone: dist/ holds exactly the synthesized files.
    expect(readTree(run.outdir)).toEqual(expected);
    expect(fs.readdirSync(dir).filter((name) => name.startsWith('.dist-'))).toEqual([]);
  });

  it('synthesizes `falco: { kubernetesMetadata: false }` alone, with the upstream rules: the defaults that need k8smeta follow it', () => {
    const dir = project({ vendorUpstream: true });
    const run = synth(dir, { props: { argocd: { repoUrl: REPO_URL }, falco: { kubernetesMetadata: false } } });
    expect({ code: run.code, stderr: run.stderr.split('\n').filter((line) => /^(error|  - )/.test(line)) }).toEqual({ code: 0, stderr: [] });
    const falco = readTree(run.outdir)['cluster/helmchart.kube-system.falco.yaml'];
    expect(falco).toContain('extra_output: pod_uid=%k8s.pod.uid, pod_name=%k8s.pod.name, namespace_name=%k8s.ns.name');
    expect(readTree(run.outdir)['cluster/configmap.secured-ns.falco-gitops-rules-upstream.yaml']).toContain('k8s.ns.name in (prod)');
  });

  it('under `cdk8s synth` also writes CDK8S_OUTDIR, which cdk8s lists, and reports on stderr (cdk8s swallows stdout)', () => {
    const dir = project();
    const cdk8sOut = path.join(dir, 'cdk8s.out');
    const run = synth(dir, { env: { CDK8S_OUTDIR: cdk8sOut } });
    // One outcome: the summary says that cdk8s-cli's listing of cdk8s.out/ paths, which follows, is a copy.
    expect(run).toMatchObject({
      code: 0,
      stdout: '',
      stderr: `${NO_UPSTREAM_WARNING}${LOADED_PROJECT_RULES}wrote 26 manifests and 8 host files to ${run.outdir}/ (cdk8s synth lists its scratch copy in ${cdk8sOut}/ next)\n`,
    });
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
        /^error: invalid stack props \(1 problem\):\n {2}- falco\.driverKind: received "ebfp"; must be one of 'modern_ebpf', 'kmod', 'auto'\. Fix: /,
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

    it('when the project rules would pass 1 MiB, with a fix that names the prop to change', () => {
      const dir = project();
      // Comments are not delivered (rules are printed flat after scoping): a rule's desc is.
      fs.writeFileSync(
        path.join(dir, 'rules', 'zz-big_rules.yaml'),
        `- rule: Big\n  desc: ${'a long description '.repeat(60_000)}\n  condition: evt.type = open\n  output: o\n  priority: INFO\n`,
      );
      const before = seedDist(dir);
      const run = synth(dir);
      expectUserError(run, 1, before);
      expect(run.stderr).toMatch(
        /^error: \d\d-zz-big_rules\.yaml: ConfigMap falco-gitops-rules-project would hold \d+ bytes, over Kubernetes' limit of 1048576 bytes\. Fix: remove rules you do not need from the rule files in rules\.projectRulesDir /,
      );
    });

    it('when a project rule takes the scope macro\'s name: the scoping refuses it, without claiming that Falco would', () => {
      const dir = project();
      fs.writeFileSync(path.join(dir, 'rules', 'zz-taken_rules.yaml'), '- macro: falco_gitops_scope\n  condition: proc.name = x\n');
      const before = seedDist(dir);
      const run = synth(dir);
      expectUserError(run, 1, before);
      expect(run.stderr).toMatch(/^error: rules\.scope: the rules cannot be scoped as configured \(1 problem\):\n {2}- rules\/zz-taken_rules\.yaml:1:3: 'falco_gitops_scope' /);
      expect(run.stderr).not.toContain('refuse to start');
    });

    it('when main.ts is given arguments: a usage error, exit 2', () => {
      const dir = project();
      const before = seedDist(dir);
      const run = synth(dir, { argv: ['--driver', 'kmod'] });
      expectUserError(run, 2, before);
      expect(run.stderr).toBe(
        'error: main.ts: received "--driver kmod"; takes no arguments. Fix: change the stack in main.ts and run `npm run synth`\n' +
          `${run.outdir}/ was left as it was.\n`,
      );
    });

    it('when the folder that should hold dist/ is a file', () => {
      const dir = project();
      const parent = path.join(dir, 'not-a-folder');
      fs.writeFileSync(parent, '');
      const run = synth(dir, { outdir: path.join(parent, 'dist') });
      expect(run).toMatchObject({
        code: 1,
        stdout: '',
        stderr:
          `error: ${parent}: cannot be created as the folder that holds ${run.outdir}/ (EEXIST: file already exists). ` +
          `Fix: ${parent} is in the way: move it away, then run synth again\n${run.outdir}/ was left as it was.\n`,
      });
    });
  });

  describe('when the file system fails: one message naming the path and the fix, an exit code that says whether dist/ changed, nothing left beside it', () => {
    /** The writer's pid, host, ids and clock, fixed so that messages can be compared whole. */
    const WRITER = { pid: 1001, hostname: 'h', randomId: () => 'ab', now: () => Date.UTC(2026, 0, 2, 3, 4, 5) };
    const leftovers = (dir: string) => fs.readdirSync(dir).filter((name) => name.startsWith('.dist'));
    const fresh = (dir: string) => Object.fromEntries(synthStack(stackProps, dir).files.map((f) => [f.path, f.content]));

    it('dist/ cannot be renamed (EPERM): exit 1, dist/ as it was, the staging folder removed', () => {
      const dir = project();
      const before = seedDist(dir);
      const ffs = new FaultyFs({ root: dir, faults: [{ op: 'rename', path: /^dist$/, code: 'EPERM' }] });
      const run = synth(dir, { dist: { ...WRITER, fs: ffs } });
      const dist = run.outdir;
      expect(run).toMatchObject({
        code: 1,
        stdout: '',
        stderr:
          `error: ${dist}/: cannot be renamed to ${dir}/.dist-previous-1001-ab to make room for the new one (EPERM: operation not permitted). ` +
          `Fix: make ${dist}/ and the folder that holds it yours and writable (e.g. \`chmod -R u+w ${dist}/\`, \`lsattr -d\` shows an immutable flag), then run synth again\n` +
          `${dist}/ was left as it was.\n`,
      });
      expect(readTree(dist)).toEqual(before);
      expect(leftovers(dir)).toEqual([]);
    });

    it("the previous dist/ cannot be removed (EACCES: read-only files as a non-root user): exit 0, the new dist/ in place, a warning with the fix; the next synth removes it", () => {
      const dir = project();
      seedDist(dir);
      const ffs = new FaultyFs({ root: dir, faults: [{ op: 'unlink', path: /^\.dist-trash-/, code: 'EACCES' }] });
      const run = synth(dir, { dist: { ...WRITER, fs: ffs } });
      const trash = `${dir}/.dist-trash-previous-1001-ab`;
      expect(run).toMatchObject({
        code: 0,
        stdout: `${LOADED_PROJECT_RULES}wrote 26 manifests and 8 host files to ${run.outdir}/\n`,
        stderr:
          `warning: ${run.outdir}/ holds the new manifests, but the previous one could not be removed from ${trash} (EACCES); ` +
          `make it writable and delete it (\`chmod -R u+w ${trash} && rm -r ${trash}\`); the next synth tries again\n` +
          NO_UPSTREAM_WARNING,
      });
      expect(readTree(run.outdir)).toEqual(fresh(dir));
      expect(leftovers(dir)).toEqual(['.dist-trash-previous-1001-ab']);

      const next = synth(dir);
      expect(next.code).toBe(0);
      expect(next.stderr).toBe(`warning: removed what earlier synths left beside ${run.outdir}/: .dist-trash-previous-1001-ab\n${NO_UPSTREAM_WARNING}`);
      expect(leftovers(dir)).toEqual([]);
    });

    it('the disk is full while writing (ENOSPC): exit 1, dist/ as it was, the staging folder removed', () => {
      const dir = project();
      const before = seedDist(dir);
      const ffs = new FaultyFs({ root: dir, faults: [{ op: 'writeFile', path: /^\.dist-staging-.*\/cluster\//, code: 'ENOSPC' }] });
      const run = synth(dir, { dist: { ...WRITER, fs: ffs } });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        new RegExp(
          `^error: ${dir}/\\.dist-staging-1001-ab/cluster/[^:]+\\.yaml: cannot write the new ${run.outdir}/ there \\(ENOSPC: no space left on device\\)\\. ` +
            `Fix: free space on the file system that holds ${dir}/\\.dist-staging-1001-ab/cluster/[^ ]+\\.yaml, then run synth again\\n${run.outdir}/ was left as it was\\.\\n$`,
        ),
      );
      expect(readTree(run.outdir)).toEqual(before);
      expect(leftovers(dir)).toEqual([]);
    });

    it('the swap fails and so does putting the previous dist/ back: exit 1, says dist/ is missing and where it is; the next synth restores it first', () => {
      const dir = project();
      const before = seedDist(dir);
      const ffs = new FaultyFs({
        root: dir,
        faults: [
          { op: 'rename', path: /^\.dist-staging-/, code: 'EXDEV' },
          { op: 'rename', path: /^\.dist-previous-/, code: 'EACCES' },
        ],
      });
      const run = synth(dir, { dist: { ...WRITER, fs: ffs } });
      const dist = run.outdir;
      const previous = `${dir}/.dist-previous-1001-ab`;
      expect(run).toMatchObject({
        code: 1,
        stdout: '',
        stderr:
          `error: ${dir}/.dist-staging-1001-ab: cannot be renamed to ${dist} (EXDEV: cross-device link not permitted), ` +
          `and the previous ${dist}/ could not be put back from ${previous} (EACCES); ${dist}/ is missing until the next synth restores it (or \`mv ${previous} ${dist}\`). ` +
          `Fix: check ${dir}/.dist-staging-1001-ab (\`ls -ld ${dir}/.dist-staging-1001-ab\`), then run synth again\n`,
      });
      expect(fs.existsSync(dist)).toBe(false);

      // The next synth, whose own write fails early, has restored the previous dist/ first.
      const failing = new FaultyFs({ root: dir, faults: [{ op: 'writeFile', path: /^\.dist-staging-/, code: 'ENOSPC' }] });
      const next = synth(dir, { dist: { pid: 2002, hostname: 'h', isAlive: () => false, fs: failing } });
      expect(next.code).toBe(1);
      expect(next.stderr).toMatch(
        new RegExp(`^warning: a synth \\(pid 1001, started 2026-01-02T03:04:05\\.000Z\\) was interrupted while replacing ${dist}/; restored ${dist}/ as it was before that synth`),
      );
      expect(readTree(dist)).toEqual(before);
      expect(leftovers(dir)).toEqual([]);
    });

    describe('two synths at once', () => {
      it('the second, started while the first swaps, waits (bounded), then fails naming the first; the first completes; dist/ is the first one\'s, nothing left', () => {
        const dir = project();
        seedDist(dir);
        let second: SynthRun | undefined;
        const sleeps: number[] = [];
        let clock = Date.UTC(2026, 0, 2, 3, 4, 6);
        const first = synth(dir, {
          dist: {
            ...WRITER,
            fs: new FaultyFs({
              root: dir,
              // Just before the first synth's swap, a second synth (another pid) runs to its end.
              before: (_step, op, args) => {
                if (second !== undefined || op !== 'rename' || path.basename(args[0]!) !== 'dist') return;
                second = synth(dir, {
                  dist: {
                    pid: 2002,
                    hostname: 'h',
                    isAlive: (pid) => pid === 1001,
                    now: () => clock,
                    sleep: (ms) => {
                      sleeps.push(ms);
                      clock += ms;
                    },
                    waitMs: 2000,
                    pollMs: 500,
                  },
                });
              },
            }),
          },
        });
        expect(second).toMatchObject({
          code: 1,
          stdout: '',
          stderr:
            `error: ${first.outdir}/: another synth is running (pid 1001, since 2026-01-02T03:04:05.000Z); waited 2 s for it. ` +
            `Fix: let it finish, then run synth again; if that process is not a synth (or runs on another host and has died), delete ${dir}/.dist.lock\n` +
            `${first.outdir}/ was left as it was.\n`,
        });
        expect(sleeps).toEqual([500, 500, 500, 500]);
        expect(first).toMatchObject({ code: 0, stdout: `${LOADED_PROJECT_RULES}wrote 26 manifests and 8 host files to ${first.outdir}/\n`, stderr: NO_UPSTREAM_WARNING });
        expect(readTree(first.outdir)).toEqual(fresh(dir));
        expect(leftovers(dir)).toEqual([]);
      });

      it('the second goes ahead as soon as the first releases the lock', () => {
        const dir = project();
        seedDist(dir);
        const lock = path.join(dir, '.dist.lock');
        fs.writeFileSync(lock, `${JSON.stringify({ pid: 4242, hostname: 'h', startedAt: '2026-01-02T03:04:00.000Z' })}\n`);
        const sleeps: number[] = [];
        const run = synth(dir, {
          dist: {
            ...WRITER,
            isAlive: (pid) => pid === 4242,
            sleep: (ms) => {
              sleeps.push(ms);
              if (sleeps.length === 2) fs.unlinkSync(lock);
            },
          },
        });
        expect(run.code).toBe(0);
        expect(sleeps).toEqual([100, 100]);
        expect(readTree(run.outdir)).toEqual(fresh(dir));
        expect(leftovers(dir)).toEqual([]);
      });

      it("the lock of a synth that is no longer running is taken over at once", () => {
        const dir = project();
        seedDist(dir);
        fs.writeFileSync(path.join(dir, '.dist.lock'), `${JSON.stringify({ pid: 4242, hostname: 'h', startedAt: '2026-01-02T03:04:00.000Z' })}\n`);
        const sleeps: number[] = [];
        const run = synth(dir, { dist: { ...WRITER, isAlive: () => false, sleep: (ms) => void sleeps.push(ms) } });
        expect(run).toMatchObject({ code: 0, stderr: NO_UPSTREAM_WARNING });
        expect(sleeps).toEqual([]);
        expect(readTree(run.outdir)).toEqual(fresh(dir));
        expect(leftovers(dir)).toEqual([]);
      });
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
        // cdk8s-cli's own line follows, blaming the folder: announced as the same failure.
        expect(run.stderr).toMatch(
          new RegExp(`\\n${escapeRegExp(run.outdir)}/ was left as it was\\.\\ncdk8s synth reports this failure next as "synthesis failed, app expected to create ${escapeRegExp(cdk8sOut)}"\\.\\n$`),
        );
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
    const vendor = await cli(['vendor', '--from', lockedFilesMirror()], { cwd: dir });
    expect(vendor.stderr).toBe('');
    expect(vendor.code).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'rules', 'upstream')).sort()).toEqual([
      'falco-incubating_rules.yaml',
      'falco-sandbox_rules.yaml',
      'falco_rules.yaml',
      'k8s_audit_rules.yaml',
    ]);
    const run = synth(dir);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain('no upstream Falco rules vendored');
    // It says which files it loaded, in Falco's load order: upstream in lock order, then the project's.
    expect(run.stdout).toContain(
      'loaded 4 rule files, in order: rules/upstream/falco_rules.yaml, rules/upstream/falco-incubating_rules.yaml, ' +
        'rules/upstream/falco-sandbox_rules.yaml, rules/falco-gitops_rules.yaml\n',
    );
    const files = readTree(run.outdir);
    const upstream = YAML.parse(files['cluster/configmap.secured-ns.falco-gitops-rules-upstream.yaml']!);
    expect(Object.keys(upstream.data)).toEqual(['00-falco_rules.yaml', '01-falco-incubating_rules.yaml', '02-falco-sandbox_rules.yaml']);
    const falco = YAML.parse(YAML.parse(files['cluster/helmchart.kube-system.falco.yaml']!).spec.valuesContent);
    expect(falco.falco.rules_files).toEqual(['/etc/falco/falco-gitops/00-upstream', '/etc/falco/falco-gitops/01-project', '/etc/falco/falco-gitops/02-metadata-guard']);
    // k8s_audit_rules.yaml goes to the audit Falco only, in its own ConfigMap.
    const auditUpstream = YAML.parse(files['cluster/configmap.secured-ns.falco-gitops-k8saudit-rules-upstream.yaml']!);
    expect(Object.keys(auditUpstream.data)).toEqual(['00-k8s_audit_rules.yaml']);
    const audit = YAML.parse(YAML.parse(files['cluster/helmchart.kube-system.falco-k8saudit.yaml']!).spec.valuesContent);
    expect(audit.falco.rules_files).toEqual(['/etc/falco/falco-gitops-k8saudit/00-upstream', '/etc/falco/falco-gitops-k8saudit/01-project']);
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
