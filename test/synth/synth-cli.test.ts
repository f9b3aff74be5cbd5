import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import * as YAML from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { stackProps } from '../../main';
import { lintRuleTexts } from '../../lib/rules';
import { REPO_ROOT, UPSTREAM_RULE_FILES } from '../support/shared-dir';
import { validateManifests } from '../support/manifest-validation';
import { LIB, objectsOf, readTree, runCdk8sSynth, synthStack, tempProject } from './synth-helpers';

const created: string[] = [];
afterAll(() => {
  for (const dir of created) fs.rmSync(dir, { recursive: true, force: true });
});
function project(options: Parameters<typeof tempProject>[0] = {}): string {
  const dir = tempProject(options);
  created.push(dir);
  return dir;
}

/** A main.ts with the given props (as TypeScript source), importing the checkout's lib/. */
function mainWithProps(propsSource: string): string {
  return [
    `import { FalcoGitopsStack, runSynth } from ${JSON.stringify(LIB)};`,
    `const props: any = ${propsSource};`,
    `process.exitCode = runSynth((app) => new FalcoGitopsStack(app, 'FalcoGitops', props));`,
  ].join('\n');
}

/** Puts a previous dist/ in place, to check that a failed synth leaves it untouched. */
function seedDist(dir: string): Record<string, string> {
  fs.mkdirSync(path.join(dir, 'dist', 'cluster'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'dist', 'cluster', 'previous.yaml'), 'kind: Previous\n');
  return readTree(path.join(dir, 'dist'));
}

function expectNoStackTrace(output: string): void {
  expect(output).not.toMatch(/^\s+at .+[:(]/m);
  expect(output).not.toMatch(/Error: command .* returned a non-zero exit code/);
}

describe('cdk8s synth, end to end', () => {
  it('writes dist/ offline, identical to the in-memory synthesis', () => {
    const dir = project();
    seedDist(dir);
    const run = runCdk8sSynth(dir);
    expect(run.stderr).toBe(
      "warning: no upstream Falco rules vendored (the lock file's vendorDir holds none of the locked files): " +
        "dist/ carries only the project's rules. Run `npm run rules:vendor` to ship the scoped default rules.\n" +
        'wrote 12 manifests to dist/\n',
    );
    expect(run.status).toBe(0);
    const expected = Object.fromEntries(synthStack(stackProps, dir).files.map((f) => [f.path, f.content]));
    // The stale file of the previous dist/ is gone: dist/ holds exactly the synthesized files.
    expect(readTree(path.join(dir, 'dist'))).toEqual(expected);
    expect(fs.readdirSync(dir).filter((name) => name.startsWith('.dist-'))).toEqual([]);
  });

  it('fails when a prop is invalid: one message, no stack trace, dist/ untouched', () => {
    const dir = project({
      mainSource: mainWithProps(`{ argocd: { repoUrl: 'https://github.com/acme/x.git' }, falco: { driverKind: 'ebfp' } }`),
    });
    const before = seedDist(dir);
    const run = runCdk8sSynth(dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      `error: invalid stack props (1 problem):\n  - falco.driverKind: received "ebfp"; must be one of 'modern_ebpf', 'kmod', 'auto' (the falco chart 9.x dropped the legacy 'ebpf' probe).`,
    );
    expect(run.stderr).toContain('dist/ was left as it was.');
    expectNoStackTrace(run.stdout + run.stderr);
    expect(readTree(path.join(dir, 'dist'))).toEqual(before);
  });

  it('fails when a token is in the props, without printing it', () => {
    const token = ['7654321098', 'AAEhBOweik6ad9r_QXMENQjcrGbqCr4K-ra'].join(':');
    const dir = project({
      mainSource: mainWithProps(`{ argocd: { repoUrl: 'https://github.com/acme/x.git' }, falcosidekick: { telegram: { secretName: ${JSON.stringify(token)} } } }`),
    });
    const before = seedDist(dir);
    const run = runCdk8sSynth(dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('falcosidekick.telegram.secretName: received "7654…(46 characters)"; looks like a Telegram bot token');
    expect(run.stdout + run.stderr).not.toContain(token);
    expect(readTree(path.join(dir, 'dist'))).toEqual(before);
  });

  it('fails when a project rule file is broken, naming file:line:col, dist/ untouched', () => {
    const dir = project();
    fs.writeFileSync(
      path.join(dir, 'rules', 'zz-broken_rules.yaml'),
      '- rule: Broken\n  desc: d\n  condition: proc.name = cat and and\n  output: o\n  priority: WARNING\n',
    );
    const before = seedDist(dir);
    const run = runCdk8sSynth(dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/error: rule files: \d+ error\(s\); Falco would refuse to start with these rules:\n {2}rules\/zz-broken_rules\.yaml:3:\d+: error: /);
    expectNoStackTrace(run.stdout + run.stderr);
    expect(readTree(path.join(dir, 'dist'))).toEqual(before);
  });

  it('fails when a vendored upstream file does not match the lock, naming it', () => {
    const dir = project({ vendorUpstream: true });
    fs.appendFileSync(path.join(dir, 'rules', 'upstream', 'falco_rules.yaml'), '\n# edited in place\n');
    const before = seedDist(dir);
    const run = runCdk8sSynth(dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('rules/upstream/falco_rules.yaml: sha256 mismatch: expected 1c15d5d543635b76e31cca39d7df8bf4caf50a428613c314d92986a23bfcb617');
    expect(run.stderr).toContain("Run 'npm run rules:vendor' to restore the locked upstream rules.");
    expect(readTree(path.join(dir, 'dist'))).toEqual(before);
  });

  it('fails with a usage error when main.ts is given arguments', () => {
    const run = spawnSync(process.execPath, ['--require', 'tsx/cjs', 'main.ts', '--driver', 'kmod'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'error: main.ts takes no arguments, received "--driver" "kmod". Fix: change the stack in main.ts and run `npx cdk8s synth` (or `npm run synth`).\n',
    );
  });
});

describe('vendoring the upstream rules from a local folder, then synthesizing', () => {
  it('renders the scoped upstream ConfigMap and the Falco values that load it', () => {
    const dir = project();
    const vendor = spawnSync(
      process.execPath,
      ['--require', 'tsx/cjs', path.join(REPO_ROOT, 'scripts', 'vendor-rules.ts'), '--from', path.dirname(UPSTREAM_RULE_FILES[0]!)],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(vendor.stderr).toBe('');
    expect(vendor.status).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'rules', 'upstream')).sort()).toEqual([
      'falco-incubating_rules.yaml',
      'falco-sandbox_rules.yaml',
      'falco_rules.yaml',
    ]);
    const run = runCdk8sSynth(dir);
    expect(run.status).toBe(0);
    expect(run.stderr).not.toContain('no upstream Falco rules vendored');
    const files = readTree(path.join(dir, 'dist'));
    const upstream = YAML.parse(files['cluster/configmap.secured-ns.falco-gitops-rules-upstream.yaml']!);
    expect(Object.keys(upstream.data)).toEqual(['00-falco_rules.yaml', '01-falco-incubating_rules.yaml', '02-falco-sandbox_rules.yaml']);
    const falco = YAML.parse(YAML.parse(files['cluster/helmchart.kube-system.falco.yaml']!).spec.valuesContent);
    expect(falco.falco.rules_files).toEqual(['/etc/falco/falco-gitops/00-upstream', '/etc/falco/falco-gitops/01-project']);
  });
});

describe('scope props that name nothing', () => {
  it('fails when an exclusion names no rule, with the prop and the fix', () => {
    const dir = project({
      mainSource: mainWithProps(`{ argocd: { repoUrl: 'https://github.com/acme/x.git' }, rules: { scope: { excludeRules: ['Terminal Shell with cat Command in Containr'] } } }`),
    });
    const before = seedDist(dir);
    const run = runCdk8sSynth(dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('error: invalid rules.scope:\n  - ');
    expect(run.stderr).toContain('Terminal Shell with cat Command in Containr');
    expect(run.stderr).toContain('Fix: correct rules.scope in main.ts');
    expectNoStackTrace(run.stdout + run.stderr);
    expect(readTree(path.join(dir, 'dist'))).toEqual(before);
  });

  it('fails when a scoped file names no rule file', () => {
    expect(() => synthStack({ ...stackProps, rules: { scope: { files: ['no-such_rules.yaml'] } } })).toThrow(
      /^invalid rules\.scope:\n {2}- .*no-such_rules\.yaml/,
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
    ]);
  });

  it('ships rule files that lint clean together, as Falco loads them', () => {
    const project = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'falco-gitops-rules-project')!;
    const files = [...Object.entries(upstream.data), ...Object.entries(project.data)].map(([name, text]) => ({
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
