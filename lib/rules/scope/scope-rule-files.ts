import * as path from 'node:path';
import { hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostic';
import { loadRuleTexts, type EffectiveRuleset, type LoadResult, type RuleText } from '../loader';
import type { FlatItem } from './flat-rules-file';
import { flattenRuleset } from './flatten-ruleset';
import { mergeRequirements } from './merge-requirements';
import { printRulesFile } from './print-rules-file';
import { SCOPE_CODES, scopeError } from './scope-codes';
import { checkOptionsAgainstInputs, decideScopes } from './scope-decisions';
import { SCOPE_DEFAULTS } from './scope-defaults';
import { scopeHeader } from './scope-header';
import type { ScopeMacro } from './scope-macros';
import { validateScopeOptions, type ScopeOptions } from './scope-options';
import { ScopeOptionsError } from './scope-options-error';

/** A rule the scoping left cluster-wide, and why. */
export interface UnscopedRule {
  readonly name: string;
  readonly reason: string;
}

export interface ScopeResult {
  /** One flat rules file per input, in the same order, named by the input's base name. Empty on errors. */
  readonly files: { readonly name: string; readonly text: string }[];
  /** The loader's diagnostics of the inputs plus the scoping's own, sorted by file and position. */
  readonly diagnostics: Diagnostic[];
  /** Names of the scoped rules, in load order. */
  readonly scopedRules: string[];
  /** The other rules, in load order, each with the reason. */
  readonly unscopedRules: UnscopedRule[];
}

/**
 * Restricts the rules of `inputs` (rule files in Falco's load order) to `options.namespaces` and
 * writes them back as flat files, one per input.
 *
 * It works on the effective ruleset, after every append and override of every file is merged, so
 * a rule's whole final condition is wrapped: `(<condition>) and falco_gitops_scope`. Appending
 * `and k8smeta.ns.name = prod` with `override: condition: append` would be wrong: Falco appends
 * text, so `a or b` would become `a or b and ns`, which scopes only `b`. The output has no
 * append or override left, so nothing loaded later can undo the scope by load order.
 *
 * Throws `ScopeOptionsError` when the options are wrong (including exclusions that name no rule
 * or tag). Problems of the inputs are error diagnostics, and then `files` is empty. The inputs
 * are loaded, not linted: run the linter on them (and on the output) as well.
 */
export function scopeRuleFiles(
  inputs: readonly RuleText[],
  given: ScopeOptions,
  // The synth pipeline has loaded (and linted) these very inputs already: loading twice costs ~60 ms.
  preloaded?: LoadResult,
): ScopeResult {
  // The same defaults as the stack's `rules.scope` and the command's flags: one source.
  const options: ScopeOptions = {
    ...given,
    excludeRules: given.excludeRules ?? SCOPE_DEFAULTS.excludeRules,
    excludeTags: given.excludeTags ?? SCOPE_DEFAULTS.excludeTags,
  };
  const optionProblems = validateScopeOptions(options);
  if (optionProblems.length > 0) throw new ScopeOptionsError(optionProblems);

  const names = inputs.map((i) => i.name);
  const outputNames = names.map((n) => path.basename(n));
  const diagnostics: Diagnostic[] = [...duplicateFileNames(names)];
  const fail = (): ScopeResult => ({ files: [], diagnostics: sortDiagnostics(diagnostics, names), scopedRules: [], unscopedRules: [] });

  const loaded = preloaded ?? loadRuleTexts(inputs);
  diagnostics.push(...loaded.diagnostics);
  if (hasErrors(diagnostics)) return fail();
  const { ruleset } = loaded;

  checkOptionsAgainstInputs(options, ruleset, names);
  const decisions = decideScopes(ruleset, options);
  for (const d of decisions.values()) if (d.warning !== undefined) diagnostics.push(d.warning);

  // Only the macros some rule uses: an unused macro is a Falco warning, and a k8s_audit macro
  // would need the k8saudit plugin's fields.
  const macros = [...new Set([...decisions.values()].flatMap((d) => (d.macro !== undefined ? [d.macro] : [])))].sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  diagnostics.push(...nameConflicts(ruleset, macros));

  const flat = flattenRuleset({ ruleset, names, decisions }, diagnostics);
  if (hasErrors(diagnostics)) return fail();

  const files = outputNames.map((name, fileIndex) => {
    const items: FlatItem[] = [];
    if (fileIndex === 0) {
      items.push(...mergeRequirements(ruleset));
      for (const m of macros) {
        items.push({ kind: 'macro', name: m.name, condition: { text: m.condition }, comment: [`Scope of ${m.source} rules, added by falco-gitops scope.`] });
      }
    }
    const own = flat.filter((f) => f.file === fileIndex);
    items.push(...own.map((f) => f.item));
    const rulesHere = own.flatMap((f) => {
      const d = f.rule === undefined ? undefined : decisions.get(f.rule);
      return d === undefined ? [] : [d];
    });
    const scopedHere = rulesHere.filter((d) => d.macro !== undefined);
    const header = scopeHeader({
      source: names[fileIndex] as string,
      options,
      macros: macros.filter((m) => scopedHere.some((d) => d.macro === m)),
      scoped: scopedHere.length,
      unscoped: rulesHere.filter((d) => d.macro === undefined).map((d) => ({ name: d.rule, reason: d.reason })),
    });
    return { name, text: printRulesFile({ name, header, items }) };
  });

  const all = ruleset.rules.flatMap((r) => decisions.get(r.name) ?? []);
  return {
    files,
    diagnostics: sortDiagnostics(diagnostics, names),
    scopedRules: all.filter((d) => d.macro !== undefined).map((d) => d.rule),
    unscopedRules: all.filter((d) => d.macro === undefined).map((d) => ({ name: d.rule, reason: d.reason })),
  };
}

/** The output files are named by their inputs' base names, so those must differ. */
function duplicateFileNames(names: readonly string[]): Diagnostic[] {
  const firstWith = new Map<string, string>();
  return names.flatMap((name) => {
    const n = path.basename(name);
    const first = firstWith.get(n);
    if (first === undefined) {
      firstWith.set(n, name);
      return [];
    }
    return [
      scopeError(
        { file: name, line: 1, column: 1 },
        SCOPE_CODES.duplicateFile,
        `two inputs have the file name '${n}' (${first} and ${name}); the flat files are named after their inputs, so rename one`,
      ),
    ];
  });
}

/**
 * A scope macro's name must be free, and its condition must not contain a list's name: Falco
 * substitutes lists into every condition as text (`resolve_list` in rule_loader_compiler.cpp),
 * so a list called `prod` would replace the namespace in `k8smeta.ns.name in (prod)`.
 */
function nameConflicts(ruleset: EffectiveRuleset, macros: readonly ScopeMacro[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const m of macros) {
    const taken = ruleset.macros.find((x) => x.name === m.name) ?? ruleset.lists.find((x) => x.name === m.name);
    if (taken !== undefined) {
      out.push(
        scopeError(
          taken.defined,
          SCOPE_CODES.nameConflict,
          // Falco would not refuse the file: a second definition without `override` silently
          // replaces the first (falco@0.44.1:userspace/engine/rule_loader_collector.cpp:57
          // define_info), so either this item or the scoping would be lost without a word.
          `'${m.name}' is the name of the scope macro this tool adds; Falco would let one definition silently replace the other, ` +
            'losing either this item or the namespace scoping; rename this item (if the file is already scoped, scope its source files instead)',
        ),
      );
    }
    const tokens = new Set(m.condition.split(/[ \t\r\n(),=]+/).filter((t) => t !== ''));
    for (const list of ruleset.lists) {
      if (!tokens.has(list.name)) continue;
      out.push(
        scopeError(
          list.defined,
          SCOPE_CODES.nameConflict,
          `list '${list.name}' has a name used in the scope macro '${m.name}' (${m.condition}); Falco would substitute the list's items into it, so rename the list`,
        ),
      );
    }
  }
  return out;
}
