import { isSourceCovered, lookupField } from '../../fields';
import { defineLintRule } from '../lint-rule';
import { CONTAINER_INFO } from './output-fields';

/**
 * Fields Falco 0.44 still accepts but flags as deprecated (the catalog's `deprecated` flag, e.g.
 * `evt.dir` since enter events were dropped), and `%container.info`, which Falco 0.44 removes from
 * outputs with a LOAD_DEPRECATED_ITEM warning because the container plugin adds its fields itself.
 */
export const deprecatedField = defineLintRule({
  id: 'deprecated-field',
  severity: 'warning',
  description: 'A deprecated field in a condition or output.',
  messages: {
    field: (what: string, field: string) => `${what}: field '${field}' is deprecated in Falco 0.44; remove it or use its replacement`,
    containerInfo: (name: string) =>
      `rule '${name}': output: %container.info is deprecated and Falco 0.44 drops it (the container plugin adds container fields itself); remove it`,
  },
  check(ctx, report) {
    for (const r of ctx.ruleset.rules) {
      const output = ctx.ruleOutput(r.name);
      if (output !== undefined) {
        const { text } = output.mapped;
        for (let i = text.indexOf(CONTAINER_INFO); i !== -1; i = text.indexOf(CONTAINER_INFO, i + 1)) {
          report(output.mapped.locate(i), this.messages.containerInfo(r.name));
        }
      }
      if (!isSourceCovered(r.source)) continue;
      const parsed = ctx.ruleCondition(r.name);
      if (parsed.ast !== undefined) {
        for (const n of ctx.nodesOf(parsed.ast).fields) {
          if (lookupField(r.source, n.field, n.arg)?.field.deprecated === true) {
            report(ctx.locate(parsed, n.loc), this.messages.field(`rule '${r.name}'`, n.field));
          }
        }
      }
      if (output !== undefined) {
        for (const f of output.format.fields) {
          if (lookupField(r.source, f.token, f.arg)?.field.deprecated === true) {
            report(output.mapped.locate(f.offset), this.messages.field(`rule '${r.name}' output`, f.token));
          }
        }
      }
    }
    for (const m of ctx.ruleset.macros) {
      const parsed = ctx.macroCondition(m.name);
      if (parsed.ast === undefined) continue;
      const sources = [...ctx.macroUsage(m.name).keys()].filter(isSourceCovered);
      for (const n of ctx.nodesOf(parsed.ast).fields) {
        if (sources.some((s) => lookupField(s, n.field, n.arg)?.field.deprecated === true)) {
          report(ctx.locate(parsed, n.loc), this.messages.field(`macro '${m.name}'`, n.field));
        }
      }
    }
  },
});
