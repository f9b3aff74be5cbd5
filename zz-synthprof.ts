import * as path from 'node:path';
import { stackProps } from './main';
import { FalcoGitopsStack } from './lib/stack/falco-gitops-stack';
import { synthesizeStack } from './lib/synth/synthesize';
import { writeDist } from './lib/synth/write-dist';
import { tempProject } from './test/synth/synth-helpers';
const project = tempProject({ vendorUpstream: true });
const outdir = path.join(project, 'dist');
const times: number[] = [];
for (let i = 0; i < 25; i++) {
  const t0 = performance.now();
  const result = synthesizeStack((app) => new FalcoGitopsStack(app, 'FalcoGitops', stackProps, { baseDir: project }));
  writeDist(outdir, result.files);
  times.push(performance.now() - t0);
}
console.log(times.map((t) => t.toFixed(0)).join(' '));
