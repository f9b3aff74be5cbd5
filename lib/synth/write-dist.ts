import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ManifestFile } from './manifest-files';

/**
 * Replaces `outdir` with exactly `files`, all or nothing: the files are written to a staging
 * directory beside `outdir` (same filesystem, so renames are atomic), then swapped in. If anything
 * fails before the swap, the previous `outdir` is untouched and the staging directory is removed.
 */
export function writeDist(outdir: string, files: readonly ManifestFile[]): void {
  const parent = path.dirname(path.resolve(outdir));
  const base = path.basename(outdir);
  const staging = path.join(parent, `.${base}-staging-${process.pid}`);
  const previous = path.join(parent, `.${base}-previous-${process.pid}`);
  fs.rmSync(staging, { recursive: true, force: true });
  try {
    for (const file of files) {
      const target = path.join(staging, file.path);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, file.content);
    }
    fs.mkdirSync(staging, { recursive: true });
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  const hadPrevious = fs.existsSync(outdir);
  if (hadPrevious) fs.renameSync(outdir, previous);
  try {
    fs.renameSync(staging, outdir);
  } catch (error) {
    if (hadPrevious) fs.renameSync(previous, outdir);
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  fs.rmSync(previous, { recursive: true, force: true });
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
