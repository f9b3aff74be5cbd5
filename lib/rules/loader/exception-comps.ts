import { ALL_OPERATORS, isListOperator, isStringOperator, isStringOperatorModifier, parseCondition, walk } from '../condition';
import { checkField, type FieldCheck } from '../fields';

/**
 * The comparison operators an exception's `comps` may name, and the field strings its `fields`
 * may name, exactly as Falco 0.44.1 decides them.
 */

const COMP_BLANKS = ' \t\r\n';

/**
 * `normalize_comp`: a comp is trimmed of exactly ` \t\r\n` at both ends before it is checked and
 * before the exception condition is built (falcosecurity/falco@0.44.1:userspace/engine/rule_loader_collector.cpp:41-55, 94, 112).
 */
export function normalizeComp(comp: string): string {
  let s = 0;
  let e = comp.length;
  while (s < e && COMP_BLANKS.includes(comp.charAt(s))) s++;
  while (e > s && COMP_BLANKS.includes(comp.charAt(e - 1))) e--;
  return comp.slice(s, e);
}

/** `is_operator_defined`: one of libs' `parser::supported_operators()` (falcosecurity/falco@0.44.1:userspace/engine/rule_loader_collector.cpp:36-39). */
export function isOperatorDefined(comp: string): boolean {
  return ALL_OPERATORS.includes(comp);
}

/**
 * `is_str_operator_with_modifier` (falcosecurity/falco@0.44.1:userspace/engine/rule_loader_cmpop.h:26-56):
 * libs' `str_to_cmpop_with_modifier` splits at the first space (falcosecurity/libs@0.25.4:userspace/libsinsp/filter_compare.cpp:89-99),
 * the left part must be a string operator (`cmpop_supports_modifier`: `=`/`==`, `!=`, `contains`,
 * `icontains`, `bcontains`, `startswith`, `bstartswith`, `endswith`, `glob`, `iglob`, `regex`) and
 * the rest exactly `oneof`, `anyof` or `allof`. So `startswith oneof` is one, and `in oneof`,
 * `>= oneof`, `oneof`, `contains  oneof` (two spaces), `startswith\toneof`, `STARTSWITH oneof` are not.
 */
export function isStrOperatorWithModifier(comp: string): boolean {
  const space = comp.indexOf(' ');
  if (space < 0) return false;
  return isStringOperator(comp.slice(0, space)) && isStringOperatorModifier(comp.slice(space + 1));
}

/** A comp a list-of-fields exception accepts (falcosecurity/falco@0.44.1:userspace/engine/rule_loader_collector.cpp:95). */
export function isSupportedComp(comp: string): boolean {
  return isOperatorDefined(comp) || isStrOperatorWithModifier(comp);
}

/** A comp a single-field exception accepts (falcosecurity/falco@0.44.1:userspace/engine/rule_loader_collector.cpp:113-117). */
export function isSupportedSingleFieldComp(comp: string): boolean {
  return comp === 'in' || comp === 'pmatch' || comp === 'intersects' || isStrOperatorWithModifier(comp);
}

/**
 * `is_operator_for_list`: a value for this comp is written in parentheses (falcosecurity/falco@0.44.1:userspace/engine/rule_loader_compiler.cpp:61-69).
 */
export function isOperatorForList(comp: string): boolean {
  return isListOperator(comp) || isStrOperatorWithModifier(comp);
}

/**
 * What a mistyped comp most likely meant: the same words, lower case, one space apart, when that
 * is a supported comp (`STARTSWITH oneof`, `contains  oneof`, `endswith\tanyof`).
 */
export function suggestComp(comp: string): string | undefined {
  const words = comp.trim().split(/\s+/);
  const candidate = words.join(' ').toLowerCase();
  return candidate !== comp && isSupportedComp(candidate) ? candidate : undefined;
}

/**
 * `falco_source::is_valid_lhs_field` (falcosecurity/falco@0.44.1:userspace/engine/falco_source.h:57-77)
 * for the fields of an exception: a string with a `(` is valid iff `<field> exists` compiles (so
 * transformers such as `tolower(proc.name)` or `getopt(proc.args, "t:")[t]` are fields), and is
 * checked here by parsing it and checking every field inside against the catalog; any other
 * string must be a field of the source.
 */
export function checkExceptionField(source: string, field: string): FieldCheck {
  if (!field.includes('(')) return checkField(source, field);
  let ast;
  try {
    ast = parseCondition(`${field} exists`);
  } catch (e) {
    return {
      ok: false,
      reason: 'unknown-field',
      message: `'${field}' is not a supported filter field: '${field} exists' does not parse (${(e as Error).message}); write a field, or a transformer of fields such as 'tolower(proc.name)'`,
    };
  }
  let problem: FieldCheck | undefined;
  let first: FieldCheck | undefined;
  walk(ast, {
    field: (n) => {
      const result = checkField(source, n.field, n.arg);
      first ??= result;
      if (!result.ok) problem ??= result;
    },
  });
  return problem ?? first ?? { ok: false, reason: 'unknown-field', message: `'${field}' names no field; write a field, or a transformer of fields such as 'tolower(proc.name)'` };
}
