import { isListOperator } from '../../condition';
import { closestMatch } from '../../../core';
import { defineLintRule } from '../lint-rule';

/**
 * After a list operator (`in`, `intersects`, `pmatch`) or a string operator with a modifier
 * (`startswith oneof`, `= anyof`), a bare name without parentheses is meant to be a list: Falco
 * substitutes list names by text. libs reads the right side of a modifier exactly like that of
 * `in` (`parse_list_value_or_transformer`, falcosecurity/libs@0.25.4:userspace/libsinsp/filter/parser.cpp). A name that is no list is still accepted by
 * Falco 0.44: libsinsp's parser reads it as a single value (`parse_list_value_or_transformer`:
 * `lex_identifier()` -> `value_expr`) and the filter compiler compares against that one literal
 * word (`sinsp_filter_compiler::visit(value_expr)`; falcosecurity/libs
 * `userspace/libsinsp/filter/parser.cpp`, `filter.cpp`). So this is almost certainly a typo,
 * but not a load error: a warning (docs/decisions/006). Inside `( ... )` a bare word is a value
 * unless it names a list, so it is never reported.
 */
export const undefinedList = defineLintRule({
  id: 'undefined-list',
  severity: 'warning',
  description:
    'A list operator or an operator with a modifier (startswith oneof) is followed by a name that is not a defined list (Falco matches it as a literal value).',
  messages: {
    undefined: (what: string, op: string, name: string, suggestion?: string) =>
      `${what}: '${name}' after '${op}' is not a defined list; ${
        suggestion !== undefined ? `did you mean '${suggestion}'?` : `define the list, or write the values in parentheses: ${op} (${name})`
      }`,
  },
  check(ctx, report) {
    const conditions = [
      ...ctx.ruleset.macros.map((m) => [`macro '${m.name}'`, ctx.macroCondition(m.name)] as const),
      ...ctx.ruleset.rules.map((r) => [`rule '${r.name}'`, ctx.ruleCondition(r.name)] as const),
    ];
    for (const [what, parsed] of conditions) {
      if (parsed.ast === undefined) continue;
      for (const n of ctx.nodesOf(parsed.ast).binaryChecks) {
        const takesList = isListOperator(n.op) || n.modifier !== undefined;
        if (takesList && n.right.type === 'value' && !ctx.lists.has(n.right.value)) {
          const op = n.modifier !== undefined ? `${n.op} ${n.modifier}` : n.op;
          report(ctx.locate(parsed, n.right.loc), this.messages.undefined(what, op, n.right.value, closestMatch(n.right.value, ctx.lists.keys())));
        }
      }
    }
  },
});
