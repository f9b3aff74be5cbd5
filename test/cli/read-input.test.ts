/**
 * What `lint` and `scope` read: `-` is standard input, and no operand can make them hang or
 * exhaust memory (a device, a huge file): each is refused at once, naming the operand.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_INPUT_BYTES, readInputBytes } from '../../lib/cli/read-input';
import { cli } from './cli-helpers';

const created: string[] = [];
afterAll(() => {
  for (const dir of created) fs.rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'falco-gitops-read-input-'));
  created.push(dir);
  return dir;
}

const BROKEN = '- rule: Broken\n  desc: d\n  condition: proc.nmae = cat\n  output: o\n  priority: WARNING\n';
const UNKNOWN_FIELD = "error: rule 'Broken': unknown field 'proc.nmae' for source 'syscall'; did you mean 'proc.name'? [unknown-field]";

describe('falco-gitops lint -', () => {
  it('reads standard input, named <stdin> in the findings', async () => {
    const limits: number[] = [];
    const readStdin = (limit: number): Buffer => {
      limits.push(limit);
      return Buffer.from(BROKEN);
    };
    expect(await cli(['lint', '-'], { readStdin })).toEqual({ code: 1, stdout: `<stdin>:3:14: ${UNKNOWN_FIELD}\n1 error, 0 warnings\n`, stderr: '' });
    // It asks for one byte more than the limit, to tell "at the limit" from "over it".
    expect(limits).toEqual([MAX_INPUT_BYTES + 1]);
  });

  it('reads standard input among files, in load order', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'a.yaml'), '- macro: m\n  condition: proc.name = x\n');
    const r = await cli(['lint', 'a.yaml', '-'], { cwd: dir, readStdin: () => Buffer.from('- rule: R\n  desc: d\n  condition: m\n  output: o\n  priority: INFO\n') });
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('refuses standard input larger than the limit', async () => {
    const r = await cli(['lint', '-'], { readStdin: (limit) => Buffer.alloc(limit, 0x20) });
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: "error: <stdin>: is larger than 16 MiB, which no rule file is. Fix: name the rule files (*.yaml) to read\nRun 'falco-gitops lint --help' for usage.\n",
    });
  });
});

describe('falco-gitops lint refuses what is no rule file, at once', () => {
  it('a device such as /dev/zero (it used to hang)', async () => {
    expect(await cli(['lint', '/dev/zero'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'error: /dev/zero: is a device or socket, not a rule file. Fix: name the rule files (*.yaml) to read, or pass - for standard input\n' +
        "Run 'falco-gitops lint --help' for usage.\n",
    });
  });

  it('a file larger than the limit, before reading it', async () => {
    const dir = tempDir();
    const big = path.join(dir, 'big.yaml');
    // Sparse: the size is what is checked, nothing is read.
    fs.closeSync(fs.openSync(big, 'w'));
    fs.truncateSync(big, MAX_INPUT_BYTES + 1);
    expect(await cli(['lint', 'big.yaml'], { cwd: dir })).toEqual({
      code: 2,
      stdout: '',
      stderr: "error: big.yaml: is larger than 16 MiB, which no rule file is. Fix: name the rule files (*.yaml) to read\nRun 'falco-gitops lint --help' for usage.\n",
    });
  });

  it('a file of exactly the limit is read whole (read directly: linting 16 MiB is not the point)', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'max.yaml'), Buffer.alloc(MAX_INPUT_BYTES, 0x23));
    const io = { stdout: () => undefined, stderr: () => undefined, cwd: dir };
    expect(readInputBytes('max.yaml', io).length).toBe(MAX_INPUT_BYTES);
  });

  it('a directory, and a missing file', async () => {
    const dir = tempDir();
    expect((await cli(['lint', '.'], { cwd: dir })).stderr).toBe("error: .: is a directory, not a rule file.\nRun 'falco-gitops lint --help' for usage.\n");
    expect((await cli(['lint', 'nope.yaml'], { cwd: dir })).stderr).toBe("error: nope.yaml: file not found.\nRun 'falco-gitops lint --help' for usage.\n");
  });
});
