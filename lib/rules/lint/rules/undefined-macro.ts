import type { SourceRef } from '../../loader';
import { closestMatch } from '../../../core';
import { defineLintRule } from '../lint-rule';

const where = (r: SourceRef): string => `${r.file}:${r.line}:${r.column}`;

/**
 * A bare name in a condition must be a macro (Falco: "Undefined macro 'x' used in filter.").
 * A macro may only use macros whose first definition comes before its own last definition or
 * append (`compile_macros_infos` resolves each macro with `index < visibility`); rules may use
 * any macro. Bare words inside a list literal `(a, b)` are values, not references.
 */
export const undefinedMacro = defineLintRule({
  id: 'undefined-macro',
  severity: 'error',
  description: 'A condition references a macro that is not defined (or, in a macro, not defined yet).',
  messages: {
    undefined: (what: string, name: string, suggestion?: string) =>
      `${what}: '${name}' is not a defined macro; ${suggestion !== undefined ? `did you mean '${suggestion}'?` : 'define it, or fix the name'}`,
    isList: (what: string, name: string) =>
      `${what}: '${name}' is a list, not a macro; use it as the value of a list operator, e.g. 'proc.name in (${name})'`,
    self: (what: string, name: string) =>
      `${what}: the macro references itself ('${name}'), which Falco cannot resolve; remove the reference`,
    definedLater: (what: string, name: string, at: SourceRef) =>
      `${what}: macro '${name}' is defined later (${where(at)}), and a macro can only use macros defined before it; move '${name}' above this macro`,
  },
  check(ctx, report) {
    const check = (what: string, parsed: ReturnType<typeof ctx.ruleCondition>, self: string | undefined, visibility: number | undefined): void => {
      for (const ident of ctx.identifiers(parsed.ast)) {
        const name = ident.identifier;
        // Located only when reported: a position costs the part's source map (LazyPart).
        const macro = ctx.macros.get(name);
        if (macro === undefined) {
          report(ctx.locate(parsed, ident.loc), ctx.lists.has(name) ? this.messages.isList(what, name) : this.messages.undefined(what, name, closestMatch(name, ctx.macros.keys())));
        } else if (visibility !== undefined && macro.index >= visibility) {
          report(ctx.locate(parsed, ident.loc), name === self ? this.messages.self(what, name) : this.messages.definedLater(what, name, macro.defined));
        }
      }
    };
    for (const m of ctx.ruleset.macros) check(`macro '${m.name}'`, ctx.macroCondition(m.name), m.name, m.visibility);
    for (const r of ctx.ruleset.rules) check(`rule '${r.name}'`, ctx.ruleCondition(r.name), undefined, undefined);
  },
});
