/**
 * The operator and transformer vocabulary of Falco conditions, as data.
 *
 * Source: falcosecurity/libs `userspace/libsinsp/filter/parser.cpp` (libs
 * 0.25.x): `s_unary_ops`, `s_binary_num_ops`, `s_binary_str_ops`,
 * `s_binary_list_ops`, `s_field_transformer_val`, `s_field_transformers`.
 * The ORDER of each table is the order libs tries the alternatives in, and it
 * matters: `==` is tried before `=`, `intersects` before `in`.
 */
import type { ListOperator, NumericOperator, StringOperator, TransformerName, UnaryOperator } from './ast';

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
  // Listed for Falco 0.44 by the project's issue #3; the stored libs snapshots predate them, so
  // their argument rules come from that list, not from libs source: see TRANSFORMER_INFO.
  'concat',
  'getopt',
];

/**
 * What each transformer expects, for linting. The parser accepts any number of
 * arguments for any transformer (libs' grammar does); the counts below are
 * enforced later by libs' filter compiler, not by the parser:
 * `join` in `sinsp_filtercheck_multivalue_transformer.cpp` ("join() requires
 * exactly 2 arguments: separator and list"), the others take the one field
 * they transform (falco-website `docs/concepts/rules/conditions.md`).
 */
export interface TransformerInfo {
  readonly name: TransformerName;
  /** Where the transformer may be written. */
  readonly side: 'both' | 'right';
  /** How many arguments libs' compiler accepts: exactly this many, or at least `minArity` when `variadic`. */
  readonly arity: number;
  /** Whether more than `arity` arguments are accepted. */
  readonly variadic?: boolean;
  readonly description: string;
}

export const TRANSFORMER_INFO: Readonly<Record<TransformerName, TransformerInfo>> = {
  tolower: { name: 'tolower', side: 'both', arity: 1, description: 'converts the value to lowercase' },
  toupper: { name: 'toupper', side: 'both', arity: 1, description: 'converts the value to uppercase' },
  b64: { name: 'b64', side: 'both', arity: 1, description: 'decodes the value from Base64' },
  basename: { name: 'basename', side: 'both', arity: 1, description: 'the last path component ("" if none)' },
  len: { name: 'len', side: 'both', arity: 1, description: 'the number of list items, characters or bytes' },
  join: {
    name: 'join',
    side: 'both',
    arity: 2,
    description: 'joins a list with a separator: join("-", (a.b, c.d))',
  },
  concat: {
    name: 'concat',
    side: 'both',
    arity: 2,
    variadic: true,
    description: 'concatenates its arguments (fields or strings) into one string: concat(a.b, "-", c.d)',
  },
  getopt: {
    name: 'getopt',
    side: 'both',
    arity: 2,
    description: 'the value of a command-line option in an argument list: getopt(proc.args, "-o")',
  },
  val: { name: 'val', side: 'right', arity: 1, description: 'the value of another field (right-hand side only)' },
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
