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
    for (const m of ctx.ruleset.macros) {
      const parsed = ctx.macroCondition(m.name);
      if (parsed.error) {
        const at = ctx.locate(parsed, parsed.error);
        report(at, this.messages.syntax(`macro '${m.name}'`, ctx.syntaxReason(parsed, parsed.error.reason, at.file)));
      }
    }
    for (const r of ctx.ruleset.rules) {
      const parsed = ctx.ruleCondition(r.name);
      if (parsed.error) {
        const at = ctx.locate(parsed, parsed.error);
        report(at, this.messages.syntax(`rule '${r.name}'`, ctx.syntaxReason(parsed, parsed.error.reason, at.file)));
      }
    }
  },
});
