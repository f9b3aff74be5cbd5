import * as path from 'node:path';
import type { App } from 'cdk8s';
import { isUserError } from '../core';
import { synthesizeStack, type SynthesizableStack } from './synthesize';
import { mirrorFiles, writeDist } from './write-dist';

export interface RunSynthOptions {
  /** Command-line arguments after the script. @default process.argv.slice(2) */
  readonly argv?: readonly string[];
  /** The folder to (re)write. @default 'dist' */
  readonly outdir?: string;
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** @default process.stdout / process.stderr */
  readonly out?: (line: string) => void;
  readonly err?: (line: string) => void;
}

/**
 * The synth entry point behind `main.ts`: synthesize, write `dist/` all-or-nothing, report.
 * Returns the process exit code: 0 written, 1 user error (message only, no stack trace; `dist/`
 * untouched), 2 usage error.
 */
export function runSynth(build: (app: App) => SynthesizableStack, options: RunSynthOptions = {}): number {
  const argv = options.argv ?? process.argv.slice(2);
  const env = options.env ?? process.env;
  const out = options.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err = options.err ?? ((line: string) => process.stderr.write(`${line}\n`));
  const outdir = options.outdir ?? 'dist';
  // Run by `cdk8s synth`, which deletes CDK8S_OUTDIR before starting the app and lists it afterwards.
  const cdk8sOutdir = env.CDK8S_OUTDIR;

  if (argv.length > 0) {
    err(`error: main.ts takes no arguments, received ${argv.map((a) => JSON.stringify(a)).join(' ')}. ` +
      'Fix: change the stack in main.ts and run `npx cdk8s synth` (or `npm run synth`).');
    return 2;
  }

  let result;
  try {
    result = synthesizeStack(build);
  } catch (error) {
    if (!isUserError(error)) throw error;
    err(`error: ${error.message}`);
    err(`${outdir}/ was left as it was.`);
    // Under `cdk8s synth` a failing app makes the CLI print its own stack trace after our message.
    // Exiting 0 without creating CDK8S_OUTDIR instead makes it print one line ("synthesis failed")
    // and exit 1, so the user sees only the message above.
    return cdk8sOutdir ? 0 : 1;
  }

  writeDist(outdir, result.files);
  if (cdk8sOutdir && path.resolve(cdk8sOutdir) !== path.resolve(outdir)) mirrorFiles(cdk8sOutdir, result.files);
  for (const warning of result.warnings) err(`warning: ${warning}`);
  // `cdk8s synth` swallows the app's stdout, so there the summary goes to stderr.
  (cdk8sOutdir ? err : out)(`wrote ${result.files.length} manifests to ${outdir}/`);
  return 0;
}
