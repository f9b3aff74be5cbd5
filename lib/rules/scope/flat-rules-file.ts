import type { EffectiveException } from '../loader';

/**
 * A rules file with nothing left to merge: no `append`, no `override`, each item written once
 * with its final content. What the scoping transform produces and `printRulesFile` prints.
 */
export interface FlatRulesFile {
  /** File name, e.g. `falco_rules.yaml`. */
  readonly name: string;
  /** Lines of the header comment, without the `# `. */
  readonly header: readonly string[];
  readonly items: readonly FlatItem[];
}

/**
 * A text value plus where to break it across lines when printed: indices of single spaces in
 * `text`, e.g. where its source broke it. Breaks never change the value (YAML folds them back).
 */
export interface FoldableText {
  readonly text: string;
  readonly breaks?: readonly number[];
}

export interface PluginRequirementEntry {
  readonly name: string;
  readonly version: string;
  readonly alternatives?: readonly { readonly name: string; readonly version: string }[];
}

export interface FlatRule {
  readonly name: string;
  readonly desc: string;
  readonly condition: FoldableText;
  readonly output: string;
  readonly priority: string;
  readonly tags: readonly string[];
  readonly source: string;
  readonly enabled: boolean;
  readonly exceptions: readonly EffectiveException[];
  readonly extra: Readonly<Record<string, unknown>>;
}

/** One top-level item; `comment` lines (without `# `) are printed above it. */
export type FlatItem = (
  | { readonly kind: 'required_engine_version'; readonly version: string }
  | { readonly kind: 'required_plugin_versions'; readonly plugins: readonly PluginRequirementEntry[] }
  | { readonly kind: 'list'; readonly name: string; readonly items: readonly string[] }
  | { readonly kind: 'macro'; readonly name: string; readonly condition: FoldableText }
  | { readonly kind: 'rule'; readonly rule: FlatRule }
) & { readonly comment?: readonly string[] };
