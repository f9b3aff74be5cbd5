/**
 * bin/compile-cache.js, the V8 code cache of the CLI and synth, in new processes (it hooks Node's
 * CommonJS loader, which tests in-process do not use): a cache is written once and then used, and
 * a missing, stale, corrupt or unwritable cache never changes what the program does.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/shared-dir';

const created: string[] = [];
afterAll(() => {
  for (const dir of created) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'falco-gitops-compile-cache-'));
  created.push(dir);
  return dir;
}

/**
 * Runs a program that turns the cache on in `dir`, then loads a module of build/ and fails in it
 * (source maps on, as `--debug` runs do): what it prints must not depend on the cache.
 */
function run(dir: string, env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const program = `
    process.setSourceMapsEnabled(true);
    const on = require(${JSON.stringify(path.join(REPO_ROOT, 'bin', 'compile-cache.js'))}).installCompileCache('test', ${JSON.stringify(dir)});
    const { LineCounter } = require(${JSON.stringify(path.join(REPO_ROOT, 'build', 'lib', 'rules', 'line-counter.js'))});
    console.log(on, new LineCounter('a\\nb\\r\\nc').lineCount);
    try { new LineCounter(undefined); } catch (e) { console.log(e.stack.split('\\n')[1].replace(/:\\d+:\\d+\\)$/, ')')); }
  `;
  const r = spawnSync(process.execPath, ['-e', program], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const EXPECTED = (on: boolean) => ({
  status: 0,
  stdout: `${on} 3\n    at new LineCounter (${path.join(REPO_ROOT, 'lib', 'rules', 'line-counter.ts')})\n`,
  stderr: '',
});

const files = (dir: string): Record<string, string> =>
  Object.fromEntries(fs.readdirSync(dir).map((name) => [name, fs.readFileSync(path.join(dir, name)).toString('base64')]));

describe('bin/compile-cache.js', () => {
  it('writes the cache on the first run and uses it, unchanged, on the next', () => {
    const dir = path.join(tempDir(), 'cache');
    expect(run(dir)).toEqual(EXPECTED(true));
    const first = files(dir);
    expect(Object.keys(first).sort()).toEqual(['blob.bin', 'index.json']);
    const index = JSON.parse(Buffer.from(first['index.json'] ?? '', 'base64').toString('utf8')) as { files: Record<string, unknown> };
    expect(Object.keys(index.files)).toContain(path.join(REPO_ROOT, 'build', 'lib', 'rules', 'line-counter.js'));
    expect(run(dir)).toEqual(EXPECTED(true));
    expect(files(dir)).toEqual(first);
  });

  it('recovers from a corrupt, truncated or stale cache by writing a new one', () => {
    const dir = path.join(tempDir(), 'cache');
    expect(run(dir)).toEqual(EXPECTED(true));
    // V8's cache bytes differ from run to run: a good cache is one the next run keeps as it is.
    const isGoodCache = (): boolean => {
      const before = files(dir);
      return run(dir).status === 0 && JSON.stringify(files(dir)) === JSON.stringify(before);
    };
    expect(isGoodCache()).toBe(true);
    const blob = path.join(dir, 'blob.bin');
    const index = path.join(dir, 'index.json');
    const damage: Array<() => void> = [
      () => fs.writeFileSync(blob, Buffer.alloc(fs.statSync(blob).size, 0x55)),
      () => fs.writeFileSync(blob, ''),
      () => fs.writeFileSync(index, '{"format": 1, "files": '),
      // A file's content hash no longer matching: as after a rebuild that changed it.
      () => {
        const text = fs.readFileSync(index, 'utf8');
        const spoiled = text.replace(/"crc32":"[0-9a-f]{8}"/g, `"crc32":"${'0'.repeat(8)}"`);
        expect(spoiled).not.toBe(text);
        fs.writeFileSync(index, spoiled);
      },
      // The blob damaged where V8's own header checks would not notice: the blob's CRC-32 does.
      () => {
        const bytes = fs.readFileSync(blob);
        bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
        fs.writeFileSync(blob, bytes);
      },
    ];
    for (const spoil of damage) {
      spoil();
      expect(run(dir)).toEqual(EXPECTED(true));
      expect(isGoodCache()).toBe(true);
    }
  });

  it('never fails the program when the cache cannot be written, and can be turned off', () => {
    const blocker = path.join(tempDir(), 'not-a-folder');
    fs.writeFileSync(blocker, '');
    expect(run(path.join(blocker, 'cache'))).toEqual(EXPECTED(true));
    expect(fs.readFileSync(blocker, 'utf8')).toBe('');
    const dir = path.join(tempDir(), 'cache');
    expect(run(dir, { FALCO_GITOPS_NO_COMPILE_CACHE: '1' })).toEqual(EXPECTED(false));
    expect(fs.existsSync(dir)).toBe(false);
  });
});
