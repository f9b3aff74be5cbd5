import { isListOperator, walk } from '../../condition';
import { closestMatch } from '../../loader/suggest';
import { defineLintRule } from '../lint-rule';

/**
 * After a list operator (`in`, `intersects`, `pmatch`), a bare name without parentheses must be
 * a list: Falco substitutes list names by text, and a name that is no list stays a bare word
 * where a list is required. Inside `( ... )` a bare word is a value unless it names a list, so
 * it is never reported.
 */
export const undefinedList = defineLintRule({
  id: 'undefined-list',
  severity: 'error',
  description: 'A list operator is followed by a name that is not a defined list.',
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
      walk(parsed.ast, {
        binary_check: (n) => {
          if (isListOperator(n.op) && n.right.type === 'value' && !ctx.lists.has(n.right.value)) {
            report(ctx.locate(parsed, n.right.loc), this.messages.undefined(what, n.op, n.right.value, closestMatch(n.right.value, ctx.lists.keys())));
          }
        },
      });
    }
  },
});
