/**
 * The effective ruleset: what Falco 0.44 ends up with after reading every rules file in order and
 * applying redefinitions, `append: true`, `override:` and `enabled`-only items, as
 * falcosecurity/falco `userspace/engine/rule_loader_reader.cpp` and `rule_loader_collector.cpp` do.
 *
 * Everything here is plain data (JSON-serializable) so tools can print, diff or transform it.
 */
import type { TextPosition } from '../line-counter';

/** A position in a rules file; `line` and `column` are 1-based. */
export interface SourceRef {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** A range of a rules file, e.g. a whole item: from `start` to `end` (exclusive). */
export interface SourceSpan {
  readonly file: string;
  readonly start: TextPosition;
  readonly end: TextPosition;
}

/**
 * How a later item changed an earlier one:
 * - `redefine`: a full definition replaced it (Falco keeps the item's place, not its content).
 *   `override: { items: replace }` of a list and `override: { condition: replace }` of a macro
 *   are redefinitions too: Falco's collector handles them as definitions;
 * - `append`: `append: true` or `override: … append`;
 * - `replace`: `override: … replace` of some keys of a rule;
 * - `enable`: an item with only `enabled` (deprecated).
 */
export type AmendmentKind = 'redefine' | 'append' | 'replace' | 'enable';

/** A later item that changed a list, macro or rule: what it did and where it is. */
export interface Amendment extends SourceSpan {
  readonly kind: AmendmentKind;
}

/**
 * Where a list, macro or rule came from: the item that first defined it, and every later item
 * that changed it, in load order. Recorded as the files are read, never rewritten.
 */
export interface ItemHistory {
  /** The item that first defined it: where Falco's `index` was taken, and where a flat file puts it. */
  readonly firstDefinition: SourceSpan;
  readonly amendments: readonly Amendment[];
}

/**
 * Where a run of a text part came from: `text[index]` is at `line`:`column` (0-based `offset`) of
 * the part's file, and each following character one column and one offset further, up to the
 * next segment's `index`. YAML drops indentation and quotes and folds line breaks, so a scalar
 * written over several lines has a segment per line (and one after each escape).
 */
export interface TextSegment extends TextPosition {
  readonly index: number;
}

/** One piece of a condition: the text of one item's `condition` and where each of its characters came from. */
export interface ConditionPart {
  readonly text: string;
  /** Where its first character is. */
  readonly at: SourceRef;
  /** `define` for the text that started the current definition, `append` for text appended later. */
  readonly kind: 'define' | 'append';
  /** The source map of `text`, in `at.file`: one segment per run (see `TextSegment`), sorted by index. */
  readonly segments: readonly TextSegment[];
  /** Indices of the spaces of `text` that stand for a line break of the file (YAML folded it). */
  readonly lineBreaks: readonly number[];
}

/** The parts of a condition or output: the defining text, then what was appended, in load order. */
export type ConditionParts = readonly [ConditionPart, ...ConditionPart[]];

export interface EffectiveList {
  readonly name: string;
  /** Items after appends, before list-in-list expansion, as raw YAML scalar text (`1194`, `"(systemd)"`). */
  readonly items: readonly string[];
  /**
   * Items as Falco's `compile_list_infos` expands them: an item naming a list defined before this
   * list's last definition/append is replaced by that list's `items` (one level, not recursive).
   */
  readonly expandedItems: readonly string[];
  /**
   * The item that (last) defined the list, as Falco's collector keeps it: a redefinition takes
   * over its context. The first definition is in `history`.
   */
  readonly defined: SourceRef;
  /** Later items that appended, since `defined`, in load order. */
  readonly contributions: readonly SourceRef[];
  readonly history: ItemHistory;
  /** Falco's ordering counters: `index` of the first definition, `visibility` of the last change. */
  readonly index: number;
  readonly visibility: number;
}

export interface EffectiveMacro {
  readonly name: string;
  /** Final text after appends: the parts joined with one space, as the collector does. */
  readonly condition: string;
  readonly conditionParts: ConditionParts;
  /** The item that (last) defined the macro (see `EffectiveList.defined`). */
  readonly defined: SourceRef;
  /** Later items that appended, since `defined`, in load order. */
  readonly contributions: readonly SourceRef[];
  readonly history: ItemHistory;
  /** A macro may only reference macros whose `index` is below its own `visibility`. */
  readonly index: number;
  readonly visibility: number;
}

/**
 * A value of an exception: a string for a single-field exception; for a fields list, a tuple
 * with one entry per field, each a string or a list of strings (for `in`/`pmatch`/`intersects`).
 */
export type ExceptionValue = string | readonly ExceptionValue[];

export interface EffectiveException {
  readonly name: string;
  /** One field name, or a list of field names. */
  readonly fields: string | readonly string[];
  /**
   * The comparison operators with Falco's defaults filled in (collector `validate_exception_info`):
   * `in` for a single field, `=` for every field of a list.
   */
  readonly comps: string | readonly string[];
  /** Whether `comps` was written in the file (false: defaults). */
  readonly compsGiven: boolean;
  readonly values: readonly ExceptionValue[];
  readonly defined: SourceRef;
}

export interface EffectiveRule {
  readonly name: string;
  /** Final condition text after appends/replaces, before exceptions, lists and macros are applied. */
  readonly condition: string;
  readonly conditionParts: ConditionParts;
  /** Trimmed at definition, then appended to with one space, as Falco does. */
  readonly output: string;
  readonly outputAt: SourceRef;
  readonly desc: string;
  /** As written in the file (Falco matches it case-insensitively). */
  readonly priority: string;
  /** Unique and sorted: Falco keeps tags in a `std::set`. */
  readonly tags: readonly string[];
  /** `syscall` unless the rule says otherwise. */
  readonly source: string;
  readonly enabled: boolean;
  readonly exceptions: readonly EffectiveException[];
  /**
   * Every other key Falco accepts that the rule sets (`warn_evttypes`, `skip-if-unknown-filter`,
   * `capture`, `capture_duration`, …), decoded: booleans as booleans, integers as numbers.
   */
  readonly extra: Readonly<Record<string, unknown>>;
  /** The item that (last) defined the rule (see `EffectiveList.defined`). */
  readonly defined: SourceRef;
  /** Later items that appended, overrode, or enabled/disabled the rule since `defined`, in load order. */
  readonly contributions: readonly SourceRef[];
  readonly history: ItemHistory;
  readonly index: number;
  readonly visibility: number;
}

/** One `required_engine_version` item, normalized to `major.minor.patch`. */
export interface RequiredEngineVersion {
  readonly version: string;
  /** The scalar as written: `0.57.0`, or an integer `13` meaning `0.13.0`. */
  readonly raw: string;
  readonly defined: SourceRef;
}

export interface PluginRequirement {
  readonly name: string;
  readonly version: string;
}

/** One entry of `required_plugin_versions`: satisfied when any alternative is. */
export interface RequiredPluginVersion {
  /** The entry's own name/version first, then its `alternatives`. */
  readonly alternatives: readonly PluginRequirement[];
  readonly defined: SourceRef;
}

export interface EffectiveRuleset {
  /** The files in load order. */
  readonly files: readonly string[];
  readonly requiredEngineVersions: readonly RequiredEngineVersion[];
  readonly requiredPluginVersions: readonly RequiredPluginVersion[];
  /** Each in first-definition order, as Falco indexes them. */
  readonly lists: readonly EffectiveList[];
  readonly macros: readonly EffectiveMacro[];
  readonly rules: readonly EffectiveRule[];
}

/** A rules file given as text: `name` is used in every position and message. */
export interface RuleText {
  readonly name: string;
  readonly text: string;
}
