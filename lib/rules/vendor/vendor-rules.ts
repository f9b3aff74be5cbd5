import * as fs from 'node:fs';
import * as path from 'node:path';
import { fetchRuleFile } from './fetch-rule-file';
import { readRulesLock } from './rules-lock';
import { sha256Hex } from '../../core';
import { VendorError } from './vendor-error';

export interface VendorRulesOptions {
  /** Path of the rules lock, e.g. `upstream-rules.lock.yaml`, relative to `rootDir`; messages name it as given. */
  readonly lockFile: string;
  /**
   * A directory holding the release files, or an http(s) URL base (a mirror) that the file names
   * are appended to.
   * @default - each file's own `url` from the lock
   */
  readonly from?: string;
  /**
   * Destination directory.
   * @default - the lock's `vendorDir`, resolved against `rootDir`
   */
  readonly to?: string;
  /**
   * Directory that a relative `lockFile`, `from`, `to` and the lock's `vendorDir` are resolved against.
   * @default process.cwd() (npm scripts run in the repository root)
   */
  readonly rootDir?: string;
}

/** One file put in place by `vendorRules`. */
export interface VendoredFile {
  readonly name: string;
  /** Absolute path of the vendored file. */
  readonly path: string;
  readonly sha256: string;
  /** The URL or path it was read from. */
  readonly origin: string;
}

export interface VendorRulesResult {
  /** Absolute destination directory. */
  readonly dir: string;
  readonly files: readonly VendoredFile[];
}

/**
 * Downloads (or copies) exactly the locked files into the vendor directory.
 *
 * All files are fetched and checked against their locked sha256 before anything is written, so a
 * bad mirror changes nothing. Each file is then written to a temporary file in the destination
 * directory, checked again from disk, and renamed over the old one: a crash or a full disk never
 * leaves a partial or unverified file under the real name. Throws `VendorError`.
 */
export async function vendorRules(options: VendorRulesOptions): Promise<VendorRulesResult> {
  const rootDir = options.rootDir ?? process.cwd();
  const lock = readRulesLock(options.lockFile, rootDir);
  const dir = path.resolve(rootDir, options.to ?? lock.vendorDir);

  // Sequential on purpose: three small files, and the first failure is the one reported.
  const fetched = [];
  for (const file of lock.files) {
    const { bytes, origin } = await fetchRuleFile(file, options.from, rootDir);
    const actual = sha256Hex(bytes);
    if (actual !== file.sha256) {
      throw new VendorError({
        subject: file.name,
        problem:
          `sha256 mismatch for ${origin}: expected ${file.sha256} (${lock.file}), got ${actual}. ` +
          `The source does not hold the locked release ${file.release ?? lock.release}; nothing was written.`,
      });
    }
    fetched.push({ file, bytes, origin });
  }

  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new VendorError({ subject: dir, problem: `cannot create vendor directory: ${(e as Error).message}` });
  }
  const files: VendoredFile[] = [];
  for (const { file, bytes, origin } of fetched) {
    const target = path.join(dir, file.name);
    writeVerified(target, bytes, file.sha256);
    files.push({ name: file.name, path: target, sha256: file.sha256, origin });
  }
  return { dir, files };
}

/** Writes `bytes` next to `target`, re-checks the written file and renames it into place. */
function writeVerified(target: string, bytes: Buffer, expected: string): void {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    const fd = fs.openSync(temp, 'w');
    try {
      fs.writeSync(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    const written = sha256Hex(fs.readFileSync(temp));
    if (written !== expected) {
      throw new VendorError({ subject: target, problem: `sha256 of the written file is ${written}, expected ${expected}; nothing was replaced` });
    }
    fs.renameSync(temp, target);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    if (e instanceof VendorError) throw e;
    throw new VendorError({ subject: target, problem: `cannot write: ${(e as Error).message}` });
  }
}
