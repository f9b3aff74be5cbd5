import { formatDiagnostic, type Diagnostic } from '../rules';
import type { OutputFormat } from './format-option';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Writes diagnostics: one `file:line:col: severity: message [code]` line each plus a count line
 * (nothing at all when there are none), or one JSON document `{ diagnostics, errorCount,
 * warningCount }` for tools (always, so a tool can parse it). `lint` writes them to stdout;
 * `scope` to stderr, because its stdout carries the rules.
 */
export function reportDiagnostics(diagnostics: readonly Diagnostic[], format: OutputFormat, write: (text: string) => void): void {
  const errorCount = diagnostics.filter((d) => d.severity === 'error').length;
  const warningCount = diagnostics.length - errorCount;
  if (format === 'json') {
    write(`${JSON.stringify({ diagnostics, errorCount, warningCount }, null, 2)}\n`);
    return;
  }
  for (const d of diagnostics) write(`${formatDiagnostic(d)}\n`);
  if (diagnostics.length > 0) write(`${plural(errorCount, 'error')}, ${plural(warningCount, 'warning')}\n`);
}
