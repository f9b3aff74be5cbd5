import { formatDiagnostic, type Diagnostic } from '../rules';
import type { CliIo } from './command';
import type { OutputFormat } from './format-option';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Writes diagnostics to stdout: one `file:line:col: severity: message [code]` line each plus a
 * count line, or one JSON document `{ diagnostics, errorCount, warningCount }` for tools.
 */
export function reportDiagnostics(diagnostics: readonly Diagnostic[], format: OutputFormat, io: CliIo): void {
  const errorCount = diagnostics.filter((d) => d.severity === 'error').length;
  const warningCount = diagnostics.length - errorCount;
  if (format === 'json') {
    io.stdout(`${JSON.stringify({ diagnostics, errorCount, warningCount }, null, 2)}\n`);
    return;
  }
  for (const d of diagnostics) io.stdout(`${formatDiagnostic(d)}\n`);
  if (diagnostics.length > 0) io.stdout(`${plural(errorCount, 'error')}, ${plural(warningCount, 'warning')}\n`);
}
