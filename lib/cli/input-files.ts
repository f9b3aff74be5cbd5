import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeUtf8, UsageError } from '../core';
import type { CliIo } from './cli-io';

/** A file named on the command line: the path as the user wrote it (used in messages) and its contents. */
export interface InputFile {
  readonly name: string;
  readonly text: string;
}

/**
 * Reads the operand files in order. A missing or unreadable file is a usage error naming the file
 * as the user typed it (exit 2, like grep), so the user sees `missing.yaml: file not found`
 * rather than a stack trace. A file that is not valid UTF-8 is a user error (exit 1) naming the
 * file, line, column and byte offset: it is never decoded with replacement characters.
 */
export function readInputFiles(operands: readonly string[], io: CliIo): InputFile[] {
  return operands.map((name) => ({ name, text: decodeUtf8(readBytes(name, io), name) }));
}

function readBytes(name: string, io: CliIo): Buffer {
  try {
    return fs.readFileSync(path.resolve(io.cwd, name));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const problem =
      code === 'ENOENT'
        ? 'file not found'
        : code === 'EISDIR'
          ? 'is a directory, not a rule file'
          : `cannot be read (${code ?? (e as Error).message})`;
    throw new UsageError({ subject: name, problem });
  }
}
