/**
 * The binary checks libs' filter compiler sees, with the type of their left side and their
 * constant values after Falco's list substitution, for the compile-stage lint rules
 * (`operator-type`, `invalid-filter-value`).
 */
import { ConditionSyntaxError, parseCondition, walk, type BinaryCheckExpr, type CheckOperand, type TransformerArg } from '../condition';
import { isSourceCovered, lookupField } from '../fields';
import { exceptionClause, substituteLists, type SourceRef } from '../loader';
import type { LintContext } from './lint-context';
import { isKnownType, type OperandType } from './value-parsers';

/** Where a check was written: its condition text and how to place an offset of it in the files. */
export interface CheckSite {
  /** `rule 'x'`, `macro 'y'`, `rule 'x': exception 'e'`. */
  readonly what: string;
  readonly source: string;
  readonly text: string;
  at(offset: number): SourceRef;
}

/**
 * Calls `visit` for every binary check Falco compiles: rule conditions, the exception clauses
 * Falco appends to them, and macro conditions once per source of the rules that use them
 * (an unused macro is not compiled). Only sources the field catalog covers. `skip-if-unknown-filter`
 * plays no part: it only turns unknown fields and event types into warnings.
 */
export function forEachBinaryCheck(ctx: LintContext, visit: (check: BinaryCheckExpr, site: CheckSite) => void): void {
  const visitTree = (ast: Parameters<typeof walk>[0] | undefined, site: CheckSite): void => {
    if (ast !== undefined) walk(ast, { binary_check: (n) => void visit(n, site) });
  };
  for (const r of ctx.ruleset.rules) {
    if (!isSourceCovered(r.source)) continue;
    const parsed = ctx.ruleCondition(r.name);
    visitTree(parsed.ast, { what: `rule '${r.name}'`, source: r.source, text: parsed.text.text, at: (offset) => ctx.locate(parsed, { offset }) });
    for (const ex of r.exceptions) {
      const clause = exceptionClause(ex);
      if (clause === '') continue;
      let ast;
      try {
        ast = parseCondition(clause);
      } catch (e) {
        if (!(e instanceof ConditionSyntaxError)) throw e;
        continue; // expanded-condition-syntax reports it
      }
      visitTree(ast, { what: `rule '${r.name}': exception '${ex.name}'`, source: r.source, text: clause, at: () => ex.defined });
    }
  }
  for (const m of ctx.ruleset.macros) {
    const parsed = ctx.macroCondition(m.name);
    for (const source of ctx.macroUsage(m.name).keys()) {
      if (!isSourceCovered(source)) continue;
      visitTree(parsed.ast, { what: `macro '${m.name}'`, source, text: parsed.text.text, at: (offset) => ctx.locate(parsed, { offset }) });
    }
  }
}

const STRING_TYPES = new Set(['CHARBUF', 'FSPATH', 'FSRELPATH']);

/**
 * The type of an operand after its transformers, as `get_transformed_field_info()` gives it;
 * undefined when it is unknown here or when the transformer is misapplied (another check's job).
 * Result types: falcosecurity/libs@0.25.4 `userspace/libsinsp/sinsp_filter_transformers/*`
 * (tolower/toupper/basename keep CHARBUF, FSPATH, FSRELPATH; b64 keeps CHARBUF, BYTEBUF; len gives
 * UINT64) and `userspace/libsinsp/sinsp_filtercheck_multivalue_transformer.cpp:147-315` (join and
 * concat give CHARBUF, getopt a CHARBUF list, or one CHARBUF with `[c]`); a literal argument is a
 * CHARBUF rawstring check and a transformer list a CHARBUF list.
 */
export function operandType(source: string, operand: CheckOperand | TransformerArg): OperandType | undefined {
  switch (operand.type) {
    case 'field': {
      const found = lookupField(source, operand.field, operand.arg);
      if (found === undefined || !isKnownType(found.field.type)) return undefined;
      return { type: found.field.type, isList: found.field.isList === true };
    }
    case 'value':
      return { type: 'CHARBUF', isList: false };
    case 'transformer_list':
      return { type: 'CHARBUF', isList: true };
    case 'field_transformer': {
      const args = operand.values;
      const first = args[0];
      if (operand.transformer === 'join' || operand.transformer === 'concat') {
        return operand.arg === undefined && args.length >= 2 ? { type: 'CHARBUF', isList: false } : undefined;
      }
      if (operand.transformer === 'getopt') {
        return args.length === 2 ? { type: 'CHARBUF', isList: operand.arg === undefined } : undefined;
      }
      if (first === undefined || args.length !== 1 || operand.arg !== undefined) return undefined;
      const input = operandType(source, first);
      if (input === undefined) return undefined;
      switch (operand.transformer) {
        case 'val':
          return input;
        case 'tolower':
        case 'toupper':
        case 'basename':
          return STRING_TYPES.has(input.type) ? input : undefined;
        case 'b64':
          return input.type === 'CHARBUF' || input.type === 'BYTEBUF' ? input : undefined;
        case 'len':
          return input.isList || STRING_TYPES.has(input.type) || input.type === 'BYTEBUF' ? { type: 'UINT64', isList: false } : undefined;
      }
    }
  }
  return undefined;
}

/** The offset of a check's operator in its condition text. */
export function operatorOffset(check: BinaryCheckExpr, text: string): number {
  let i = check.left.loc.offset + (check.left.loc.length ?? 0);
  while (i < text.length && /\s/.test(text.charAt(i))) i++;
  return i;
}

/** One constant of a check's right side, as libs' compiler receives it. */
export interface ConstantValue {
  readonly value: string;
  /** Where it was written in the site's text: the item itself, or the list name it came from. */
  readonly offset: number;
  /** The lists whose substitution produced it, if any. */
  readonly fromLists: readonly string[];
}

/**
 * The constants a check compares with, after Falco substitutes list names by their items
 * (text substitution, then parsing: `rule_loader_compiler.cpp` `resolve_list`); undefined for a
 * field on the right, for a bare list name that names no list (undefined-list reports it), and
 * when the substituted text does not parse (expanded-condition-syntax reports it).
 */
export function constantValues(ctx: LintContext, check: BinaryCheckExpr, text: string): readonly ConstantValue[] | undefined {
  const right = check.right;
  if (right.type === 'field_transformer') return undefined;
  const listLike = check.modifier !== undefined || check.op === 'in' || check.op === 'intersects' || check.op === 'pmatch';
  const prefix = `x.y ${check.op}${check.modifier !== undefined ? ` ${check.modifier}` : ''} `;
  /** The values Falco compiles for what was written at `loc`: itself, or the items of the lists it names. */
  const expand = (written: string, offset: number, reparse: (expanded: string) => string): ConstantValue[] | undefined => {
    const { text: expanded, used } = substituteLists(written, ctx.ruleset.lists);
    if (used.length === 0) return undefined;
    let reparsed;
    try {
      reparsed = parseCondition(reparse(expanded));
    } catch (e) {
      if (!(e instanceof ConditionSyntaxError)) throw e;
      return [];
    }
    if (reparsed.type !== 'binary_check' || reparsed.right.type === 'field_transformer') return [];
    const values = reparsed.right.type === 'value' ? [reparsed.right.value] : reparsed.right.values;
    return values.map((value) => ({ value, offset, fromLists: used }));
  };
  const slice = (loc: { offset: number; length?: number }): string => text.slice(loc.offset, loc.offset + (loc.length ?? 0));
  if (right.type === 'value') {
    const fromLists = expand(slice(right.loc), right.loc.offset, (expanded) => prefix + expanded);
    if (fromLists !== undefined) return fromLists;
    return listLike ? undefined : [{ value: right.value, offset: right.loc.offset, fromLists: [] }];
  }
  return right.values.flatMap((value, i) => {
    const loc = right.valueLocs[i] ?? right.loc;
    return expand(slice(loc), loc.offset, (expanded) => `x.y in (${expanded})`) ?? [{ value, offset: loc.offset, fromLists: [] }];
  });
}

/** A filter that lets each (place, message) through once: a macro used from several sources is visited once per source. */
export function firstTimeOnly(): (at: SourceRef, message: string) => boolean {
  const seen = new Set<string>();
  return (at, message) => {
    const key = `${at.file}:${at.line}:${at.column}:${message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
}
