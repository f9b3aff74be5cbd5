import * as path from 'node:path';
import { UserError, type Problem, type UserErrorOptions } from '../../core';

/**
 * A problem with the rules lock, a download or a vendored file: always the user's to fix
 * (wrong `--from`, tampered file, typo in the lock). Each problem names the file (and key or
 * line:column where there is one), what was wrong and the fix.
 */
export class VendorError extends UserError {
  override name = 'VendorError';
  constructor(problems: Problem | readonly Problem[], options: UserErrorOptions = {}) {
    super(problems, options);
  }

  /** The same error with file subjects relative to `baseDir`: messages never name this machine's absolute paths. */
  relativeTo(baseDir: string): VendorError {
    const prefix = path.resolve(baseDir) + path.sep;
    const relative = (subject: string): string => (subject.startsWith(prefix) ? subject.slice(prefix.length) : subject);
    return new VendorError(
      this.problems.map((p) => ({ ...p, subject: relative(p.subject) })),
      { ...(this.summary !== undefined ? { summary: this.summary } : {}), exitCode: this.exitCode },
    );
  }
}
