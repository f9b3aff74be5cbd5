import type { Diagnostic } from '../diagnostic';

/** Diagnostic codes of the scoping itself (the loader's diagnostics keep their own codes). */
export const SCOPE_CODES = {
  /** A rule of a source without a namespace field stays cluster-wide (warning). */
  unscopableSource: 'scope-unscopable-source',
  /** An input uses a name the scope macro needs, or a list name that Falco would substitute into it. */
  nameConflict: 'scope-name-conflict',
  /** Two inputs have the same base name, which the output files are named by. */
  duplicateFile: 'scope-duplicate-file',
  /** The ruleset cannot be written flat without changing its meaning. */
  cannotFlatten: 'scope-cannot-flatten',
  /** A wrapped condition does not parse as `(<condition>) and <scope>`. */
  invalidCondition: 'scope-invalid-condition',
  /** An output with blanks at its ends (left by an append or replace) that a flat definition trims (warning). */
  outputTrimmed: 'scope-output-trimmed',
} as const;

export function scopeError(at: { readonly file: string; readonly line: number; readonly column: number }, code: string, message: string): Diagnostic {
  return { file: at.file, line: at.line, column: at.column, severity: 'error', code, message };
}

export function scopeWarning(at: { readonly file: string; readonly line: number; readonly column: number }, code: string, message: string): Diagnostic {
  return { ...scopeError(at, code, message), severity: 'warning' };
}
