import { quoteList } from '../../../core';
import { ConditionSyntaxError, parseCondition } from '../../condition';
import { conditionWithExceptions, listsNamedBy, substituteLists } from '../../loader';
import type { SourceRef } from '../../loader';
import { defineLintRule } from '../lint-rule';
import type { ParsedCondition } from '../lint-context';
import { substitutionKeepsSyntax } from '../substituted-syntax';

/** The text around `offset`, on one line, for messages. */
function excerpt(text: string, offset: number): string {
  const start = Math.max(0, offset - 30);
  const snippet = text.slice(start, offset + 30).replace(/\s+/g, ' ');
  return `${start > 0 ? '…' : ''}${snippet}${offset + 30 < text.length ? '…' : ''}`;
}

/**
 * Falco does not parse a condition as written: it first appends the exception clauses and
 * substitutes every list name with its items as plain text (`rule_loader_compiler.cpp`
 * `build_rule_exception_infos`, `resolve_list`). Items with quotes or parentheses, a list name
 * after `=`, or exception values with special characters can break a condition that parses as
 * written. Reported only for conditions that do parse as written.
 */
export const expandedCondition = defineLintRule({
  id: 'expanded-condition-syntax',
  severity: 'error',
  description: 'A condition that no longer parses once Falco appends exceptions and substitutes lists.',
  messages: {
    broken: (what: string, reason: string, near: string, lists: readonly string[], exceptions: boolean) =>
      `${what}: the condition Falco compiles ${[exceptions ? 'with its exceptions' : '', lists.length > 0 ? `with list${lists.length > 1 ? 's' : ''} ${quoteList(lists)} substituted` : ''].filter(Boolean).join(' and ') || 'as expanded'} does not parse: ${reason} near '${near}'; check the items of those lists and the exception values for quotes, parentheses or commas`,
  },
  check(ctx, report) {
    // `at` is a function: a part's position is worked out only for a message (LazyPart).
    const check = (what: string, parsed: ParsedCondition, text: string, at: () => SourceRef, exceptions: boolean): void => {
      const used = listsNamedBy(text, ctx.ruleset.lists);
      if (used.length === 0 && !exceptions) return;
      // Most substitutions only put list items into parenthesized lists: sure to parse, as the
      // text as written did, without building and parsing the longer text.
      if (!exceptions && parsed.ast !== undefined && parsed.text.text === text && substitutionKeepsSyntax(parsed.ast, text, used, ctx.lists)) return;
      const expanded = substituteLists(text, ctx.ruleset.lists).text;
      try {
        parseCondition(expanded);
      } catch (e) {
        if (!(e instanceof ConditionSyntaxError)) throw e;
        // Positions inside the expanded text exist nowhere in the files: leave them out, show an excerpt.
        report(at(), this.messages.broken(what, e.describe(() => undefined), excerpt(expanded, e.start.offset), used, exceptions));
      }
    };
    for (const m of ctx.ruleset.macros) {
      const parsed = ctx.macroCondition(m.name);
      if (parsed.ast === undefined) continue;
      check(`macro '${m.name}'`, parsed, m.condition, () => m.conditionParts[0]?.at ?? m.defined, false);
    }
    for (const r of ctx.ruleset.rules) {
      const parsed = ctx.ruleCondition(r.name);
      if (parsed.ast === undefined) continue;
      const withExceptions = conditionWithExceptions(r.condition, r.exceptions);
      check(`rule '${r.name}'`, parsed, withExceptions, () => r.conditionParts[0]?.at ?? r.defined, withExceptions !== r.condition);
    }
  },
});
