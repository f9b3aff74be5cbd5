import { decodeUtf8 } from '../core';
import type { CliIo } from './cli-io';
import { readInputBytes, STDIN_NAME, STDIN_OPERAND } from './read-input';

/** A file named on the command line: the path as the user wrote it (used in messages) and its contents. */
export interface InputFile {
  readonly name: string;
  readonly text: string;
}

/**
 * Reads the operand files in order (`-` is standard input, named `<stdin>`; see read-input.ts for
 * the size limit). A missing or unreadable file is a usage error naming the file as the user typed
 * it (exit 2, like grep), so the user sees `missing.yaml: file not found` rather than a stack trace.
 * A file that is not valid UTF-8 is a user error (exit 1) naming the file, line, column and byte
 * offset: it is never decoded with replacement characters.
 */
export function readInputFiles(operands: readonly string[], io: CliIo): InputFile[] {
  return operands.map((operand) => {
    const name = operand === STDIN_OPERAND ? STDIN_NAME : operand;
    return { name, text: decodeUtf8(readInputBytes(operand, io), name) };
  });
}
