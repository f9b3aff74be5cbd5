import { quoteList } from '../../../core';
import { isSourceCovered, SUPPORTED_SOURCES } from '../../fields';
import { defineLintRule } from '../lint-rule';

/**
 * A rule whose source the field catalog does not cover (a plugin source such as `aws_cloudtrail`)
 * is still read, merged and checked for syntax and references, but its fields cannot be checked.
 * Falco itself warns "Unknown source" and skips such a rule when no plugin provides the source.
 */
export const unknownSource = defineLintRule({
  id: 'unknown-source',
  severity: 'warning',
  description: 'A rule source the field catalog does not cover; checked structurally only.',
  messages: {
    uncovered: (name: string, source: string) =>
      `rule '${name}': source '${source}' is not one of ${quoteList(SUPPORTED_SOURCES)}, so its fields are not checked; Falco skips the rule unless a plugin provides '${source}'`,
  },
  check(ctx, report) {
    for (const r of ctx.ruleset.rules) if (!isSourceCovered(r.source)) report(r.defined, this.messages.uncovered(r.name, r.source));
  },
});
