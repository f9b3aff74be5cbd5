import { UserError, type Problem } from '../core';
import { errnoCode } from './dist-fs';

/**
 * What a failed write left in `dist/`: `unchanged` (the previous `dist/`, or none if there was
 * none), or `missing` (the previous `dist/` sits in a scratch folder that the next synth restores;
 * the message names it). Never a mix of the two trees.
 */
export type DistState = 'unchanged' | 'missing';

/** A failure to replace `dist/` (the file system's, the user's to fix, not a bug), and what it left. */
export class DistError extends UserError {
  override name = 'DistError';
  constructor(
    problem: Problem,
    readonly distState: DistState,
  ) {
    super(problem);
  }
}

/**
 * A DistError for a failed system call: `subject` is the path that failed, as the user would type
 * it (relative to the repository when dist/ was given relative); `action` says what was being done.
 */
export function fsFailure(error: unknown, subject: string, action: string, distState: DistState = 'unchanged', after = ''): DistError {
  const code = errnoCode(error) as string;
  const reason = /^E[A-Z0-9]+: ([^,]+)/.exec((error as Error).message)?.[1] ?? (error as Error).message;
  return new DistError(
    { subject, problem: `cannot ${action} (${code}: ${reason})${after}`, fix: fixFor(code, subject) },
    distState,
  );
}

/** The fix for a failed system call, by errno: what the user can change. */
export function fixFor(code: string, subject: string): string {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return (
        `make ${subject} and the folder that holds it yours and writable (e.g. \`chmod -R u+w ${subject}\`, ` +
        '`lsattr -d` shows an immutable flag), then run synth again'
      );
    case 'EROFS':
      return `the file system that holds ${subject} is read-only: synthesize in a writable checkout`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `free space on the file system that holds ${subject}, then run synth again`;
    case 'ENOTDIR':
      return `a folder on the way to ${subject} is a file: move that file away (or give another outdir), then run synth again`;
    case 'EEXIST':
    case 'ENOTEMPTY':
      return `${subject} is in the way: move it away, then run synth again`;
    case 'EBUSY':
      return `${subject} is in use (a mount point, or held open by another program): release it, then run synth again`;
    case 'EMFILE':
    case 'ENFILE':
      return 'too many files are open: close some programs, then run synth again';
    default:
      return `check ${subject} (\`ls -ld ${subject}\`), then run synth again`;
  }
}

/** Throws a DistError for a file-system error; rethrows anything else (a bug) as it is. */
export function asDistError(error: unknown, subject: string, action: string, distState: DistState = 'unchanged'): never {
  if (error instanceof DistError || errnoCode(error) === undefined) throw error;
  throw fsFailure(error, subject, action, distState);
}
