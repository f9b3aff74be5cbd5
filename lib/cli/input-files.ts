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
 */
export function readInputFiles(operands: readonly string[], io: CliIo): InputFile[] {
  return operands.map((name) => ({ name: name === STDIN_OPERAND ? STDIN_NAME : name, text: readInputBytes(name, io).toString('utf8') }));
}
