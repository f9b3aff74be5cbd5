/**
 * The binary checks libs' filter compiler sees, with the type of their left side and their
 * constant values after Falco's list substitution, for the compile-stage lint rules
 * (`operator-type`, `invalid-filter-value`).
 */
import { ConditionSyntaxError, parseCondition, type BinaryCheckExpr, type CheckOperand, type Expr, type TransformerArg, type UnaryCheckExpr } from '../condition';
import { isSourceCovered, longestMatchingEventArgument, lookupField } from '../fields';
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
  forEachCheck(ctx, (check, site) => {
    if (check.type === 'binary_check') visit(check, site);
  });
}

/** Like `forEachBinaryCheck`, unary checks (`x exists`) included. */
export function forEachCheck(ctx: LintContext, visit: (check: BinaryCheckExpr | UnaryCheckExpr, site: CheckSite) => void): void {
  const checks = compiledChecks(ctx);
  for (let i = 0, c = checks[0]; c !== undefined; c = checks[++i]) visit(c.check, c.site);
}

interface CompiledCheck {
  readonly check: BinaryCheckExpr | UnaryCheckExpr;
  readonly site: CheckSite;
}

/**
 * Every check Falco compiles, collected once per lint: several compile-stage rules walk the same
 * checks, and parsing each exception clause once per rule cost as much as the checks themselves.
 */
const CHECKS_OF = new WeakMap<LintContext, readonly CompiledCheck[]>();

function compiledChecks(ctx: LintContext): readonly CompiledCheck[] {
  const cached = CHECKS_OF.get(ctx);
  if (cached !== undefined) return cached;
  const checks: CompiledCheck[] = [];
  const visitTree = (ast: Expr | undefined, site: CheckSite): void => {
    if (ast === undefined) return;
    for (const check of ctx.nodesOf(ast).checks) checks.push({ check, site });
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
  CHECKS_OF.set(ctx, checks);
  return checks;
}

const STRING_TYPES = new Set(['CHARBUF', 'FSPATH', 'FSRELPATH']);
/** The types `add_filter_value` refuses a right-hand side field for (sinsp_filtercheck.cpp:663-668). */
export const NET_TYPES: ReadonlySet<string> = new Set(['IPNET', 'IPV4NET', 'IPV6NET']);
const MULTIVALUE = new Set(['join', 'concat', 'getopt']);

/** What libs' extractor compiler builds for an operand: one filtercheck and its field infos. */
export interface CompiledOperand {
  /** `get_transformed_field_info()`: the type after transformers; undefined when not known here (`DYNAMIC`). */
  readonly type: OperandType | undefined;
  /** `get_field_info()`: the untransformed type, which multivalue transformers check. */
  readonly base: OperandType | undefined;
  /** `m_name` of the field info: the field, `NA` for a literal or list, `INTERNAL` for join/concat/getopt. */
  readonly name: string;
  readonly noRhs: boolean;
  readonly noTransformer: boolean;
}

/** libs' refusal of a transformer, with the node it is about. */
export interface TransformerProblem {
  readonly libs: string;
  readonly fix: string;
  readonly node: CheckOperand | TransformerArg;
}

export type CompileResult = { readonly ok: CompiledOperand } | { readonly problem: TransformerProblem } | undefined;

const literal = (isList: boolean): CompiledOperand => ({
  type: { type: 'CHARBUF', isList },
  base: { type: 'CHARBUF', isList },
  name: 'NA',
  noRhs: false,
  noTransformer: false,
});

/**
 * `evt.rawarg.<name>` has the type of the event argument libs resolves the name to, set when the
 * field is parsed (falcosecurity/libs@0.25.4:userspace/libsinsp/sinsp_filtercheck_event.cpp:523-538);
 * undefined when the name resolves to no argument exactly (unknown-field reports it).
 */
function rawargType(arg: string | undefined): OperandType | undefined {
  const found = arg === undefined ? undefined : longestMatchingEventArgument(arg);
  return found !== undefined && found.name === arg ? { type: found.type, isList: false } : undefined;
}

/** The type a single-value transformer gives, or undefined when it refuses the input (`transform_type`). */
function singleTransform(name: string, t: OperandType): OperandType | undefined {
  switch (name) {
    case 'tolower': // sinsp_filter_transformers/sinsp_filter_transformer_tolower.cpp:21-31
    case 'toupper': // …_toupper.cpp:21-31
    case 'basename': // …_basename.cpp:21-31
      return STRING_TYPES.has(t.type) ? t : undefined;
    case 'b64': // …_base64.cpp:22-31
      return t.type === 'CHARBUF' || t.type === 'BYTEBUF' ? t : undefined;
    case 'len': // …_len.cpp:21-38
      return t.isList || STRING_TYPES.has(t.type) || t.type === 'BYTEBUF' ? { type: 'UINT64', isList: false } : undefined;
  }
  return undefined;
}

const ACCEPTS: Record<string, string> = {
  tolower: 'CHARBUF, FSPATH or FSRELPATH',
  toupper: 'CHARBUF, FSPATH or FSRELPATH',
  basename: 'CHARBUF, FSPATH or FSRELPATH',
  b64: 'CHARBUF or BYTEBUF',
  len: 'a list, CHARBUF, BYTEBUF, FSPATH or FSRELPATH',
};

/**
 * Compiles an operand as libs' `sinsp_extractor_compiler` does
 * (falcosecurity/libs@0.25.4:userspace/libsinsp/filter.cpp:266-356): arguments first, in order,
 * then the transformer: `val` is a no-op, one argument takes the single-value path
 * (`add_transformer`, sinsp_filtercheck.cpp:1214-1247), more take the multivalue one
 * (sinsp_filtercheck_multivalue_transformer.cpp:147-315, 560-575), which checks each argument's
 * *untransformed* field info (`argument_types`, :33-48). The first refusal is returned;
 * undefined when an unknown field stops the simulation (unknown-field reports it).
 */
export function compileOperand(source: string, node: CheckOperand | TransformerArg): CompileResult {
  // Four lint rules compile the operands of every check: once per (operand, source) is enough.
  let bySource = COMPILED.get(node);
  if (bySource === undefined) COMPILED.set(node, (bySource = new Map()));
  if (bySource.has(source)) return bySource.get(source);
  const result = compileUncached(source, node);
  bySource.set(source, result);
  return result;
}

/** `compileOperand`'s answers, by operand node and source. */
const COMPILED = new WeakMap<CheckOperand | TransformerArg, Map<string, CompileResult>>();

function compileUncached(source: string, node: CheckOperand | TransformerArg): CompileResult {
  switch (node.type) {
    case 'field': {
      const found = lookupField(source, node.field, node.arg);
      if (found === undefined) return undefined;
      const f = found.field;
      const t = f.name === 'evt.rawarg' ? rawargType(found.arg) : isKnownType(f.type) ? { type: f.type, isList: f.isList === true } : undefined;
      return { ok: { type: t, base: t, name: f.name, noRhs: f.noRhs === true, noTransformer: f.noTransformer === true } };
    }
    case 'value':
      return { ok: literal(false) };
    case 'transformer_list': {
      for (const child of node.children) {
        const r = compileOperand(source, child);
        if (r === undefined || 'problem' in r) return r;
      }
      return { ok: literal(true) };
    }
    case 'field_transformer':
      break;
  }
  const name = node.transformer;
  const args: CompiledOperand[] = [];
  for (const a of node.values) {
    const r = compileOperand(source, a);
    if (r === undefined || 'problem' in r) return r;
    args.push(r.ok);
  }
  const problem = (libs: string, fix: string): CompileResult => ({ problem: { libs, fix, node } });
  const noArg = `remove the [${node.arg ?? ''}] after ${name}(…)`;
  const first = args[0];
  if (first === undefined) return undefined; // the parser requires one
  if (name === 'val') {
    // filter.cpp:349-355
    if (node.arg !== undefined) return problem("filter error: transformer 'val' does not support field arguments", `${noArg}, or compare with the field itself`);
    return { ok: first };
  }
  if (args.length === 1) {
    // filter.cpp:334-341
    if (node.arg !== undefined) return problem(`filter error: transformer '${name}' does not support field arguments`, `${noArg} (only getopt takes one)`);
    if (MULTIVALUE.has(name)) {
      // filter_transformer_from_str, sinsp_filter_transformers/sinsp_filter_transformer.h:60-67 (sic)
      const need = name === 'join' ? 'a separator and a string list: join(",", fd.types)' : name === 'concat' ? 'at least 2 strings' : 'a string list and an optstring: getopt(("-t", fd.name), "nt:")';
      return problem(`unknown field transfomer '${name}'`, `${name} takes ${need}`);
    }
    // sinsp_filtercheck.cpp:1220-1223
    if (first.noTransformer) return problem(`field '${first.name}' does not support transformers`, `compare ${first.name} itself, without ${name}(…)`);
    if (first.type === undefined) return undefined;
    const t = singleTransform(name, first.type);
    if (t === undefined) {
      // sinsp_filtercheck.cpp:1234-1241
      return problem(
        `can't add field transformer: type '${first.type.type}' is not supported by '${name}' transformer applied on ${first.type.isList ? 'list ' : ''}field '${first.name}'`,
        `${name} accepts ${ACCEPTS[name] ?? 'other types'}; remove it or apply it to another field`,
      );
    }
    return { ok: { ...first, type: t } };
  }
  if (!MULTIVALUE.has(name)) {
    // sinsp_filtercheck_multivalue_transformer.cpp:570-572: a std::runtime_error, not a sinsp_exception
    return problem('unknown multivalue transformer', `${name} takes exactly one argument (Falco does not catch this error and aborts)`);
  }
  const types: OperandType[] = [];
  for (const a of args) {
    if (a.base === undefined) return undefined;
    types.push(a.base);
  }
  const [t0, t1] = types;
  const strings = 'fields and literals must be CHARBUF; a transformer argument counts with its untransformed type';
  if (name === 'join') {
    // sinsp_filtercheck_multivalue_transformer.cpp:150-168
    if (t0 === undefined || t1 === undefined || types.length !== 2) return problem('join() requires exactly 2 arguments: separator and list', 'write join(",", fd.types) or join(" ", (a.b, c.d))');
    if (t0.isList) return problem('join() first argument (separator) must be a single value, not a list', 'make the separator a quoted string');
    if (!t1.isList) return problem('join() second argument must be a list', 'pass a list field or a (…) list as the second argument');
  } else if (name === 'concat') {
    // :214-227
    if (types.some((t) => t.type !== 'CHARBUF' || t.isList)) return problem('concat() arguments must be strings', strings);
  } else {
    // :260-294
    if (t0 === undefined || t1 === undefined || types.length !== 2) return problem('getopt() requires exactly 2 arguments: args list and optstring', 'write getopt(<string list>, "nt:")');
    if (!t0.isList) return problem('getopt() first argument must be a list', 'pass a string list, e.g. fd.types or ("-t", fd.name)');
    if (t1.isList) return problem('getopt() second argument (optstring) must be a single value', 'make the optstring a quoted string such as "nt:"');
    if (t0.type !== 'CHARBUF' || t1.type !== 'CHARBUF') return problem('getopt() arguments must be strings', strings);
  }
  if (node.arg !== undefined) {
    // set_arg: :66-72 (join, concat), :304-315 (getopt)
    if (name !== 'getopt') return problem(`transformer '${name}' does not support field arguments`, `${noArg} (only getopt takes one)`);
    if (node.arg.length !== 1) return problem('getopt() field argument must be a single option character', 'write one option character, e.g. getopt(<string list>, "nt:")[t]');
  }
  const isList = name === 'getopt' && node.arg === undefined;
  return { ok: { type: { type: 'CHARBUF', isList }, base: { type: 'CHARBUF', isList: false }, name: 'INTERNAL', noRhs: false, noTransformer: false } };
}

/**
 * The type of an operand after its transformers, as `get_transformed_field_info()` gives it;
 * undefined when it is unknown here or when a transformer is refused (field-transformer reports it).
 */
export function operandType(source: string, operand: CheckOperand | TransformerArg): OperandType | undefined {
  const r = compileOperand(source, operand);
  return r !== undefined && 'ok' in r ? r.ok.type : undefined;
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

/** The same value texts recur in many checks (`shell_binaries`, `bash`): substituted and parsed once per lint. */
const SUBSTITUTED = new WeakMap<LintContext, Map<string, { readonly values: readonly string[]; readonly used: readonly string[] } | undefined>>();

/** The values Falco compiles for `written` once lists are substituted; undefined when it names no list. */
function substitutedValues(
  ctx: LintContext,
  written: string,
  reparse: (expanded: string) => string,
): { readonly values: readonly string[]; readonly used: readonly string[] } | undefined {
  let memo = SUBSTITUTED.get(ctx);
  if (memo === undefined) SUBSTITUTED.set(ctx, (memo = new Map()));
  const key = reparse(written);
  if (memo.has(key)) return memo.get(key);
  const { text: expanded, used } = substituteLists(written, ctx.ruleset.lists);
  let result: { readonly values: readonly string[]; readonly used: readonly string[] } | undefined;
  if (used.length > 0) {
    let reparsed;
    try {
      reparsed = parseCondition(reparse(expanded));
    } catch (e) {
      if (!(e instanceof ConditionSyntaxError)) throw e;
    }
    const right = reparsed?.type === 'binary_check' ? reparsed.right : undefined;
    const values = right === undefined || right.type === 'field_transformer' ? [] : right.type === 'value' ? [right.value] : right.values;
    result = { values, used };
  }
  memo.set(key, result);
  return result;
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
    const found = substitutedValues(ctx, written, reparse);
    return found?.values.map((value) => ({ value, offset, fromLists: found.used }));
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
