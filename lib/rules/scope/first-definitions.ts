import { parse as parseYaml } from 'yaml';
import type { EffectiveRuleset, SourceRef } from '../loader';

export type ItemKind = 'list' | 'macro' | 'rule';

/**
 * For each `kind:name`, the index of the input file that first mentions it as a top-level item
 * (`- rule: NAME`). Falco only lets later files append to, override or enable items that exist,
 * so the first file that mentions a name is the one that defined it.
 *
 * The effective ruleset records where an item was last (re)defined; this recovers where it was
 * first defined, which is where the flat output puts it. A cheap line scan, not a YAML parse: it
 * only decides which output file an item lands in (items it cannot place stay in the file of
 * their definition), never what the item says.
 */
export function firstDefinitionFiles(texts: readonly string[]): Map<string, number> {
  const first = new Map<string, number>();
  const itemLine = /^- *(list|macro|rule): *(.*?) *$/gm;
  texts.forEach((text, fileIndex) => {
    // A leading byte-order mark is not content (yaml-cpp skips it, and so does the loader).
    for (const m of text.replace(/^\uFEFF/, '').matchAll(itemLine)) {
      const name = scalarName(m[2] as string);
      if (name === undefined) continue;
      const key = `${m[1]}:${name}`;
      if (!first.has(key)) first.set(key, fileIndex);
    }
  });
  return first;
}

/** The name in `- rule: NAME` as YAML reads it (quotes removed), or undefined if unsure. */
function scalarName(raw: string): string | undefined {
  if (raw === '' || raw.startsWith('&') || raw.startsWith('*') || raw.startsWith('!')) return undefined;
  if (raw.startsWith('"') || raw.startsWith("'")) {
    try {
      const value = parseYaml(raw) as unknown;
      return typeof value === 'string' ? value : undefined;
    } catch {
      return undefined;
    }
  }
  // A plain scalar ends at ` #` (a comment).
  return raw.replace(/ +#.*$/, '');
}

/**
 * `firstDefinitionFiles`, corrected by what the loader recorded: an item cannot have been first
 * defined after the file of its (last) definition or of any append or override of it. The line
 * scan misses items that do not start with their type key (`- desc: …` then `rule: …`, flow
 * mappings) and would then credit the first later file that appends to or overrides them.
 */
export function firstDefinitionFilesOf(texts: readonly string[], ruleset: EffectiveRuleset, names: readonly string[]): Map<string, number> {
  const first = firstDefinitionFiles(texts);
  const fileIndex = new Map(names.map((n, i) => [n, i] as const));
  const items: [ItemKind, { readonly name: string; readonly defined: SourceRef; readonly contributions: readonly SourceRef[] }[]][] = [
    ['list', [...ruleset.lists]],
    ['macro', [...ruleset.macros]],
    ['rule', [...ruleset.rules]],
  ];
  for (const [kind, list] of items) {
    for (const it of list) {
      const key = `${kind}:${it.name}`;
      let file = first.get(key);
      for (const ref of [it.defined, ...it.contributions]) {
        const i = fileIndex.get(ref.file);
        if (i !== undefined && (file === undefined || i < file)) file = i;
      }
      if (file !== undefined) first.set(key, file);
    }
  }
  return first;
}
