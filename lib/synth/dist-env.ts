import { randomBytes } from 'node:crypto';
import * as os from 'node:os';
import { errnoCode, NODE_DIST_FS, type DistFs } from './dist-fs';

/** What replacing `dist/` depends on besides its arguments; tests replace each one. */
export interface DistWriteOptions {
  /** @default the real file system */
  readonly fs?: DistFs;
  /** This process's id, written into the lock and the journal. @default process.pid */
  readonly pid?: number;
  /** Written into the lock: a pid is only checked on its own host. @default os.hostname() */
  readonly hostname?: string;
  /** @default Date.now */
  readonly now?: () => number;
  /** Blocks for `ms` milliseconds (synth is synchronous). @default Atomics.wait on a private buffer */
  readonly sleep?: (ms: number) => void;
  /** Whether a process runs. @default process.kill(pid, 0) (EPERM: it runs, as another user) */
  readonly isAlive?: (pid: number) => boolean;
  /** How long to wait for another synth's lock before giving up. @default 10000 */
  readonly waitMs?: number;
  /** How often to look at the lock while waiting. @default 100 */
  readonly pollMs?: number;
  /** A fresh suffix for scratch names. @default 4 random bytes in hex */
  readonly randomId?: () => string;
  /** Receives what the repair of an earlier, interrupted synth did and what could not be cleaned. @default ignored */
  readonly report?: (note: string) => void;
}

export type DistEnv = Required<DistWriteOptions>;

export function resolveDistEnv(options: DistWriteOptions = {}): DistEnv {
  return {
    fs: options.fs ?? NODE_DIST_FS,
    pid: options.pid ?? process.pid,
    hostname: options.hostname ?? os.hostname(),
    now: options.now ?? Date.now,
    sleep: options.sleep ?? blockingSleep,
    isAlive: options.isAlive ?? processIsAlive,
    waitMs: options.waitMs ?? 10_000,
    pollMs: options.pollMs ?? 100,
    randomId: options.randomId ?? (() => randomBytes(4).toString('hex')),
    report: options.report ?? (() => undefined),
  };
}

function blockingSleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errnoCode(error) !== 'ESRCH';
  }
}
