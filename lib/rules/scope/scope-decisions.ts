import * as path from 'node:path';
import type { Diagnostic } from '../diagnostic';
import type { EffectiveRule, EffectiveRuleset } from '../loader';
import { closestMatch } from '../../core';
import { SCOPE_CODES } from './scope-codes';
import { SCOPE_DEFAULTS } from './scope-defaults';
import { isScopableSource, scopeMacro, type ScopeMacro } from './scope-macros';
import type { ScopeOptions } from './scope-options';
import { ScopeOptionsError, type ScopeOptionProblem } from './scope-options-error';

/** Whether a rule is scoped, by which macro, and why not otherwise. */
export interface ScopeDecision {
  readonly rule: string;
  /** The macro that scopes it; undefined when it stays cluster-wide. */
  readonly macro?: ScopeMacro;
  /** `scoped`, or why it is not (`excluded by tag cluster_wide`), for the header and the result. */
  readonly reason: string;
  readonly warning?: Diagnostic;
}

/** An entry of `files` names an input by its name as given or by its base name. */
export function matchesFile(entry: string, name: string): boolean {
  return entry === name || entry === path.basename(name);
}

/**
 * Exclusions and scoped files must name something the inputs have: a typo would otherwise
 * silently scope (and so silence outside prod) a rule that was meant to stay cluster-wide.
 * The default excluded tag is the exception: it is a convention, not something the user typed,
 * and rule files that never use it (the upstream rules alone) simply have nothing to exclude.
 * Throws `ScopeOptionsError` with every problem.
 */
export function checkOptionsAgainstInputs(options: ScopeOptions, ruleset: EffectiveRuleset, names: readonly string[]): void {
  const problems: ScopeOptionProblem[] = [];
  const ruleNames = ruleset.rules.map((r) => r.name);
  const tags = new Set(ruleset.rules.flatMap((r) => r.tags));
  const hint = (word: string, candidates: Iterable<string>): string => {
    const m = closestMatch(word, candidates);
    return m === undefined ? '' : `; did you mean '${m}'?`;
  };
  for (const f of options.files ?? []) {
    if (!names.some((n) => matchesFile(f, n))) {
      problems.push({ option: 'files', received: f, problem: `is not one of the input files (${names.join(', ')})` });
    }
  }
  for (const r of options.excludeRules ?? []) {
    if (!ruleNames.includes(r)) {
      problems.push({ option: 'excludeRules', received: r, problem: `no input defines a rule by that name${hint(r, ruleNames)}` });
    }
  }
  for (const t of options.excludeTags ?? []) {
    if (!tags.has(t) && !SCOPE_DEFAULTS.excludeTags.includes(t)) problems.push({ option: 'excludeTags', received: t, problem: `no rule of the inputs has that tag${hint(t, tags)}` });
  }
  if (problems.length > 0) throw new ScopeOptionsError(problems);
}

/**
 * Decides every rule, in this order: its file is not scoped, it is excluded by name, by tag, or
 * its source has no namespace field (a warning: it will fire everywhere); otherwise it is scoped
 * by the macro of its source. A rule belongs to the input that first defined it: its flat item is
 * written there, whatever later files changed.
 */
export function decideScopes(ruleset: EffectiveRuleset, options: ScopeOptions): Map<string, ScopeDecision> {
  const excludedRules = new Set(options.excludeRules ?? []);
  const excludedTags = options.excludeTags ?? [];
  const macroBySource = new Map<string, ScopeMacro>();
  const decide = (rule: EffectiveRule): ScopeDecision => {
    const file = rule.history.firstDefinition.file;
    if (options.files !== undefined && !options.files.some((f) => matchesFile(f, file))) {
      return { rule: rule.name, reason: `its file ${path.basename(file)} is not scoped` };
    }
    if (excludedRules.has(rule.name)) return { rule: rule.name, reason: 'excluded by name' };
    const tag = excludedTags.find((t) => rule.tags.includes(t));
    if (tag !== undefined) return { rule: rule.name, reason: `excluded by tag ${tag}` };
    if (!isScopableSource(rule.source)) {
      return {
        rule: rule.name,
        reason: `source ${rule.source} has no namespace field`,
        warning: {
          file: rule.defined.file,
          line: rule.defined.line,
          column: rule.defined.column,
          severity: 'warning',
          code: SCOPE_CODES.unscopableSource,
          message:
            `rule '${rule.name}' is left unscoped: its source '${rule.source}' has no namespace field ` +
            "(only 'syscall' and 'k8s_audit' rules can be scoped), so it fires for every namespace; " +
            'exclude it by name or tag to acknowledge this',
        },
      };
    }
    let macro = macroBySource.get(rule.source);
    if (macro === undefined) {
      macro = scopeMacro(rule.source, options.field, options.namespaces);
      macroBySource.set(rule.source, macro);
    }
    return { rule: rule.name, macro, reason: 'scoped' };
  };
  return new Map(ruleset.rules.map((rule) => [rule.name, decide(rule)] as const));
}
