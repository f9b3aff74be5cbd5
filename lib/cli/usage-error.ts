/**
 * A mistake on the command line (unknown flag, missing operand, unreadable input file).
 * `main` prints its message and the command's usage line to stderr and exits 2, without a stack trace.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(message: string) {
    super(message);
  }
}
