import * as fs from 'node:fs';
import * as path from 'node:path';
import { asDistError, fsFailure } from './dist-error';
import { resolveDistEnv, type DistEnv, type DistWriteOptions } from './dist-env';
import { errnoCode, removeTree } from './dist-fs';
import { newJournal, writeJournal } from './dist-journal';
import { acquireDistLock } from './dist-lock';
import { distPaths, type DistPaths } from './dist-paths';
import type { ManifestFile } from './manifest-files';
import { repairDistLocked } from './repair-dist';

/**
 * Replaces `outdir` with exactly `files`, all or nothing, and so that a kill at any moment leaves a
 * state the next synth repairs to one complete tree, the previous or the new one, never a mix:
 *
 * 1. take `.dist.lock` (one writer at a time; a second one waits, then fails naming the first);
 * 2. repair what an interrupted synth left (`repairDistLocked`);
 * 3. write every file into `.dist-staging-<id>` beside `outdir` (same file system);
 * 4. write `.dist.journal` naming the staging and previous folders (whole, by rename);
 * 5. rename `outdir` to `.dist-previous-<id>`;
 * 6. rename the staging folder to `outdir`: the commit point;
 * 7. rename the previous folder to `.dist-trash-…`, remove the journal, remove the trash.
 *
 * When `outdir` already holds exactly `files` (a synth with nothing changed, as CI's check of a
 * committed `dist/`), steps 3-7 are skipped: nothing is written, and the files keep their inodes
 * and mtimes. Deciding it only reads.
 *
 * Linux has no rename(2) of a directory onto a non-empty one (ENOTEMPTY), and Node does not expose
 * renameat2(RENAME_EXCHANGE), so between steps 5 and 6 (two consecutive system calls) there is no
 * `outdir`: a kill exactly there leaves the journal, from which the next synth, or `repairDist`,
 * restores the previous tree. Renames are atomic against a kill of the process; nothing is
 * fsync'ed, so a power loss is not covered.
 *
 * A failure before step 6 undoes the earlier steps and throws a DistError with `distState`
 * `unchanged`; should undoing step 5 fail too, `missing` (and the journal stays for the repair).
 * A failure after step 6 does not fail the write: `outdir` holds the new files, and the leftover
 * is reported through `options.report` (the next synth removes it).
 */
export function writeDist(outdir: string, files: readonly ManifestFile[], options: DistWriteOptions = {}): void {
  const paths = distPaths(outdir);
  const env = resolveDistEnv(options);
  const lock = acquireDistLock(paths, env);
  try {
    repairDistLocked(paths, env);
    if (!holdsExactly(env, paths.outdir, files)) swapIn(paths, env, files);
  } finally {
    const note = lock.release();
    if (note !== undefined) env.report(note);
  }
}

/**
 * Whether `dir` is a folder holding exactly `files`: the same paths, nothing else (no other file,
 * no empty folder), the same content. Read only; anything unexpected (a link, an unreadable file)
 * counts as a difference, and the swap then replaces the tree as it always does.
 */
function holdsExactly(env: DistEnv, dir: string, files: readonly ManifestFile[]): boolean {
  const { fs: dfs } = env;
  const wanted = new Map(files.map((file) => [file.path, file.content]));
  let seen = 0;
  const matches = (folder: string, rel: string): boolean => {
    if (dfs.kind(folder) !== 'dir') return false;
    const names = dfs.readdir(folder);
    if (names.length === 0 && rel !== '') return false;
    for (const name of names) {
      const relPath = rel === '' ? name : `${rel}/${name}`;
      const full = path.join(folder, name);
      const content = wanted.get(relPath);
      if (content === undefined) {
        if (!matches(full, relPath)) return false;
        continue;
      }
      if (dfs.kind(full) !== 'file' || dfs.readFile(full) !== content) return false;
      seen++;
    }
    return true;
  };
  try {
    return matches(dir, '') && seen === wanted.size;
  } catch (error) {
    if (errnoCode(error) === undefined) throw error;
    return false;
  }
}

function swapIn(paths: DistPaths, env: DistEnv, files: readonly ManifestFile[]): void {
  const { fs: dfs } = env;
  const dist = paths.outdir;
  const id = `${env.pid}-${env.randomId()}`;
  const stagingName = paths.scratchName('staging', id);
  const previousName = paths.scratchName('previous', id);
  const staging = paths.at(stagingName);
  const previous = paths.at(previousName);
  const discardStaging = () => quietly(() => removeTree(dfs, staging));

  let current = staging;
  try {
    dfs.mkdir(staging);
    // Each folder made once, not once per file: a recursive mkdir is a stat per level.
    const made = new Set<string>([staging]);
    for (const file of files) {
      current = path.join(staging, file.path);
      const folder = path.dirname(current);
      if (!made.has(folder)) {
        dfs.mkdir(folder);
        made.add(folder);
      }
      dfs.writeFile(current, file.content);
    }
  } catch (error) {
    discardStaging();
    asDistError(error, current, `write the new ${dist}/ there`);
  }

  const hadDist = dfs.kind(dist) !== undefined;
  try {
    writeJournal(paths, env, newJournal(env, stagingName, hadDist ? previousName : null));
  } catch (error) {
    quietly(() => dfs.unlink(paths.journalTmp));
    discardStaging();
    asDistError(error, paths.journal, 'write the journal of the swap');
  }

  if (hadDist) {
    try {
      dfs.rename(dist, previous);
    } catch (error) {
      quietly(() => dfs.unlink(paths.journal));
      discardStaging();
      asDistError(error, `${dist}/`, `be renamed to ${previous} to make room for the new one`);
    }
  }

  try {
    dfs.rename(staging, dist);
  } catch (error) {
    if (errnoCode(error) === undefined) throw error;
    if (hadDist) {
      try {
        dfs.rename(previous, dist);
      } catch (restoreError) {
        if (errnoCode(restoreError) === undefined) throw restoreError;
        // The journal stays: the next synth (or repairDist) restores the previous tree.
        throw fsFailure(
          error,
          staging,
          `be renamed to ${dist}`,
          'missing',
          `, and the previous ${dist}/ could not be put back from ${previous} (${errnoCode(restoreError)}); ` +
            `${dist}/ is missing until the next synth restores it (or \`mv ${previous} ${dist}\`)`,
        );
      }
    }
    quietly(() => dfs.unlink(paths.journal));
    discardStaging();
    throw fsFailure(error, staging, `be renamed to ${dist}`);
  }

  // Committed: dist/ holds the new files. What follows only cleans up.
  const trash = paths.at(paths.trashName(previousName));
  if (hadDist) {
    const failed = errnoOf(() => dfs.rename(previous, trash));
    if (failed !== undefined) {
      env.report(`${dist}/ holds the new manifests, but the previous one could not be moved aside from ${previous} (${failed}); the next synth finishes that`);
      return;
    }
  }
  const journalFailed = errnoOf(() => dfs.unlink(paths.journal));
  if (journalFailed !== undefined) env.report(`${dist}/ holds the new manifests, but ${paths.journal} could not be removed (${journalFailed}); the next synth finishes that`);
  if (hadDist) {
    const failed = errnoOf(() => removeTree(dfs, trash));
    if (failed !== undefined) {
      env.report(
        `${dist}/ holds the new manifests, but the previous one could not be removed from ${trash} (${failed}); ` +
          `make it writable and delete it (\`chmod -R u+w ${trash} && rm -r ${trash}\`); the next synth tries again`,
      );
    }
  }
}

/** Runs a file-system step, returning its errno code when it fails; anything else (a bug, a simulated kill) propagates. */
function errnoOf(step: () => void): string | undefined {
  try {
    step();
    return undefined;
  } catch (error) {
    const code = errnoCode(error);
    if (code === undefined) throw error;
    return code;
  }
}

/** Best-effort cleanup after a failure being reported: its own failure leaves a scratch leftover that the next synth removes. */
function quietly(step: () => void): void {
  errnoOf(step);
}

/** Copies `files` into `dir` (emptied first), for `cdk8s synth`, which lists what its app wrote there. */
export function mirrorFiles(dir: string, files: readonly ManifestFile[]): void {
  fs.rmSync(dir, { recursive: true, force: true });
  for (const file of files) {
    const target = path.join(dir, file.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.content);
  }
}
