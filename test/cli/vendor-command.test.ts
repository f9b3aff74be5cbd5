import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LOCK_FILE } from '../../lib/cli/commands/vendor-action';
import { RULE_BUNDLES_DEFAULTS } from '../../lib/rules-delivery';
import { readRulesLock } from '../../lib/rules/vendor';
import { lockedFilesMirror } from '../support/shared-dir';
import { FIXTURE_LOCK } from '../support/fixture-project';
import { cli } from './cli-helpers';

const LOCK = FIXTURE_LOCK;
// Every locked file in one folder (the falco-rules files and k8s_audit_rules.yaml live in two folders of ../shared).
const RELEASE_DIR = lockedFilesMirror();
const FILES = readRulesLock(LOCK).files;
const NAMES = FILES.map((f) => f.name);

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A project folder with the checkout's lock at its root and an empty rules/, and optionally a main.ts. */
function project(mainSource?: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vendor-command-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.mkdirSync(path.join(dir, 'rules'));
  fs.copyFileSync(LOCK, path.join(dir, 'upstream-rules.lock.yaml'));
  if (mainSource !== undefined) fs.writeFileSync(path.join(dir, 'main.ts'), mainSource);
  return dir;
}

const listing = (dir: string): string[] => fs.readdirSync(dir).sort();

/** Stands in for loading main.ts: returns `exports` and records the files it was asked for. */
function fakeMainTs(exports: unknown): { load: (file: string) => Promise<unknown>; loaded: string[] } {
  const loaded: string[] = [];
  return { loaded, load: async (file) => (loaded.push(file), exports) };
}

const NOT_LOADED = async (): Promise<never> => {
  throw new Error('main.ts must not be loaded');
};

describe('falco-gitops vendor', () => {
  it('copies the locked files from --from into --to, one line per file', async () => {
    const dir = project();
    const r = await cli(['vendor', '--from', RELEASE_DIR, '--to', 'out', '--lock', 'upstream-rules.lock.yaml'], { cwd: dir, loadTypeScript: NOT_LOADED });
    expect(r).toEqual({
      code: 0,
      stdout: FILES.map((f) => `vendored ${f.name} sha256:${f.sha256} from ${path.join(RELEASE_DIR, f.name)}\n`).join(''),
      stderr: '',
    });
    expect(listing(path.join(dir, 'out'))).toEqual([...NAMES].sort());
  });

  it('prints a JSON summary with --format json', async () => {
    const dir = project();
    const r = await cli(['vendor', '--from', RELEASE_DIR, '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      dir: path.join('rules', 'upstream'),
      files: FILES.map((f) => ({ name: f.name, sha256: f.sha256, origin: path.join(RELEASE_DIR, f.name) })),
    });
  });

  describe('where it puts the files by default', () => {
    it('in rules.upstreamRulesDir of the stack props main.ts exports, with rules.lockFile as the lock', async () => {
      const dir = project('// the props come from the loader below\n');
      fs.renameSync(path.join(dir, 'upstream-rules.lock.yaml'), path.join(dir, 'falco.lock'));
      const main = fakeMainTs({ stackProps: { rules: { upstreamRulesDir: 'vendor/falco', lockFile: 'falco.lock' } } });
      const r = await cli(['vendor', '--from', RELEASE_DIR], { cwd: dir, loadTypeScript: main.load });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(main.loaded).toEqual([path.join(dir, 'main.ts')]);
      expect(listing(path.join(dir, 'vendor', 'falco'))).toEqual([...NAMES].sort());
      expect(fs.existsSync(path.join(dir, 'rules', 'upstream'))).toBe(false);
    });

    it("in the lock's vendorDir when main.ts sets neither, or exports no stackProps", async () => {
      for (const exports of [{ stackProps: { argocd: {} } }, {}]) {
        const dir = project('');
        const r = await cli(['vendor', '--from', RELEASE_DIR], { cwd: dir, loadTypeScript: fakeMainTs(exports).load });
        expect(r.code).toBe(0);
        expect(listing(path.join(dir, 'rules', 'upstream'))).toEqual([...NAMES].sort());
      }
    });

    it("in the lock's vendorDir, without loading anything, when there is no main.ts", async () => {
      const dir = project();
      expect((await cli(['vendor', '--from', RELEASE_DIR], { cwd: dir, loadTypeScript: NOT_LOADED })).code).toBe(0);
      expect(listing(path.join(dir, 'rules', 'upstream'))).toEqual([...NAMES].sort());
    });

    it('reads main.ts with tsx when no loader is injected', async () => {
      const dir = project("const folder: string = 'vendor/' + 'tsx';\nexport const stackProps = { rules: { upstreamRulesDir: folder } };\n");
      const r = await cli(['vendor', '--from', RELEASE_DIR], { cwd: dir });
      expect(r.stderr).toBe('');
      expect(listing(path.join(dir, 'vendor', 'tsx'))).toEqual([...NAMES].sort());
    });

    it('fails with exit 1 when main.ts cannot be loaded, saying how to go on', async () => {
      const dir = project('');
      const broken = async (): Promise<never> => {
        throw new SyntaxError("Unexpected token '}'\n    at main.ts:3:1");
      };
      expect(await cli(['vendor', '--from', RELEASE_DIR], { cwd: dir, loadTypeScript: broken })).toEqual({
        code: 1,
        stdout: '',
        stderr:
          "error: main.ts: cannot be loaded to read rules.upstreamRulesDir and rules.lockFile: Unexpected token '}'. " +
          'Fix: `npm run synth` shows the same error; or give both --to and --lock\n',
      });
    });

    it('uses the lock synth reads by default', () => {
      expect(DEFAULT_LOCK_FILE).toBe(RULE_BUNDLES_DEFAULTS.lockFile);
    });
  });

  it('exits 1 with one line, no stack trace, when a download fails, and writes nothing', async () => {
    // GIVEN a mirror on the loopback interface that has none of the files
    const server = http.createServer((_req, res) => void res.writeHead(404).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/r/`;
    const dir = project();
    // WHEN vendoring from it THEN one line names the file and the URL
    expect(await cli(['vendor', '--from', base], { cwd: dir })).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: falco_rules.yaml: download failed from ${base}falco_rules.yaml: HTTP 404 Not Found.\n`,
    });
    expect(fs.existsSync(path.join(dir, 'rules', 'upstream'))).toBe(false);
  });

  it('exits 1 naming the lock file as typed when it is invalid', async () => {
    const dir = project();
    fs.writeFileSync(path.join(dir, 'bad.lock.yaml'), 'release: x\n');
    const r = await cli(['vendor', '--lock', 'bad.lock.yaml', '--to', 'out'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: invalid rules lock bad\.lock\.yaml \(\d+ problems\):\n {2}- bad\.lock\.yaml:1:1: /);
  });

  it('names a destination it cannot create relative to the working directory', async () => {
    const dir = project();
    fs.writeFileSync(path.join(dir, 'blocker'), '');
    const r = await cli(['vendor', '--from', RELEASE_DIR, '--to', 'blocker/upstream'], { cwd: dir, loadTypeScript: fakeMainTs({}).load });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: blocker\/upstream: cannot create vendor directory: /);
  });

  it('exits 2 when an option is given an empty value', async () => {
    expect(await cli(['vendor', '--from', '', '--to='], { cwd: project() })).toEqual({
      code: 2,
      stdout: '',
      stderr: [
        'error: invalid input (2 problems):',
        '  - --from: received ""; needs a non-empty value.',
        '  - --to: received ""; needs a non-empty value.',
        "Run 'falco-gitops vendor --help' for usage.",
        '',
      ].join('\n'),
    });
  });
});
