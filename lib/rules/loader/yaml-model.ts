/**
 * The YAML nodes the loader reads a rules file as. Two front ends build them: a fast reader of the
 * YAML that rules files are written in (`yaml-subset-reader.ts`) and, for everything else and for
 * every syntax error, the `yaml` package (`yaml-library-reader.ts`). Keeping the loader on this
 * small model, not on the `yaml` package's classes, is what lets a lint skip that package: its
 * composer is most of a cold `falco-gitops lint` (measured in README "Performance").
 */

/** How a scalar was written, with the `yaml` package's names. */
export type ScalarStyle = 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED';

/**
 * Offsets into the text (after the BOM): where the node starts, where its value ends, and where
 * the node ends with its trailing comment and line break (the `yaml` package's `range`).
 */
export type NodeRange = readonly [start: number, valueEnd: number, nodeEnd: number];

export interface YamlScalar {
  readonly kind: 'scalar';
  readonly style: ScalarStyle;
  /** The resolved text (quotes, escapes, folding and indentation removed), never converted to a number or boolean. */
  readonly text: string;
  /** A plain `~`, `null`, `Null`, `NULL` or nothing at all: what yaml-cpp's `IsNull()` reports. */
  readonly isNull: boolean;
  readonly range: NodeRange;
}

export interface YamlPair {
  readonly key: YamlNode;
  readonly value: YamlNode;
}

export interface YamlMap {
  readonly kind: 'map';
  readonly items: readonly YamlPair[];
  readonly range: NodeRange;
}

export interface YamlSeq {
  readonly kind: 'seq';
  readonly items: readonly YamlNode[];
  readonly range: NodeRange;
}

/** A node, aliases already followed (yaml-cpp expands them transparently); null when absent. */
export type YamlNode = YamlScalar | YamlMap | YamlSeq | null;

/** The documents of a file, or its first syntax error. */
export type YamlReadResult =
  | { readonly ok: true; readonly documents: readonly YamlNode[] }
  | { readonly ok: false; readonly message: string; readonly offset: number };

/** Plain scalars the YAML 1.2 core schema resolves to null. */
export const isNullPlain = (text: string): boolean => text === '' || text === '~' || text === 'null' || text === 'Null' || text === 'NULL';
