import { formatDiagnostic, hasErrors, lintRuleTexts, SCOPE_OPTION_FLAGS, ScopeOptionsError, scopeRuleFiles, type ScopeResult } from '../../rules';
import type { CliIo } from '../cli-io';
import { ExitCode } from '../exit-code';
import { readInputFiles } from '../input-files';
import { reportDiagnostics } from '../report-diagnostics';
import type { ScopeCommandOptions } from './scope';

/**
 * `falco-gitops scope`: lints the inputs, scopes their effective ruleset and prints the flat files
 * on stdout; diagnostics go to stderr, so stdout stays a valid rules stream.
 */
export function runScope(files: readonly string[], options: ScopeCommandOptions, io: CliIo): number {
  const inputs = readInputFiles(files, io);
  const lintDiagnostics = lintRuleTexts(inputs);
  if (hasErrors(lintDiagnostics)) {
    reportDiagnostics(lintDiagnostics, options.format, io.stderr);
    return ExitCode.Findings;
  }

  let result: ScopeResult;
  try {
    result = scopeRuleFiles(inputs, {
      namespaces: options.namespace,
      field: options.field,
      excludeRules: options.excludeRule ?? [],
      excludeTags: options.excludeTag ?? [],
      ...(options.scopedFile !== undefined ? { files: options.scopedFile } : {}),
    });
  } catch (e) {
    // The library names its options (`excludeRules`); the user typed flags (`--exclude-rule`).
    if (e instanceof ScopeOptionsError) throw e.as((option) => SCOPE_OPTION_FLAGS[option], { summary: 'invalid scope options', usage: true });
    throw e;
  }
  // The linter already reports what the loader finds; add only what the scoping found on top.
  const seen = new Set(lintDiagnostics.map(formatDiagnostic));
  reportDiagnostics([...lintDiagnostics, ...result.diagnostics.filter((d) => !seen.has(formatDiagnostic(d)))], options.format, io.stderr);
  if (hasErrors(result.diagnostics)) return ExitCode.Findings;
  io.stdout(result.files.map((f) => f.text).join('---\n'));
  return ExitCode.Ok;
}
