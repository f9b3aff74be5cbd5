import * as path from 'node:path';
import type { App } from 'cdk8s';
import { formatInternalError, formatUserError, formatWarning, isUserError, UsageError } from '../core';
import { DistError } from './dist-error';
import type { DistWriteOptions } from './dist-env';
import { loadedRuleFileLines, writtenFilesText } from './synthesis-summary';
import { synthesizeStack, type SynthesizableStack } from './synthesize';
import { mirrorFiles, writeDist } from './write-dist';

export interface RunSynthOptions {
  /** Command-line arguments after the script. @default process.argv.slice(2) */
  readonly argv?: readonly string[];
  /** The folder to (re)write. @default 'dist' */
  readonly outdir?: string;
  /** `CDK8S_OUTDIR` (set by `cdk8s synth`) and `FALCO_GITOPS_DEBUG`. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** @default process.stdout / process.stderr */
  readonly out?: (line: string) => void;
  readonly err?: (line: string) => void;
  /** How dist/ is written: the file system, lock timing (for tests). @default the real ones */
  readonly dist?: Omit<DistWriteOptions, 'report'>;
}

/**
 * Exit status of a bug when main.ts is run without `cdk8s synth`: sysexits.h's EX_SOFTWARE, as the
 * `falco-gitops` command line exits (its ExitCode.Internal).
 */
const INTERNAL_ERROR_EXIT_CODE = 70;

/**
 * The synth entry point behind `main.ts`: synthesize, write `dist/` all-or-nothing, report.
 * Returns the process exit code: 0 written, 1 user error, 2 usage error, 70 internal error; on any
 * failure `dist/` is as it was (or, should even undoing a failed swap fail, missing, which the
 * message says; the next synth restores it: `writeDist`). Errors print as the CLI prints them: a user error as its problems,
 * no stack trace; anything else (a bug) as one line, with the stack trace only when
 * `FALCO_GITOPS_DEBUG=1`.
 */
export function runSynth(build: (app: App) => SynthesizableStack, options: RunSynthOptions = {}): number {
  const argv = options.argv ?? process.argv.slice(2);
  const env = options.env ?? process.env;
  const out = options.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err = options.err ?? ((line: string) => process.stderr.write(`${line}\n`));
  const outdir = options.outdir ?? 'dist';
  // Run by `cdk8s synth`, which deletes CDK8S_OUTDIR before starting the app and lists it afterwards.
  const cdk8sOutdir = env.CDK8S_OUTDIR;
  let distWritten = false;

  try {
    if (argv.length > 0) {
      throw new UsageError({
        subject: 'main.ts',
        received: argv.join(' '),
        problem: 'takes no arguments',
        fix: 'change the stack in main.ts and run `npm run synth`',
      });
    }
    const result = synthesizeStack(build);
    // Notes: what repairing an interrupted earlier synth did, leftovers that could not be removed.
    writeDist(outdir, result.files, { ...options.dist, report: (note) => err(`warning: ${note}`) });
    distWritten = true;
    if (cdk8sOutdir && path.resolve(cdk8sOutdir) !== path.resolve(outdir)) mirrorFiles(cdk8sOutdir, result.files);
    for (const warning of result.warnings) err(formatWarning(warning));
    // `cdk8s synth` swallows the app's stdout, so there the summary goes to stderr, followed by
    // cdk8s-cli's listing of the scratch copy: say so, so that the paths it lists are no surprise.
    const report = cdk8sOutdir ? err : out;
    // Which rule files went into dist/, in each Falco's load order: discovery never skips one silently.
    for (const line of loadedRuleFileLines(result)) report(line);
    const written = `${writtenFilesText(result)} to ${outdir}/`;
    if (cdk8sOutdir) err(`wrote ${written} (cdk8s synth lists its scratch copy in ${cdk8sOutdir}/ next)`);
    else out(`wrote ${written}`);
    return 0;
  } catch (error) {
    const userError = isUserError(error);
    err(userError ? formatUserError(error) : formatInternalError(error, env.FALCO_GITOPS_DEBUG === '1'));
    // A DistError whose distState is `missing` says itself where the previous dist/ is.
    if (!distWritten && !(error instanceof DistError && error.distState === 'missing')) err(`${outdir}/ was left as it was.`);
    // Under `cdk8s synth` a failing app makes the CLI print its own stack trace after our message.
    // Exiting 0 without creating CDK8S_OUTDIR instead makes it print one line and exit 1; that
    // line blames the missing folder, so say beforehand that it reports this same failure.
    if (cdk8sOutdir) {
      err(cdk8sFailureNote(cdk8sOutdir));
      return 0;
    }
    return userError ? error.exitCode : INTERNAL_ERROR_EXIT_CODE;
  }
}

/**
 * The line before cdk8s-cli's own report of a failed app (cdk8s-cli@2.207.60 lib/util.js synthApp:
 * `ERROR: synthesis failed, app expected to create "<outdir>"`), which names only the folder the
 * app did not create. bin/transform-error.js prints the same line.
 */
export function cdk8sFailureNote(cdk8sOutdir: string): string {
  return `cdk8s synth reports this failure next as "synthesis failed, app expected to create ${cdk8sOutdir}".`;
}
