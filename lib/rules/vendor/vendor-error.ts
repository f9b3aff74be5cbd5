/**
 * A problem with the rules lock, a download or a vendored file: always the user's to fix
 * (wrong `--from`, tampered file, typo in the lock), so callers print `message` without a stack.
 * The message names the file (and key or line:column where there is one), what was wrong and the fix.
 */
export class VendorError extends Error {
  override readonly name = 'VendorError';
  constructor(message: string) {
    super(message);
  }
}
