import * as path from 'node:path';
import { quoteList } from '../../core';
import { parseCondition, walk, type Expr } from '../condition';
import type { Diagnostic } from '../diagnostic';
import { MappedText, type EffectiveList, type EffectiveMacro, type EffectiveRule, type EffectiveRuleset, type ItemHistory } from '../loader';
import { emitOrder, OrderCycleError, type OrderItem } from './emit-order';
import type { FlatItem, FlatRule } from './flat-rules-file';
import { SCOPE_CODES, scopeError, scopeWarning } from './scope-codes';
import type { ScopeDecision } from './scope-decisions';
import { sourceLineBreaks } from './source-line-breaks';
import { checkWrapped, wrapCondition, wrappedOffset } from './wrap-condition';

/** A flat item and the output file it goes to. */
export interface PlacedFlatItem {
  readonly file: number;
  readonly item: FlatItem;
  /** The rule's name, for rules. */
  readonly rule?: string;
}

export interface FlattenContext {
  readonly ruleset: EffectiveRuleset;
  /** Input names, in load order: the names the ruleset was loaded with. */
  readonly names: readonly string[];
  readonly decisions: ReadonlyMap<string, ScopeDecision>;
}

/**
 * Every list, macro and rule of the effective ruleset as one flat item with its final content,
 * scoped rules wrapped, in Falco's first-definition order, each placed in the output file of the
 * input that first defined it (unless `emitOrder` has to move a macro later). Problems that make
 * a faithful flat ruleset impossible are added to `diagnostics` as errors.
 */
export function flattenRuleset(ctx: FlattenContext, diagnostics: Diagnostic[]): PlacedFlatItem[] {
  const { ruleset, names } = ctx;
  const order: OrderItem[] = [];
  const build = new Map<string, () => FlatItem>();
  const fileIndex = new Map(names.map((n, i) => [n, i] as const));
  const fileOf = (history: ItemHistory): number => {
    const i = fileIndex.get(history.firstDefinition.file);
    if (i === undefined) throw new Error(`'${history.firstDefinition.file}' is not one of the inputs ${names.join(', ')}: the ruleset was loaded from other files`);
    return i;
  };

  // Lists whose flat items differ from their items as written; ruleset.lists is in index order.
  const rewritten = new Set<string>();
  for (const list of ruleset.lists) {
    const key = `list:${list.name}`;
    order.push({ key, firstFile: fileOf(list.history), index: list.index, after: [] });
    const { items, comment } = flatListItems(list, ruleset.lists, rewritten, diagnostics);
    if (comment !== undefined) rewritten.add(list.name);
    build.set(key, () => ({ kind: 'list', name: list.name, items, ...(comment !== undefined ? { comment } : {}) }));
  }
  const macroNames = new Set(ruleset.macros.map((m) => m.name));
  for (const macro of ruleset.macros) {
    const key = `macro:${macro.name}`;
    const after = macroReferences(macro, macroNames).map((r) => `macro:${r}`);
    order.push({ key, firstFile: fileOf(macro.history), index: macro.index, after });
    build.set(key, () => ({
      kind: 'macro',
      name: macro.name,
      condition: { text: macro.condition, breaks: sourceLineBreaks(macro.conditionParts) },
    }));
  }
  for (const rule of ruleset.rules) {
    const key = `rule:${rule.name}`;
    order.push({ key, firstFile: fileOf(rule.history), index: rule.index, after: [] });
    const decision = ctx.decisions.get(rule.name);
    build.set(key, () => ({ kind: 'rule', rule: flatRule(rule, decision, diagnostics) }));
  }

  let placed;
  try {
    placed = emitOrder(order);
  } catch (e) {
    if (!(e instanceof OrderCycleError)) throw e;
    // Only macros have edges, so a cycle is made of macros.
    const first = ruleset.macros.find((m) => e.keys.includes(`macro:${m.name}`));
    const involved = e.keys.map((k) => `'${k.replace(/^macro:/, '')}'`).join(', ');
    const at = first?.defined ?? { file: names[0] ?? '', line: 1, column: 1 };
    diagnostics.push(scopeError(at, SCOPE_CODES.cannotFlatten, `cannot write the ruleset as flat files: macros ${involved} use each other`));
    return [];
  }
  const byKey = new Map(order.map((o) => [o.key, o] as const));
  return placed.flatMap((p) => {
    const make = build.get(p.key);
    const first = byKey.get(p.key)?.firstFile;
    if (make === undefined || first === undefined) return []; // every placed key was ordered and built above
    const item = make();
    const moved: FlatItem =
      p.file === first
        ? item
        : {
            ...item,
            comment: [
              ...(item.comment ?? []),
              `First defined in ${path.basename(names[first] ?? '')}; written here because its final definition uses`,
              'an item that a later file defines (Falco only lets it see items defined before it).',
            ],
          };
    return [{ file: p.file, item: moved, ...(p.key.startsWith('rule:') ? { rule: p.key.slice('rule:'.length) } : {}) }];
  });
}

/**
 * A list's items for the flat file. Falco expands an item naming a list first defined before
 * this list's latest change (`compile_list_infos`, one level), into that list's items as written.
 * Written at its first definition, this list would no longer expand a list defined between its
 * first definition and that change (a later file appending its own list's name), so those items
 * are written out instead. So are the items of an earlier list that is itself `rewritten` that
 * way: expanding it in the flat file would give its written-out items, not the ones Falco used.
 * If written-out items name yet another list defined earlier, Falco would expand that one too,
 * changing the meaning, which is an error.
 */
function flatListItems(
  list: EffectiveList,
  lists: readonly EffectiveList[],
  rewritten: ReadonlySet<string>,
  diagnostics: Diagnostic[],
): { items: string[]; comment?: string[] } {
  const byName = new Map(lists.map((l) => [l.name, l] as const));
  const items: string[] = [];
  const inlined = new Set<string>();
  const rewrittenRefs = new Set<string>();
  for (const item of list.items) {
    const ref = byName.get(item);
    if (ref === undefined || ref.index >= list.visibility || (ref.index < list.index && !rewritten.has(ref.name))) {
      items.push(item);
      continue;
    }
    for (const nested of ref.items) {
      const n = byName.get(nested);
      if (n !== undefined && n.index < list.index) {
        diagnostics.push(
          scopeError(
            list.defined,
            SCOPE_CODES.cannotFlatten,
            `cannot write list '${list.name}' as a flat item: it includes list '${ref.name}', whose item '${nested}' names an ` +
              `earlier list that Falco would then expand as well; write the items of '${ref.name}' into '${list.name}' instead`,
          ),
        );
      }
    }
    items.push(...ref.items);
    (ref.index < list.index ? rewrittenRefs : inlined).add(ref.name);
  }
  const names = (set: ReadonlySet<string>): string => quoteList(set);
  const comment: string[] = [];
  if (inlined.size > 0) comment.push(`Items of ${names(inlined)} written out: Falco expanded them when this list was last changed.`);
  if (rewrittenRefs.size > 0) {
    comment.push(
      `Items of ${names(rewrittenRefs)} written out as the inputs list them: Falco expands a list in a list only one level,`,
      `and ${names(rewrittenRefs)} above has the lists it includes written out.`,
    );
  }
  return comment.length === 0 ? { items } : { items, comment };
}

/** Macros a macro's condition uses (bare identifiers naming a macro), sorted. */
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

function flatRule(rule: EffectiveRule, decision: ScopeDecision | undefined, diagnostics: Diagnostic[]): FlatRule {
  const breaks = sourceLineBreaks(rule.conditionParts);
  let condition = { text: rule.condition, breaks };
  if (decision?.macro !== undefined) {
    condition = wrapCondition(rule.condition, breaks, decision.macro.name);
    const problem = checkWrapped(condition.text, decision.macro.name);
    if (problem?.kind === 'shape') {
      diagnostics.push(scopeError(rule.defined, SCOPE_CODES.invalidCondition, `rule '${rule.name}': cannot scope its condition: ${problem.message}`));
    } else if (problem?.kind === 'syntax') {
      // Placed in the files through the condition's source map, as the linter places its own.
      const placed = new MappedText(rule.conditionParts).placeSyntaxError(problem.error, (o) => wrappedOffset(rule.condition, o));
      const error = scopeError(placed.at, SCOPE_CODES.invalidCondition, `rule '${rule.name}': cannot scope its condition: ${placed.reason}`);
      diagnostics.push(placed.related.length > 0 ? { ...error, related: placed.related } : error);
    }
  }
  if (/^[ \t\n\r\f\v]|[ \t\n\r\f\v]$/.test(rule.output)) {
    // Falco trims the output of a rule definition (`trim` in rule_loader_reader.cpp), not of an
    // append or a replace; a flat file has only definitions.
    diagnostics.push(
      scopeWarning(
        rule.outputAt,
        SCOPE_CODES.outputTrimmed,
        `rule '${rule.name}': its output has blanks at its ends, which a flat file cannot keep ` +
          '(Falco trims the output of a rule definition), so its alerts lose them',
      ),
    );
  }
  return {
    name: rule.name,
    desc: rule.desc,
    condition,
    // What Falco keeps of it on loading the flat file (see the warning above).
    output: rule.output.replace(/^[ \t\n\r\f\v]+|[ \t\n\r\f\v]+$/g, ''),
    priority: rule.priority,
    tags: rule.tags,
    source: rule.source,
    enabled: rule.enabled,
    exceptions: rule.exceptions,
    extra: rule.extra,
  };
}
