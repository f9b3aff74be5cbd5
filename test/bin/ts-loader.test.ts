/**
 * bin/ts-loader.js, synth's TypeScript loader: main.ts compiled by esbuild, file by file, and a
 * syntax error reported as one `file:line:col: message` line by bin/transform-error.js.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/* eslint-disable @typescript-eslint/no-require-imports */
const { compileTypeScript } = require('../../bin/ts-loader.js') as {
  compileTypeScript(source: string, filename: string, options?: { sourceMaps?: boolean }): string;
};
const { formatTransformError } = require('../../bin/transform-error.js') as { formatTransformError(error: unknown, cwd?: string): string[] | undefined };
/* eslint-enable @typescript-eslint/no-require-imports */

const created: string[] = [];
afterAll(() => {
  for (const dir of created) fs.rmSync(dir, { recursive: true, force: true });
});

function errorOf(source: string): { error: unknown; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'falco-gitops-ts-loader-'));
  created.push(dir);
  const file = path.join(dir, 'main.ts');
  fs.writeFileSync(file, source);
  try {
    compileTypeScript(source, file);
  } catch (error) {
    return { error, dir };
  }
  throw new Error('no error');
}

describe('synth TypeScript loader', () => {
  it("compiles main.ts's TypeScript to CommonJS that Node runs: imports become requires, types vanish", () => {
    const code = compileTypeScript(
      "import { join } from 'node:path';\nimport type { X } from 'y';\nexport const stackProps: { a: number } = { a: 1 };\nexport const p: string = join('a', 'b');\n",
      '/repo/main.ts',
      { sourceMaps: false },
    );
    expect(code).toContain('require("node:path")');
    expect(code).not.toContain("from 'y'");
    const module = { exports: {} as Record<string, unknown> };
    new Function('module', 'exports', 'require', code)(module, module.exports, require);
    expect(module.exports).toMatchObject({ stackProps: { a: 1 }, p: path.join('a', 'b') });
  });

  it('adds an inline source map only when source maps are on', () => {
    expect(compileTypeScript('const a: number = 1;\n', '/repo/main.ts', { sourceMaps: true })).toContain('sourceMappingURL=data:');
    expect(compileTypeScript('const a: number = 1;\n', '/repo/main.ts', { sourceMaps: false })).not.toContain('sourceMappingURL');
  });

  it('reports a syntax error as one line, with the 1-based character column of the mistake', () => {
    const { error, dir } = errorOf("// é é\nconst a = { b: 1 };\nconst é: = 'é';\n");
    expect((error as Error).name).toBe('TransformError');
    expect(formatTransformError(error, dir)).toEqual(['main.ts:3:10: Unexpected "="']);
  });
});

describe('the transform cache of synth (build/.ts-cache/)', () => {
  /* eslint-disable-next-line @typescript-eslint/no-require-imports */
  const { cachedCompile } = require('../../bin/ts-loader.js') as {
    cachedCompile(source: string, filename: string, options: { cacheDir: string; sourceMaps?: boolean }): string;
  };
  const cacheDir = (): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'falco-gitops-ts-cache-'));
    created.push(dir);
    return path.join(dir, 'cache');
  };

  it('compiles once per content: the second load reads the cached output, an edit replaces the entry', () => {
    const dir = cacheDir();
    const first = cachedCompile('export const a: number = 1;\n', '/repo/main.ts', { cacheDir: dir, sourceMaps: false });
    const [entry] = fs.readdirSync(dir);
    expect(entry).toMatch(/^main\.ts-[0-9a-f]{64}\.js$/);
    // What is read back is the file's content: mark it to see that it is used.
    fs.writeFileSync(path.join(dir, entry ?? ''), `${first}// from the cache\n`);
    expect(cachedCompile('export const a: number = 1;\n', '/repo/main.ts', { cacheDir: dir, sourceMaps: false })).toContain('// from the cache');
    expect(cachedCompile('export const a: number = 2;\n', '/repo/main.ts', { cacheDir: dir, sourceMaps: false })).toContain('a = 2');
    expect(fs.readdirSync(dir)).toHaveLength(1);
  });

  it('never caches an error, and works without a writable cache folder', () => {
    const dir = cacheDir();
    expect(() => cachedCompile('const a: = 1;\n', '/repo/main.ts', { cacheDir: dir })).toThrow(/Unexpected "="/);
    expect(fs.existsSync(dir) ? fs.readdirSync(dir) : []).toEqual([]);
    const file = path.join(path.dirname(dir), 'a-file');
    fs.writeFileSync(file, '');
    expect(cachedCompile('export const b = 3;\n', '/repo/main.ts', { cacheDir: path.join(file, 'sub') })).toContain('b = 3');
  });
});
