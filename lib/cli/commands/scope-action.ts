import {
  formatDiagnostic,
  hasErrors,
  lintRuleTexts,
  SCOPE_DEFAULTS,
  SCOPE_OPTION_FLAGS,
  scopeFieldWarning,
  ScopeOptionsError,
  scopeRuleFiles,
  type ScopeOptions,
  type ScopeResult,
} from '../../rules';
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

  // Synth's defaults, from the same source, so the command reproduces what synth ships.
  const scopeOptions: ScopeOptions = {
    namespaces: options.namespace,
    field: options.field ?? SCOPE_DEFAULTS.field,
    excludeRules: options.excludeRule ?? SCOPE_DEFAULTS.excludeRules,
    excludeTags: options.excludeTag === false ? [] : (options.excludeTag ?? SCOPE_DEFAULTS.excludeTags),
    ...(options.scopedFile !== undefined ? { files: options.scopedFile } : {}),
  };
  let result: ScopeResult;
  try {
    result = scopeRuleFiles(inputs, scopeOptions);
  } catch (e) {
    // The library names its options (`excludeRules`); the user typed flags (`--exclude-rule`).
    if (e instanceof ScopeOptionsError) throw e.as((option) => SCOPE_OPTION_FLAGS[option], { summary: 'invalid scope options', usage: true });
    throw e;
  }
  // The linter already reports what the loader finds; add only what the scoping found on top.
  const seen = new Set(lintDiagnostics.map(formatDiagnostic));
  reportDiagnostics([...lintDiagnostics, ...result.diagnostics.filter((d) => !seen.has(formatDiagnostic(d)))], options.format, io.stderr);
  if (hasErrors(result.diagnostics)) return ExitCode.Findings;
  // Also in every file's header, so a --format json run (stderr is one JSON document) states it too.
  const fieldWarning = scopeFieldWarning(scopeOptions.field);
  if (fieldWarning !== undefined && options.format !== 'json') io.stderr(`warning: --field ${scopeOptions.field}: ${fieldWarning}\n`);
  io.stdout(result.files.map((f) => f.text).join('---\n'));
  return ExitCode.Ok;
}
