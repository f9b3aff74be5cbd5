import * as path from 'node:path';

/**
 * The names around `dist/`, all in the folder that holds it (the repository: same file system, so
 * rename(2) is atomic). For `dist`: the lock `.dist.lock`, the swap journal `.dist.journal`, and
 * the scratch folders `.dist-staging-<id>`, `.dist-previous-<id>`, `.dist-trash-<id>` (id: the
 * writer's pid and a random suffix). `.gitignore` lists `.dist.lock*`, `.dist.journal*` and the scratch folders.
 */
export interface DistPaths {
  /** dist/ as the user gave it, without a trailing slash: how every message names it. */
  readonly outdir: string;
  /** The folder that holds dist/. */
  readonly parent: string;
  readonly base: string;
  readonly lock: string;
  readonly journal: string;
  /** The journal is written here first, then renamed: it is always either absent or whole. */
  readonly journalTmp: string;
  /** A scratch path in `parent` from a scratch name (`.dist-staging-…`). */
  at(name: string): string;
  /** `.dist-<role>-<id>` */
  scratchName(role: ScratchRole, id: string): string;
  /** The trash name for a staging or previous folder's name: `.dist-trash-<role>-<id>` (distinct for both of one writer). */
  trashName(name: string): string;
  /** The role of a scratch folder name, undefined for anything else (never touched). */
  scratchRole(name: string): ScratchRole | undefined;
  /** The pid in the name of a lock's temporary file (`.dist.lock.<pid>.<rand>`), undefined otherwise. */
  lockTmpPid(name: string): number | undefined;
}

export type ScratchRole = 'staging' | 'previous' | 'trash';

export function distPaths(outdir: string): DistPaths {
  const trimmed = outdir.length > 1 ? outdir.replace(/\/+$/, '') : outdir;
  const parent = path.dirname(trimmed);
  const base = path.basename(trimmed);
  const at = (name: string) => path.join(parent, name);
  const escaped = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const scratch = new RegExp(`^\\.${escaped}-(staging|previous|trash)-[0-9a-z-]+$`);
  const lockTmp = new RegExp(`^\\.${escaped}\\.lock\\.(\\d+)\\.[0-9a-z]+$`);
  return {
    outdir: trimmed,
    parent,
    base,
    lock: at(`.${base}.lock`),
    journal: at(`.${base}.journal`),
    journalTmp: at(`.${base}.journal.tmp`),
    at,
    scratchName: (role, id) => `.${base}-${role}-${id}`,
    trashName: (name) => `.${base}-trash-${name.slice(base.length + 2)}`,
    scratchRole: (name) => scratch.exec(name)?.[1] as ScratchRole | undefined,
    lockTmpPid: (name) => {
      const match = lockTmp.exec(name);
      return match ? Number(match[1]) : undefined;
    },
  };
}
