import { DistError, asDistError, fixFor, fsFailure } from './dist-error';
import { resolveDistEnv, type DistEnv, type DistWriteOptions } from './dist-env';
import { errnoCode, removeTree } from './dist-fs';
import { readJournal, type SwapJournal } from './dist-journal';
import { acquireDistLock } from './dist-lock';
import { distPaths, type DistPaths } from './dist-paths';

/**
 * Repairs what an interrupted synth left around `outdir` (see `repairDistLocked`), under the synth
 * lock. For commands other than synth that read or write `dist/`; synth repairs before it writes.
 */
/**
 * Whether an earlier synth left anything to repair or clean beside `outdir` (its journal, a lock
 * file's scratch or a scratch folder): commands that only read dist/ repair first only then, and
 * otherwise write nothing, not even the lock.
 */
export function needsDistRepair(outdir: string, options: Pick<DistWriteOptions, 'fs'> = {}): boolean {
  const paths = distPaths(outdir);
  const { fs } = resolveDistEnv(options);
  if (fs.kind(paths.journal) !== undefined) return true;
  let names: string[];
  try {
    names = fs.readdir(paths.parent);
  } catch {
    return false;
  }
  return names.some((name) => paths.scratchRole(name) !== undefined);
}

export function repairDist(outdir: string, options: DistWriteOptions = {}): void {
  const paths = distPaths(outdir);
  const env = resolveDistEnv(options);
  const lock = acquireDistLock(paths, env);
  try {
    repairDistLocked(paths, env);
  } finally {
    const note = lock.release();
    if (note !== undefined) env.report(note);
  }
}

/**
 * With the lock held (so no writer is live): finishes an interrupted swap, then removes scratch
 * leftovers. Every repair step is one rename(2) or unlink(2), and repair is idempotent, so a repair
 * that is itself killed is finished by the next one.
 *
 * An interrupted swap (the journal exists) is rolled back when its staging folder still exists
 * (the committing rename staging -> dist had not happened: dist/ becomes, or stays, the previous
 * one, and the new tree is discarded), and rolled forward when it does not (dist/ is the new tree;
 * the previous one is discarded). A staging folder is never promoted by repair, so whether a
 * killed writer finished writing it never matters. Afterwards every scratch folder is garbage:
 * staging folders without a journal are unfinished writes; a previous folder without a journal
 * can only come from a synth older than the journal, and is restored when dist/ is missing.
 */
export function repairDistLocked(paths: DistPaths, env: DistEnv): void {
  const journal = readJournal(paths, env);
  if (journal !== undefined) finishSwap(paths, env, journal);
  sweep(paths, env);
}

function finishSwap(paths: DistPaths, env: DistEnv, journal: SwapJournal): void {
  const { fs } = env;
  const dist = paths.outdir;
  const staging = paths.at(journal.staging);
  const previous = journal.previous === null ? undefined : paths.at(journal.previous);
  const hasDist = fs.kind(dist) !== undefined;
  const hasPrevious = previous !== undefined && fs.kind(previous) !== undefined;
  const who = `a synth (pid ${journal.pid}, started ${journal.startedAt}) was interrupted while replacing ${dist}/`;
  const trash = (name: string) => paths.at(paths.trashName(name));

  if (fs.kind(staging) !== undefined) {
    // Before the commit: back to the previous dist/.
    if (!hasDist && hasPrevious) {
      rename(env, previous, dist, `restore the previous ${dist}/ from it`, 'missing');
      env.report(`${who}; restored ${dist}/ as it was before that synth (its output was discarded)`);
    } else {
      env.report(`${who}, before the swap; ${dist}/ is as it was before that synth (its output was discarded)`);
      if (hasDist && hasPrevious) rename(env, previous, trash(journal.previous as string), 'move it aside');
    }
    rename(env, staging, trash(journal.staging), 'move it aside');
  } else if (!hasDist && hasPrevious) {
    // After the commit, but dist/ was removed since: the previous tree is the only complete one.
    rename(env, previous, dist, `restore ${dist}/ from it`, 'missing');
    env.report(`${who}, after the swap, and ${dist}/ has been removed since; restored the ${dist}/ from before that synth`);
  } else {
    env.report(`${who}, after the swap; ${dist}/ holds that synth's output`);
    if (hasPrevious) rename(env, previous, trash(journal.previous as string), 'move it aside');
  }
  try {
    fs.unlink(paths.journal);
  } catch (error) {
    asDistError(error, paths.journal, 'remove the journal of the interrupted synth after repairing it');
  }
}

/** One rename step of a repair; restoring dist/ (`to` is dist/) that fails says that dist/ is still missing. */
function rename(env: DistEnv, from: string, to: string, action: string, distState: 'unchanged' | 'missing' = 'unchanged'): void {
  try {
    env.fs.rename(from, to);
  } catch (error) {
    if (errnoCode(error) === undefined) throw error;
    const after = distState === 'missing' ? `; ${to}/ stays missing until ${from} is renamed to ${to} (the next synth tries again)` : '';
    throw fsFailure(error, from, action, distState, after);
  }
}

/** Removes scratch leftovers; a leftover that cannot be removed is reported, never fatal (it is never used again). */
function sweep(paths: DistPaths, env: DistEnv): void {
  const { fs } = env;
  let names: string[];
  try {
    names = fs.readdir(paths.parent).sort();
  } catch (error) {
    return asDistError(error, paths.parent, `list the folder that holds ${paths.outdir}/`);
  }
  if (fs.kind(paths.outdir) === undefined) restoreLegacy(paths, env, names.filter((n) => paths.scratchRole(n) === 'previous'));

  const removed: string[] = [];
  for (const name of names) {
    const lockPid = paths.lockTmpPid(name);
    const garbage =
      (paths.scratchRole(name) !== undefined && fs.kind(paths.at(name)) !== undefined) ||
      paths.at(name) === paths.journalTmp ||
      (lockPid !== undefined && (lockPid === env.pid || !env.isAlive(lockPid)));
    if (!garbage) continue;
    try {
      removeTree(fs, paths.at(name));
      removed.push(name);
    } catch (error) {
      const code = errnoCode(error);
      if (code === undefined) throw error;
      env.report(`could not remove ${paths.at(name)}, left by an earlier synth (${code}); ${fixFor(code, paths.at(name))}, or delete it`);
    }
  }
  if (removed.length > 0) env.report(`removed what earlier synths left beside ${paths.outdir}/: ${removed.join(', ')}`);
}

/**
 * dist/ is missing and there is no journal: a synth from before the journal was killed between
 * its two renames. Its previous folder is the old dist/, complete (that version removed it only
 * after the swap): restore it. Several candidates: the user chooses.
 */
function restoreLegacy(paths: DistPaths, env: DistEnv, previous: string[]): void {
  if (previous.length === 0) return;
  if (previous.length > 1) {
    throw new DistError(
      {
        subject: `${paths.outdir}/`,
        problem: `is missing, and earlier synths left ${previous.length} copies of it: ${previous.map((n) => paths.at(n)).join(', ')}`,
        fix: `rename the copy to keep to ${paths.outdir} (\`mv ${paths.at(previous[0] as string)} ${paths.outdir}\`), or run \`git checkout -- ${paths.outdir}\`, then run synth again`,
      },
      'missing',
    );
  }
  const only = paths.at(previous[0] as string);
  rename(env, only, paths.outdir, `restore ${paths.outdir}/ from it`, 'missing');
  env.report(`${paths.outdir}/ was missing (an earlier synth was killed while replacing it); restored it from ${only}`);
}
