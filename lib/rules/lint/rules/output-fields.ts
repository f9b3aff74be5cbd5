import { checkField, isSourceCovered, longestMatchingEventArgument, lookupField } from '../../fields';
import { defineLintRule } from '../lint-rule';
import type { OutputField } from '../output-format';

/** `%container.info` is dropped by Falco 0.44 before the output is validated (`rule_loader_compiler.cpp`). */
export const CONTAINER_INFO = '%container.info';

/**
 * The longest prefix of the token that is a known field, as libsinsp's `parse_field_name`
 * matches output tokens (so `%proc.names` is `proc.name` followed by the text `s`).
 */
function resolveToken(source: string, f: OutputField): string | undefined {
  if (f.exact || f.arg !== undefined) return lookupField(source, f.token, f.arg) !== undefined ? f.token : undefined;
  for (let end = f.token.length; end > 0; end--) {
    const prefix = f.token.slice(0, end);
    const found = lookupField(source, prefix);
    if (found !== undefined) return eventArgumentToken(prefix, found);
  }
  return undefined;
}

/**
 * `%evt.rawarg.fdx` is `evt.rawarg.fd` followed by the text `x`: libs' formatter retries shorter and
 * shorter tokens until one compiles (falcosecurity/libs@0.25.4:userspace/libsinsp/eventformatter.cpp:120-141),
 * and `extract_arg` consumes only the argument name it matched (sinsp_filtercheck_event.cpp:457-467).
 * A name no argument starts with is left whole: every shorter token fails too ("unknown filter:").
 */
function eventArgumentToken(token: string, found: NonNullable<ReturnType<typeof lookupField>>): string {
  if (found.argSyntax !== 'dotted' || found.arg === undefined || (found.field.name !== 'evt.arg' && found.field.name !== 'evt.rawarg')) return token;
  const arg = longestMatchingEventArgument(found.arg);
  return arg === undefined ? token : `${found.field.name}.${arg.name}`;
}

/**
 * Every `%field` of an output must exist for the rule's source (Falco:
 * LOAD_ERR_COMPILE_OUTPUT, "invalid formatting token"), with a valid argument
 * (`%proc.aname[2]`). With `skip-if-unknown-filter: true` Falco warns and skips the rule.
 */
export const outputFieldsRule = defineLintRule({
  id: 'unknown-output-field',
  severity: 'error',
  description: 'An output uses a %field Falco does not know for the source, or is malformed.',
  messages: {
    field: (name: string, detail: string) => `rule '${name}': output: ${detail}`,
    syntax: (name: string, detail: string) => `rule '${name}': output: ${detail}`,
    skipped: (name: string, detail: string) =>
      `rule '${name}': output: ${detail} (the rule has skip-if-unknown-filter: true, so Falco skips it instead of failing)`,
  },
  check(ctx, report) {
    for (const r of ctx.ruleset.rules) {
      if (!isSourceCovered(r.source)) continue;
      const output = ctx.ruleOutput(r.name);
      if (output === undefined) continue;
      const { mapped, format } = output;
      const skip = r.extra['skip-if-unknown-filter'] === true;
      const severity = skip ? 'warning' : undefined;
      const text = mapped.text;
      const { fields, errors } = format;
      for (const e of errors) report(mapped.locate(e.offset), this.messages.syntax(r.name, e.message), severity);
      for (const f of fields) {
        if (text.startsWith(CONTAINER_INFO, f.offset - 1)) continue;
        const name = resolveToken(r.source, f);
        const result = checkField(r.source, name ?? f.token, name === undefined || name === f.token ? f.arg : undefined);
        if (result.ok) continue;
        const message = skip ? this.messages.skipped(r.name, result.message) : this.messages.field(r.name, result.message);
        report(mapped.locate(f.offset), message, severity);
      }
    }
  },
});
