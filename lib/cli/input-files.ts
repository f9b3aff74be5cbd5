import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CliIo } from './command';
import { UsageError } from './usage-error';

/** A file named on the command line: the path as the user wrote it (used in messages) and its contents. */
export interface InputFile {
  readonly name: string;
  readonly text: string;
}

/**
 * Reads the operand files in order. A missing or unreadable file is a usage error that names it,
 * so the user sees `file not found: rules/x.yaml` rather than a stack trace.
 */
export function readInputFiles(operands: readonly string[], io: CliIo): InputFile[] {
  if (operands.length === 0) throw new UsageError('no input files: give at least one rule file');
  return operands.map((name) => {
    const full = path.resolve(io.cwd, name);
    let text: string;
    try {
      text = fs.readFileSync(full, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new UsageError(`file not found: ${name}`);
      if (code === 'EISDIR') throw new UsageError(`not a file: ${name} is a directory`);
      throw new UsageError(`cannot read ${name}: ${(e as Error).message}`);
    }
    return { name, text };
  });
}
