import { quoteItem } from './exception-condition';

interface ListLike {
  readonly name: string;
  readonly items: readonly string[];
  readonly index: number;
  readonly visibility: number;
}

/**
 * `compile_list_infos` (falcosecurity/falco `userspace/engine/rule_loader_compiler.cpp`): an item
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
 * `resolve_list`: replaces every occurrence of the list's name that is delimited by blanks,
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
 * `parse_condition` does before parsing any macro or rule condition. `lists` carry their
 * expanded items. Returns the text and the names of the lists that were substituted.
 */
export function substituteLists(
  condition: string,
  lists: ReadonlyArray<{ readonly name: string; readonly expandedItems: readonly string[] }>,
): { text: string; used: string[] } {
  // Most texts name no list at all: a word lookup saves scanning the text once per list. Exact
  // only while no list name contains a delimiter (then every delimited occurrence is one word).
  // With the index, a list is mentioned exactly when its name is a word of the text. A
  // substitution replaces every delimited occurrence of the name and puts blanks around what it
  // inserts, so the words of the new text are the old ones without the name plus the words of the
  // inserted items (which may name a later list): no need to split the longer text again.
  const index = listNameIndex(lists);
  let words: Set<string> | undefined;
  if (index !== undefined) {
    const split = condition.split(DELIM_RUN);
    if (!split.some((word) => index.has(word))) return { text: condition, used: [] };
    words = new Set(split);
  }
  let text = condition;
  const used: string[] = [];
  // Indexed: this loop visits every list for each condition that names one, mostly before the
  // JIT has warmed up, where a for-of allocates a result object per step.
  for (let i = 0, l = lists[0]; l !== undefined; l = lists[++i]) {
    if (words !== undefined ? !words.has(l.name) : !mentionsList(text, l.name)) continue;
    used.push(l.name);
    text = substituteList(text, l.name, l.expandedItems);
    if (words !== undefined) {
      words.delete(l.name);
      for (const word of l.expandedItems.map(quoteItem).join(', ').split(DELIM_RUN)) words.add(word);
    }
  }
  return { text, used };
}

const DELIM_RUN = new RegExp(`[${DELIMS.replace(/[\\\]^-]/g, '\\$&')}]+`);
const NAME_INDEXES = new WeakMap<object, ReadonlySet<string> | undefined>();

/** The set of list names, or undefined when some name contains a delimiter (no word lookup then). */
function listNameIndex(lists: ReadonlyArray<{ readonly name: string }>): ReadonlySet<string> | undefined {
  if (NAME_INDEXES.has(lists)) return NAME_INDEXES.get(lists);
  const index = lists.some((l) => l.name === '' || [...l.name].some((c) => DELIMS.includes(c))) ? undefined : new Set(lists.map((l) => l.name));
  NAME_INDEXES.set(lists, index);
  return index;
}

/** Whether `text[start, end)` is delimited the way `resolve_list` requires a list name to be. */
function isDelimited(text: string, start: number, end: number): boolean {
  return (start === 0 || DELIMS.includes(text.charAt(start - 1))) && (end >= text.length || DELIMS.includes(text.charAt(end)));
}

/** True when `name` occurs in `text` delimited the way `resolve_list` requires. */
export function mentionsList(text: string, name: string): boolean {
  for (let i = text.indexOf(name); i !== -1; i = text.indexOf(name, i + 1)) {
    if (isDelimited(text, i, i + name.length)) return true;
  }
  return false;
}

/**
 * The offsets where `resolve_list` finds `name` in `text` as written (before any substitution):
 * every occurrence delimited as it requires.
 */
export function listNameOffsets(text: string, name: string): number[] {
  const offsets: number[] = [];
  for (let i = text.indexOf(name); i !== -1; i = text.indexOf(name, i + 1)) {
    if (isDelimited(text, i, i + name.length)) offsets.push(i);
  }
  return offsets;
}
