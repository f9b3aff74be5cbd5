/**
 * The operator and transformer vocabulary of Falco conditions, as data.
 *
 * Source: falcosecurity/libs@0.25.4:userspace/libsinsp/filter/parser.cpp:64-100
 * (the libs of Falco 0.44.1): `s_unary_ops`, `s_binary_num_ops`,
 * `s_binary_str_ops`, `s_str_modifier_ops`, `s_binary_list_ops`,
 * `s_field_transformer_val`, `s_field_transformers`. The ORDER of each table
 * is the order libs tries the alternatives in, and it matters: `==` is tried
 * before `=`, `intersects` before `in`.
 */
import type { ListOperator, NumericOperator, StringOperator, StringOperatorModifier, TransformerName, UnaryOperator } from './ast';

/** libs `s_unary_ops`. */
export const UNARY_OPERATORS: readonly UnaryOperator[] = ['exists'];

/** libs `s_binary_num_ops`: the right-hand side must be a number (or a transformer). */
export const NUMERIC_OPERATORS: readonly NumericOperator[] = ['<=', '<', '>=', '>'];

/** libs `s_binary_str_ops`: the right-hand side is a bare or quoted string (or a transformer). */
export const STRING_OPERATORS: readonly StringOperator[] = [
  '==',
  '=',
  '!=',
  'glob',
  'iglob',
  'contains',
  'icontains',
  'bcontains',
  'startswith',
  'bstartswith',
  'endswith',
  'regex',
];

/**
 * The string operators that libs writes with a trailing space (`"glob "`):
 * they must be followed by a blank (space, tab, line break, backspace), so
 * `x contains y` is an operator but `x containsy` is not.
 */
export const WORD_OPERATORS: ReadonlySet<string> = new Set([
  'glob',
  'iglob',
  'contains',
  'icontains',
  'bcontains',
  'startswith',
  'bstartswith',
  'endswith',
  'regex',
]);

/**
 * libs `s_str_modifier_ops` (`parser.cpp:85-89`), in libs order: written after
 * any of the twelve string operators and before a list or a list name
 * (`proc.name startswith anyof (/etc/, /tmp/)`). Case-sensitive, and like a
 * word operator each needs a blank after it.
 */
export const STRING_OPERATOR_MODIFIERS: readonly StringOperatorModifier[] = ['oneof', 'anyof', 'allof'];

/** libs `s_binary_list_ops`: the right-hand side is `( … )`, a list name, or a transformer. */
export const LIST_OPERATORS: readonly ListOperator[] = ['intersects', 'in', 'pmatch'];

/** Every operator, in the order libs lists them in its "expected a valid check operator" error. */
export const ALL_OPERATORS: readonly string[] = [
  ...UNARY_OPERATORS,
  ...NUMERIC_OPERATORS,
  ...STRING_OPERATORS,
  ...LIST_OPERATORS,
];

/** The transformer that only exists on the right-hand side: `x = val(y)` compares two fields. */
export const VAL_TRANSFORMER = 'val' as const;

/**
 * libs `s_field_transformers`, in libs order. The name must be followed
 * directly by `(`: `tolower (x)` is not a transformer.
 */
export const FIELD_TRANSFORMERS: readonly Exclude<TransformerName, 'val'>[] = [
  'tolower',
  'toupper',
  'b64',
  'basename',
  'len',
  'join',
  'concat',
  'getopt',
];

/**
 * What each transformer expects, for linting. The parser accepts any number of
 * arguments for any transformer (libs' grammar does); the rules below are
 * enforced later by libs' filter compiler (falcosecurity/libs@0.25.4):
 * the single-value transformers take one argument
 * (`userspace/libsinsp/sinsp_filter_transformers/sinsp_filter_transformer.h:25-67`);
 * `join`, `concat` and `getopt` check their arguments in
 * `userspace/libsinsp/sinsp_filtercheck_multivalue_transformer.cpp:147-168`
 * ("join() requires exactly 2 arguments: separator and list"), `211-227`
 * ("concat() requires at least 2 arguments") and `257-294` ("getopt() requires
 * exactly 2 arguments: args list and optstring").
 */
export interface TransformerInfo {
  readonly name: TransformerName;
  /** Where the transformer may be written. */
  readonly side: 'both' | 'right';
  /** How many arguments libs' compiler accepts: exactly this many, or at least this many when `variadic`. */
  readonly arity: number;
  /** Whether more than `arity` arguments are accepted. */
  readonly variadic?: boolean;
  /**
   * Whether libs' compiler accepts an argument indexing the result,
   * `getopt(proc.args, "nt:")[t]` (`FieldTransformerExpr.arg`). The parser
   * accepts one after every transformer; the compiler refuses it on all but
   * `getopt` ("transformer '<name>' does not support field arguments",
   * `userspace/libsinsp/filter.cpp:336-339`, `349-352`).
   */
  readonly fieldArg: boolean;
  readonly description: string;
}

export const TRANSFORMER_INFO: Readonly<Record<TransformerName, TransformerInfo>> = {
  tolower: { name: 'tolower', side: 'both', arity: 1, fieldArg: false, description: 'converts the value to lowercase' },
  toupper: { name: 'toupper', side: 'both', arity: 1, fieldArg: false, description: 'converts the value to uppercase' },
  b64: { name: 'b64', side: 'both', arity: 1, fieldArg: false, description: 'decodes the value from Base64' },
  basename: { name: 'basename', side: 'both', arity: 1, fieldArg: false, description: 'the last path component ("" if none)' },
  len: { name: 'len', side: 'both', arity: 1, fieldArg: false, description: 'the number of list items, characters or bytes' },
  join: {
    name: 'join',
    side: 'both',
    arity: 2,
    fieldArg: false,
    description: 'joins a list with a separator: join("-", (a.b, c.d))',
  },
  concat: {
    name: 'concat',
    side: 'both',
    arity: 2,
    variadic: true,
    fieldArg: false,
    description: 'concatenates its string arguments (fields or strings) into one string: concat(a.b, "-", c.d)',
  },
  getopt: {
    name: 'getopt',
    side: 'both',
    arity: 2,
    fieldArg: true,
    description:
      'parses a list of arguments with a getopt(3) option string: getopt(("-t", "x"), "t:") is the list of options ' +
      'and their values, getopt(("-t", "x"), "t:")[t] the value of option -t; the first argument must be a ' +
      'string list (falcosecurity/libs@0.25.4:userspace/libsinsp/sinsp_filtercheck_multivalue_transformer.cpp:269-271)',
  },
  val: { name: 'val', side: 'right', arity: 1, fieldArg: false, description: 'the value of another field (right-hand side only)' },
};

export function isUnaryOperator(op: string): op is UnaryOperator {
  return (UNARY_OPERATORS as readonly string[]).includes(op);
}

export function isNumericOperator(op: string): op is NumericOperator {
  return (NUMERIC_OPERATORS as readonly string[]).includes(op);
}

export function isStringOperator(op: string): op is StringOperator {
  return (STRING_OPERATORS as readonly string[]).includes(op);
}

export function isListOperator(op: string): op is ListOperator {
  return (LIST_OPERATORS as readonly string[]).includes(op);
}

export function isStringOperatorModifier(word: string): word is StringOperatorModifier {
  return STRING_OPERATOR_MODIFIERS.some((m) => m === word);
}
