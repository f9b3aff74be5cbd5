import * as path from 'node:path';
import { NODE_DIST_FS, type DistFs } from '../../lib/synth';

/** Thrown by a FaultyFs once it is "killed": every later call throws it too, as a dead process makes no more calls. */
export class Killed extends Error {
  override name = 'Killed';
}

/** An errno error as Node throws it (`CODE: description, syscall 'path'`). */
export function errnoError(code: string, syscall: string, p: string): NodeJS.ErrnoException {
  const descriptions: Record<string, string> = {
    EPERM: 'operation not permitted',
    EACCES: 'permission denied',
    ENOSPC: 'no space left on device',
    ENOTEMPTY: 'directory not empty',
    EXDEV: 'cross-device link not permitted',
  };
  const error = new Error(`${code}: ${descriptions[code] ?? 'error'}, ${syscall} '${p}'`) as NodeJS.ErrnoException;
  error.code = code;
  error.syscall = syscall;
  error.path = p;
  return error;
}

export interface Fault {
  readonly op: keyof DistFs;
  /** Matched against the first path argument, relative to the FaultyFs's root. */
  readonly path: RegExp;
  readonly code: string;
}

export interface FaultyFsOptions {
  /** Paths in the log and in fault patterns are relative to this folder. */
  readonly root: string;
  /** Kill before the n-th call (1-based): that call and every later one throws Killed. */
  readonly killAt?: number;
  /** A killed writeFile first writes half of its content (a torn write). */
  readonly torn?: boolean;
  readonly faults?: readonly Fault[];
  /** Called before each call, with its 1-based number (to start another writer in the middle of this one). */
  readonly before?: (step: number, op: keyof DistFs, args: readonly string[]) => void;
}

/**
 * The real file system, with a simulated SIGKILL before any one call (no cleanup code of the
 * writer can run after it: every later call throws too) and injected errno failures.
 */
export class FaultyFs implements DistFs {
  steps = 0;
  killed = false;
  /** Every call made, `op path[ path]`, paths relative to the root. */
  readonly log: string[] = [];

  constructor(private readonly options: FaultyFsOptions) {}

  private call<T>(op: keyof DistFs, args: string[], run: () => T): T {
    if (this.killed) throw new Killed(`after the kill: ${op}`);
    this.steps += 1;
    this.options.before?.(this.steps, op, args);
    const rel = args.slice(0, op === 'writeFile' ? 1 : 2).map((a) => path.relative(this.options.root, a) || '.');
    if (this.options.killAt === this.steps) {
      this.killed = true;
      if (this.options.torn && op === 'writeFile') NODE_DIST_FS.writeFile(args[0]!, args[1]!.slice(0, Math.floor(args[1]!.length / 2)));
      throw new Killed(`killed before ${op} ${rel.join(' ')}`);
    }
    const fault = this.options.faults?.find((f) => f.op === op && f.path.test(rel[0]!));
    if (fault) throw errnoError(fault.code, op, args[0]!);
    this.log.push(`${op} ${rel.join(' ')}`);
    return run();
  }

  mkdir(dir: string): void {
    this.call('mkdir', [dir], () => NODE_DIST_FS.mkdir(dir));
  }
  writeFile(file: string, content: string): void {
    this.call('writeFile', [file, content], () => NODE_DIST_FS.writeFile(file, content));
  }
  readFile(file: string): string {
    return this.call('readFile', [file], () => NODE_DIST_FS.readFile(file));
  }
  rename(from: string, to: string): void {
    this.call('rename', [from, to], () => NODE_DIST_FS.rename(from, to));
  }
  link(from: string, to: string): void {
    this.call('link', [from, to], () => NODE_DIST_FS.link(from, to));
  }
  unlink(file: string): void {
    this.call('unlink', [file], () => NODE_DIST_FS.unlink(file));
  }
  rmdir(dir: string): void {
    this.call('rmdir', [dir], () => NODE_DIST_FS.rmdir(dir));
  }
  readdir(dir: string): string[] {
    return this.call('readdir', [dir], () => NODE_DIST_FS.readdir(dir));
  }
  kind(p: string): 'dir' | 'file' | undefined {
    return this.call('kind', [p], () => NODE_DIST_FS.kind(p));
  }
}
