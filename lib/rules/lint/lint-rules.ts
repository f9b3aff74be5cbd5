import type { RuleText } from '../loader';
import { loadRuleTextsDetailed, readRuleFiles, type DetailedLoadResult } from '../loader';
import { sortDiagnostics, type Diagnostic } from '../diagnostic';
import { LintContext } from './lint-context';
import type { LintRule } from './lint-rule';
import { LINT_RULES } from './rules';

/** A bug in the linter itself, reported as a diagnostic so that `lint` never throws. */
function internalError(file: string, what: string, e: unknown): Diagnostic {
  const detail = e instanceof Error ? e.message : String(e);
  return {
    file,
    line: 1,
    column: 1,
    severity: 'error',
    code: 'internal-error',
    message: `the linter failed in ${what} (${detail}); this is a bug in falco-gitops, please report it with this file`,
  };
}

/**
 * Lints rules files given as text, loaded in order as Falco's `rules_files`: the loader's checks
 * (YAML, structure, keys, overrides, merges, versions, exceptions) and then every lint rule over
 * the effective ruleset. Returns the diagnostics sorted by file order and position; never throws.
 */
export function lintRuleTexts(files: readonly RuleText[], rules: readonly LintRule[] = LINT_RULES): Diagnostic[] {
  let loaded: DetailedLoadResult;
  try {
    loaded = loadRuleTextsDetailed(files);
  } catch (e) {
    return [internalError(files[0]?.name ?? '<input>', 'the loader', e)];
  }
  return lintLoaded(files, loaded, rules);
}

/**
 * Runs every lint rule over rules files already loaded with `loadRuleTextsDetailed(files)`, for
 * callers that need the load result too (synth scopes the same load). Never throws.
 */
export function lintLoaded(
  files: readonly RuleText[],
  loaded: DetailedLoadResult,
  rules: readonly LintRule[] = LINT_RULES,
): Diagnostic[] {
  const order = files.map((f) => f.name);
  const fallbackFile = order[0] ?? '<input>';
  let diagnostics: Diagnostic[];
  try {
    diagnostics = [...loaded.diagnostics];
    const ctx = new LintContext(loaded.ruleset, loaded.details);
    for (const rule of rules) {
      try {
        rule.check(ctx, (at, message, severity, related) =>
          diagnostics.push({
            file: at.file,
            line: at.line,
            column: at.column,
            severity: severity ?? rule.severity,
            code: rule.id,
            message,
            ...(related !== undefined && related.length > 0 ? { related } : {}),
          }),
        );
      } catch (e) {
        diagnostics.push(internalError(fallbackFile, `check '${rule.id}'`, e));
      }
    }
  } catch (e) {
    diagnostics = [internalError(fallbackFile, 'the lint context', e)];
  }
  return dedupe(sortDiagnostics(diagnostics, order));
}

/** Lints rules files from disk, in order; an unreadable file is a `file-unreadable` diagnostic. */
export function lintRules(paths: readonly string[]): Diagnostic[] {
  const { texts, diagnostics } = readRuleFiles(paths);
  return sortDiagnostics([...diagnostics, ...lintRuleTexts(texts)], paths);
}

function dedupe(sorted: Diagnostic[]): Diagnostic[] {
  return sorted.filter((d, i) => {
    const p = sorted[i - 1];
    return p === undefined || p.file !== d.file || p.line !== d.line || p.column !== d.column || p.code !== d.code || p.message !== d.message;
  });
}
