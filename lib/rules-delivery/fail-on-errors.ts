import { UserError } from '../core';
import { formatDiagnostic, type Diagnostic } from '../rules';

/**
 * Turns a step's diagnostics into the synth's outcome: warnings are appended to `warnings`
 * (formatted `file:line:col: warning: …`), and any error fails synth with every error at once,
 * `file:line:col` first, under `<what>: <falco> would refuse to start with these rules`.
 */
export function failOnErrors(diagnostics: readonly Diagnostic[], what: string, warnings: string[], falco = 'Falco'): void {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  for (const warning of diagnostics.filter((d) => d.severity === 'warning')) warnings.push(formatDiagnostic(warning));
  if (errors.length > 0) {
    throw new UserError(
      errors.map((d) => ({ subject: `${d.file}:${d.line}:${d.column}`, problem: `${d.message} [${d.code}]` })),
      { summary: `${what}: ${falco} would refuse to start with these rules` },
    );
  }
}
