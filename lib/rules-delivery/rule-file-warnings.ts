import type { Warning } from '../core';
import { SCOPE_CODES, type Diagnostic } from '../rules';

/**
 * The rule files' warning diagnostics as the user's warnings, each once (the scoping reports the
 * loader's again). The findings inside the vendored upstream files (`upstreamPaths`, as the
 * diagnostics name them) are the upstream project's and checksum-locked: a fix there would fail
 * the lock, so they are one summary line with the command that lists them, not a repeated advice
 * the user cannot take. The scoping's `unscopable source` warning stays, whichever file the rule
 * is in: it is acknowledged through the props (`scope.excludeRules`).
 */
export function ruleFileWarnings(findings: readonly Diagnostic[], upstreamPaths: readonly string[]): Warning[] {
  const unique = new Map<string, Diagnostic>();
  for (const d of findings) unique.set(`${d.file}:${d.line}:${d.column}:${d.code}:${d.message}`, d);
  const all = [...unique.values()];
  const vendored = all.filter((d) => upstreamPaths.includes(d.file) && d.code !== SCOPE_CODES.unscopableSource);
  const warnings: Warning[] = all
    .filter((d) => !vendored.includes(d))
    .map((d) => ({ subject: `${d.file}:${d.line}:${d.column}`, message: `${d.message} [${d.code}]` }));
  if (vendored.length > 0) {
    warnings.push({
      message:
        `${vendored.length} ${vendored.length === 1 ? 'finding' : 'findings'} in vendored upstream files ` +
        '(checksum-locked: Falco loads them as released, and this is not yours to fix); ' +
        `list them with \`npx falco-gitops lint ${upstreamPaths.join(' ')}\``,
    });
  }
  return warnings;
}
