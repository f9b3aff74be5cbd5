import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The file-system calls that replacing `dist/` makes, one method per system call, so that tests
 * can stop a writer after any one of them (a simulated SIGKILL) or make any one of them fail
 * (EPERM, EACCES, ENOSPC...) in-process, without timing games or real permission bits.
 */
export interface DistFs {
  /** mkdir -p */
  mkdir(dir: string): void;
  writeFile(file: string, content: string): void;
  readFile(file: string): string;
  /** rename(2): atomic within one file system; a directory onto a non-empty directory fails. */
  rename(from: string, to: string): void;
  /** link(2): fails with EEXIST when `to` exists, which makes it an atomic create-if-absent. */
  link(from: string, to: string): void;
  unlink(file: string): void;
  rmdir(dir: string): void;
  readdir(dir: string): string[];
  /** lstat(2): what `p` is, undefined when it does not exist. */
  kind(p: string): 'dir' | 'file' | undefined;
}

export const NODE_DIST_FS: DistFs = {
  mkdir: (dir) => void fs.mkdirSync(dir, { recursive: true }),
  writeFile: (file, content) => fs.writeFileSync(file, content),
  readFile: (file) => fs.readFileSync(file, 'utf8'),
  rename: (from, to) => fs.renameSync(from, to),
  link: (from, to) => fs.linkSync(from, to),
  unlink: (file) => fs.unlinkSync(file),
  rmdir: (dir) => fs.rmdirSync(dir),
  readdir: (dir) => fs.readdirSync(dir),
  kind: (p) => {
    const stat = fs.lstatSync(p, { throwIfNoEntry: false });
    if (stat === undefined) return undefined;
    return stat.isDirectory() ? 'dir' : 'file';
  },
};

/**
 * rm -rf, one system call at a time through `dfs` (a kill can land between any two of them, so a
 * half-removed tree is possible: only scratch folders that are never promoted are removed this way).
 */
export function removeTree(dfs: DistFs, p: string): void {
  const kind = dfs.kind(p);
  if (kind === undefined) return;
  if (kind === 'file') {
    dfs.unlink(p);
    return;
  }
  for (const name of dfs.readdir(p)) removeTree(dfs, path.join(p, name));
  dfs.rmdir(p);
}

/** The errno code of a Node file-system error, undefined for anything else (a bug). */
export function errnoCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : undefined;
}
