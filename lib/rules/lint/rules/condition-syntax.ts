import type { ParsedCondition } from '../lint-context';
import { defineLintRule } from '../lint-rule';

/**
 * Conditions must parse (Falco: LOAD_ERR_COMPILE_CONDITION). Each macro and rule condition is
 * parsed as written, appends included, and the error is placed on the exact file line:column,
 * also inside multi-line and appended conditions.
 */
export const conditionSyntax = defineLintRule({
  id: 'condition-syntax',
  severity: 'error',
  description: 'A macro or rule condition that does not parse.',
  messages: {
    syntax: (what: string, reason: string) => `${what}: invalid condition: ${reason}`,
  },
  check(ctx, report) {
    const check = (what: string, parsed: ParsedCondition): void => {
      if (parsed.error === undefined) return;
      const { at, reason, related } = parsed.text.placeSyntaxError(parsed.error);
      report(at, this.messages.syntax(what, reason), undefined, related);
    };
    for (const m of ctx.ruleset.macros) check(`macro '${m.name}'`, ctx.macroCondition(m.name));
    for (const r of ctx.ruleset.rules) check(`rule '${r.name}'`, ctx.ruleCondition(r.name));
  },
});
