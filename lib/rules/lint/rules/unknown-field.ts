import { checkField, isSourceCovered } from '../../fields';
import { checkExceptionField } from '../../loader';
import { defineLintRule } from '../lint-rule';
import type { ParsedCondition } from '../lint-context';

/**
 * Every field in a condition must exist for the rule's source, with a valid argument (Falco:
 * LOAD_ERR_COMPILE_CONDITION, "nonexistent field"). A macro's fields are checked against the
 * sources of the rules that use it, because that is where Falco compiles them; an unused macro
 * is not compiled. With `skip-if-unknown-filter: true` Falco only warns and skips the rule, so
 * the finding is a warning then, except for an unknown event argument (`evt.rawarg.<name>`), which
 * Falco does not skip. Exception fields are checked when the rule is defined
 * (collector `validate_exception_info`), regardless of that flag.
 */
export const unknownField = defineLintRule({
  id: 'unknown-field',
  severity: 'error',
  description: 'A condition or exception uses a field Falco does not know for the source.',
  messages: {
    field: (what: string, detail: string) => `${what}: ${detail}`,
    skipped: (what: string, detail: string) =>
      `${what}: ${detail} (the rule has skip-if-unknown-filter: true, so Falco skips it instead of failing)`,
    exception: (what: string, name: string, detail: string) => `${what}: exception '${name}': ${detail}`,
  },
  check(ctx, report) {
    const checkTree = (what: string, parsed: ParsedCondition, source: string, skip: boolean): void => {
      if (parsed.ast === undefined) return;
      for (const n of ctx.nodesOf(parsed.ast).fields) {
        const result = checkField(source, n.field, n.arg);
        if (result.ok) continue;
        const at = ctx.locate(parsed, n.loc);
        // Falco skips only errors that name a nonexistent field or unknown event type
        // (falcosecurity/falco@0.44.1:userspace/engine/rule_loader_compiler.cpp:353-358), not "unknown event argument"
        if (skip && result.reason !== 'unknown-event-argument') report(at, this.messages.skipped(what, result.message), 'warning');
        else report(at, this.messages.field(what, result.message));
      }
    };
    for (const r of ctx.ruleset.rules) {
      if (!isSourceCovered(r.source)) continue;
      const what = `rule '${r.name}'`;
      checkTree(what, ctx.ruleCondition(r.name), r.source, r.extra['skip-if-unknown-filter'] === true);
      for (const ex of r.exceptions) {
        for (const field of typeof ex.fields === 'string' ? [ex.fields] : ex.fields) {
          // A field with transformers (`tolower(proc.name)`) is checked as Falco's `is_valid_lhs_field` does.
          const result = checkExceptionField(r.source, field);
          if (!result.ok) report(ex.defined, this.messages.exception(what, ex.name, result.message));
        }
      }
    }
    for (const m of ctx.ruleset.macros) {
      for (const [source, { allSkipUnknown }] of ctx.macroUsage(m.name)) {
        if (isSourceCovered(source)) checkTree(`macro '${m.name}'`, ctx.macroCondition(m.name), source, allSkipUnknown);
      }
    }
  },
});
