import { printNode } from '../../condition';
import { defineLintRule } from '../lint-rule';
import { compileOperand, firstTimeOnly, forEachCheck } from '../compiled-checks';

/**
 * A transformer libs' filter compiler refuses at load time, on either side of a check: wrong
 * arity or argument types (join, concat, getopt:
 * falcosecurity/libs@0.25.4:userspace/libsinsp/sinsp_filtercheck_multivalue_transformer.cpp:147-315),
 * an input type the transformer does not take (`tolower(proc.pid)`, sinsp_filtercheck.cpp:1234-1241),
 * a field flagged EPF_NO_TRANSFORMER (`tolower(fd.ip)`, sinsp_filtercheck.cpp:1220-1223), an
 * `[arg]` after anything but getopt (filter.cpp:334-355), and `tolower(a, b)`, which throws a
 * `std::runtime_error` Falco does not catch (multivalue_transformer.cpp:570-572). Always an error.
 */
export const fieldTransformer = defineLintRule({
  id: 'field-transformer',
  severity: 'error',
  description: "A field transformer (tolower, len, join, getopt, val, …) that Falco's filter compiler refuses.",
  messages: {
    refused: (what: string, expr: string, libs: string, fix: string) => `${what}: '${expr}' is refused by Falco's filter compiler: "${libs}"; ${fix}`,
  },
  check(ctx, report) {
    const first = firstTimeOnly();
    forEachCheck(ctx, (check, site) => {
      const operands = check.type === 'binary_check' && check.right.type === 'field_transformer' ? [check.left, check.right] : [check.left];
      for (const operand of operands) {
        const r = compileOperand(site.source, operand);
        if (r === undefined || !('problem' in r)) continue;
        const at = site.at(r.problem.node.loc.offset);
        const message = this.messages.refused(site.what, printNode(r.problem.node), r.problem.libs, r.problem.fix);
        if (first(at, message)) report(at, message);
        return; // libs stops at the first refusal
      }
    });
  },
});
