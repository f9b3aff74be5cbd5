import { printNode } from '../../condition';
import { defineLintRule } from '../lint-rule';
import { compileOperand, firstTimeOnly, forEachBinaryCheck, NET_TYPES, operatorOffset, type CompiledOperand } from '../compiled-checks';
import { comparabilityError } from '../value-parsers';

const typeName = (c: CompiledOperand): string => (c.type === undefined ? '?' : `${c.type.type}${c.type.isList ? ' (list)' : ''}`);

/**
 * A field on the right of a check (`x = val(y)`, `x = tolower(y)`) that libs' filter compiler
 * refuses at load time (`add_filter_value`, falcosecurity/libs@0.25.4:userspace/libsinsp/sinsp_filtercheck.cpp:642-742,
 * in this order): `pmatch` and `regex`, IPNET left sides, a left or right field flagged EPF_NO_RHS
 * (fd.ip, fd.net, fd.port, fd.proto, evt.rawarg, evt.around, proc.aname, …: the catalog's `noRhs`),
 * and sides whose (transformed) types differ, list-ness included (`check_rhs_field_type_consistency`,
 * sinsp_filtercheck.cpp:1296-1316). Checks that operator-type or field-transformer refuse are left to them.
 */
export const rhsField = defineLintRule({
  id: 'rhs-field',
  severity: 'error',
  description: "A right-hand side field (val(...) or a transformer on the right) that Falco's filter compiler refuses.",
  messages: {
    refused: (what: string, check: string, libs: string, fix: string) => `${what}: '${check}' is refused by Falco's filter compiler: "${libs}"; ${fix}`,
  },
  check(ctx, report) {
    const first = firstTimeOnly();
    forEachBinaryCheck(ctx, (check, site) => {
      if (check.right.type !== 'field_transformer') return;
      const l = compileOperand(site.source, check.left);
      const r = compileOperand(site.source, check.right);
      if (l === undefined || r === undefined || 'problem' in l || 'problem' in r) return;
      const left = l.ok;
      const right = r.ok;
      if (left.type !== undefined && comparabilityError(check.op, check.modifier, left.type) !== undefined) return;
      if (left.name === 'evt.around' && check.op !== '=' && check.op !== '==') return;
      const rightText = printNode(check.right);
      let libs: string;
      let fix: string;
      if (check.op === 'pmatch' || check.op === 'regex') {
        if (left.type === undefined) return;
        libs = `operator '${check.op.toUpperCase()}' doesn't support right-hand side fields`;
        fix = `${check.op} takes constant values only: compare with ${rightText} using '=' or another operator`;
      } else if (left.type !== undefined && NET_TYPES.has(left.type.type)) {
        libs = "field type 'IPNET' doesn't support right-hand side fields";
        fix = 'compare the network field with constant networks (a.b.c.d/N)';
      } else if (left.noRhs) {
        libs = `field '${left.name}' doesn't support right-hand side fields`;
        fix = `compare ${left.name} with constant values`;
      } else if (right.noRhs) {
        libs = `field '${right.name}' can't be used as a right-hand side field`;
        fix = `put ${right.name} on the left side and compare it with constant values`;
      } else if (left.type !== undefined && right.type !== undefined && (left.type.type !== right.type.type || left.type.isList !== right.type.isList)) {
        libs = `field '${left.name}' has type '${typeName(left)}' while the right-hand side field '${right.name}' has incompatible type '${typeName(right)}'`;
        fix = 'both sides must have the same type and both be lists or neither';
      } else return;
      const at = site.at(operatorOffset(check, site.text));
      const opText = check.modifier !== undefined ? `${check.op} ${check.modifier}` : check.op;
      const message = this.messages.refused(site.what, `${printNode(check.left)} ${opText} ${rightText}`, libs, fix);
      if (first(at, message)) report(at, message);
    });
  },
});
