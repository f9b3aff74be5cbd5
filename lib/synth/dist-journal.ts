import { DistError, asDistError } from './dist-error';
import type { DistEnv } from './dist-env';
import { errnoCode } from './dist-fs';
import type { DistPaths } from './dist-paths';

/**
 * `.dist.journal`: written by a writer after its staging folder is complete and before the first
 * rename of the swap, removed once the swap is over. While it exists, the state on disk is
 * decidable: the staging folder it names exists exactly until the one rename that commits the
 * swap (staging -> dist), so its presence says which side of that rename a killed writer was on.
 */
export interface SwapJournal {
  readonly format: typeof JOURNAL_FORMAT;
  readonly pid: number;
  readonly startedAt: string;
  /** Scratch name of the complete new tree. */
  readonly staging: string;
  /** Scratch name the previous dist/ is (or was to be) moved to; null when there was no dist/. */
  readonly previous: string | null;
}

const JOURNAL_FORMAT = 'falco-gitops/dist-swap/v1';

export function newJournal(env: DistEnv, staging: string, previous: string | null): SwapJournal {
  return { format: JOURNAL_FORMAT, pid: env.pid, startedAt: new Date(env.now()).toISOString(), staging, previous };
}

/** Writes the journal whole: to a temporary name, then renamed into place (a kill leaves either no journal or all of it). */
export function writeJournal(paths: DistPaths, env: DistEnv, journal: SwapJournal): void {
  env.fs.writeFile(paths.journalTmp, `${JSON.stringify(journal, null, 2)}\n`);
  env.fs.rename(paths.journalTmp, paths.journal);
}

/**
 * The journal, undefined when there is none. A journal that is not one of ours, or that names
 * folders outside the scratch names, is refused rather than acted on: repair renames and removes
 * what the journal names.
 */
export function readJournal(paths: DistPaths, env: DistEnv): SwapJournal | undefined {
  let raw: string;
  try {
    raw = env.fs.readFile(paths.journal);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return undefined;
    return asDistError(error, paths.journal, 'read the journal of an interrupted synth');
  }
  let value: Partial<SwapJournal> | null = null;
  try {
    value = JSON.parse(raw) as Partial<SwapJournal> | null;
  } catch {
    // refused below
  }
  if (
    value === null ||
    typeof value !== 'object' ||
    value.format !== JOURNAL_FORMAT ||
    !Number.isSafeInteger(value.pid) ||
    typeof value.startedAt !== 'string' ||
    typeof value.staging !== 'string' ||
    paths.scratchRole(value.staging) !== 'staging' ||
    !(value.previous === null || (typeof value.previous === 'string' && paths.scratchRole(value.previous) === 'previous'))
  ) {
    throw new DistError(
      {
        subject: paths.journal,
        problem: `is not a journal this version of synth wrote (expected format ${JOURNAL_FORMAT}), so the state of ${paths.outdir}/ cannot be repaired automatically`,
        fix: `check that ${paths.outdir}/ is complete (\`git status ${paths.outdir}\`; the .${paths.base}-* folders beside it hold the other trees), then delete ${paths.journal} and run synth again`,
      },
      'unchanged',
    );
  }
  return value as SwapJournal;
}
