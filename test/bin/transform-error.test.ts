/**
 * bin/transform-error.js: a syntax error in main.ts is reported as one `file:line:col: message`
 * line, not as tsx's minified source and two stack traces. The errors come from tsx itself (its
 * CommonJS API compiles the file in-process, as synth's `require('tsx/cjs')` does).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { formatTransformError, handleUncaught } = require('../../bin/transform-error.js') as {
  formatTransformError(error: unknown, cwd?: string): string[] | undefined;
  handleUncaught(error: unknown, io: { env: Record<string, string>; err: (line: string) => void; exit: (code: number) => void; cwd: string }): boolean;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const tsx = require('tsx/cjs/api') as { require(id: string, from: string): unknown };

const created: string[] = [];
afterAll(() => {
  for (const dir of created) fs.rmSync(dir, { recursive: true, force: true });
});

/** The error tsx throws for `source` saved as `<dir>/main.ts`, and that dir. */
function compileError(source: string): { error: unknown; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'falco-gitops-transform-'));
  created.push(dir);
  fs.writeFileSync(path.join(dir, 'main.ts'), source);
  try {
    tsx.require(path.join(dir, 'main.ts'), __filename);
  } catch (error) {
    return { error, dir };
  }
  throw new Error('expected tsx to fail');
}

describe('a syntax error in main.ts', () => {
  it('is one line: the path as the user types it, 1-based line and column, the message', () => {
    const { error, dir } = compileError('export const stackProps = {\n  argocd: {{\n  },\n};\n');
    expect(formatTransformError(error, dir)).toEqual(['main.ts:2:12: Expected identifier but found "{"']);
  });

  it('counts the column in characters, not in the bytes esbuild counts', () => {
    const { error, dir } = compileError("const s = 'é'; const a = {{};\n");
    expect(formatTransformError(error, dir)).toEqual(['main.ts:1:27: Expected identifier but found "{"']);
  });

  it('is printed alone; the exit status is 1, or under `cdk8s synth` 0 without cdk8s.out (cdk8s then says "synthesis failed", which a note announces)', () => {
    const { error, dir } = compileError('const a = {{};\n');
    for (const [env, code] of [[{}, 1], [{ CDK8S_OUTDIR: 'cdk8s.out' }, 0]] as const) {
      const lines: string[] = [];
      const exits: number[] = [];
      expect(handleUncaught(error, { env, err: (line) => lines.push(line), exit: (c) => exits.push(c), cwd: dir })).toBe(true);
      const note = 'cdk8s synth reports this failure next as "synthesis failed, app expected to create cdk8s.out".';
      expect({ lines, exits }).toEqual({ lines: ['main.ts:1:12: Expected identifier but found "{"', ...(code === 0 ? [note] : [])], exits: [code] });
    }
  });

  it('leaves any other error to the caller', () => {
    const lines: string[] = [];
    const exits: number[] = [];
    const io = { env: {}, err: (line: string) => lines.push(line), exit: (c: number) => exits.push(c), cwd: os.tmpdir() };
    expect(handleUncaught(new TypeError('x is undefined'), io)).toBe(false);
    expect(handleUncaught(Object.assign(new Error('Transform failed with 1 error:\nx'), { name: 'Error' }), io)).toBe(false);
    expect({ lines, exits }).toEqual({ lines: [], exits: [] });
  });
});
