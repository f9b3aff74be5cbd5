import { parseCondition, type Expr } from '../../condition';
import type { ConditionPart } from '../../loader';
import { defineLintRule } from '../lint-rule';

/** The root operator of a condition, or undefined if it does not parse. */
function rootType(text: string): Expr['type'] | undefined {
  try {
    return parseCondition(text).type;
  } catch {
    return undefined;
  }
}

/**
 * Falco appends conditions as text (`base + ' ' + appended`), so operator precedence decides
 * what the appended part binds to (falco-website docs/rules/overriding.md, "Precedence of
 * logical operators when appending"). Two traps are reported:
 * - base with a top-level `or`, append starting with `and`: `a or b` + `and c` is `a or (b and c)`,
 *   so the restriction applies to the last alternative only;
 * - base with a top-level `and`, append starting with `or`: `a and b` + `or c` is `(a and b) or c`,
 *   so the new alternative escapes every other condition of the base.
 */
export const appendPrecedence = defineLintRule({
  id: 'append-precedence',
  severity: 'warning',
  description: 'An appended condition whose meaning changes because of and/or precedence.',
  messages: {
    andAfterOr: (what: string) =>
      `${what}: the appended text starts with 'and' but the condition it extends has a top-level 'or', so it restricts only the last alternative ('a or b' + 'and c' means 'a or (b and c)'); put the original condition in parentheses with 'override: { condition: replace }', or append to a macro used inside it`,
    orAfterAnd: (what: string) =>
      `${what}: the appended text starts with 'or' but the condition it extends has a top-level 'and', so the new alternative bypasses every other check ('a and b' + 'or c' means '(a and b) or c'); append to a macro that is one term of the condition instead, or replace the condition`,
  },
  check(ctx, report) {
    const check = (what: string, parts: readonly ConditionPart[]): void => {
      parts.forEach((part, k) => {
        if (k === 0 || part.kind !== 'append') return;
        const appended = /^\s*(and|or)\b/.exec(part.text)?.[1];
        if (appended === undefined) return;
        const root = rootType(parts.slice(0, k).map((p) => p.text).join(' '));
        if (appended === 'and' && root === 'or') report(part.at, this.messages.andAfterOr(what));
        if (appended === 'or' && root === 'and') report(part.at, this.messages.orAfterAnd(what));
      });
    };
    for (const m of ctx.ruleset.macros) check(`macro '${m.name}'`, m.conditionParts);
    for (const r of ctx.ruleset.rules) check(`rule '${r.name}'`, r.conditionParts);
  },
});
