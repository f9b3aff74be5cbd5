import { DistError, asDistError } from './dist-error';
import type { DistEnv } from './dist-env';
import { errnoCode } from './dist-fs';
import type { DistPaths } from './dist-paths';

/** The content of `.dist.lock`: who holds it, so that a second synth can say so and a dead holder's lock can be taken over. */
interface LockRecord {
  readonly pid: number;
  readonly hostname: string;
  readonly startedAt: string;
}

export interface DistLock {
  /** Removes the lock if it is still ours; returns a note when that was not possible. */
  release(): string | undefined;
}

/**
 * Takes `.dist.lock`, which serializes every writer (and repairer) of one `dist/`. The lock is
 * created whole: its record is written to a temporary file that is then link(2)ed to the lock's
 * name, which fails with EEXIST when the lock exists, so two processes can never both create it
 * and nobody ever reads a half-written lock. A lock whose holder is dead (same host, pid not
 * running, or our own pid: synth is synchronous, so a lock with our pid is a reused pid's) is taken
 * over; a live holder is waited for, `env.pollMs` at a time, at most `env.waitMs`; then the write
 * fails naming the holder.
 */
export function acquireDistLock(paths: DistPaths, env: DistEnv): DistLock {
  const { fs } = env;
  const record: LockRecord = { pid: env.pid, hostname: env.hostname, startedAt: new Date(env.now()).toISOString() };
  const content = `${JSON.stringify(record)}\n`;
  const tmp = `${paths.lock}.${env.pid}.${env.randomId()}`;
  try {
    fs.mkdir(paths.parent);
  } catch (error) {
    asDistError(error, paths.parent, `be created as the folder that holds ${paths.outdir}/`);
  }
  try {
    fs.writeFile(tmp, content);
  } catch (error) {
    asDistError(error, tmp, `create the synth lock ${paths.lock} there`);
  }
  try {
    const deadline = env.now() + env.waitMs;
    for (;;) {
      try {
        fs.link(tmp, paths.lock);
        return { release: () => release(paths, env, content) };
      } catch (error) {
        if (errnoCode(error) !== 'EEXIST') asDistError(error, paths.lock, 'create the synth lock');
      }
      const raw = readIfPresent(env, paths.lock);
      if (raw === undefined) continue; // released just now: try again
      const holder = parseLock(raw);
      if (holder !== undefined && holder.hostname === env.hostname && (holder.pid === env.pid || !env.isAlive(holder.pid))) {
        takeOver(paths, env, raw, `${tmp}s`);
        continue;
      }
      const left = deadline - env.now();
      if (left <= 0) throw busy(paths, env, holder, raw);
      env.sleep(Math.min(env.pollMs, left));
    }
  } finally {
    try {
      fs.unlink(tmp);
    } catch {
      // A leftover temporary file of a dead pid is removed by the next repair.
    }
  }
}

/**
 * Removes a dead holder's lock. It is renamed away first (only one of several processes that judged
 * it stale succeeds), then compared with what was judged: if someone else's fresh lock was moved
 * instead, it is linked back (never over a newer one).
 */
function takeOver(paths: DistPaths, env: DistEnv, judged: string, aside: string): void {
  const { fs } = env;
  try {
    fs.rename(paths.lock, aside);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return;
    asDistError(error, paths.lock, 'remove the lock of a synth that is no longer running');
  }
  try {
    if (fs.readFile(aside) !== judged) {
      try {
        fs.link(aside, paths.lock);
      } catch (error) {
        if (errnoCode(error) !== 'EEXIST') throw error;
      }
    }
    fs.unlink(aside);
  } catch (error) {
    asDistError(error, paths.lock, 'remove the lock of a synth that is no longer running');
  }
}

/** Never throws for the file system: the write is over by now, and a lock left behind is taken over by the next synth. */
function release(paths: DistPaths, env: DistEnv, content: string): string | undefined {
  try {
    if (env.fs.readFile(paths.lock) !== content) return `${paths.lock} was no longer this synth's lock at the end; it was left in place`;
    env.fs.unlink(paths.lock);
    return undefined;
  } catch (error) {
    const code = errnoCode(error);
    if (code === undefined) throw error;
    if (code === 'ENOENT') return `${paths.lock} had been removed by someone else before this synth ended`;
    return `could not remove the synth lock ${paths.lock} (${code}); the next synth takes it over, since this process has ended`;
  }
}

function readIfPresent(env: DistEnv, file: string): string | undefined {
  try {
    return env.fs.readFile(file);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return undefined;
    return asDistError(error, file, 'read the synth lock');
  }
}

function parseLock(raw: string): LockRecord | undefined {
  try {
    const value = JSON.parse(raw) as Partial<LockRecord> | null;
    if (value && Number.isSafeInteger(value.pid) && typeof value.hostname === 'string' && typeof value.startedAt === 'string') {
      return value as LockRecord;
    }
  } catch {
    // not ours: reported as such
  }
  return undefined;
}

function busy(paths: DistPaths, env: DistEnv, holder: LockRecord | undefined, raw: string): DistError {
  const waited = `waited ${env.waitMs / 1000} s for it`;
  if (holder === undefined) {
    return new DistError(
      {
        subject: paths.lock,
        received: raw.length > 80 ? `${raw.slice(0, 80)}…` : raw,
        problem: `is not a synth lock this tool wrote; ${waited}`,
        fix: `if no synth is running, delete ${paths.lock} and run synth again`,
      },
      'unchanged',
    );
  }
  const where = holder.hostname === env.hostname ? '' : ` on host ${holder.hostname}`;
  return new DistError(
    {
      subject: `${paths.outdir}/`,
      problem: `another synth is running (pid ${holder.pid}${where}, since ${holder.startedAt}); ${waited}`,
      fix: `let it finish, then run synth again; if that process is not a synth (or runs on another host and has died), delete ${paths.lock}`,
    },
    'unchanged',
  );
}
