import { parseCondition, type CheckOperand, type Loc } from '../../condition';
import { EVENT_TABLE_NAMES, PLUGIN_ASYNC_EVENT_NAMES, SYSCALL_NAMES } from '../../fields';
import { quoteItem, type EffectiveList, type ExceptionValue, type SourceRef } from '../../loader';
import type { RelatedLocation } from '../../diagnostic';
import { closestMatch, FALCO_TARGET } from '../../../core';
import { defineLintRule } from '../lint-rule';
import type { ParsedCondition } from '../lint-context';

/**
 * Every name Falco 0.44.1 accepts as a constant value of `evt.type` on the `syscall` source:
 * event table names, syscall names, and the async event names of the plugins the chart loads
 * (falcosecurity/libs@0.25.4:userspace/libsinsp/sinsp_filtercheck_event.cpp:595-626,
 * `validate_filter_value`). Sorted, so that suggestions are deterministic.
 */
const KNOWN_EVENT_TYPES: readonly string[] = [
  ...new Set([...EVENT_TABLE_NAMES, ...SYSCALL_NAMES, ...Object.values(PLUGIN_ASYNC_EVENT_NAMES).flat()]),
].sort();
const KNOWN = new Set(KNOWN_EVENT_TYPES);

/** The only source whose `evt.type` values libsinsp validates against these names. */
const SYSCALL_SOURCE = 'syscall';

/**
 * Transformers that keep the field's own filter check, so that `tolower(evt.type) = x` still
 * validates `x` as an event type (falcosecurity/libs@0.25.4:userspace/libsinsp/filter.cpp:333-341
 * adds them to the field's check). `len` changes the value's type, and the multi-value transformers
 * build a check of their own: their values are not checked here.
 */
const SAME_CHECK_TRANSFORMERS: ReadonlySet<string> = new Set(['tolower', 'toupper', 'b64', 'basename']);

/** `bcontains`/`bstartswith` values are hex bytes, decoded before libsinsp sees them: not checked. */
const HEX_OPERATORS: ReadonlySet<string> = new Set(['bcontains', 'bstartswith']);

function isEventTypeOperand(left: CheckOperand): boolean {
  if (left.type === 'field') return left.field === 'evt.type';
  const [only, ...rest] = left.values;
  return SAME_CHECK_TRANSFORMERS.has(left.transformer) && rest.length === 0 && only !== undefined && (only.type === 'field' || only.type === 'field_transformer') && isEventTypeOperand(only);
}

/** The values libsinsp reads from one list item, as Falco writes it into a condition (`quote_item`). */
function itemValues(item: string): readonly string[] {
  try {
    const ast = parseCondition(`evt.type in (${quoteItem(item)})`);
    return ast.type === 'binary_check' && ast.right.type === 'list' ? ast.right.values : [];
  } catch {
    return []; // the expanded condition does not parse: expanded-condition-syntax reports it
  }
}

/** A value Falco compiles, and the list that brought it in (when it came from one). */
interface Resolved {
  readonly value: string;
  readonly list?: EffectiveList;
}

/**
 * Falco expands lists by text before parsing (`compile_list_infos`, then `resolve_list` for every
 * list in first-definition order; see list-expansion.ts). An item naming a list defined before the
 * list's last change is replaced by that list's items; an item naming a list that comes later in
 * Falco's order is replaced when that list is substituted.
 */
function resolveList(list: EffectiveList, lists: ReadonlyMap<string, EffectiveList>, order: ReadonlyMap<string, number>, seen: ReadonlySet<string>): Resolved[] {
  const out: Resolved[] = [];
  const here = new Set([...seen, list.name]);
  for (const item of list.items) {
    const ref = lists.get(item);
    const sub: [string, EffectiveList][] = ref !== undefined && ref.index < list.visibility ? ref.items.map((i) => [i, ref]) : [[item, list]];
    for (const [text, origin] of sub) {
      const later = lists.get(text);
      if (later !== undefined && !here.has(later.name) && (order.get(later.name) ?? -1) > (order.get(origin.name) ?? -1)) {
        out.push(...resolveList(later, lists, order, here));
      } else {
        out.push(...itemValues(text).map((value) => ({ value, list: origin })));
      }
    }
  }
  return out;
}

/** A hint for an unknown name: the same name in lower case (names are case-sensitive), or a near name. */
function suggest(value: string): string | undefined {
  const lower = value.toLowerCase();
  if (lower !== value && KNOWN.has(lower)) return lower;
  return closestMatch(value, KNOWN_EVENT_TYPES) ?? (lower !== value ? closestMatch(lower, KNOWN_EVENT_TYPES) : undefined);
}

/**
 * Every constant value compared with `evt.type` in a `syscall` rule must be a name libsinsp
 * knows, or Falco 0.44.1 refuses to load the rules file: `unknown event type excve`
 * (LOAD_ERR_COMPILE_CONDITION). Values are checked as Falco compiles them: list names are
 * replaced by their items, macros are checked against the rules that use them (an unused macro is
 * never compiled), and exception values on `evt.type` are part of the condition. With
 * `skip-if-unknown-filter: true` Falco only warns and skips the rule, so the finding is a warning
 * then (falcosecurity/falco@0.44.1:userspace/engine/rule_loader_compiler.cpp:353-358, 399-402).
 * A value that came from a list is reported at the list, with the place that uses it.
 */
export const unknownEventType = defineLintRule({
  id: 'unknown-event-type',
  severity: 'error',
  description: `A condition compares evt.type with a name libs ${FALCO_TARGET.libsVersion} does not know (Falco refuses to load it).`,
  messages: {
    unknown: (what: string, value: string, list: string | undefined, consequence: string, suggestion: string | undefined) =>
      `${what}: unknown event type '${value}'${list !== undefined ? ` (an item of list '${list}')` : ''}; Falco ${FALCO_TARGET.falcoVersion} ${consequence}; ${
        suggestion !== undefined ? `did you mean '${suggestion}'?` : 'see `falco --list-events` for the event names'
      }`,
    refusesRule: () => 'refuses to load it',
    refusesMacro: () => 'refuses to load the rules that use it',
    skipsRule: () => 'skips the rule (it has skip-if-unknown-filter: true)',
    skipsMacro: () => 'skips the rules that use it (they have skip-if-unknown-filter: true)',
    usedHere: (list: string) => `list '${list}' is used here`,
    appendedHere: (list: string) => `list '${list}' is appended to here`,
  },
  check(ctx, report) {
    const order = new Map(ctx.ruleset.lists.map((l, i) => [l.name, i] as const));
    const listCache = new Map<string, Resolved[]>();
    const listValues = (list: EffectiveList): Resolved[] => {
      let r = listCache.get(list.name);
      if (r === undefined) listCache.set(list.name, (r = resolveList(list, ctx.lists, order, new Set())));
      return r;
    };

    /** Reports the unknown values of one written value: itself, or the items of the list it names. */
    // `locate` is called only for a value that is reported: a position costs a part's source map.
    const checkValue = (what: string, value: string, quoted: boolean, locate: () => SourceRef, consequence: string, skip: boolean): void => {
      const list = quoted ? undefined : ctx.lists.get(value);
      const resolved: readonly Resolved[] = list === undefined ? [{ value }] : listValues(list);
      for (const r of resolved) {
        if (KNOWN.has(r.value)) continue;
        const message = this.messages.unknown(what, r.value, r.list?.name, consequence, suggest(r.value));
        const from = r.list;
        const at = locate();
        if (from === undefined) {
          report(at, message, skip ? 'warning' : undefined);
        } else {
          const related: RelatedLocation[] = [
            ...from.contributions.map((c) => ({ ...c, message: this.messages.appendedHere(from.name) })),
            { ...at, message: this.messages.usedHere(from.name) },
          ];
          report(from.defined, message, skip ? 'warning' : undefined, related);
        }
      }
    };

    const checkTree = (what: string, parsed: ParsedCondition, consequence: string, skip: boolean): void => {
      if (parsed.ast === undefined) return;
      const text = parsed.text.text;
      const check = (value: string, loc: Loc): void => {
        const first = text.charAt(loc.offset);
        checkValue(what, value, first === '"' || first === "'", () => ctx.locate(parsed, loc), consequence, skip);
      };
      for (const n of ctx.nodesOf(parsed.ast).binaryChecks) {
        if (HEX_OPERATORS.has(n.op) || !isEventTypeOperand(n.left)) continue;
        const right = n.right;
        if (right.type === 'value') check(right.value, right.loc);
        else if (right.type === 'list') right.values.forEach((v, i) => check(v, right.valueLocs[i] ?? right.loc));
      }
    };

    const strings = (v: ExceptionValue): string[] => (typeof v === 'string' ? [v] : v.flatMap(strings));

    for (const r of ctx.ruleset.rules) {
      if (r.source !== SYSCALL_SOURCE) continue;
      const skip = r.extra['skip-if-unknown-filter'] === true;
      const consequence = skip ? this.messages.skipsRule() : this.messages.refusesRule();
      const what = `rule '${r.name}'`;
      checkTree(what, ctx.ruleCondition(r.name), consequence, skip);
      for (const ex of r.exceptions) {
        const fields = typeof ex.fields === 'string' ? undefined : ex.fields;
        const values =
          fields === undefined
            ? ex.fields === 'evt.type'
              ? ex.values.flatMap(strings)
              : []
            : ex.values.flatMap((tuple) => (typeof tuple === 'string' ? [] : tuple.flatMap((v, i) => (fields[i] === 'evt.type' ? strings(v) : []))));
        for (const v of values) checkValue(`${what}: exception '${ex.name}'`, v, false, () => ex.defined, consequence, skip);
      }
    }
    for (const m of ctx.ruleset.macros) {
      const usage = ctx.macroUsage(m.name).get(SYSCALL_SOURCE);
      if (usage === undefined) continue;
      const consequence = usage.allSkipUnknown ? this.messages.skipsMacro() : this.messages.refusesMacro();
      checkTree(`macro '${m.name}'`, ctx.macroCondition(m.name), consequence, usage.allSkipUnknown);
    }
  },
});
