import type { ParsedCondition } from '../lint-context';
import { defineLintRule } from '../lint-rule';

/**
 * Conditions must parse (Falco: LOAD_ERR_COMPILE_CONDITION). Each macro and rule condition is
 * parsed as written, appends included, and the error is placed on the exact file line:column,
 * also inside multi-line and appended conditions.
 *
 * One code is not Falco's: `max-depth` is this toolchain's own nesting limit. libs 0.25.4 has a
 * depth guard that never fires (an unnamed temporary, falcosecurity/libs@0.25.4:userspace/libsinsp/filter/parser.cpp:37-51;
 * see lib/rules/condition/parser.ts), so Falco 0.44.1 parses such a condition; the message says so.
 */
export const conditionSyntax = defineLintRule({
  id: 'condition-syntax',
  severity: 'error',
  description: 'A macro or rule condition that does not parse.',
  messages: {
    syntax: (what: string, reason: string) => `${what}: invalid condition: ${reason}`,
    tooDeep: (what: string, reason: string) =>
      `${what}: condition too deep for this toolchain: ${reason} (this limit is the linter's own: ` +
      "Falco 0.44.1 has none, libs' depth guard never fires, so Falco parses it and would only crash thousands of levels deeper)",
  },
  check(ctx, report) {
    const check = (what: string, parsed: ParsedCondition): void => {
      if (parsed.error === undefined) return;
      const { at, reason, related } = parsed.text.placeSyntaxError(parsed.error);
      const message = parsed.error.code === 'max-depth' ? this.messages.tooDeep(what, reason) : this.messages.syntax(what, reason);
      report(at, message, undefined, related);
    };
    for (const m of ctx.ruleset.macros) check(`macro '${m.name}'`, ctx.macroCondition(m.name));
    for (const r of ctx.ruleset.rules) check(`rule '${r.name}'`, ctx.ruleCondition(r.name));
  },
});
