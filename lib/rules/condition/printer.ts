/**
 * Prints an AST back to condition text that `parseCondition` turns into the
 * same AST (ignoring `loc`). The output is canonical: one line, single spaces,
 * parentheses only where the tree needs them, values quoted only when a bare
 * value would be read differently.
 */
import type {
  BinaryCheckExpr,
  CheckOperand,
  CheckRight,
  Expr,
  FieldExpr,
  FieldTransformerExpr,
  ListExpr,
  Node,
  TransformerArg,
  TransformerListExpr,
  ValueExpr,
} from './ast';
import { BOOL_KEYWORD_PREFIX, TOKEN_PATTERNS } from './token-patterns';
import { isListOperator, isNumericOperator, isStringOperator, isStringOperatorModifier, isUnaryOperator } from './operators';

/** Thrown when a tree (usually one built by a transform) has no text form that parses back to it. */
export class ConditionPrintError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConditionPrintError';
  }
}

/** Canonical text of a condition. @throws ConditionPrintError for a tree no text can express. */
export function printCondition(expr: Expr): string {
  return printExpr(expr);
}

/** Canonical text of any node (a field, a value, a list, …), e.g. for messages. */
export function printNode(node: Node): string {
  switch (node.type) {
    case 'field':
      return printField(node);
    case 'field_transformer':
      return printTransformer(node);
    case 'transformer_list':
      return printTransformerList(node);
    case 'value':
      return quoteIfNeeded(node.value, TOKEN_PATTERNS.bareStr);
    case 'list':
      return printList(node);
    default:
      return printExpr(node);
  }
}

function printExpr(expr: Expr): string {
  switch (expr.type) {
    case 'and':
    case 'or':
      return printLogical(expr.type, expr.children);
    case 'not':
      // `not not x` would parse as `x` (libs toggles per `not`), and
      // `not a and b` as `(not a) and b`: parenthesize anything but a leaf.
      return `not ${isLeaf(expr.child) ? printExpr(expr.child) : `(${printExpr(expr.child)})`}`;
    case 'identifier':
      return printIdentifier(expr.identifier);
    case 'unary_check':
      if (!isUnaryOperator(expr.op)) {
        throw new ConditionPrintError(`'${String(expr.op)}' is not a unary operator`);
      }
      return `${printOperand(expr.left)} ${expr.op}`;
    case 'binary_check':
      return expr.modifier === undefined
        ? `${printOperand(expr.left)} ${expr.op} ${printRight(expr.op, expr.right)}`
        : `${printOperand(expr.left)} ${expr.op} ${expr.modifier} ${printModifierRight(expr)}`;
    default:
      return unknownNode(expr);
  }
}

/**
 * `and` binds tighter than `or`, so an `or` inside an `and` needs parentheses;
 * a nested node of the SAME kind needs them too, or it would merge into its
 * parent (libs builds one n-ary node per run).
 */
function printLogical(kind: 'and' | 'or', children: readonly Expr[]): string {
  if (children.length < 2) {
    throw new ConditionPrintError(`an '${kind}' node needs at least 2 children, got ${children.length}`);
  }
  return children
    .map((child) => {
      const needsParens = child.type === kind || (kind === 'and' && child.type === 'or');
      const text = printExpr(child);
      return needsParens ? `(${text})` : text;
    })
    .join(` ${kind} `);
}

function isLeaf(expr: Expr): boolean {
  return expr.type === 'identifier' || expr.type === 'unary_check' || expr.type === 'binary_check';
}

/**
 * A macro reference. `not` alone is an identifier only when no blank follows
 * it (else it negates what follows), so it is always written `(not)`.
 */
function printIdentifier(identifier: string): string {
  if (!TOKEN_PATTERNS.identifier.test(identifier)) {
    throw new ConditionPrintError(`'${identifier}' is not a valid macro name ([a-zA-Z][a-zA-Z0-9_]*)`);
  }
  return identifier === 'not' ? '(not)' : identifier;
}

function printOperand(left: CheckOperand): string {
  if (left.type === 'field') {
    return printField(left);
  }
  if (left.type === 'field_transformer' && left.transformer !== 'val') {
    return printTransformer(left);
  }
  throw new ConditionPrintError(`the left side of a check must be a field or a transformer other than val(), got ${describe(left)}`);
}

function printRight(op: string, right: CheckRight): string {
  if (right.type === 'field_transformer') {
    return printTransformer(right);
  }
  if (isNumericOperator(op)) {
    if (right.type !== 'value' || !isNumber(right.value)) {
      throw new ConditionPrintError(`'${op}' needs a number on its right, got ${describe(right)}`);
    }
    return right.value;
  }
  if (isStringOperator(op)) {
    if (right.type !== 'value') {
      throw new ConditionPrintError(`'${op}' needs a value on its right, got ${describe(right)}`);
    }
    return quoteIfNeeded(right.value, TOKEN_PATTERNS.bareStr);
  }
  if (isListOperator(op)) {
    if (right.type === 'list') {
      return printList(right);
    }
    // A value after a list operator is a list name: libs reads an identifier there.
    if (right.type === 'value' && TOKEN_PATTERNS.identifier.test(right.value)) {
      return right.value;
    }
    throw new ConditionPrintError(`'${op}' needs a list or a list name on its right, got ${describe(right)}`);
  }
  throw new ConditionPrintError(`'${op}' is not a binary operator`);
}

/**
 * The list or list name after `op modifier`. libs reads a modifier only when a
 * `(` or a name follows it, and not when that name is `and`, `or` or `not`
 * ending at a character other than an ASCII letter or digit
 * (falcosecurity/libs@0.25.4:userspace/libsinsp/filter/parser.cpp:762-781):
 * `x.y == oneof not_x` reads `oneof` as the value, so no text gives that tree.
 * (A plain value `oneof` after `==` needs no quotes: what follows a printed
 * check, ` and `, ` or `, `)` or the end, never lets libs read a modifier.)
 */
function printModifierRight(check: BinaryCheckExpr): string {
  const { op, modifier, right } = check;
  if (modifier === undefined || !isStringOperatorModifier(modifier)) {
    throw new ConditionPrintError(`'${String(modifier)}' is not a string operator modifier (oneof, anyof, allof)`);
  }
  if (!isStringOperator(op)) {
    throw new ConditionPrintError(`the modifier '${modifier}' can only follow a string operator, not '${op}'`);
  }
  if (right.type === 'list') {
    return printList(right);
  }
  if (right.type === 'value' && TOKEN_PATTERNS.identifier.test(right.value) && !BOOL_KEYWORD_PREFIX.test(right.value)) {
    return right.value;
  }
  throw new ConditionPrintError(
    `'${op} ${modifier}' needs a list or a list name on its right, other than 'and', 'or', 'not' ` +
      `and names starting with 'and_', 'or_', 'not_', got ${describe(right)}`,
  );
}

function printField(field: FieldExpr): string {
  if (!TOKEN_PATTERNS.fieldName.test(field.field)) {
    throw new ConditionPrintError(`'${field.field}' is not a valid field name`);
  }
  return `${field.field}${printFieldArg(field.arg)}`;
}

/** `[arg]` after a field or a transformer, or nothing. */
function printFieldArg(arg: string | undefined): string {
  return arg === undefined ? '' : `[${quoteIfNeeded(arg, TOKEN_PATTERNS.fieldArgBareStr)}]`;
}

function printTransformer(node: FieldTransformerExpr): string {
  if (node.transformer === 'val') {
    const only = node.values[0];
    if (node.values.length !== 1 || only === undefined || only.type !== 'field') {
      throw new ConditionPrintError('val() takes exactly one field');
    }
    return `val(${printField(only)})${printFieldArg(node.arg)}`;
  }
  if (node.values.length === 0) {
    throw new ConditionPrintError(`${node.transformer}() needs at least one argument`);
  }
  return `${node.transformer}(${node.values.map(printTransformerArg).join(', ')})${printFieldArg(node.arg)}`;
}

function printTransformerArg(arg: TransformerArg): string {
  switch (arg.type) {
    case 'field':
      return printField(arg);
    case 'field_transformer':
      if (arg.transformer === 'val') {
        throw new ConditionPrintError('val() cannot be nested in another transformer');
      }
      return printTransformer(arg);
    case 'value':
      return printLiteralArg(arg);
    case 'transformer_list':
      return printTransformerList(arg);
    default:
      return unknownNode(arg);
  }
}

function printTransformerList(list: TransformerListExpr): string {
  return `(${list.children
    .map((child) => (child.type === 'value' ? printLiteralArg(child) : printTransformerArg(child)))
    .join(', ')})`;
}

/** Transformer arguments allow numbers and quoted strings, never bare strings. */
function printLiteralArg(value: ValueExpr): string {
  return isNumber(value.value) ? value.value : quote(value.value);
}

function printList(list: ListExpr): string {
  return `(${list.values.map((v) => quoteIfNeeded(v, TOKEN_PATTERNS.bareStr)).join(', ')})`;
}

function isNumber(value: string): boolean {
  return TOKEN_PATTERNS.hexNumber.test(value) || TOKEN_PATTERNS.number.test(value);
}

function quoteIfNeeded(value: string, bare: RegExp): string {
  return bare.test(value) ? value : quote(value);
}

/**
 * A double-quoted string that the lexer reads back as `value`. It escapes
 * exactly what libs `unescape_str` unescapes. One trap: a quote right after a
 * backslash never closes a string (the lexer looks at the raw previous
 * character), so a value ENDING in a backslash cannot end in `\\"`; its last
 * backslash is written `\ `, which libs also reads as one backslash.
 */
function quote(value: string): string {
  if (value.includes('\0')) {
    throw new ConditionPrintError('a value containing a NUL character can only be written bare, and this one cannot');
  }
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value.charAt(i);
    switch (ch) {
      case '\\':
        out += i === value.length - 1 ? '\\ ' : '\\\\';
        break;
      case '"':
        out += '\\"';
        break;
      case '\b':
        out += '\\b';
        break;
      case '\f':
        out += '\\f';
        break;
      case '\n':
        out += '\\n';
        break;
      case '\r':
        out += '\\r';
        break;
      case '\t':
        out += '\\t';
        break;
      default:
        out += ch;
    }
  }
  return `"${out}"`;
}

function describe(node: Node): string {
  switch (node.type) {
    case 'field_transformer':
      return `${node.transformer}()`;
    case 'value':
      return `the value ${JSON.stringify(node.value)}`;
    case 'list':
      return 'a list';
    default:
      return `a '${node.type}' node`;
  }
}

function unknownNode(node: never): never {
  throw new ConditionPrintError(`unknown node type '${(node as { type?: unknown }).type}'`);
}
