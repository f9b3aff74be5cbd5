import { expect } from 'vitest';
import { isMap, isSeq, parseAllDocuments } from 'yaml';
import { loadRuleTexts, type EffectiveRule, type EffectiveRuleset } from '../../../lib/rules/loader';
import { SCOPE_MACRO_NAMES } from '../../../lib/rules/scope';

export type { RuleText } from '../../../lib/rules/loader';

const SCOPE_MACROS = new Set<string>(Object.values(SCOPE_MACRO_NAMES));

/** What a scoped rule's condition must be: the original, blanks trimmed, in parentheses, `and` the macro. */
export function scopedCondition(condition: string, source: string): string {
  const macro = SCOPE_MACRO_NAMES[source as keyof typeof SCOPE_MACRO_NAMES];
  return `(${condition.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '')}) and ${macro}`;
}

/** Every output item is a plain definition: no `append`, no `override` anywhere. */
export function assertFlat(files: readonly { name: string; text: string }[]): void {
  for (const file of files) {
    for (const doc of parseAllDocuments(file.text)) {
      expect(doc.errors, file.name).toEqual([]);
      const contents = doc.contents;
      expect(isSeq(contents), `${file.name} is a sequence of items`).toBe(true);
      if (!isSeq(contents)) continue;
      for (const item of contents.items) {
        expect(isMap(item)).toBe(true);
        if (!isMap(item)) continue;
        const keys = item.items.map((p) => String((p.key as { value: unknown }).value));
        expect(keys.filter((k) => k === 'append' || k === 'override'), `${file.name}: ${keys.join(', ')}`).toEqual([]);
      }
    }
  }
}

/** The effective ruleset without positions and Falco's counters, which flattening changes on purpose. */
function semantic(ruleset: EffectiveRuleset, condition: (rule: EffectiveRule) => string) {
  return {
    lists: ruleset.lists.map((l) => ({ name: l.name, expandedItems: l.expandedItems })),
    // Macro order only decides which macros a macro may use (checked by loading without
    // diagnostics); flattening may move a macro after one it uses.
    macros: ruleset.macros
      .filter((m) => !SCOPE_MACROS.has(m.name))
      .map((m) => ({ name: m.name, condition: m.condition }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    rules: ruleset.rules.map((r) => ({
      name: r.name,
      condition: condition(r),
      output: r.output,
      desc: r.desc,
      priority: r.priority,
      tags: r.tags,
      source: r.source,
      enabled: r.enabled,
      exceptions: r.exceptions.map((e) => ({ name: e.name, fields: e.fields, comps: e.comps, values: e.values })),
      extra: r.extra,
    })),
  };
}

/**
 * Loading the outputs gives the inputs' effective ruleset: the same lists (as Falco expands
 * them), macros and rules, in the same order, with only the rules' conditions changed to
 * `expected(inputRule)`. The outputs load without a single diagnostic.
 */
export function assertSameRulesetExceptScope(
  inputs: readonly { name: string; text: string }[],
  outputs: readonly { name: string; text: string }[],
  expected: (rule: EffectiveRule) => string,
): void {
  const before = loadRuleTexts(inputs);
  const after = loadRuleTexts(outputs);
  expect(after.diagnostics).toEqual([]);
  expect(semantic(after.ruleset, (r) => r.condition)).toEqual(semantic(before.ruleset, expected));
}
