/**
 * Every command README.md shows is run here as printed, in-process, in the order printed, on a
 * copy of the fixture project (a deployment repository as cloned): the ```sh blocks line by line
 * and each inline `npm …`, `npx …`, `node …`, `falco-gitops …`, `kubectl …`, `helm …`, `git …`.
 * A command the test cannot run is listed in NOT_RUN with the reason; a command that is neither
 * run nor listed fails the test, and so does a listed command the README no longer shows.
 *
 * How a command runs without a new process (the one spawned run per executable is test/smoke):
 * `npx falco-gitops ARGS` and `node bin/falco-gitops.js ARGS` call the CLI's `main(ARGS, io)`;
 * `npm run NAME [-- ARGS]` reads package.json's script and runs that; the synth app
 * (`node --require ./bin/synth-preload.js main.ts`, the `synth` script) imports the project's
 * main.ts and calls `runSynth` with its exported stackProps, as main.ts does when run. Globs expand
 * as bash expands them (sorted), `> FILE` writes stdout to FILE, `&&` stops at the first failure.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../lib/cli';
import { FalcoGitopsStack, type FalcoGitopsStackProps } from '../../lib/stack';
import { runSynth } from '../../lib/synth';
import { cli, type CliRun } from '../cli/cli-helpers';
import { K8SAUDIT_RULES_FILE, REPO_ROOT, UPSTREAM_RULE_FILES } from '../support/shared-dir';
import { tempProject } from '../synth/synth-helpers';

const README = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
const SCRIPTS = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
const SYNTH_APP = /^app: (.+)$/m.exec(fs.readFileSync(path.join(REPO_ROOT, 'cdk8s.yaml'), 'utf8'))?.[1];

const CLUSTER = 'needs a Kubernetes cluster with the stack synced; nothing of falco-gitops runs in it';

/** Commands the README shows that this test does not run, and why. */
const NOT_RUN: Readonly<Record<string, string>> = {
  'npm ci': 'installs node_modules from the npm registry (network); this suite runs in an installed checkout',
  'npm test': 'the suite this test is part of',
  'npm run build': "`npm test`'s pretest runs exactly this before the first test",
  'npm run bench': 'measures wall times; timings are no test (the brief: none in tests)',
  'node -e 0': "Node's own start-up, the baseline of the timing table (`npm run bench` measures it)",
  'npm run rules:vendor':
    'downloads from raw.githubusercontent.com (network); the same code is tested against a local server in test/cli/vendor-command.test.ts, and `--from ./mirror` runs here',
  'npx cdk8s synth --check-upgrade=false': 'a new process of the cdk8s CLI: the one spawned run of it is test/smoke/executables.test.ts',
  'cdk8s synth': 'the cdk8s CLI command named in prose; it runs as `npx cdk8s synth --check-upgrade=false` in test/smoke',
  'git add .gitignore rules/upstream dist': "records the user's change in Git; nothing of falco-gitops runs",
  "sed -i '\\#^/rules/upstream/$#d' .gitignore":
    "edits the deployment repository's .gitignore; test/docs/readme-vendor-steps.test.ts applies the same sed address to this .gitignore",
  'npm run typecheck': 'the type checker of the whole project (~20 s), named in prose as the alternative to checking prop types at synth; CI runs it',
  'git commit': "records the user's change in Git; nothing of falco-gitops runs",
  'helm uninstall': "what the helm-controller runs after a failed upgrade, described in prose; not the user's to run",
  'helm -n secured-ns rollback falco': CLUSTER,
  'falco-gitops drift --metrics http://127.0.0.1:8765/metrics':
    "reads a Falco pod's /metrics through `kubectl port-forward` (a cluster); the same command runs against a local server on 127.0.0.1 and saved files in test/cli/drift-command.test.ts",
};
/** Every `kubectl …` needs the cluster; listing each would only copy the README. */
const notRunReason = (command: string): string | undefined => NOT_RUN[command] ?? (command.startsWith('kubectl ') ? CLUSTER : undefined);

/** The commands of the ```sh blocks, in order: comments dropped, `\` continuations joined, `&&` split. */
function fencedCommands(markdown: string): string[] {
  const commands: string[] = [];
  for (const block of markdown.matchAll(/^```sh\n([\s\S]*?)^```$/gm)) {
    const lines = (block[1] ?? '').replace(/\\\n\s*/g, ' ').split('\n');
    for (const line of lines) {
      const code = withoutComment(line).trim();
      if (code !== '') commands.push(...splitAnd(code));
    }
  }
  return commands;
}

/** The inline code spans outside fenced blocks that are commands (a tool and at least one argument). */
function inlineCommands(markdown: string): string[] {
  const prose = markdown.replace(/^```[\s\S]*?^```$/gm, '');
  return [...prose.matchAll(/`([^`\n]+)`/g)]
    .map((m) => (m[1] ?? '').trim())
    .filter((span) => /^(npm|npx|node|falco-gitops|kubectl|helm|git|cdk8s) \S/.test(span));
}

/** `a && b` as `a`, `b`; an `&&` inside quotes (`bash -c 'x && y'`) is part of its word. */
function splitAnd(line: string): string[] {
  const parts: string[] = [];
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (line.startsWith(' && ', i)) {
      parts.push(line.slice(start, i).trim());
      start = i + 4;
      i += 3;
    }
  }
  parts.push(line.slice(start).trim());
  return parts;
}

/** The ```text blocks that show a command's synopsis (`falco-gitops scope --namespace …`), joined to one line. */
function synopsisBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```text\n(falco-gitops [\s\S]*?)^```$/gm)].map((m) => (m[1] ?? '').replace(/\s+/g, ' ').trim());
}

/** A line without its `# comment` (a `#` after whitespace, outside quotes). */
function withoutComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) return line.slice(0, i);
  }
  return line;
}

/** Words as bash splits them (quotes removed), globs expanded in `cwd`, and a `> FILE` redirect. */
function parse(command: string, cwd: string): { argv: string[]; redirect?: string } {
  const words = [...command.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => ({ text: m[1] ?? m[2] ?? m[3] ?? '', quoted: m[3] === undefined }));
  const argv: string[] = [];
  let redirect: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (!word.quoted && word.text === '>') {
      redirect = words[++i]?.text;
      continue;
    }
    argv.push(...(word.quoted ? [word.text] : expandGlob(word.text, cwd)));
  }
  return redirect === undefined ? { argv } : { argv, redirect };
}

/** bash's pathname expansion of a `*` in the last segment (sorted; no match leaves the word as is). */
function expandGlob(word: string, cwd: string): string[] {
  if (!word.includes('*')) return [word];
  const dir = path.posix.dirname(word);
  const pattern = new RegExp(`^${path.posix.basename(word).replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);
  const full = path.join(cwd, dir);
  const matches = fs.existsSync(full)
    ? fs.readdirSync(full).filter((name) => !name.startsWith('.') && pattern.test(name)).sort().map((name) => path.posix.join(dir, name))
    : [];
  return matches.length > 0 ? matches : [word];
}

/** Runs one command line in-process in `cwd` (see the header), as the README prints it. */
async function run(command: string, cwd: string): Promise<CliRun> {
  const { argv, redirect } = parse(command, cwd);
  const result = await runArgv(argv, cwd);
  if (redirect !== undefined) {
    fs.writeFileSync(path.join(cwd, redirect), result.stdout);
    return { ...result, stdout: '' };
  }
  return result;
}

async function runArgv(argv: readonly string[], cwd: string): Promise<CliRun> {
  const [tool, ...args] = argv;
  const loadTypeScript = (file: string) => import(file);
  if (tool === 'npx' && args[0] === 'falco-gitops') return cli(args.slice(1), { cwd, loadTypeScript });
  if (tool === 'falco-gitops') return cli(args, { cwd, loadTypeScript });
  if (tool === 'node' && args[0] === 'bin/falco-gitops.js') return cli(args.slice(1), { cwd, loadTypeScript });
  if (argv.join(' ') === SYNTH_APP) return synth(cwd);
  if (tool === 'npm' && args[0] === 'run' && args[1] !== undefined) {
    const script = SCRIPTS[args[1]];
    if (script === undefined) throw new Error(`package.json has no script '${args[1]}'`);
    const extra = args[2] === '--' ? args.slice(3) : args.slice(2);
    return runArgv([...parse(script, cwd).argv, ...extra], cwd);
  }
  throw new Error(`the README test does not know how to run \`${argv.join(' ')}\`: run it here or list it in NOT_RUN with the reason`);
}

/** The synth app: main.ts's stackProps through runSynth, as main.ts does when it is run. */
async function synth(cwd: string): Promise<CliRun> {
  const { stackProps } = (await import(path.join(cwd, 'main.ts'))) as { stackProps: FalcoGitopsStackProps };
  let stdout = '';
  let stderr = '';
  const code = runSynth((app) => new FalcoGitopsStack(app, 'FalcoGitops', stackProps, { baseDir: cwd }), {
    argv: [],
    env: {},
    outdir: path.join(cwd, 'dist'),
    out: (line) => void (stdout += `${line}\n`),
    err: (line) => void (stderr += `${line}\n`),
  });
  // Messages name dist/ as the user's `npm run synth` does (runSynth prints the folder it was given).
  return { code, stdout: stdout.split(`${path.join(cwd, 'dist')}/`).join('dist/'), stderr };
}

/** A command's name or synopsis (`falco-gitops vendor [--from DIR|URL] …`): the command and each flag exist. */
async function checkSynopsis(command: string, cwd: string): Promise<void> {
  const words = command.replace(/^(npx |node bin\/)?falco-gitops(\.js)? /, '').split(/\s+/);
  const listed = [...(await cli(['--help'], { cwd })).stdout.matchAll(/^ {2}([a-z]+) (?:\[options\]|<)/gm)].map((m) => m[1]!);
  expect(listed).toHaveLength(COMMANDS.length);
  const names = words[0] === '<command>' ? listed : [words[0]!];
  for (const name of names) {
    const help = await cli([name, '--help'], { cwd });
    expect(help.code, `${command}: falco-gitops ${name} --help`).toBe(0);
    for (const flag of command.match(/--[a-z-]+/g) ?? []) expect(help.stdout, `${command}: ${flag}`).toContain(flag);
  }
}

const isSynopsis = (command: string): boolean =>
  /^(npx |node bin\/)?falco-gitops(\.js)? /.test(command) && (/[<[…]|\.\.\./.test(command) || /^(npx |node bin\/)?falco-gitops(\.js)? [a-z]+$/.test(command));

const created: string[] = [];
afterAll(() => {
  for (const dir of created) fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * A fresh clone of a deployment repository: the fixture project's rules, lock and props, a main.ts
 * shaped like the shipped one, and `./mirror`, the folder the README's `--from ./mirror` names,
 * holding the four locked files (the three falco-rules files and k8s_audit_rules.yaml, from
 * ../shared, as a mirror would).
 */
function clone(): string {
  const dir = tempProject();
  created.push(dir);
  fs.copyFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'project', 'stack-props.ts'), path.join(dir, 'stack-props.ts'));
  fs.writeFileSync(
    path.join(dir, 'main.ts'),
    "import { FalcoGitopsStack, runSynth, type FalcoGitopsStackProps } from 'falco-gitops';\n" +
      "import { stackProps as props } from './stack-props';\n\n" +
      'export const stackProps: FalcoGitopsStackProps = props;\n\n' +
      "if (require.main === module) {\n  process.exitCode = runSynth((app) => new FalcoGitopsStack(app, 'FalcoGitops', stackProps));\n}\n",
  );
  fs.mkdirSync(path.join(dir, 'mirror'));
  for (const file of [...UPSTREAM_RULE_FILES, K8SAUDIT_RULES_FILE]) fs.copyFileSync(file, path.join(dir, 'mirror', path.basename(file)));
  return dir;
}

describe('the commands of README.md, run as printed', () => {
  const fenced = fencedCommands(README);
  const inline = inlineCommands(README);

  it('finds the commands (the extraction itself works)', () => {
    expect(fenced.slice(0, 4)).toEqual(['npm ci', 'npm run synth', 'npm test', 'npm run check']);
    expect(fenced).toContain('npx falco-gitops lint rules/*.yaml');
    expect(inline).toContain('npm run build');
  });

  it('runs every ```sh command in order on a fresh clone, each exiting 0, or lists why it cannot', async () => {
    const dir = clone();
    const results: { command: string; result: CliRun }[] = [];
    for (const command of fenced) {
      if (notRunReason(command) !== undefined) continue;
      const result = await run(command, dir);
      expect({ command, code: result.code, stderr: result.code === 0 ? '' : result.stderr }).toEqual({ command, code: 0, stderr: '' });
      results.push({ command, result });
    }
    const outputOf = (command: string, nth = 0) => results.filter((r) => r.command === command)[nth]?.result;
    // The README's first two commands: synth on a fresh clone loads the project's rule file and writes dist/.
    expect(outputOf('npm run synth')?.stdout).toBe(
      'loaded 1 rule file, in order: rules/falco-gitops_rules.yaml\n' +
        'loaded 1 audit rule file (the audit Falco), in order: rules-k8saudit/falco-gitops_k8saudit_rules.yaml\n' +
        'wrote 26 manifests and 8 host files to dist/\n',
    );
    expect(outputOf('npm run check')?.stdout).toMatch(/\ndist\/ is up to date\n$/);
    // The README's first CLI command, on a fresh clone: clean.
    expect(outputOf('npx falco-gitops lint rules/*.yaml')).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(JSON.parse(outputOf('npx falco-gitops lint --format json rules/falco-gitops_rules.yaml')?.stdout ?? '')).toMatchObject({ errorCount: 0, warningCount: 0 });
    expect(fs.readFileSync(path.join(dir, 'scoped.yaml'), 'utf8')).toContain('- macro: falco_gitops_scope\n');
    // After vendoring from the mirror, synth loads the upstream files first, and the full lint shows upstream's 3 warnings.
    expect(outputOf('npm run synth', 1)?.stdout).toMatch(
      /^loaded 4 rule files, in order: rules\/upstream\/falco_rules\.yaml, rules\/upstream\/falco-incubating_rules\.yaml, rules\/upstream\/falco-sandbox_rules\.yaml, rules\/falco-gitops_rules\.yaml\n/,
    );
    expect(results.find((r) => r.command.startsWith('npx falco-gitops lint rules/upstream/'))?.result.stdout).toMatch(/\n0 errors, 3 warnings\n$/);
    expect(outputOf('npm run synth', 1)?.stdout).toMatch(
      /\nloaded 2 audit rule files \(the audit Falco\), in order: rules\/upstream\/k8s_audit_rules\.yaml, rules-k8saudit\/falco-gitops_k8saudit_rules\.yaml\n/,
    );
    expect(outputOf('npm run check', 1)?.stdout).toMatch(
      /^loaded 4 rule files, .*\nloaded 2 audit rule files .*\nmain\.ts synthesizes: 28 manifests and 8 host files\nmanifests are valid: [^\n]*; Helm values against falco-9\.1\.0, falcosidekick-0\.14\.0, kube-prometheus-stack-88\.5\.3\ndist\/ is up to date\n$/,
    );
  });

  it('runs every inline command, checks every synopsis against the help, or lists why it cannot', async () => {
    const dir = clone();
    expect((await run('npm run synth', dir)).code).toBe(0);
    for (const command of inline) {
      if (notRunReason(command) !== undefined) continue;
      if (isSynopsis(command)) {
        await checkSynopsis(command, dir);
        continue;
      }
      const result = await run(command, dir);
      expect({ command, code: result.code, stderr: result.stderr }).toEqual({ command, code: 0, stderr: result.code === 0 ? result.stderr : '' });
    }
  });

  it('checks every synopsis block against the command help', async () => {
    const blocks = synopsisBlocks(README);
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) await checkSynopsis(block, REPO_ROOT);
  });

  it('lists no command the README does not show', () => {
    const shown = new Set([...fenced, ...inline]);
    expect(Object.keys(NOT_RUN).filter((command) => !shown.has(command))).toEqual([]);
  });
});
