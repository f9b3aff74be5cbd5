import { printNode } from '../../condition';
import { defineLintRule } from '../lint-rule';
import { firstTimeOnly, forEachBinaryCheck, operandType, operatorOffset } from '../compiled-checks';
import { acceptedOperators, comparabilityError } from '../value-parsers';

/**
 * An operator the (transformed) type of its left side does not support: libs' filter compiler
 * refuses it at load time with `filter error: <reason>` (`check_op_type_compatibility`,
 * falcosecurity/libs@0.25.4:userspace/libsinsp/filter.cpp:489-495, 576-578, and `flt_is_comparable`,
 * falcosecurity/libs@0.25.4:userspace/libsinsp/filter_compare.cpp:353-433), so Falco does not
 * start. `evt.around` also accepts only `=`
 * (falcosecurity/libs@0.25.4:userspace/libsinsp/sinsp_filtercheck_event.cpp:627-635).
 * Always an error: `skip-if-unknown-filter` only covers unknown fields and event types.
 */
export const operatorType = defineLintRule({
  id: 'operator-type',
  severity: 'error',
  description: "An operator that the type of the field (after transformers) does not support; Falco's filter compiler refuses it.",
  messages: {
    refused: (what: string, left: string, op: string, type: string, libs: string, fix: string) =>
      `${what}: '${left} ${op}' is refused by Falco's filter compiler: "${libs}" (${left} is ${type}); ${fix}`,
  },
  check(ctx, report) {
    const first = firstTimeOnly();
    forEachBinaryCheck(ctx, (check, site) => {
      const t = operandType(site.source, check.left);
      if (t === undefined) return;
      const left = printNode(check.left);
      const opText = check.modifier !== undefined ? `${check.op} ${check.modifier}` : check.op;
      let libs = comparabilityError(check.op, check.modifier, t);
      let fix: string;
      if (libs !== undefined) {
        libs = `filter error: ${libs}`;
        const accepted = acceptedOperators(t);
        fix = t.isList
          ? `${left} is a list: use 'in' or 'intersects' with a list of values`
          : check.op === 'bcontains' || check.op === 'bstartswith'
            ? `use '${check.op.slice(1)}' with the text instead of hex bytes`
            : accepted.length > 0
              ? `use one of ${accepted.join(', ')}${check.modifier !== undefined ? ' (without a modifier for this type)' : ''}`
              : 'this field can only be tested with exists';
      } else if (check.left.type === 'field' && check.left.field === 'evt.around' && check.op !== '=' && check.op !== '==') {
        libs = "evt.around supports only '=' comparison operator";
        fix = "write evt.around[T] = D";
      } else return;
      const type = `${t.type}${t.isList ? ' (list)' : ''}`;
      const at = site.at(operatorOffset(check, site.text));
      const message = this.messages.refused(site.what, left, opText, type, libs, fix);
      if (first(at, message)) report(at, message);
    });
  },
});
