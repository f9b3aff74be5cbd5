import { quoteList } from '../../../core';
import { printNode } from '../../condition';
import { defineLintRule } from '../lint-rule';
import { constantValues, firstTimeOnly, forEachBinaryCheck, operandType } from '../compiled-checks';
import { regexProblem } from '../regex-value';
import { paramTypeCode } from '../../fields';
import type { BinaryCheckExpr } from '../../condition';
import type { LintContext } from '../lint-context';
import { comparabilityError, MAX_VALUE_STORAGE, rawargValueProblem, STORED_AS_TEXT, valueProblem } from '../value-parsers';

/**
 * The offset in the condition text of the value's character `index`, for a value written at
 * `offset`: after an opening quote, each escape (`\\`, `\"`, `\n`, …: two characters for one in
 * libs' parser) counts once.
 */
function offsetInValue(text: string, offset: number, index: number): number {
  const quote = text.charAt(offset);
  const quoted = quote === '"' || quote === "'";
  let i = quoted ? offset + 1 : offset;
  for (let k = 0; k < index && i < text.length; k++) i += quoted && text.charAt(i) === '\\' ? 2 : 1;
  return i;
}

/** Long values (the 255-byte limit) are cut in messages. */
/** A UTF-16 unit is at most 3 bytes of UTF-8: texts shorter than this always fit libs' buffer with their NUL. */
const SAFE_TEXT_LENGTH = Math.floor((MAX_VALUE_STORAGE - 1) / 3);
const LIST_WORD_DELIMITERS = /[\s(),=]+/;
const LONGEST_ITEM = new WeakMap<LintContext, ReadonlyMap<string, number>>();

/**
 * Whether a value of a text-typed check may reach libs' 256-byte limit: a value written that long,
 * or a word of it that names a list (Falco substitutes list names anywhere in the text) with an
 * item that long.
 */
function mayReachTextLimit(ctx: LintContext, check: BinaryCheckExpr, text: string): boolean {
  const right = check.right;
  if (right.type === 'field_transformer') return false;
  let longest = LONGEST_ITEM.get(ctx);
  if (longest === undefined) {
    longest = new Map(ctx.ruleset.lists.map((l) => [l.name, Math.max(0, ...l.expandedItems.map((i) => i.length))]));
    LONGEST_ITEM.set(ctx, longest);
  }
  const reaches = (loc: { readonly offset: number; readonly length?: number }): boolean => {
    const written = text.slice(loc.offset, loc.offset + (loc.length ?? 0));
    if (written.length > SAFE_TEXT_LENGTH) return true;
    // Most values are one word: no split.
    if (!LIST_WORD_DELIMITERS.test(written)) return (longest.get(written) ?? 0) > SAFE_TEXT_LENGTH;
    return written.split(LIST_WORD_DELIMITERS).some((word) => (longest.get(word) ?? 0) > SAFE_TEXT_LENGTH);
  };
  if (right.type === 'value') return reaches(right.loc);
  for (let i = 0; i < right.values.length; i++) if (reaches(right.valueLocs[i] ?? right.loc)) return true;
  return false;
}

function clip(text: string, size = true): string {
  return text.length > 100 ? `${text.slice(0, 80)}…${size ? `(${Buffer.byteLength(text, 'utf8')} bytes)` : ''}` : text;
}

/**
 * A constant the type of the field it is compared with cannot parse: libs' filter compiler
 * parses every value (every list item) for the field's transformed type at load time
 * (`add_filtercheck_value`, falcosecurity/libs@0.25.4:userspace/libsinsp/filter.cpp:529-544, 647-650;
 * `sinsp_filter_value_parser::string_to_rawval`, falcosecurity/libs@0.25.4:userspace/libsinsp/value_parser.cpp:39-240)
 * and refuses the rule with its exception text. A port given by service name is a warning: Falco
 * resolves it with `getservbyname` on its own host (value_parser.cpp:88-97), which may or may not
 * know it. Checks whose operator the type refuses are left to `operator-type` (libs stops there first).
 * A `regex` value that parses for the type is then compiled with RE2 in POSIX mode, and a pattern RE2
 * refuses fails the load (falcosecurity/libs@0.25.4:userspace/libsinsp/sinsp_filtercheck.cpp:631-637).
 */
export const invalidFilterValue = defineLintRule({
  id: 'invalid-filter-value',
  severity: 'error',
  description: "A value that Falco's filter compiler cannot parse for the type of the field it is compared with.",
  messages: {
    refused: (what: string, left: string, value: string, type: string, libs: string, fix: string, lists: readonly string[]) =>
      `${what}: '${value}'${lists.length > 0 ? ` (from list${lists.length > 1 ? 's' : ''} ${quoteList(lists)})` : ''} is not a valid value for ${left} (${type}): Falco's filter compiler says "${libs}"; ${fix}`,
    hostDependent: (what: string, left: string, value: string, libs: string, fix: string) =>
      `${what}: port '${value}' for ${left} is a service name: ${fix}; otherwise Falco refuses it with "${libs}"`,
  },
  check(ctx, report) {
    const first = firstTimeOnly();
    forEachBinaryCheck(ctx, (check, site) => {
      const t = operandType(site.source, check.left);
      if (t === undefined || comparabilityError(check.op, check.modifier, t) !== undefined) return;
      if (check.left.type === 'field' && check.left.field === 'evt.around') return; // its own parser (ms delta)
      // Most checks compare a text field with short words: nothing libs could refuse, whatever
      // the lists they name hold, so no list substitution is needed to know it.
      // evt.rawarg.<name> takes no transformer, so it is a plain field here
      const rawarg = check.left.type === 'field' && check.left.field.startsWith('evt.rawarg.');
      const textOnly = !rawarg && STORED_AS_TEXT.has(t.type) && check.op !== 'regex' && check.op !== 'bcontains' && check.op !== 'bstartswith';
      if (textOnly && !mayReachTextLimit(ctx, check, site.text)) return;
      const values = constantValues(ctx, check, site.text);
      if (values === undefined) return;
      let left: string | undefined;
      for (const v of values) {
        const problem =
          (rawarg ? rawargValueProblem(t.type, paramTypeCode(t.type), v.value, check.op) : valueProblem(t.type, v.value, check.op)) ??
          (check.op === 'regex' ? regexProblem(v.value) : undefined);
        if (problem === undefined) continue;
        left ??= printNode(check.left);
        const at = site.at(problem.index !== undefined && v.fromLists.length === 0 ? offsetInValue(site.text, v.offset, problem.index) : v.offset);
        const message =
          problem.severity === 'warning'
            ? this.messages.hostDependent(site.what, left, v.value, problem.libs, problem.fix)
            : this.messages.refused(site.what, left, clip(v.value), `${t.type}${t.isList ? ' (list)' : ''}`, clip(problem.libs, false), problem.fix, v.fromLists);
        if (first(at, message)) report(at, message, problem.severity);
      }
    });
  },
});
