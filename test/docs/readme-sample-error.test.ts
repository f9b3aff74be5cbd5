/**
 * The README's sample of an invalid prop is what synth prints for it, word for word (it once
 * listed the refused 'ebpf' among the valid driver kinds).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FalcoGitopsStack, type FalcoGitopsStackProps } from '../../lib/stack';
import { runSynth } from '../../lib/synth';
import { REPO_ROOT } from '../support/shared-dir';

describe('README: the sample error of an invalid prop', () => {
  it('is exactly what synth prints for falco.driverKind "ebfp"', () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const sample = /```\n(error: invalid stack props[\s\S]*?)```/.exec(readme)?.[1];
    expect(sample).toBeDefined();
    let stderr = '';
    const props: FalcoGitopsStackProps = { argocd: { repoUrl: 'https://github.com/acme/x.git' }, falco: { driverKind: 'ebfp' as never } };
    const code = runSynth((app) => new FalcoGitopsStack(app, 'FalcoGitops', props), {
      argv: [],
      env: {},
      outdir: 'dist',
      out: () => undefined,
      err: (line) => void (stderr += `${line}\n`),
    });
    expect(code).toBe(1);
    expect(stderr).toBe(sample);
    expect(sample).not.toMatch(/'ebpf'/);
  });
});
