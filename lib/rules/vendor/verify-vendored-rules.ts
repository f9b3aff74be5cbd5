import * as fs from 'node:fs';
import * as path from 'node:path';
import { readRulesLock, type RuleFileSource } from './rules-lock';
import { sha256Hex, type Problem } from '../../core';
import { VendorError } from './vendor-error';

/** A vendored rule file that matched its lock entry; `text` is ready for the loader. */
export interface VerifiedRuleFile {
  /** File name, e.g. `falco_rules.yaml` (the name the scoping transform and ConfigMaps use). */
  readonly name: string;
  /** Path of the file: `dir` joined with the name, as `dir` was given. */
  readonly path: string;
  readonly sha256: string;
  readonly text: string;
  /** Which Falco loads it (the lock entry's `source`). */
  readonly source: RuleFileSource;
}

/**
 * Checks that `dir` holds every file of the lock with exactly the locked sha256 and returns them
 * in load order. Used by synth: a file edited in place (say, prod-scoped by hand as the old
 * setup did) or left from another release must not be rendered silently.
 *
 * Throws one `VendorError` listing every missing or mismatching file, each naming the file, the
 * expected and the actual checksum, and the fix (`npm run rules:vendor`).
 */
const RESTORE = "run 'npm run rules:vendor' to restore the locked upstream rules";

export function verifyVendoredRules(lockFile: string, dir: string): VerifiedRuleFile[] {
  const lock = readRulesLock(lockFile);
  const problems: Problem[] = [];
  const files: VerifiedRuleFile[] = [];
  for (const file of lock.files) {
    const where = path.join(dir, file.name);
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(where);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      problems.push({
        subject: where,
        problem:
          code === 'ENOENT'
            ? `missing (locked in ${lock.file} as ${file.release ?? lock.release}, sha256 ${file.sha256})`
            : `cannot read: ${(e as Error).message}`,
        fix: RESTORE,
      });
      continue;
    }
    const actual = sha256Hex(bytes);
    if (actual !== file.sha256) {
      problems.push({
        subject: where,
        problem:
          `sha256 mismatch: expected ${file.sha256} (${lock.file}, ${file.release ?? lock.release}), found ${actual}; ` +
          'the file was changed or comes from another release',
        fix: RESTORE,
      });
      continue;
    }
    files.push({ name: file.name, path: where, sha256: actual, text: bytes.toString('utf8'), source: file.source ?? 'syscall' });
  }
  if (problems.length > 0) {
    throw new VendorError(problems, { summary: 'vendored upstream rules do not match the lock' });
  }
  return files;
}
