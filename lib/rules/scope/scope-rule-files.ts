import * as path from 'node:path';
import { isAnd, isIdentifier, parseCondition, walk, type Expr } from '../condition';
import { hasErrors, sortDiagnostics, type Diagnostic } from '../lint/diagnostic';
import {
  compareVersions,
  formatVersion,
  loadRuleTexts,
  parseVersion,
  type EffectiveList,
  type EffectiveMacro,
  type EffectiveRule,
  type EffectiveRuleset,
  type RuleText,
} from '../loader';
import { closestMatch } from '../loader/suggest';
import { sha256Hex } from '../vendor/sha256';
import { emitOrder, OrderCycleError, type OrderItem } from './emit-order';
import { firstDefinitionFiles } from './first-definitions';
import type { FlatItem, FlatRulesFile, PluginRequirementEntry } from './flat-rules-file';
import { printRulesFile } from './print-rules-file';
import { scopeHeader } from './scope-header';
import { isScopableSource, scopeMacro, type ScopeMacro } from './scope-macros';
import { validateScopeOptions, type ScopeOptions } from './scope-options';
import { ScopeOptionsError } from './scope-options-error';
import { sourceLineBreaks, SourceTexts } from './source-line-breaks';

/** A rule the scoping left cluster-wide, and why. */
export interface UnscopedRule {
  readonly name: string;
  readonly reason: string;
}

export interface ScopeResult {
  /** One flat rules file per input, same order, named by the input's base name. Empty on errors. */
  readonly files: { readonly name: string; readonly text: string }[];
  /** Loader diagnostics of the inputs plus the scoping's own, sorted by file and position. */
  readonly diagnostics: Diagnostic[];
  /** Names of the rules that were scoped, in load order. */
  readonly scopedRules: string[];
  readonly unscopedRules: UnscopedRule[];
}

/** Diagnostic codes of the scoping itself (the loader's are its own). */
export const SCOPE_CODES = {
  unscopableSource: 'scope-unscopable-source',
  nameConflict: 'scope-name-conflict',
  duplicateFile: 'scope-duplicate-file',
  cannotFlatten: 'scope-cannot-flatten',
  invalidCondition: 'scope-invalid-condition',
} as const;

/**
 * Restricts the rules of `inputs` (rule files in Falco's load order) to `options.namespaces` and
 * writes them back as flat files.
 *
 * Works on the effective ruleset (every append and override merged), so a rule's whole final
 * condition is wrapped: `(<condition>) and falco_gitops_scope`. Appending `and ns = prod` as text
 * would be wrong: Falco appends text, so `a or b` + `and ns` scopes only `b`.
 *
 * Throws `ScopeOptionsError` for bad options (including exclusions that name no rule or tag).
 * Problems in the inputs are error diagnostics, and then `files` is empty.
 */
export function scopeRuleFiles(inputs: readonly RuleText[], options: ScopeOptions): ScopeResult {
  const optionProblems = validateScopeOptions(options);
  if (optionProblems.length > 0) throw new ScopeOptionsError(optionProblems);

  const names = inputs.map((i) => i.name);
  const outputNames = names.map((n) => path.basename(n));
  const diagnostics: Diagnostic[] = [];
  outputNames.forEach((n, i) => {
    const first = outputNames.indexOf(n);
    if (first !== i) {
      diagnostics.push(error(names[i] as string, 1, 1, SCOPE_CODES.duplicateFile,
        `two inputs have the file name '${n}' (${names[first]} and ${names[i]}); the flat files are named after their inputs, so rename one`));
    }
  });

  const loaded = loadRuleTexts(inputs);
  diagnostics.push(...loaded.diagnostics);
  const fail = (): ScopeResult => ({ files: [], diagnostics: sortDiagnostics(diagnostics, names), scopedRules: [], unscopedRules: [] });
  if (hasErrors(diagnostics)) return fail();
  const ruleset = loaded.ruleset;

  checkOptionsAgainstInputs(options, ruleset, names);
  const firstFiles = firstDefinitionFiles(inputs.map((i) => i.text));
  const decisions = decideScopes(ruleset, options, (rule) => {
    const i = firstFiles.get(`rule:${rule.name}`);
    return i === undefined ? rule.defined.file : (names[i] as string);
  });
  for (const d of decisions.values()) {
    if (d.warning !== undefined) diagnostics.push(d.warning);
  }

  const usedSources = new Set([...decisions.values()].filter((d) => d.macro !== undefined).map((d) => d.macro as ScopeMacro));
  const macros = [...usedSources].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  diagnostics.push(...nameConflicts(ruleset, macros));

  const sources = new SourceTexts(new Map(inputs.map((i) => [i.name, i.text])));
  const flat = flatten(ruleset, names, firstFiles, decisions, sources, diagnostics);
  if (hasErrors(diagnostics)) return fail();

  const scopedRules: string[] = [];
  const unscopedRules: UnscopedRule[] = [];
  for (const rule of ruleset.rules) {
    const d = decisions.get(rule.name) as Decision;
    if (d.macro !== undefined) scopedRules.push(rule.name);
    else unscopedRules.push({ name: rule.name, reason: d.reason });
  }

  const header = {
    inputs: inputs.map((i) => ({ name: i.name, sha256: sha256Hex(i.text) })),
    outputNames,
    options,
    macros,
  };
  const files = outputNames.map((name, fileIndex) => {
    const items: FlatItem[] = [];
    if (fileIndex === 0) {
      items.push(...requirements(ruleset));
      for (const m of macros) {
        items.push({
          kind: 'macro',
          name: m.name,
          condition: { text: m.condition },
          comment: [`Scope of ${m.source} rules, added by falco-gitops scope.`],
        });
      }
    }
    const own = flat.filter((f) => f.file === fileIndex);
    items.push(...own.map((f) => f.item));
    const rulesHere = own.filter((f) => f.rule !== undefined).map((f) => decisions.get(f.rule as string) as Decision);
    const file: FlatRulesFile = {
      name,
      header: scopeHeader(header, fileIndex, {
        scoped: rulesHere.filter((d) => d.macro !== undefined).length,
        unscoped: rulesHere.filter((d) => d.macro === undefined).map((d) => ({ name: d.rule, reason: d.reason })),
      }),
      items,
    };
    return { name, text: printRulesFile(file) };
  });

  return { files, diagnostics: sortDiagnostics(diagnostics, names), scopedRules, unscopedRules };
}

interface Decision {
  readonly rule: string;
  /** The macro that scopes it, or undefined when it stays cluster-wide. */
  readonly macro?: ScopeMacro;
  readonly reason: string;
  readonly warning?: Diagnostic;
}

function matchesFile(entry: string, name: string): boolean {
  return entry === name || entry === path.basename(name);
}

/** Exclusions and file names must name something that exists: a typo would silently scope a rule. */
function checkOptionsAgainstInputs(options: ScopeOptions, ruleset: EffectiveRuleset, names: readonly string[]): void {
  const problems: string[] = [];
  const ruleNames = ruleset.rules.map((r) => r.name);
  const tags = new Set(ruleset.rules.flatMap((r) => r.tags));
  const hint = (word: string, candidates: Iterable<string>): string => {
    const m = closestMatch(word, candidates);
    return m === undefined ? '' : `; did you mean '${m}'?`;
  };
  for (const f of options.scopedFiles ?? []) {
    if (!names.some((n) => matchesFile(f, n))) {
      problems.push(`'scopedFiles' names '${f}', which is not one of the input files (${names.join(', ')})`);
    }
  }
  for (const r of options.excludeRules ?? []) {
    if (!ruleNames.includes(r)) problems.push(`'excludeRules' names '${r}', but no input defines a rule by that name${hint(r, ruleNames)}`);
  }
  for (const t of options.excludeTags ?? []) {
    if (!tags.has(t)) problems.push(`'excludeTags' names '${t}', but no rule of the inputs has that tag${hint(t, tags)}`);
  }
  if (problems.length > 0) throw new ScopeOptionsError(problems);
}

/** Scoped or not, and why, for each rule; `definingFile` is the input that first defined it. */
function decideScopes(
  ruleset: EffectiveRuleset,
  options: ScopeOptions,
  definingFile: (rule: EffectiveRule) => string,
): Map<string, Decision> {
  const excludedRules = new Set(options.excludeRules ?? []);
  const excludedTags = options.excludeTags ?? [];
  const decisions = new Map<string, Decision>();
  const macroBySource = new Map<string, ScopeMacro>();
  for (const rule of ruleset.rules) {
    const file = definingFile(rule);
    const decide = (): Decision => {
      if (options.scopedFiles !== undefined && !options.scopedFiles.some((f) => matchesFile(f, file))) {
        return { rule: rule.name, reason: `its file ${path.basename(file)} is not scoped` };
      }
      if (excludedRules.has(rule.name)) return { rule: rule.name, reason: 'excluded by name' };
      const tag = excludedTags.find((t) => rule.tags.includes(t));
      if (tag !== undefined) return { rule: rule.name, reason: `excluded by tag ${tag}` };
      if (!isScopableSource(rule.source)) {
        const reason = `source ${rule.source} has no namespace field`;
        return {
          rule: rule.name,
          reason,
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
    decisions.set(rule.name, decide());
  }
  return decisions;
}

/**
 * A scope macro's name must be free, and its condition must not contain a list's name: Falco
 * substitutes lists into every condition as text (`resolve_list`), so a list called `prod` would
 * replace the namespace in `k8smeta.ns.name in (prod)`.
 */
function nameConflicts(ruleset: EffectiveRuleset, macros: readonly ScopeMacro[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const m of macros) {
    const taken = ruleset.macros.find((x) => x.name === m.name) ?? ruleset.lists.find((x) => x.name === m.name);
    if (taken !== undefined) {
      out.push(error(taken.defined.file, taken.defined.line, taken.defined.column, SCOPE_CODES.nameConflict,
        `'${m.name}' is the name of the scope macro this tool adds; rename this item (if the file is already scoped, scope its source files instead)`));
    }
    const tokens = new Set(m.condition.split(/[ \t\r\n(),=]+/).filter((t) => t !== ''));
    for (const list of ruleset.lists) {
      if (tokens.has(list.name)) {
        out.push(error(list.defined.file, list.defined.line, list.defined.column, SCOPE_CODES.nameConflict,
          `list '${list.name}' has a name used in the scope macro '${m.name}' (${m.condition}); Falco would substitute the list's items into it, so rename the list`));
      }
    }
  }
  return out;
}

interface PlacedFlatItem {
  readonly file: number;
  readonly item: FlatItem;
  /** Set for rules. */
  readonly rule?: string;
}

/**
 * Every list, macro and rule as a flat item, placed in its output file: the file that first
 * defined it (unless `emitOrder` has to move it later), in first-definition order.
 */
function flatten(
  ruleset: EffectiveRuleset,
  names: readonly string[],
  firstFiles: ReadonlyMap<string, number>,
  decisions: ReadonlyMap<string, Decision>,
  sources: SourceTexts,
  diagnostics: Diagnostic[],
): PlacedFlatItem[] {
  const fileOf = (kind: string, name: string, defined: { file: string }): number =>
    firstFiles.get(`${kind}:${name}`) ?? Math.max(0, names.indexOf(defined.file));

  const macroNames = new Set(ruleset.macros.map((m) => m.name));
  const order: OrderItem[] = [];
  const build = new Map<string, () => PlacedFlatItem['item']>();
  const ruleOfKey = new Map<string, string>();

  for (const list of ruleset.lists) {
    const key = `list:${list.name}`;
    order.push({ key, firstFile: fileOf('list', list.name, list.defined), index: list.index, after: [] });
    const items = flatListItems(list, ruleset.lists, diagnostics);
    build.set(key, () => ({ kind: 'list', name: list.name, items: items.items, ...(items.comment ? { comment: items.comment } : {}) }));
  }
  for (const macro of ruleset.macros) {
    const key = `macro:${macro.name}`;
    const refs = macroReferences(macro, macroNames);
    order.push({ key, firstFile: fileOf('macro', macro.name, macro.defined), index: macro.index, after: refs.map((r) => `macro:${r}`) });
    build.set(key, () => ({
      kind: 'macro',
      name: macro.name,
      condition: { text: macro.condition, breaks: sourceLineBreaks(macro.conditionParts, sources) },
    }));
  }
  for (const rule of ruleset.rules) {
    const key = `rule:${rule.name}`;
    ruleOfKey.set(key, rule.name);
    order.push({ key, firstFile: fileOf('rule', rule.name, rule.defined), index: rule.index, after: [] });
    const decision = decisions.get(rule.name) as Decision;
    build.set(key, () => ({ kind: 'rule', rule: flatRule(rule, decision, sources, diagnostics) }));
  }

  let placed;
  try {
    placed = emitOrder(order);
  } catch (e) {
    if (!(e instanceof OrderCycleError)) throw e;
    const first = ruleset.macros.find((m) => e.keys.includes(`macro:${m.name}`)) as EffectiveMacro;
    diagnostics.push(error(first.defined.file, first.defined.line, first.defined.column, SCOPE_CODES.cannotFlatten,
      `cannot write the ruleset as flat files: ${e.keys.map((k) => k.replace(/^macro:/, "macro '") + "'").join(', ')} reference each other`));
    return [];
  }
  const firstFileOf = new Map(order.map((o) => [o.key, o.firstFile] as const));
  return placed.map((p) => {
    const item = (build.get(p.key) as () => FlatItem)();
    const moved = p.file !== firstFileOf.get(p.key);
    const withComment: FlatItem = moved
      ? {
          ...item,
          comment: [
            ...(item.comment ?? []),
            `First defined in ${path.basename(names[firstFileOf.get(p.key) as number] as string)}; written here because its final`,
            'definition uses an item that a later file defines (Falco only lets it see earlier ones).',
          ],
        }
      : item;
    const rule = ruleOfKey.get(p.key);
    return { file: p.file, item: withComment, ...(rule !== undefined ? { rule } : {}) };
  });
}

/**
 * A list's items for the flat file. Falco expands an item naming a list that was first defined
 * before this list's latest change (`compile_list_infos`). Written in first-definition order, a
 * list named in an append that came after the referenced list's definition would no longer be
 * expanded, so those items are written out instead (one level, as Falco does); if that brings
 * in the name of yet another earlier list, the meaning would change, and it is an error.
 */
function flatListItems(
  list: EffectiveList,
  lists: readonly EffectiveList[],
  diagnostics: Diagnostic[],
): { items: string[]; comment?: string[] } {
  const byName = new Map(lists.map((l) => [l.name, l] as const));
  const items: string[] = [];
  const inlined: string[] = [];
  for (const item of list.items) {
    const ref = byName.get(item);
    if (ref === undefined || ref.index >= list.visibility || ref.index < list.index) {
      items.push(item);
      continue;
    }
    for (const nested of ref.items) {
      const n = byName.get(nested);
      if (n !== undefined && n.index < list.index) {
        diagnostics.push(error(list.defined.file, list.defined.line, list.defined.column, SCOPE_CODES.cannotFlatten,
          `cannot write list '${list.name}' as a flat item: it includes list '${ref.name}', whose item '${nested}' names an earlier list that Falco would then expand too; write the items of '${ref.name}' into '${list.name}' instead`));
      }
    }
    items.push(...ref.items);
    inlined.push(ref.name);
  }
  return inlined.length === 0
    ? { items }
    : { items, comment: [`Items of ${inlined.map((n) => `'${n}'`).join(', ')} written out: Falco expanded them when this list was last changed.`] };
}

/** Macros a macro's condition references (bare identifiers naming a macro). */
function macroReferences(macro: EffectiveMacro, macroNames: ReadonlySet<string>): string[] {
  let expr: Expr;
  try {
    expr = parseCondition(macro.condition);
  } catch {
    // A condition that does not parse is the linter's to report; it imposes no order.
    return [];
  }
  const refs = new Set<string>();
  walk(expr, {
    identifier: (node) => {
      if (macroNames.has(node.identifier) && node.identifier !== macro.name) refs.add(node.identifier);
    },
  });
  return [...refs].sort();
}

const BLANKS = /^[ \t\r\n]+|[ \t\r\n]+$/g;

function flatRule(rule: EffectiveRule, decision: Decision, sources: SourceTexts, diagnostics: Diagnostic[]) {
  const breaks = sourceLineBreaks(rule.conditionParts, sources);
  let condition = { text: rule.condition, breaks };
  if (decision.macro !== undefined) {
    condition = scopedCondition(rule.condition, breaks, decision.macro.name);
    const problem = checkScoped(condition.text, decision.macro.name);
    if (problem !== undefined) {
      diagnostics.push(error(rule.defined.file, rule.defined.line, rule.defined.column, SCOPE_CODES.invalidCondition,
        `rule '${rule.name}': cannot scope its condition: ${problem}`));
    }
  }
  return {
    name: rule.name,
    desc: rule.desc,
    condition,
    output: rule.output,
    priority: rule.priority,
    tags: rule.tags,
    source: rule.source,
    enabled: rule.enabled,
    exceptions: rule.exceptions,
    extra: rule.extra,
  };
}

/**
 * `(<condition>) and <macro>`: the condition text untouched except for surrounding blanks (which
 * mean nothing to Falco's parser), so a reviewer can compare it with its source; the source's
 * line breaks are kept and the scope goes on its own line.
 */
export function scopedCondition(condition: string, breaks: readonly number[], macro: string): { text: string; breaks: number[] } {
  const lead = /^[ \t\r\n]*/.exec(condition)?.[0].length ?? 0;
  const body = condition.replace(BLANKS, '');
  const shifted = breaks.map((b) => b - lead + 1).filter((b) => b > 0 && b <= body.length);
  return { text: `(${body}) and ${macro}`, breaks: [...shifted, body.length + 2] };
}

/** The scoped condition must parse as `and(<original>, <macro>)`; anything else means the wrap leaked. */
function checkScoped(text: string, macro: string): string | undefined {
  let expr: Expr;
  try {
    expr = parseCondition(text);
  } catch (e) {
    return (e as Error).message;
  }
  const last = isAnd(expr) ? expr.children[expr.children.length - 1] : undefined;
  if (!isAnd(expr) || expr.children.length !== 2 || last === undefined || !isIdentifier(last) || last.identifier !== macro) {
    return `'(...) and ${macro}' does not parse as the condition and the scope; check the condition's parentheses and quotes`;
  }
  return undefined;
}

/**
 * The requirements of all inputs at the top of the first file: the highest engine version, and
 * each plugin's highest version per major (a higher minor satisfies a lower one; a different
 * major does not, so both stay). Entries with alternatives are kept as they are.
 */
function requirements(ruleset: EffectiveRuleset): FlatItem[] {
  const items: FlatItem[] = [];
  let engine: string | undefined;
  for (const e of ruleset.requiredEngineVersions) {
    const v = parseVersion(e.version);
    if (v === undefined) continue;
    if (engine === undefined || compareVersions(v, parseVersion(engine) as NonNullable<ReturnType<typeof parseVersion>>) > 0) {
      engine = formatVersion(v);
    }
  }
  if (engine !== undefined) items.push({ kind: 'required_engine_version', version: engine });

  const plugins: PluginRequirementEntry[] = [];
  const single = new Map<string, number>();
  const seen = new Set<string>();
  for (const req of ruleset.requiredPluginVersions) {
    const [main, ...alternatives] = req.alternatives;
    if (main === undefined) continue;
    if (alternatives.length > 0) {
      const key = JSON.stringify(req.alternatives);
      if (!seen.has(key)) plugins.push({ name: main.name, version: main.version, alternatives });
      seen.add(key);
      continue;
    }
    const v = parseVersion(main.version);
    const key = `${main.name}@${v?.major ?? main.version}`;
    const at = single.get(key);
    if (at === undefined) {
      single.set(key, plugins.length);
      plugins.push({ name: main.name, version: main.version });
    } else {
      const prev = parseVersion((plugins[at] as PluginRequirementEntry).version);
      if (v !== undefined && prev !== undefined && compareVersions(v, prev) > 0) plugins[at] = { name: main.name, version: main.version };
    }
  }
  if (plugins.length > 0) items.push({ kind: 'required_plugin_versions', plugins });
  return items;
}

function error(file: string, line: number, column: number, code: string, message: string): Diagnostic {
  return { file, line, column, severity: 'error', code, message };
}
