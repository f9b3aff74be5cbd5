import { createHash } from 'node:crypto';

/** Lower-case hex sha256 of `bytes`, the form `sha256sum` prints and the lock stores. */
export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
