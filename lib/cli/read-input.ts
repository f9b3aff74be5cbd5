import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from '../core';
import type { CliIo } from './cli-io';

/**
 * The largest input file read: rule files are text, the largest upstream one (falco_rules.yaml
 * of falco-rules 5.1.0) is about 200 KB. Without a limit `lint /dev/zero` never returned; with
 * it, a wrong operand (a device, a disk image) fails at once with a message.
 */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

/** The operand that means standard input, as in grep, cat and eslint (`--stdin`). */
export const STDIN_OPERAND = '-';

/** How standard input is named in messages and diagnostics (`<stdin>:3:5: error: ...`). */
export const STDIN_NAME = '<stdin>';

const CHUNK = 64 * 1024;

/**
 * Reads one operand's bytes: `-` is standard input (through `io.readStdin`), anything else a path
 * relative to `io.cwd`, read at most `MAX_INPUT_BYTES` (a device such as /dev/zero is refused
 * before reading, a named pipe read until it ends or passes the limit). Every failure is a usage error naming
 * the operand as the user typed it.
 */
export function readInputBytes(operand: string, io: CliIo): Buffer {
  if (operand === STDIN_OPERAND) {
    const read = io.readStdin ?? readStdinOfProcess;
    const bytes = read(MAX_INPUT_BYTES + 1);
    if (bytes.length > MAX_INPUT_BYTES) throw tooLarge(STDIN_NAME);
    return bytes;
  }
  let fd: number;
  try {
    fd = fs.openSync(path.resolve(io.cwd, operand), 'r');
  } catch (error) {
    throw unreadable(operand, error);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) throw new UsageError({ subject: operand, problem: 'is a directory, not a rule file' });
    // A device never ends or is no text (/dev/zero, a disk); a named pipe (`lint <(...)`) is read.
    if (stat.isCharacterDevice() || stat.isBlockDevice() || stat.isSocket()) {
      throw new UsageError({ subject: operand, problem: 'is a device or socket, not a rule file', fix: `name the rule files (*.yaml) to read, or pass ${STDIN_OPERAND} for standard input` });
    }
    if (stat.isFile() && stat.size > MAX_INPUT_BYTES) throw tooLarge(operand);
    return readAtMost(fd, MAX_INPUT_BYTES + 1, () => tooLarge(operand));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw unreadable(operand, error);
  } finally {
    fs.closeSync(fd);
  }
}

/** Reads `fd` to its end, failing with `onTooLarge()` once more than `limit - 1` bytes came. */
function readAtMost(fd: number, limit: number, onTooLarge: () => Error): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.alloc(Math.min(CHUNK, limit - total));
    const n = readRetryingAgain(fd, chunk);
    if (n === 0) break;
    chunks.push(chunk.subarray(0, n));
    total += n;
    if (total >= limit) throw onTooLarge();
  }
  return Buffer.concat(chunks, total);
}

/**
 * `readSync`, waiting while a non-blocking descriptor (a pipe that Node set non-blocking) has no
 * data yet instead of failing with EAGAIN.
 */
function readRetryingAgain(fd: number, buffer: Buffer): number {
  for (;;) {
    try {
      return fs.readSync(fd, buffer, 0, buffer.length, null);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    }
  }
}

/** The process's standard input, up to `limit` bytes (the caller refuses more than it wants). */
function readStdinOfProcess(limit: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.alloc(Math.min(CHUNK, limit - total));
    if (chunk.length === 0) break;
    let n: number;
    try {
      n = readRetryingAgain(0, chunk);
    } catch (error) {
      // A closed or absent standard input reads as empty, as `cat -` would.
      if ((error as NodeJS.ErrnoException).code === 'EOF') break;
      throw unreadable(STDIN_NAME, error);
    }
    if (n === 0) break;
    chunks.push(chunk.subarray(0, n));
    total += n;
  }
  return Buffer.concat(chunks, total);
}

function tooLarge(name: string): UsageError {
  return new UsageError({
    subject: name,
    problem: `is larger than ${MAX_INPUT_BYTES / (1024 * 1024)} MiB, which no rule file is`,
    fix: 'name the rule files (*.yaml) to read',
  });
}

function unreadable(name: string, error: unknown): UsageError {
  const code = (error as NodeJS.ErrnoException).code;
  const problem = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory, not a rule file' : `cannot be read (${code ?? (error as Error).message})`;
  return new UsageError({ subject: name, problem });
}
