import { UserError } from '../core';
import type { Diagnostic } from '../rules';

/**
 * Turns a step's diagnostics into the synth's outcome: warnings are appended to `warnings` as data
 * (`ruleFileWarnings` makes them the user's warnings, each once, the vendored files' as a summary),
 * and any error fails synth with every error at once, `file:line:col` first, under
 * `<what>: <verdict>`. Shared by the syscall and the audit Falco's rule bundles.
 */
export function failOnErrors(
  diagnostics: readonly Diagnostic[],
  what: string,
  warnings: Diagnostic[],
  verdict = 'Falco would refuse to start with these rules',
): void {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  warnings.push(...diagnostics.filter((d) => d.severity === 'warning'));
  if (errors.length > 0) {
    throw new UserError(
      errors.map((d) => ({ subject: `${d.file}:${d.line}:${d.column}`, problem: `${d.message} [${d.code}]` })),
      { summary: `${what}: ${verdict}` },
    );
  }
}
