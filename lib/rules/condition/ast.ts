/**
 * Typed, JSON-serializable AST of a Falco condition.
 *
 * Node kinds and member names mirror falcosecurity/libs
 * `userspace/libsinsp/filter/ast.h` (libs 0.25.x, the libs of Falco 0.44):
 * `and_expr`/`or_expr` (n-ary `children`), `not_expr` (`child`),
 * `identifier_expr`, `value_expr`, `list_expr` (`values` are plain strings),
 * `unary_check_expr`/`binary_check_expr` (`left`, `op`, `right`),
 * `field_expr` (`field`, `arg`), `field_transformer_expr` (`transformer`,
 * `values`, `arg`) and `transformer_list_expr` (`children`, the `(a, b)`
 * argument of `join`). libs has no dedicated node for `val(...)`: it is a
 * `field_transformer` whose `transformer` is `'val'`, and so is it here.
 *
 * One deliberate difference of shape: libs stores a string comparator
 * modifier inside the operator string (`op == "== oneof"`,
 * falcosecurity/libs@0.25.4:userspace/libsinsp/filter/parser.cpp:504, 519);
 * here it is the separate member `modifier`, so that `op` stays typed.
 *
 * Unlike libs, every node records where it came from (`loc`), and a list
 * records where each of its items came from (`valueLocs`), so that lint and
 * load errors can point at the exact item.
 */

/** Where a node starts in the condition text and how long its source text is. */
export interface Loc {
  /** 1-based line within the condition text. */
  readonly line: number;
  /** 1-based column (UTF-16 code units) within that line. */
  readonly column: number;
  /** 0-based offset (UTF-16 code units) from the start of the condition text. */
  readonly offset: number;
  /** Length of the node's source text, from its first to its last character. */
  readonly length?: number;
}

/**
 * The `loc` of a node that was built by code (a transform) rather than parsed.
 * `offset` is -1 so that it can never be mistaken for a real source position.
 */
export const NO_LOC: Loc = Object.freeze({ line: 0, column: 0, offset: -1, length: 0 });

/** `a and b and c`: libs builds one n-ary node per run of `and`, never a binary tree. */
export interface AndExpr {
  readonly type: 'and';
  readonly children: readonly Expr[];
  readonly loc: Loc;
}

/** `a or b or c`: n-ary, like `and`. */
export interface OrExpr {
  readonly type: 'or';
  readonly children: readonly Expr[];
  readonly loc: Loc;
}

/**
 * `not x`. An even run of `not`s cancels out while parsing (libs toggles a flag
 * per `not`), so `not not x` is just `x`, while `not (not x)` keeps both nodes.
 */
export interface NotExpr {
  readonly type: 'not';
  readonly child: Expr;
  readonly loc: Loc;
}

/** A bare name in check position: a reference to a macro. */
export interface IdentifierExpr {
  readonly type: 'identifier';
  readonly identifier: string;
  readonly loc: Loc;
}

/**
 * A literal: the right-hand side of `=`/`contains`/…, a number, a list name on
 * the right of `in`/`intersects`/`pmatch`, or a literal transformer argument.
 * Quoted strings are stored unescaped and without their quotes, so `'a'`,
 * `"a"` and `a` all give `{ value: 'a' }` (as in libs).
 */
export interface ValueExpr {
  readonly type: 'value';
  readonly value: string;
  readonly loc: Loc;
}

/**
 * `(a, "b c", 1194)`: the items are raw strings (unescaped, quotes removed).
 * Item `i` was written at `valueLocs[i]`.
 */
export interface ListExpr {
  readonly type: 'list';
  readonly values: readonly string[];
  readonly valueLocs: readonly Loc[];
  readonly loc: Loc;
}

/** `fd.name exists`: `exists` is the only unary operator. */
export interface UnaryCheckExpr {
  readonly type: 'unary_check';
  readonly left: CheckOperand;
  readonly op: UnaryOperator;
  readonly loc: Loc;
}

/**
 * `proc.name = bash`, `fd.name in (a, b)`, `proc.name = val(proc.pname)`,
 * `proc.name startswith anyof (/etc/, /tmp/)`, …
 */
export interface BinaryCheckExpr {
  readonly type: 'binary_check';
  readonly left: CheckOperand;
  /** The operator as written (`=` and `==` are kept apart, as in libs). */
  readonly op: BinaryOperator;
  /**
   * The string comparator modifier written after a string operator:
   * `proc.name == oneof (cat, nginx)` has `op: '=='`, `modifier: 'oneof'`.
   * Present only with a `StringOperator`, and then `right` is a `list` or a
   * `value` naming a list (`proc.name == oneof my_list`), never a transformer
   * (falcosecurity/libs@0.25.4:userspace/libsinsp/filter/parser.cpp:495-510, 607-623).
   * Without it, `op` compares the field with the right side as a whole.
   */
  readonly modifier?: StringOperatorModifier;
  /**
   * A `value` (also for a list name after a list operator or a modifier), a
   * `list`, or a `field_transformer` (including `val(field)`).
   */
  readonly right: CheckRight;
  readonly loc: Loc;
}

/**
 * A field, with its optional argument: `proc.aname[2]`, `json.value[/a/b]`,
 * `evt.arg.flags` (no argument). `arg` is present only when brackets were
 * written; libs stores `""` for "no argument", so `x[""]` means the same as `x`.
 */
export interface FieldExpr {
  readonly type: 'field';
  readonly field: string;
  readonly arg?: string;
  readonly loc: Loc;
}

/**
 * `tolower(proc.name)`, `join("-", (a.b, c.d))`, `val(proc.pname)`,
 * `getopt(proc.args, "nt:")[t]`.
 * `values` are the arguments, in order (libs: `field_transformer_expr::values`).
 */
export interface FieldTransformerExpr {
  readonly type: 'field_transformer';
  readonly transformer: TransformerName;
  readonly values: readonly TransformerArg[];
  /**
   * The argument indexing the transformer's result, `getopt(...)[t]`: like
   * `FieldExpr.arg`, present only when brackets were written, and `""` for
   * `[""]` (libs `field_transformer_expr::arg`, an `std::optional`,
   * falcosecurity/libs@0.25.4:userspace/libsinsp/filter/parser.cpp:390-393, 674-677).
   * The parser takes it after any transformer, `val(...)` included; libs'
   * compiler accepts it only on `getopt`, the others fail to compile
   * ("transformer '<name>' does not support field arguments").
   */
  readonly arg?: string;
  readonly loc: Loc;
}

/** `(fd.name, "x", 1)` as an argument of a transformer (e.g. the list of `join`). */
export interface TransformerListExpr {
  readonly type: 'transformer_list';
  readonly children: readonly TransformerListItem[];
  readonly loc: Loc;
}

/** A boolean expression: what a condition (and every `and`/`or`/`not` operand) is. */
export type Expr = AndExpr | OrExpr | NotExpr | IdentifierExpr | UnaryCheckExpr | BinaryCheckExpr;

/** What may stand on the left of an operator. */
export type CheckOperand = FieldExpr | FieldTransformerExpr;

/** What may stand on the right of a binary operator. */
export type CheckRight = ValueExpr | ListExpr | FieldTransformerExpr;

/** What a transformer accepts as an argument (libs `FieldTransformerArg`). */
export type TransformerArg = FieldExpr | FieldTransformerExpr | ValueExpr | TransformerListExpr;

/** What a transformer list accepts as an element (libs `TransformerListArg`). */
export type TransformerListItem = FieldExpr | FieldTransformerExpr | ValueExpr;

/** Any node of the AST. */
export type Node = Expr | FieldExpr | FieldTransformerExpr | ValueExpr | ListExpr | TransformerListExpr;

/** The `type` tag of any node. */
export type NodeType = Node['type'];

/** The node interface for a given `type` tag. */
export type NodeOfType<T extends NodeType> = Extract<Node, { type: T }>;

/** libs `s_unary_ops`. */
export type UnaryOperator = 'exists';

/** libs `s_binary_num_ops`. */
export type NumericOperator = '<=' | '<' | '>=' | '>';

/** libs `s_binary_str_ops` (trimmed). */
export type StringOperator =
  | '=='
  | '='
  | '!='
  | 'glob'
  | 'iglob'
  | 'contains'
  | 'icontains'
  | 'bcontains'
  | 'startswith'
  | 'bstartswith'
  | 'endswith'
  | 'regex';

/**
 * libs `s_str_modifier_ops`: what may follow a string operator to compare the
 * field with each item of a list (exactly one, at least one, every one).
 */
export type StringOperatorModifier = 'oneof' | 'anyof' | 'allof';

/** libs `s_binary_list_ops`. */
export type ListOperator = 'intersects' | 'in' | 'pmatch';

export type BinaryOperator = NumericOperator | StringOperator | ListOperator;

export type Operator = UnaryOperator | BinaryOperator;

/** libs `s_field_transformers` plus the right-hand-side-only `val`. */
export type TransformerName =
  | 'tolower'
  | 'toupper'
  | 'b64'
  | 'basename'
  | 'len'
  | 'join'
  | 'concat'
  | 'getopt'
  | 'val';

const EXPR_TYPES: ReadonlySet<string> = new Set(['and', 'or', 'not', 'identifier', 'unary_check', 'binary_check']);

/** True for the boolean expression kinds (`and`, `or`, `not`, `identifier`, checks). */
export function isExpr(node: Node): node is Expr {
  return EXPR_TYPES.has(node.type);
}

export function isAnd(node: Node): node is AndExpr {
  return node.type === 'and';
}

export function isOr(node: Node): node is OrExpr {
  return node.type === 'or';
}

export function isNot(node: Node): node is NotExpr {
  return node.type === 'not';
}

export function isIdentifier(node: Node): node is IdentifierExpr {
  return node.type === 'identifier';
}

export function isValue(node: Node): node is ValueExpr {
  return node.type === 'value';
}

export function isList(node: Node): node is ListExpr {
  return node.type === 'list';
}

export function isUnaryCheck(node: Node): node is UnaryCheckExpr {
  return node.type === 'unary_check';
}

export function isBinaryCheck(node: Node): node is BinaryCheckExpr {
  return node.type === 'binary_check';
}

/** True for `unary_check` and `binary_check`. */
export function isCheck(node: Node): node is UnaryCheckExpr | BinaryCheckExpr {
  return node.type === 'unary_check' || node.type === 'binary_check';
}

export function isField(node: Node): node is FieldExpr {
  return node.type === 'field';
}

export function isFieldTransformer(node: Node): node is FieldTransformerExpr {
  return node.type === 'field_transformer';
}

export function isTransformerList(node: Node): node is TransformerListExpr {
  return node.type === 'transformer_list';
}
