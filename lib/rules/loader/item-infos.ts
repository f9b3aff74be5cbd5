import type { Amendment, ConditionPart, ConditionParts, ExceptionValue, SourceRef, SourceSpan } from './effective-ruleset';

/**
 * The loader's working records, mirroring `rule_loader::list_info`, `macro_info`, `rule_info`,
 * `rule_update_info` and `rule_exception_info` of falcosecurity/falco `userspace/engine/rule_loader.h`,
 * plus where each item came from.
 */

/** `rule_exception_info::entry`: a scalar, or a list of entries. */
export interface ExceptionEntry {
  readonly isList: boolean;
  readonly item: string;
  readonly items: readonly ExceptionEntry[];
  readonly at: SourceRef;
}

export interface ExceptionInfo {
  readonly name: string;
  readonly fields?: ExceptionEntry;
  /** As written; defaults are filled by `validateException`. */
  comps?: ExceptionEntry;
  compsGiven: boolean;
  values: ExceptionEntry[];
  readonly at: SourceRef;
}

/**
 * Where a record came from. The collector keeps it across redefinitions (which replace the
 * record's content) and adds every later change; nothing rewrites it.
 */
export interface RecordHistory {
  readonly firstDefinition: SourceSpan;
  readonly amendments: Amendment[];
}

/** What a list item defines. */
export interface ListContent {
  readonly name: string;
  items: string[];
}

export interface ListInfo extends ListContent {
  readonly history: RecordHistory;
  index: number;
  visibility: number;
}

/** What a macro item defines. */
export interface MacroContent {
  readonly name: string;
  pieces: ConditionParts;
}

export interface MacroInfo extends MacroContent {
  readonly history: RecordHistory;
  index: number;
  visibility: number;
}

/** What a rule item defines. */
export interface RuleContent {
  readonly name: string;
  pieces: ConditionParts;
  outputPieces: ConditionParts;
  desc: string;
  priority: string;
  tags: Set<string>;
  source: string;
  enabled: boolean;
  exceptions: ExceptionInfo[];
  extra: Record<string, unknown>;
}

export interface RuleInfo extends RuleContent {
  readonly history: RecordHistory;
  index: number;
  visibility: number;
}

/** `rule_update_info`: what an append or a selective replace carries, and the item it came from. */
export interface RuleUpdate {
  readonly name: string;
  readonly span: SourceSpan;
  condition?: ConditionPart;
  output?: ConditionPart;
  desc?: string;
  tags?: string[];
  exceptions?: ExceptionInfo[];
  priority?: string;
  enabled?: boolean;
  extra?: Record<string, unknown>;
}

/** The start of a span as a diagnostic position. */
export function refOf(span: SourceSpan): SourceRef {
  return { file: span.file, line: span.start.line, column: span.start.column };
}

/** The item that last defined a record: Falco's redefinition takes over the record's context. */
export function latestDefinition(history: RecordHistory): SourceSpan {
  for (let i = history.amendments.length - 1; i >= 0; i--) {
    const a = history.amendments[i];
    if (a?.kind === 'redefine') return a;
  }
  return history.firstDefinition;
}

/** The changes since the latest definition, which Falco's context of the record knows about. */
export function changesSinceDefinition(history: RecordHistory): Amendment[] {
  let from = 0;
  history.amendments.forEach((a, i) => {
    if (a.kind === 'redefine') from = i + 1;
  });
  return history.amendments.slice(from);
}

/** Flattens an exception entry to the public value shape. */
export function entryValue(e: ExceptionEntry): ExceptionValue {
  return e.isList ? e.items.map(entryValue) : e.item;
}

/** `rule_exception_info::entry::is_valid`. */
export function isValidEntry(e: ExceptionEntry | undefined): e is ExceptionEntry {
  return e !== undefined && (e.isList ? e.items.length > 0 : e.item.length > 0);
}
