import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { stackProps } from '../main';
import { FalcoGitopsStack } from '../lib/stack/falco-gitops-stack';
import { synthesizeStack } from '../lib/synth/synthesize';
import { writeDist } from '../lib/synth/write-dist';
import { tempProject } from '../test/synth/synth-helpers';
import { medianMs, type BenchResult } from './measure';
import { synthScratchProject } from './startup';

/**
 * The app's own work, in a warm process: build the constructs, load/lint/scope rules, render, write
 * dist/. From the second run on dist/ already holds the output, so writeDist compares and writes
 * nothing, as a synth with nothing changed does.
 */
export async function benchSynthInProcess(options: { vendorUpstream: boolean }): Promise<BenchResult> {
  const project = tempProject({ vendorUpstream: options.vendorUpstream });
  const outdir = path.join(project, 'dist');
  try {
    const work = () => {
      const result = synthesizeStack((app) => new FalcoGitopsStack(app, 'FalcoGitops', stackProps, { baseDir: project }));
      writeDist(outdir, result.files);
    };
    const runs = 20;
    return {
      name: `app's own synth work, observability on${options.vendorUpstream ? ', upstream rules vendored (lint + scope of 3 upstream files)' : ', defaults (project rules only)'}`,
      medianMs: await medianMs(work, runs),
      runs,
      targetMs: 200,
    };
  } finally {
    fs.rmSync(project, { recursive: true, force: true });
  }
}

/** `npx cdk8s synth`: the same app as `npm run synth` behind the cdk8s CLI, a new process each time. */
export async function benchSynthCommand(): Promise<BenchResult> {
  // A copy that resolves 'falco-gitops' and ./bin/synth-preload.js as the checkout does.
  const project = synthScratchProject();
  try {
    const cdk8s = path.join(project, 'node_modules', '.bin', 'cdk8s');
    const env = { ...process.env, HOME: fs.mkdtempSync(path.join(os.tmpdir(), 'bench-home-')) };
    const work = () => {
      const run = spawnSync(cdk8s, ['--check-upgrade=false', 'synth'], { cwd: project, env, encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`cdk8s synth failed: ${run.stderr}`);
    };
    const runs = 5;
    return { name: '`npx cdk8s synth` (the cdk8s CLI, then the same app; new process each run)', medianMs: await medianMs(work, runs, 1), runs };
  } finally {
    fs.rmSync(project, { recursive: true, force: true });
  }
}
