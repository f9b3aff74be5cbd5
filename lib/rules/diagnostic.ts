/**
 * One finding about a rule file, positioned in that file.
 *
 * `line` and `column` are 1-based, like compilers and editors print them. A diagnostic that
 * belongs to no particular place (a file that cannot be read) uses line 1, column 1.
 */
export interface Diagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly severity: Severity;
  /** Stable id of the check that produced it, e.g. `undefined-macro`. */
  readonly code: string;
  /** What was wrong and how to fix it. */
  readonly message: string;
  /** Other places the finding is about, e.g. the `(` that a condition never closes. */
  readonly related?: readonly RelatedLocation[];
}

/** A place a diagnostic refers to besides its own, and what is there. */
export interface RelatedLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export type Severity = 'error' | 'warning';

/** `file:line:col: error|warning: message [code]`, the format of gcc, eslint's unix formatter and tsc. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message} [${d.code}]`;
}

/** Orders diagnostics by file (in the given file order), then position, then code, so output is deterministic. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[], fileOrder: readonly string[] = []): Diagnostic[] {
  const rank = new Map(fileOrder.map((f, i) => [f, i] as const));
  const fileRank = (f: string): number => rank.get(f) ?? fileOrder.length;
  return [...diagnostics].sort(
    (a, b) =>
      fileRank(a.file) - fileRank(b.file) ||
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}

/** True when at least one diagnostic is an error (the CLI then exits 1). */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
