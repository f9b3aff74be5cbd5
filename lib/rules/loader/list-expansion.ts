import { quoteItem } from './exception-condition';

interface ListLike {
  readonly name: string;
  readonly items: readonly string[];
  readonly index: number;
  readonly visibility: number;
}

/**
 * `compile_list_infos` (falcosecurity/falco@0.44.1:userspace/engine/rule_loader_compiler.cpp:298-324): an item
 * that names a list whose first definition comes before this list's last change is replaced by
 * that list's own items. Only one level is expanded: a nested reference stays a literal value.
 */
export function expandListItems(list: ListLike, byName: ReadonlyMap<string, ListLike>): string[] {
  const out: string[] = [];
  for (const item of list.items) {
    const ref = byName.get(item);
    if (ref !== undefined && ref.index < list.visibility) out.push(...ref.items);
    else out.push(item);
  }
  return out;
}

const BLANKS = ' \t\n\r';
const DELIMS = `${BLANKS}(),=`;

/**
 * `resolve_list` (falcosecurity/falco@0.44.1:userspace/engine/rule_loader_compiler.cpp:182-230):
 * replaces every occurrence of the list's name that is delimited by blanks,
 * `(`, `)`, `,`, `=` or the ends of the text with its items, quoted by `quote_item` and joined
 * with `, `. Like Falco, this is plain text substitution: it also applies inside quoted strings.
 * Returns the new text, or the same string when the name does not occur.
 */
export function substituteList(cnd: string, name: string, items: readonly string[]): string {
  let start = cnd.indexOf(name);
  while (start !== -1) {
    let end = start + name.length;
    if (isDelimited(cnd, start, end)) {
      while (start > 0 && BLANKS.includes(cnd.charAt(start - 1))) start--;
      while (end < cnd.length && BLANKS.includes(cnd.charAt(end))) end++;
      const sub = items.map(quoteItem).join(', ');
      // An empty list must not leave a dangling comma behind.
      if (sub === '') {
        if (start > 0 && cnd[start - 1] === ',') start--;
        else if (end < cnd.length && cnd[end] === ',') end++;
      }
      let next = '';
      if (start > 0) next += `${cnd.slice(0, start)} `;
      next += `${sub} `;
      if (end <= cnd.length) next += cnd.slice(end);
      cnd = next;
      start += sub.length + 1;
    }
    start = cnd.indexOf(name, start + 1);
  }
  return cnd;
}

/**
 * Applies `resolve_list` for every list in Falco's order (first-definition order), as
 * `parse_condition` does before parsing any macro or rule condition
 * (falcosecurity/falco@0.44.1:userspace/engine/rule_loader_compiler.cpp:276-284). `lists` carry their
 * expanded items. Returns the text and the names of the lists that were substituted.
 */
export function substituteLists(
  condition: string,
  lists: ReadonlyArray<{ readonly name: string; readonly expandedItems: readonly string[] }>,
): { text: string; used: string[] } {
  return resolveLists(condition, lists, true);
}

/**
 * The names of the lists `substituteLists` substitutes in `condition`, in order, without building
 * the substituted text (a long one, for a condition that names a list of a hundred binaries).
 */
export function listsNamedBy(condition: string, lists: ReadonlyArray<{ readonly name: string; readonly expandedItems: readonly string[] }>): string[] {
  return resolveLists(condition, lists, false).used;
}

/** `substituteLists`; with `build` false, `text` is left as it was when the word index makes it unneeded. */
function resolveLists(
  condition: string,
  lists: ReadonlyArray<{ readonly name: string; readonly expandedItems: readonly string[] }>,
  build: boolean,
): { text: string; used: string[] } {
  const index = listNameIndex(lists);
  if (index === undefined) {
    // Some list name holds a delimiter: every list is looked for in the text, in order.
    let text = condition;
    const used: string[] = [];
    for (const l of lists) {
      if (!mentionsList(text, l.name)) continue;
      used.push(l.name);
      text = substituteList(text, l.name, l.expandedItems);
    }
    return { text, used };
  }
  // Most texts name no list at all. With no delimiter in any list name, a list is mentioned
  // exactly when its name is a word of the text, so the lists to substitute are the named ones,
  // taken in Falco's order. A substitution replaces every delimited occurrence of the name and puts
  // blanks around what it inserts: the text's words are then the old ones plus the words of the
  // inserted items, which may name a list that comes later in that order (one that came earlier
  // has had its turn). So neither the longer text is split again, nor, when only the names are
  // wanted, built.
  const pending: number[] = [];
  for (const word of condition.split(DELIM_RUN)) {
    const at = index.positions.get(word);
    if (at !== undefined && !pending.includes(at)) pending.push(at);
  }
  if (pending.length === 0) return { text: condition, used: [] };
  pending.sort((a, b) => a - b);
  let text = condition;
  const used: string[] = [];
  for (let k = 0; k < pending.length; k++) {
    const at = pending[k] ?? 0;
    const l = lists[at];
    if (l === undefined) continue;
    used.push(l.name);
    if (build) text = substituteList(text, l.name, l.expandedItems);
    for (const name of index.namedByItems(l)) {
      const later = index.positions.get(name);
      if (later === undefined || later <= at || pending.includes(later)) continue;
      // Into the pending positions after this one, in order.
      let j = pending.length;
      while (j > k + 1 && (pending[j - 1] ?? 0) > later) j--;
      pending.splice(j, 0, later);
    }
  }
  return { text, used };
}

const DELIM_RUN = new RegExp(`[${DELIMS.replace(/[\\\]^-]/g, '\\$&')}]+`);
/** The list names of a ruleset, for the word lookup of `resolveLists`. */
interface ListNameIndex {
  /** Each list's position in Falco's order, by name. */
  readonly positions: ReadonlyMap<string, number>;
  /** The list names among the words a list's items insert (`quote_item`, joined with `, `): once per list. */
  namedByItems(list: { readonly expandedItems: readonly string[] }): readonly string[];
}

const NAME_INDEXES = new WeakMap<object, ListNameIndex | undefined>();

/** The index of the list names, or undefined when some name contains a delimiter (no word lookup then). */
function listNameIndex(lists: ReadonlyArray<{ readonly name: string }>): ListNameIndex | undefined {
  if (NAME_INDEXES.has(lists)) return NAME_INDEXES.get(lists);
  let index: ListNameIndex | undefined;
  if (!lists.some((l) => l.name === '' || [...l.name].some((c) => DELIMS.includes(c)))) {
    // A name listed twice keeps its first position, where the loop over the lists meets it first.
    const positions = new Map<string, number>();
    lists.forEach((l, i) => {
      if (!positions.has(l.name)) positions.set(l.name, i);
    });
    const named = new WeakMap<object, readonly string[]>();
    index = {
      positions,
      namedByItems(list) {
        let found = named.get(list);
        if (found === undefined) {
          found = list.expandedItems.map(quoteItem).join(', ').split(DELIM_RUN).filter((word) => positions.has(word));
          named.set(list, found);
        }
        return found;
      },
    };
  }
  NAME_INDEXES.set(lists, index);
  return index;
}

/** Whether `text[start, end)` is delimited the way `resolve_list` requires a list name to be. */
function isDelimited(text: string, start: number, end: number): boolean {
  return (start === 0 || DELIMS.includes(text.charAt(start - 1))) && (end >= text.length || DELIMS.includes(text.charAt(end)));
}

/** The offset of the first occurrence of `name` at or after `from` delimited as `resolve_list` requires, or -1. */
function nextListName(text: string, name: string, from: number): number {
  for (let i = text.indexOf(name, from); i !== -1; i = text.indexOf(name, i + 1)) {
    if (isDelimited(text, i, i + name.length)) return i;
  }
  return -1;
}

/** True when `name` occurs in `text` delimited the way `resolve_list` requires. */
export function mentionsList(text: string, name: string): boolean {
  return nextListName(text, name, 0) !== -1;
}

/**
 * The offsets where `resolve_list` finds `name` in `text` as written (before any substitution):
 * every occurrence delimited as it requires.
 */
export function listNameOffsets(text: string, name: string): number[] {
  const offsets: number[] = [];
  for (let i = nextListName(text, name, 0); i !== -1; i = nextListName(text, name, i + 1)) offsets.push(i);
  return offsets;
}
