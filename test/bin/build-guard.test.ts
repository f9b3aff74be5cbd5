/**
 * bin/build-guard.js, the stale-build check of the CLI and synth, on a throw-away project (a copy
 * of the guard beside its own lib/ and build/.stamp): fresh is fresh, and every change to lib/ a
 * developer can make (edit, add, remove, move, a new folder) is refused with what changed, while
 * an editor's own files are not.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/shared-dir';

interface Guard {
  readonly listLibFiles: () => Array<{ path: string }>;
  readonly listLibFolders: () => string[];
  readonly stampText: (files: readonly string[], folders: readonly string[]) => string;
  readonly staleBuildReason: () => string | undefined;
}

const created: string[] = [];
afterAll(() => {
  for (const dir of created) fs.rmSync(dir, { recursive: true, force: true });
});

/** Sets the mtime of every file and folder under `dir` (and `dir`) to `time`. */
function touchAll(dir: string, time: Date): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) touchAll(full, time);
    else fs.utimesSync(full, time, time);
  }
  fs.utimesSync(dir, time, time);
}

/**
 * A project with lib/a.ts, lib/rules/b.ts and an empty lib/empty/, built a minute ago as
 * scripts/build.js stamps a build; returns its root and its own copy of the guard.
 */
function builtProject(): { root: string; guard: Guard } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'falco-gitops-build-guard-'));
  created.push(root);
  fs.mkdirSync(path.join(root, 'bin'));
  fs.copyFileSync(path.join(REPO_ROOT, 'bin', 'build-guard.js'), path.join(root, 'bin', 'build-guard.js'));
  fs.mkdirSync(path.join(root, 'lib', 'rules'), { recursive: true });
  fs.mkdirSync(path.join(root, 'lib', 'empty'));
  fs.writeFileSync(path.join(root, 'lib', 'a.ts'), 'export const a = 1;\n');
  fs.writeFileSync(path.join(root, 'lib', 'rules', 'b.ts'), 'export const b = 2;\n');
  const guard = createRequire(path.join(root, 'bin', 'build-guard.js'))('./build-guard.js') as Guard;
  const built = new Date(Date.now() - 60_000);
  touchAll(path.join(root, 'lib'), new Date(built.getTime() - 60_000));
  fs.mkdirSync(path.join(root, 'build'));
  const stamp = path.join(root, 'build', '.stamp');
  fs.writeFileSync(stamp, guard.stampText(guard.listLibFiles().map((f) => f.path), guard.listLibFolders()));
  fs.utimesSync(stamp, built, built);
  return { root, guard };
}

describe('bin/build-guard.js', () => {
  it('accepts a build newer than every file and folder of lib/', () => {
    const { guard } = builtProject();
    expect(guard.staleBuildReason()).toBeUndefined();
  });

  it('names the file that was edited, added, removed or moved after the build', () => {
    const cases: Array<[string, (root: string) => void, string]> = [
      ['edited', (root) => fs.appendFileSync(path.join(root, 'lib', 'rules', 'b.ts'), '// more\n'), 'lib/rules/b.ts changed'],
      ['added', (root) => fs.writeFileSync(path.join(root, 'lib', 'rules', 'c.ts'), ''), 'lib/rules/c.ts added'],
      ['added to a folder that was empty', (root) => fs.writeFileSync(path.join(root, 'lib', 'empty', 'd.ts'), ''), 'lib/empty/d.ts added'],
      ['added in a new folder', (root) => fs.cpSync(path.join(root, 'lib', 'rules'), path.join(root, 'lib', 'new'), { recursive: true }), 'lib/new/b.ts added'],
      ['removed', (root) => fs.rmSync(path.join(root, 'lib', 'a.ts')), 'lib/a.ts removed'],
      ['moved', (root) => fs.renameSync(path.join(root, 'lib', 'a.ts'), path.join(root, 'lib', 'rules', 'a.ts')), 'lib/rules/a.ts added'],
    ];
    for (const [what, change, reason] of cases) {
      const { root, guard } = builtProject();
      change(root);
      expect(guard.staleBuildReason(), what).toBe(`build/ is older than lib/ (${reason}): run \`npm run build\``);
    }
  });

  it("accepts a build when only an editor's own files came and went in lib/", () => {
    const { root, guard } = builtProject();
    // The folder's mtime changes: lib/ is listed again, and a dotfile or backup is no build input.
    fs.writeFileSync(path.join(root, 'lib', 'rules', '.b.ts.swp'), '');
    fs.writeFileSync(path.join(root, 'lib', 'rules', 'b.ts~'), '');
    expect(guard.staleBuildReason()).toBeUndefined();
  });

  it('says how to build when there is no build', () => {
    const { root, guard } = builtProject();
    fs.rmSync(path.join(root, 'build', '.stamp'));
    expect(guard.staleBuildReason()).toBe('build/ is missing or incomplete: run `npm ci` or `npm run build`');
  });
});
