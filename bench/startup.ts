/**
 * Whole-process start-up: the commands as a user types them, each a new process, side by side with
 * a bare `node -e 0` measured in the same run. Self-contained (no lib/ or test/ imports), so it runs
 * on its own: `npm run bench -- startup` (or `npm run bench:startup`).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { medianMs, mediansSideBySide, type BenchResult } from './measure';

const REPO_ROOT = path.resolve(__dirname, '..');
const UPSTREAM_DIR = path.resolve(REPO_ROOT, '..', 'shared', 'upstream', 'falco-rules');
const UPSTREAM_RULE_FILES = ['falco_rules.yaml', 'falco-incubating_rules.yaml', 'falco-sandbox_rules.yaml'].map((name) =>
  path.join(UPSTREAM_DIR, name),
);

/** Runs a command to completion; a failing run would be fast and meaningless, so it throws. */
function runOrThrow(command: string, args: readonly string[], options: SpawnSyncOptions = {}): void {
  const run = spawnSync(command, args, { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
  if (run.error) throw run.error;
  if (run.status !== 0) {
    throw new Error(`\`${[command, ...args].join(' ')}\` exited ${run.status} in ${String(options.cwd ?? REPO_ROOT)}:\n${String(run.stderr)}`);
  }
}

async function measureCommand(name: string, command: string, args: readonly string[], runs: number, options: SpawnSyncOptions = {}) {
  const medianOf = await medianMs(() => runOrThrow(command, args, options), runs, 1);
  return { name, medianMs: medianOf, runs };
}

/**
 * A throw-away project for `npm run synth`, so the checkout's dist/ is never rewritten: its own
 * package.json, main.ts, cdk8s.yaml, the rules lock, rules/, rules-k8saudit/ and dist/ (copies), and node_modules, bin/, build/ and
 * lib/ linked to the checkout (bin/ resolves to the checkout, so the stale-build check runs there).
 */
export function synthScratchProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'falco-gitops-bench-startup-'));
  for (const name of ['node_modules', 'bin', 'build', 'lib']) fs.symlinkSync(path.join(REPO_ROOT, name), path.join(dir, name), 'dir');
  for (const name of ['package.json', 'main.ts', 'cdk8s.yaml', 'upstream-rules.lock.yaml']) fs.copyFileSync(path.join(REPO_ROOT, name), path.join(dir, name));
  for (const name of ['rules', 'rules-k8saudit', 'dist']) {
    if (fs.existsSync(path.join(REPO_ROOT, name))) fs.cpSync(path.join(REPO_ROOT, name), path.join(dir, name), { recursive: true });
  }
  return dir;
}

export async function benchStartup(): Promise<BenchResult[]> {
  const missing = UPSTREAM_RULE_FILES.filter((file) => !fs.existsSync(file));
  if (missing.length > 0) throw new Error(`the upstream rule files are missing: ${missing.join(', ')} (../shared beside the repository)`);
  const node = process.execPath;
  const cli = path.join(REPO_ROOT, 'bin', 'falco-gitops.js');

  // Side by side, one run of each per round: the target is a ratio of the two.
  const [bareMs, lintMs] = await mediansSideBySide(
    [() => runOrThrow(node, ['-e', '0']), () => runOrThrow(node, [cli, 'lint', ...UPSTREAM_RULE_FILES])],
    21,
    1,
  );
  const bare: BenchResult = { name: '`node -e 0` (Node.js start-up, for comparison)', medianMs: bareMs!, runs: 21 };
  const lint: BenchResult = { name: '`node bin/falco-gitops.js lint` of the three upstream rule files (new process each run, in turn with `node -e 0`)', medianMs: lintMs!, runs: 21 };
  const help = await measureCommand('`node bin/falco-gitops.js --help` (new process each run)', node, [cli, '--help'], 15);

  const project = synthScratchProject();
  let synth: BenchResult;
  let app: BenchResult;
  let cdk8sCli: BenchResult;
  try {
    synth = await measureCommand('README synth command, `npm run synth` with the defaults (in a scratch copy)', 'npm', ['run', 'synth'], 7, { cwd: project });
    app = await measureCommand(
      'the synth app alone, `node --require ./bin/synth-preload.js main.ts` (what cdk8s synth starts)',
      node,
      ['--require', './bin/synth-preload.js', 'main.ts'],
      7,
      { cwd: project },
    );
    cdk8sCli = await measureCommand('`cdk8s --version` (cdk8s-cli start-up alone)', node, [path.join(REPO_ROOT, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s'), '--version'], 5);
  } finally {
    fs.rmSync(project, { recursive: true, force: true });
  }

  const within = 3;
  return [
    bare,
    { ...lint, targetMs: within * bare.medianMs, target: `within ${within}x node's start-up, < ${(within * bare.medianMs).toFixed(0)} ms` },
    help,
    { ...synth, targetMs: 1000 },
    app,
    cdk8sCli,
  ];
}
