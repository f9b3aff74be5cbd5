import type { ConditionPart, ExceptionValue, SourceRef } from './effective-ruleset';
import type { MappedPart } from './source-file';

/**
 * The loader's working records, mirroring `rule_loader::list_info`, `macro_info`, `rule_info`,
 * `rule_update_info` and `rule_exception_info` of falcosecurity/falco `userspace/engine/rule_loader.h`,
 * plus the source positions the linter needs.
 */

/** A condition or output piece with both its public form and its position map. */
export interface TextPiece {
  readonly part: ConditionPart;
  readonly mapped: MappedPart;
}

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

export interface ListInfo {
  readonly name: string;
  items: string[];
  defined: SourceRef;
  contributions: SourceRef[];
  index: number;
  visibility: number;
}

export interface MacroInfo {
  readonly name: string;
  pieces: TextPiece[];
  defined: SourceRef;
  contributions: SourceRef[];
  index: number;
  visibility: number;
}

export interface RuleInfo {
  readonly name: string;
  pieces: TextPiece[];
  outputPieces: TextPiece[];
  desc: string;
  priority: string;
  tags: Set<string>;
  source: string;
  enabled: boolean;
  exceptions: ExceptionInfo[];
  extra: Record<string, unknown>;
  defined: SourceRef;
  contributions: SourceRef[];
  index: number;
  visibility: number;
}

/** `rule_update_info`: what an append or a selective replace carries. */
export interface RuleUpdate {
  readonly name: string;
  readonly at: SourceRef;
  condition?: TextPiece;
  output?: TextPiece;
  desc?: string;
  tags?: string[];
  exceptions?: ExceptionInfo[];
  priority?: string;
  enabled?: boolean;
  extra?: Record<string, unknown>;
}

/** Flattens an exception entry to the public value shape. */
export function entryValue(e: ExceptionEntry): ExceptionValue {
  return e.isList ? e.items.map(entryValue) : e.item;
}

/** `rule_exception_info::entry::is_valid`. */
export function isValidEntry(e: ExceptionEntry | undefined): e is ExceptionEntry {
  return e !== undefined && (e.isList ? e.items.length > 0 : e.item.length > 0);
}
