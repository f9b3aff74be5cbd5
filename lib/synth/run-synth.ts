import * as path from 'node:path';
import type { App } from 'cdk8s';
import { formatInternalError, formatUserError, isUserError, UsageError, UserError } from '../core';
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
}

/**
 * Exit status of a bug when main.ts is run without `cdk8s synth`: sysexits.h's EX_SOFTWARE, as the
 * `falco-gitops` command line exits (its ExitCode.Internal).
 */
const INTERNAL_ERROR_EXIT_CODE = 70;

/**
 * The synth entry point behind `main.ts`: synthesize, write `dist/` all-or-nothing, report.
 * Returns the process exit code: 0 written, 1 user error, 2 usage error, 70 internal error; on any
 * failure `dist/` is untouched. Errors print as the CLI prints them: a user error as its problems,
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
        fix: 'change the stack in main.ts and run `npx cdk8s synth` (or `npm run synth`)',
      });
    }
    const result = synthesizeStack(build);
    writeDistOrExplain(outdir, result.files);
    distWritten = true;
    if (cdk8sOutdir && path.resolve(cdk8sOutdir) !== path.resolve(outdir)) mirrorFiles(cdk8sOutdir, result.files);
    for (const warning of result.warnings) err(`warning: ${warning}`);
    // `cdk8s synth` swallows the app's stdout, so there the summary goes to stderr.
    const hostFiles = result.files.filter((file) => file.path.startsWith('host/')).length;
    const manifests = result.files.length - hostFiles;
    (cdk8sOutdir ? err : out)(`wrote ${manifests} manifests${hostFiles > 0 ? ` and ${hostFiles} host files` : ''} to ${outdir}/`);
    return 0;
  } catch (error) {
    const userError = isUserError(error);
    err(userError ? formatUserError(error) : formatInternalError(error, env.FALCO_GITOPS_DEBUG === '1'));
    if (!distWritten) err(`${outdir}/ was left as it was.`);
    // Under `cdk8s synth` a failing app makes the CLI print its own stack trace after our message.
    // Exiting 0 without creating CDK8S_OUTDIR instead makes it print one line ("synthesis failed")
    // and exit 1, so the user sees only the message above.
    if (cdk8sOutdir) return 0;
    return userError ? error.exitCode : INTERNAL_ERROR_EXIT_CODE;
  }
}

/**
 * `writeDist`, with a failure of the file system (permissions, a full disk: the user's to fix, not
 * a bug) turned into a user error naming the folder. `writeDist` leaves the old folder in place.
 */
function writeDistOrExplain(outdir: string, files: Parameters<typeof writeDist>[1]): void {
  try {
    writeDist(outdir, files);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') throw error;
    throw new UserError({ subject: `${outdir}/`, problem: `cannot be written: ${(error as Error).message}` });
  }
}
