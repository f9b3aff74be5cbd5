import { isOneListItem, TOKEN_PATTERNS, walk, type Expr } from '../condition';
import { listNameOffsets, quoteItem, type EffectiveList } from '../loader';

/** Whether every item of a list, as `quote_item` writes it, is one list item: once per list (many conditions name the same lists). */
const ITEMS_ARE_LIST_ITEMS = new WeakMap<EffectiveList, boolean>();
function insertsListItems(list: EffectiveList): boolean {
  let ok = ITEMS_ARE_LIST_ITEMS.get(list);
  if (ok === undefined) ITEMS_ARE_LIST_ITEMS.set(list, (ok = list.expandedItems.every((item) => isOneListItem(quoteItem(item)))));
  return ok;
}

/**
 * Whether the text Falco compiles, `text` with the lists `used` substituted
 * (`substituteLists`; `resolve_list` and `quote_item`,
 * falcosecurity/falco@0.44.1:userspace/engine/rule_loader_compiler.cpp:48-53, 182-230), is sure to parse because `ast`, the tree of `text` as written, exists:
 * true when every place `resolve_list` puts items is a bare item of a parenthesized list, and
 * every item it puts there, as `quote_item` writes it, is one list item (a bare string or one
 * complete quoted string, `isOneListItem`). Substitution then only turns list items into more
 * list items (or none: an empty list leaves `( )` or drops one comma, both valid: libs reads a
 * list whose first item fails as empty, falcosecurity/libs@0.25.4:userspace/libsinsp/filter/parser.cpp:576-581). False means
 * only "not sure": the caller parses.
 *
 * Positions, not counts: a list name written inside a quoted string is substituted there too, and
 * an item with a backslash would then be an escape; such a text is parsed again.
 */
export function substitutionKeepsSyntax(
  ast: Expr,
  text: string,
  used: readonly string[],
  lists: ReadonlyMap<string, EffectiveList>,
): boolean {
  for (const name of used) {
    const list = lists.get(name);
    // A name that is not one bare token could overlap another occurrence or a delimiter.
    if (list === undefined || !TOKEN_PATTERNS.bareStr.test(name) || !insertsListItems(list)) return false;
  }
  const names = new Set(used);
  /** Offsets of the bare list items that name a used list. */
  const bareItems = new Set<number>();
  walk(ast, {
    list: (n) => {
      n.values.forEach((value, i) => {
        const loc = n.valueLocs[i];
        if (loc !== undefined && names.has(value) && loc.length === value.length && text.startsWith(value, loc.offset)) bareItems.add(loc.offset);
      });
    },
  });
  // Every occurrence of a used name in the text as written; names that only the inserted items
  // bring in are inserted as bare items, in a list, by the argument above.
  return used.every((name) => listNameOffsets(text, name).every((offset) => bareItems.has(offset)));
}
