/**
 * Recursive-descent parser for Falco conditions, faithful to
 * falcosecurity/libs@0.25.4:userspace/libsinsp/filter/parser.cpp (the libs of
 * Falco 0.44.1): it accepts exactly the conditions libs accepts and builds the
 * same tree. `parser.cpp:N` below is a line of that file at that tag.
 *
 * Grammar (EBNF). libs' own comment (`parser.h:28-93`) is the model; this one
 * follows the code where the two disagree (a list has one run of items, `not`
 * takes any POSIX space, hex digits are only `[0-9a-fA-F]`, the modifier and
 * word-operator conditions spelled out below):
 *
 *     Expr                  ::= OrExpr
 *     OrExpr                ::= AndExpr ('or' OrExprTail)*
 *     OrExprTail            ::= Blank AndExpr
 *                             | '(' Expr ')'
 *     AndExpr               ::= NotExpr ('and' AndExprTail)*
 *     AndExprTail           ::= Blank NotExpr
 *                             | '(' Expr ')'
 *     NotExpr               ::= ('not' Space)* NotExprTail
 *     NotExprTail           ::= 'not(' Expr ')'
 *                             | Check
 *     Check                 ::= Field Condition
 *                             | FieldTransformer Condition
 *                             | Identifier
 *                             | '(' Expr ')'
 *     FieldTransformer      ::= FieldTransformerType FieldTransformerTail
 *     FieldTransformerTail  ::= FieldTransformerArg (',' FieldTransformerArg)* ')'
 *                               ('[' FieldArg ']')?
 *     FieldTransformerArg   ::= NumValue | QuotedStr | TransformerList
 *                             | FieldTransformer | Field
 *     TransformerList       ::= '(' (TransformerListArg (',' TransformerListArg)*)? ')'
 *     TransformerListArg    ::= Field | FieldTransformer | QuotedStr | NumValue
 *     FieldTransformerOrVal ::= FieldTransformerVal Field ')' ('[' FieldArg ']')?
 *                             | FieldTransformer
 *     Condition             ::= UnaryOperator
 *                             | NumOperator (FieldTransformerOrVal | NumValue)
 *                             | StrOperator StrOperatorModifier Blank ListValue
 *                             | StrOperator (FieldTransformerOrVal | StrValue)
 *                             | ListOperator (ListValue | FieldTransformerOrVal)
 *     ListValue             ::= '(' (StrValue (',' StrValue)*)? ')'
 *                             | Identifier
 *     Field                 ::= FieldName ('[' FieldArg ']')?
 *     FieldArg              ::= QuotedStr | FieldArgBareStr
 *     NumValue              ::= HexNumber | Number
 *     StrValue              ::= QuotedStr | BareStr
 *
 *     UnaryOperator         ::= 'exists'
 *     NumOperator           ::= '<=' | '<' | '>=' | '>'
 *     StrOperator           ::= '==' | '=' | '!='
 *                             | ('glob' | 'iglob' | 'contains' | 'icontains' | 'bcontains'
 *                               | 'startswith' | 'bstartswith' | 'endswith' | 'regex') Blank
 *     StrOperatorModifier   ::= 'oneof' | 'anyof' | 'allof'
 *     ListOperator          ::= 'intersects' | 'in' | 'pmatch'
 *     FieldTransformerVal   ::= 'val('
 *     FieldTransformerType  ::= ('tolower' | 'toupper' | 'b64' | 'basename' | 'len'
 *                               | 'join' | 'concat' | 'getopt') '('
 *
 *     Blank ::= [ \t\b\r\n]+   Space ::= [ \t\n\v\f\r]+   (tokens: token-patterns.ts)
 *
 * Blanks may appear between any two tokens except: inside `Field` (no blank
 * before `[` or inside `[...]`), between a transformer's `)` and its `[`,
 * between a transformer name and its `(`, and between `not` and `(` in
 * `not(`. `and`/`or` must be followed by a blank or `(`; word operators and
 * modifiers by a blank.
 *
 * The modifier alternative of `Condition` is taken only when all of these
 * hold, else the word is an ordinary StrValue (`parser.cpp:495-510`): a
 * Blank separates it from the operator (`x.y ==oneof (a)` has the value
 * `oneof`; a word operator always ends with its Blank); a Blank follows it
 * (`oneof(a)` is a value); then comes `(` or an Identifier
 * (`list_value_follows`, `parser.cpp:762-772`); and that is not `and`, `or`
 * or `not` ending there or before a character that is not an ASCII letter or
 * digit (`bool_keyword_follows`, `parser.cpp:774-781`), so
 * `x.y == oneof and b` compares with `oneof`. The ListValue of a modifier
 * takes no transformer (`parse_list_value`, `parser.cpp:607-623`). The parser allows a `[...]` after every transformer,
 * `val(...)` included (`parser.cpp:390-393`, `674-677`); only libs' compiler
 * restricts it to `getopt`.
 *
 * libs quirks reproduced because they decide what Falco accepts:
 * - `and`, `or`, `exists` and the list operators are matched as prefixes, so
 *   `a existsand b` is `a exists and b` and `x.y inlist` is `x.y in list`.
 * - A word operator without its blank gives its text back and the other
 *   operators are tried where it started (`lex_helper_operator_list`,
 *   `parser.cpp:823-846`); none can match there, so `x.y containsin (a)` is
 *   rejected (before libs 0.25 it parsed as `x.y in (a)`).
 * - A list whose first item is a quoted string with a rejected escape,
 *   directly followed by `)`, is accepted as the empty list: libs swallows the
 *   error of the first item (`try_parse_list_expr`, `parser.cpp:576-581`).
 * - An even run of `not` cancels out.
 *
 * Recursion depth: a deliberate difference. Every production that libs
 * guards (`depth_guard(m_max_depth, m_depth)` at `parser.cpp:202, 219, 247,
 * 275, 296, 308, 337, 369, 398, 480, 523, 542, 608, 626, 650`) counts one
 * level here, and parsing fails at `maxDepth` levels (default 1000, the limit
 * Falco sets: falcosecurity/falco@0.44.1:userspace/engine/rule_loader_compiler.cpp:285).
 * In libs 0.25.4 that guard never fires: each use is an unnamed temporary,
 * constructed and destroyed in the same statement (`parser.cpp:37-51`), so
 * Falco 0.44.1 parses any depth until its stack runs out (measured on libs'
 * own parser: 7000 nested parentheses parse, 10000 crash it). We keep the
 * guard because an unbounded depth would overflow the JavaScript stack
 * first, and because a condition that deep is unreadable: at the default
 * limit 199 nested parentheses parse and 200 do not. A `max-depth` error
 * therefore means "deeper than this toolchain allows" (Falco 0.44.1 would
 * parse it, or crash thousands of levels deeper), not "Falco rejects it".
 */
import type {
  BinaryOperator,
  BinaryCheckExpr,
  CheckOperand,
  CheckRight,
  Expr,
  FieldExpr,
  FieldTransformerExpr,
  ListExpr,
  Loc,
  StringOperatorModifier,
  TransformerArg,
  TransformerListExpr,
  TransformerListItem,
  TransformerName,
  ValueExpr,
} from './ast';
import { ConditionSyntaxError, type ConditionErrorCode, type RelatedPosition } from './errors';
import { firstCharacters, QuotedResult, Scanner } from './lexer';
import {
  ALL_OPERATORS,
  LIST_OPERATORS,
  NUMERIC_OPERATORS,
  STRING_OPERATOR_MODIFIERS,
  STRING_OPERATORS,
  WORD_OPERATORS,
  isStringOperatorModifier,
} from './operators';

export interface ParseOptions {
  /**
   * How many nested grammar productions a condition may open.
   * @default 1000 - Falco's limit for rule conditions
   */
  readonly maxDepth?: number;
}

/** Falco's recursion limit for rule conditions (libs' own default is 100). */
export const DEFAULT_MAX_DEPTH = 1000;

/**
 * Parses a Falco condition (a rule's or macro's `condition`) into an AST.
 * Macro and list names are not resolved: they stay `identifier` nodes and
 * `value`/`list` items.
 *
 * @throws ConditionSyntaxError when libs would reject the condition.
 */
export function parseCondition(text: string, options: ParseOptions = {}): Expr {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  if (!Number.isInteger(maxDepth) || maxDepth < 1) {
    throw new RangeError(`'maxDepth' (${maxDepth}) must be a positive integer; the default is ${DEFAULT_MAX_DEPTH}`);
  }
  return new Parser(text, maxDepth).parse();
}

const QUOTE = (s: string): string => `'${s}'`;
const EXPECT_CHECK = ["'('", "'not'", 'a field', 'a field transformer', 'a macro name'];
const EXPECT_AFTER_EXPR = ["'and'", "'or'", 'the end of the condition'];
const EXPECT_OPERATOR = ALL_OPERATORS.map(QUOTE);
const EXPECT_ARGUMENT = ['a field', 'a transformer', 'a quoted string', 'a number', "a list '(…)'"];
const EXPECT_LIST_ARGUMENT = ['a field', 'a transformer', 'a quoted string', 'a number'];
/** The first characters of the operators of each table, to skip a table that cannot match. */
const NUMERIC_OPERATORS_START = firstCharacters(NUMERIC_OPERATORS);
const STRING_OPERATORS_START = firstCharacters(STRING_OPERATORS);

class Parser {
  private readonly s: Scanner;
  private readonly maxDepth: number;
  private depth = 0;
  /** The last `oneof`/`anyof`/`allof` read as a bare value or list name, for `modifierWordHint`. */
  private modifierWord: { readonly word: string; readonly end: number; readonly asListName: boolean } | undefined;

  constructor(text: string, maxDepth: number) {
    this.s = new Scanner(text);
    this.maxDepth = maxDepth;
  }

  parse(): Expr {
    const s = this.s;
    // libs rejects only the empty string as empty; a blank-only condition
    // fails later, at the first check. Both are the same mistake.
    if (s.peekNonBlank() >= s.text.length) {
      this.fail('empty-condition', 'the condition is empty: write at least one check or macro name', s.text.length, s.text.length, {
        expected: ['a condition'],
        found: 'end of condition',
      });
    }
    const expr = this.parseOr();
    if (!s.atEnd()) {
      this.failExpected('unexpected-token', EXPECT_AFTER_EXPR, s.pos, '', undefined, this.modifierWordHint());
    }
    return expr;
  }

  /** OrExpr ::= AndExpr ('or' OrExprTail)* */
  private parseOr(): Expr {
    this.enter();
    const s = this.s;
    s.skipBlanks();
    const start = s.pos;
    const first = this.parseAnd();
    const children: Expr[] = [first];
    s.skipBlanks();
    while (s.lexLiteral('or')) {
      children.push(this.parseLogicalTail('or'));
      s.skipBlanks();
    }
    this.depth--;
    if (children.length === 1) {
      return first;
    }
    return { type: 'or', children, loc: s.loc(start, s.lastEnd) };
  }

  /** AndExpr ::= NotExpr ('and' AndExprTail)* */
  private parseAnd(): Expr {
    this.enter();
    const s = this.s;
    s.skipBlanks();
    const start = s.pos;
    const first = this.parseNot();
    const children: Expr[] = [first];
    s.skipBlanks();
    while (s.lexLiteral('and')) {
      children.push(this.parseLogicalTail('and'));
      s.skipBlanks();
    }
    this.depth--;
    if (children.length === 1) {
      return first;
    }
    return { type: 'and', children, loc: s.loc(start, s.lastEnd) };
  }

  /** OrExprTail / AndExprTail: a blank then the operand (an AndExpr after `or`, a NotExpr after `and`), or a glued `(`. */
  private parseLogicalTail(keyword: 'and' | 'or'): Expr {
    const s = this.s;
    if (s.skipBlanks()) {
      return keyword === 'or' ? this.parseAnd() : this.parseNot();
    }
    const open = s.pos;
    if (s.lexLiteral('(')) {
      return this.parseEmbeddedRemainder(open);
    }
    return this.failExpected('expected-blank', ['a blank', "'('"], s.pos, ` after '${keyword}'`);
  }

  /** NotExpr ::= ('not' Space)* NotExprTail;  NotExprTail ::= 'not(' Expr ')' | Check */
  private parseNot(): Expr {
    this.enter();
    const s = this.s;
    s.skipBlanks();
    const start = s.pos;
    let negate = false;
    while (s.lexNotBlank()) {
      negate = !negate;
    }
    let child: Expr;
    if (s.lexLiteral('not(')) {
      negate = !negate;
      child = this.parseEmbeddedRemainder(s.pos - 1);
    } else {
      child = this.parseCheck();
    }
    this.depth--;
    return negate ? { type: 'not', child, loc: s.loc(start, s.lastEnd) } : child;
  }

  /** The rest of `'(' Expr ')'` once `(` (at `open`) is consumed. */
  private parseEmbeddedRemainder(open: number): Expr {
    this.enter();
    const s = this.s;
    s.skipBlanks();
    const child = this.parseOr();
    s.skipBlanks();
    if (!s.lexLiteral(')')) {
      this.failExpected('unclosed-paren', ["'and'", "'or'", "')'"], s.pos, '', this.opened("the '('", open, 1), this.modifierWordHint());
    }
    this.depth--;
    return child;
  }

  /** Check ::= Field Condition | FieldTransformer Condition | Identifier | '(' Expr ')' */
  private parseCheck(): Expr {
    this.enter();
    const s = this.s;
    s.skipBlanks();
    const start = s.pos;
    let result: Expr;
    if (s.lexLiteral('(')) {
      result = this.parseEmbeddedRemainder(start);
    } else {
      const field = s.lexFieldName();
      if (field !== undefined) {
        result = this.parseCondition(this.parseFieldRemainder(field, start), start);
      } else {
        const transformer = s.lexTransformerType();
        if (transformer !== undefined) {
          s.skipBlanks();
          const left = this.parseFieldOrTransformerRemainder(transformer, start);
          result = this.parseCondition(left, start);
        } else {
          const identifier = s.lexIdentifier();
          if (identifier === undefined) {
            return this.failExpected('unexpected-token', EXPECT_CHECK, s.pos);
          }
          result = { type: 'identifier', identifier, loc: s.loc(start, s.lastEnd) };
        }
      }
    }
    this.depth--;
    return result;
  }

  /** Field ::= FieldName ('[' FieldArg ']')?  (the name, at `start`, is consumed) */
  private parseFieldRemainder(field: string, start: number): FieldExpr {
    this.enter();
    const s = this.s;
    const arg = this.parseOptionalFieldArg();
    this.depth--;
    return arg === undefined
      ? { type: 'field', field, loc: s.loc(start, s.lastEnd) }
      : { type: 'field', field, arg, loc: s.loc(start, s.lastEnd) };
  }

  /**
   * ('[' FieldArg ']')?, glued to the field name or to a transformer's `)`:
   * libs `parse_optional_field_arg` (`parser.cpp:347-363`), not depth-counted.
   */
  private parseOptionalFieldArg(): string | undefined {
    const s = this.s;
    const open = s.pos;
    if (!s.lexLiteral('[')) {
      return undefined;
    }
    const arg = this.expectQuoted() ?? s.lexFieldArgBareStr();
    if (arg === undefined) {
      return this.failExpected('invalid-field-arg', ['a field argument (a bare or quoted string)'], s.pos, " after '['");
    }
    if (!s.lexLiteral(']')) {
      this.failExpected('unclosed-bracket', ["']'"], s.pos, '', this.opened("the '['", open, 1));
    }
    return arg;
  }

  /**
   * FieldTransformerTail ::= FieldTransformerArg (',' FieldTransformerArg)* ')' ('[' FieldArg ']')?
   * (name and `(` consumed; `parser.cpp:365-394`)
   */
  private parseFieldOrTransformerRemainder(transformer: TransformerName, start: number): FieldTransformerExpr {
    this.enter();
    const s = this.s;
    s.skipBlanks();
    const values: TransformerArg[] = [];
    do {
      values.push(this.parseFieldTransformerArg());
      s.skipBlanks();
    } while (s.lexLiteral(','));
    s.skipBlanks();
    if (!s.lexLiteral(')')) {
      this.failExpected('unclosed-paren', ["','", "')'"], s.pos, '', this.opened(`'${transformer}('`, start, transformer.length + 1));
    }
    const arg = this.parseOptionalFieldArg();
    this.depth--;
    return transformerNode(transformer, values, arg, s.loc(start, s.lastEnd));
  }

  /** FieldTransformerArg ::= NumValue | QuotedStr | TransformerList | FieldTransformer | Field */
  private parseFieldTransformerArg(): TransformerArg {
    this.enter();
    const s = this.s;
    s.skipBlanks();
    const start = s.pos;
    let result: TransformerArg;
    const literal = s.lexNumber() ?? this.expectQuoted();
    if (literal !== undefined) {
      result = { type: 'value', value: literal, loc: s.loc(start, s.lastEnd) };
    } else if (s.lexLiteral('(')) {
      result = this.parseTransformerList(start);
    } else {
      const transformer = s.lexTransformerType();
      const field = transformer === undefined ? s.lexFieldName() : undefined;
      if (transformer !== undefined) {
        result = this.parseFieldOrTransformerRemainder(transformer, start);
      } else if (field !== undefined) {
        result = this.parseFieldRemainder(field, start);
      } else {
        return this.failExpected('expected-argument', EXPECT_ARGUMENT, s.pos, ' as a transformer argument');
      }
    }
    this.depth--;
    return result;
  }

  /**
   * TransformerList ::= '(' (TransformerListArg (',' TransformerListArg)*)? ')'
   * (`(` at `start` consumed). libs does not count this production's depth.
   */
  private parseTransformerList(start: number): TransformerListExpr {
    const s = this.s;
    const children: TransformerListItem[] = [];
    s.skipBlanks();
    if (!s.lexLiteral(')')) {
      children.push(this.parseTransformerListArg());
      s.skipBlanks();
      while (s.lexLiteral(',')) {
        s.skipBlanks();
        children.push(this.parseTransformerListArg());
        s.skipBlanks();
      }
      if (!s.lexLiteral(')')) {
        this.failExpected('unclosed-paren', ["','", "')'"], s.pos, '', this.opened("the '('", start, 1));
      }
    }
    return { type: 'transformer_list', children, loc: s.loc(start, s.lastEnd) };
  }

  /** TransformerListArg ::= Field | FieldTransformer | QuotedStr | NumValue (not depth-counted in libs) */
  private parseTransformerListArg(): TransformerListItem {
    const s = this.s;
    const start = s.pos;
    const field = s.lexFieldName();
    if (field !== undefined) {
      return this.parseFieldRemainder(field, start);
    }
    const transformer = s.lexTransformerType();
    if (transformer !== undefined) {
      s.skipBlanks();
      return this.parseFieldOrTransformerRemainder(transformer, start);
    }
    const value = this.expectQuoted() ?? s.lexNumber();
    if (value === undefined) {
      return this.failExpected('expected-argument', EXPECT_LIST_ARGUMENT, s.pos, ' as a transformer list element');
    }
    return { type: 'value', value, loc: s.loc(start, s.lastEnd) };
  }

  /**
   * Condition ::= UnaryOperator | NumOperator … | StrOperator StrOperatorModifier … | StrOperator …
   *             | ListOperator …  (left operand at `start`; `parser.cpp:478-520`)
   */
  private parseCondition(left: CheckOperand, start: number): Expr {
    this.enter();
    const s = this.s;
    s.skipBlanks();
    const opStart = s.pos;
    if (s.lexLiteral('exists')) {
      this.depth--;
      return { type: 'unary_check', left, op: 'exists', loc: s.loc(start, s.lastEnd) };
    }
    let op: BinaryOperator | undefined;
    let modifier: StringOperatorModifier | undefined;
    let right: CheckRight | undefined;
    // Indexed loops over the operator tables: an interpreted for-of allocates a result per step,
    // and every check of every condition runs this before the JIT has warmed up. A table none of
    // whose operators starts with the next character is not tried (nothing of it could match).
    const next = s.text.charAt(s.pos);
    for (let i = 0, candidate = NUMERIC_OPERATORS_START.has(next) ? NUMERIC_OPERATORS[0] : undefined; candidate !== undefined; candidate = NUMERIC_OPERATORS[++i]) {
      if (s.lexLiteral(candidate)) {
        op = candidate;
        right = this.parseNumValueOrTransformer(candidate);
        break;
      }
    }
    // libs `lex_helper_operator_list` (parser.cpp:823-846): a word operator
    // needs a blank after it; without one its text is given back and the next
    // operators are tried where it started (none can match there).
    let glued: string | undefined;
    if (op === undefined) {
      for (let i = 0, candidate = STRING_OPERATORS_START.has(next) ? STRING_OPERATORS[0] : undefined; candidate !== undefined; candidate = STRING_OPERATORS[++i]) {
        if (!WORD_OPERATORS.has(candidate)) {
          if (s.lexLiteral(candidate)) {
            op = candidate;
            break;
          }
        } else if (s.lexWordAndBlank(candidate)) {
          op = candidate;
          break;
        } else if (glued === undefined && s.text.startsWith(candidate, s.pos)) {
          glued = candidate;
        }
      }
      if (op !== undefined) {
        // parser.cpp:500: a word operator has consumed its blank already.
        const hadBlank = WORD_OPERATORS.has(op) || s.skipBlanks();
        modifier = hadBlank ? this.tryLexModifier() : undefined;
        right = modifier !== undefined ? this.parseModifierListValue(modifier) : this.parseStrValueOrTransformer(op);
      }
    }
    if (op === undefined) {
      for (let i = 0, candidate = LIST_OPERATORS[0]; candidate !== undefined; candidate = LIST_OPERATORS[++i]) {
        if (s.lexLiteral(candidate)) {
          op = candidate;
          right = this.parseListValueOrTransformer(candidate);
          break;
        }
      }
    }
    if (op === undefined || right === undefined) {
      if (glued !== undefined) {
        // libs reports the position where the operator starts.
        const after = opStart + glued.length;
        throw new ConditionSyntaxError({
          code: 'expected-blank',
          start: s.position(opStart),
          end: s.position(s.tokenEnd(after)),
          expected: ['a blank'],
          found: s.describeAt(after),
          context: ` after '${glued}'`,
        });
      }
      return this.failExpected('expected-operator', EXPECT_OPERATOR, opStart);
    }
    this.depth--;
    const check: BinaryCheckExpr =
      modifier === undefined
        ? { type: 'binary_check', left, op, right, loc: s.loc(start, s.lastEnd) }
        : { type: 'binary_check', left, op, modifier, right, loc: s.loc(start, s.lastEnd) };
    return check;
  }

  /**
   * StrOperatorModifier Blank, when a ListValue follows that does not start
   * with a boolean keyword (`parser.cpp:503`); otherwise undefined, with the
   * cursor back where it was, and the word is read as a StrValue.
   */
  private tryLexModifier(): StringOperatorModifier | undefined {
    const s = this.s;
    const mark = s.mark();
    for (let i = 0, modifier = STRING_OPERATOR_MODIFIERS[0]; modifier !== undefined; modifier = STRING_OPERATOR_MODIFIERS[++i]) {
      if (s.lexWordAndBlank(modifier)) {
        if (s.listValueFollows() && !s.boolKeywordFollows()) {
          return modifier;
        }
        break;
      }
    }
    s.reset(mark);
    return undefined;
  }

  /** StrOperatorModifier ListValue: a list or a list name, never a transformer (`parse_list_value`, `parser.cpp:607-623`). */
  private parseModifierListValue(modifier: StringOperatorModifier): ListExpr | ValueExpr {
    this.enter();
    const s = this.s;
    s.skipBlanks();
    const start = s.pos;
    let result: ListExpr | ValueExpr;
    if (s.lexLiteral('(')) {
      result = this.parseListValue(start);
    } else {
      // `tryLexModifier` has seen an identifier here.
      const name = s.lexIdentifier();
      if (name === undefined) {
        return this.failExpected('expected-value', ["a list '(…)'", 'a list name'], s.pos, ` after '${modifier}'`);
      }
      result = { type: 'value', value: name, loc: s.loc(start, s.lastEnd) };
    }
    this.depth--;
    return result;
  }

  /** NumOperator (FieldTransformerOrVal | NumValue) */
  private parseNumValueOrTransformer(op: string): CheckRight {
    this.enter();
    const s = this.s;
    s.skipBlanks();
    const start = s.pos;
    let result: CheckRight | undefined = this.tryParseTransformerOrVal();
    if (result === undefined) {
      const num = s.lexNumber();
      if (num === undefined) {
        return this.failExpected('expected-value', ['a number', 'val(<field>)', 'a transformer'], s.pos, ` after '${op}'`);
      }
      result = { type: 'value', value: num, loc: s.loc(start, s.lastEnd) };
    }
    this.depth--;
    return result;
  }

  /** StrOperator (FieldTransformerOrVal | StrValue) */
  private parseStrValueOrTransformer(op: string): CheckRight {
    this.enter();
    const s = this.s;
    s.skipBlanks();
    let result: CheckRight | undefined = this.tryParseTransformerOrVal();
    if (result === undefined) {
      result = this.lexStrValue();
      if (result === undefined) {
        return this.failExpected(
          'expected-value',
          ['a bare or quoted string', 'val(<field>)', 'a transformer'],
          s.pos,
          ` after '${op}'`,
        );
      }
      this.noteModifierWord(result, false);
    }
    this.depth--;
    return result;
  }

  /** ListOperator (ListValue | FieldTransformerOrVal | Identifier) */
  private parseListValueOrTransformer(op: string): CheckRight {
    this.enter();
    const s = this.s;
    s.skipBlanks();
    const start = s.pos;
    let result: CheckRight | undefined;
    if (s.lexLiteral('(')) {
      result = this.parseListValue(start);
    } else {
      result = this.tryParseTransformerOrVal();
      if (result === undefined) {
        const name = s.lexIdentifier();
        if (name === undefined) {
          return this.failExpected(
            'expected-value',
            ["a list '(…)'", 'a list name', 'val(<field>)', 'a transformer'],
            s.pos,
            ` after '${op}'`,
          );
        }
        result = { type: 'value', value: name, loc: s.loc(start, s.lastEnd) };
        this.noteModifierWord(result, true);
      }
    }
    this.depth--;
    return result;
  }

  /** ListValue ::= '(' (StrValue (',' StrValue)*)? ')'  (`(` at `start` consumed; not depth-counted) */
  private parseListValue(start: number): ListExpr {
    const s = this.s;
    const values: string[] = [];
    const valueLocs: Loc[] = [];
    s.skipBlanks();
    const first = this.lexListItem();
    if (first.kind === 'value') {
      values.push(first.node.value);
      valueLocs.push(first.node.loc);
      s.skipBlanks();
      while (s.lexLiteral(',')) {
        s.skipBlanks();
        const item = this.lexListItem();
        if (item.kind !== 'value') {
          this.failListItem(item);
        }
        values.push(item.node.value);
        valueLocs.push(item.node.loc);
        s.skipBlanks();
      }
    } else if (first.kind === 'quoted' && !(first.result.kind === 'bad-escape' && s.text[s.pos] === ')')) {
      // An unterminated string, or a bad escape not directly followed by `)`:
      // libs fails on the missing `)`; the string is the real problem.
      this.failListItem(first);
    }
    if (!s.lexLiteral(')')) {
      const expected = values.length > 0 ? ["','", "')'"] : ['a bare or quoted string', "')'"];
      this.failExpected('unclosed-paren', expected, s.pos, '', this.opened("the list '('", start, 1));
    }
    return { type: 'list', values, valueLocs, loc: s.loc(start, s.lastEnd) };
  }

  /**
   * FieldTransformerOrVal ::= 'val(' Field ')' ('[' FieldArg ']')? | FieldTransformer,
   * or undefined if neither starts here (`parser.cpp:648-687`).
   */
  private tryParseTransformerOrVal(): FieldTransformerExpr | undefined {
    this.enter();
    const s = this.s;
    s.skipBlanks();
    const start = s.pos;
    let result: FieldTransformerExpr | undefined;
    if (s.lexLiteral('val(')) {
      s.skipBlanks();
      const fieldStart = s.pos;
      const name = s.lexFieldName();
      if (name === undefined) {
        return this.failExpected('expected-field', ['a field'], s.pos, " inside 'val('");
      }
      const field = this.parseFieldRemainder(name, fieldStart);
      s.skipBlanks();
      if (!s.lexLiteral(')')) {
        this.failExpected('unclosed-paren', ["')'"], s.pos, '', this.opened("'val('", start, 'val('.length));
      }
      const arg = this.parseOptionalFieldArg();
      result = transformerNode('val', [field], arg, s.loc(start, s.lastEnd));
    } else {
      const transformer = s.lexTransformerType();
      if (transformer !== undefined) {
        s.skipBlanks();
        result = this.parseFieldOrTransformerRemainder(transformer, start);
      }
    }
    this.depth--;
    return result;
  }

  /** StrValue ::= QuotedStr | BareStr, or undefined if neither starts here. */
  private lexStrValue(): ValueExpr | undefined {
    const s = this.s;
    const start = s.pos;
    const value = this.expectQuoted() ?? s.lexBareStr();
    return value === undefined ? undefined : { type: 'value', value, loc: s.loc(start, s.lastEnd) };
  }

  /** A list item, without throwing: the caller decides, because libs treats the first item specially. */
  private lexListItem(): ListItemResult {
    const s = this.s;
    const start = s.pos;
    const quoted = s.lexQuotedStr();
    if (quoted !== undefined) {
      if (quoted.kind !== 'ok') {
        return { kind: 'quoted', result: quoted };
      }
      return { kind: 'value', node: { type: 'value', value: quoted.value, loc: s.loc(start, s.lastEnd) } };
    }
    const bare = s.lexBareStr();
    if (bare === undefined) {
      return { kind: 'none' };
    }
    return { kind: 'value', node: { type: 'value', value: bare, loc: s.loc(start, s.lastEnd) } };
  }

  private failListItem(item: Exclude<ListItemResult, { kind: 'value' }>): never {
    if (item.kind === 'quoted') {
      this.failQuoted(item.result);
    }
    return this.failExpected('expected-value', ['a bare or quoted string'], this.s.pos, ' as a list item');
  }

  /**
   * A quoted string at the cursor: its value, or undefined if the cursor is
   * not on a quote. A quote that starts a broken string is an error wherever
   * a quoted string is allowed: no other token can start with a quote.
   */
  private expectQuoted(): string | undefined {
    const quoted = this.s.lexQuotedStr();
    if (quoted === undefined) {
      return undefined;
    }
    if (quoted.kind !== 'ok') {
      this.failQuoted(quoted);
    }
    return quoted.value;
  }

  private failQuoted(result: Exclude<QuotedResult, { kind: 'ok' }>): never {
    if (result.kind === 'unterminated') {
      const q = result.quote;
      return this.fail(
        'unterminated-string',
        `the string opened with ${q} is never closed: add a closing ${q} (a ${q} right after a backslash does not close it)`,
        result.start,
        // The rest of the condition is inside the string.
        this.s.text.length,
        { expected: [`'${q}'`], found: 'end of condition' },
      );
    }
    return this.fail('invalid-escape', result.reason, result.at, result.at + result.escape.length, {
      expected: ['a supported escape'],
      found: `'${result.escape}'`,
    });
  }

  /** Remembers `value` if it is a modifier word written bare, just read where libs did not take it as a modifier. */
  private noteModifierWord(value: ValueExpr, asListName: boolean): void {
    const word = this.s.text.slice(value.loc.offset, this.s.lastEnd);
    if (isStringOperatorModifier(word)) {
      this.modifierWord = { word, end: this.s.lastEnd, asListName };
    }
  }

  /**
   * Why a modifier word that was just read is not a modifier, for an error
   * right after it (`x.y == oneof(a)`, `x.y in oneof (a)`). libs has no
   * message of its own for these: it fails on what follows the word.
   */
  private modifierWordHint(): string | undefined {
    const m = this.modifierWord;
    if (m === undefined || m.end !== this.s.lastEnd) {
      return undefined;
    }
    if (m.asListName) {
      return `'${m.word}' is read as a list name here: a modifier can only follow a string operator ('=', '==', '!=', 'contains', …)`;
    }
    return this.s.boolKeywordFollows()
      ? `'${m.word}' is read as the value here, not as a modifier: the list name after a modifier must not be 'and', 'or' or 'not' nor start with 'and_', 'or_' or 'not_'`
      : `'${m.word}' is read as the value here, not as a modifier: a modifier needs a blank on both sides, then a list '(…)' or a list name`;
  }

  private enter(): void {
    this.depth++;
    if (this.depth >= this.maxDepth) {
      this.fail(
        'max-depth',
        `the condition nests deeper than the parser's limit of ${this.maxDepth} levels: ` +
          'move parts of it into macros or remove redundant parentheses',
        this.s.peekNonBlank(),
        this.s.tokenEnd(this.s.peekNonBlank()),
      );
    }
  }

  /** The bracket an unclosed-bracket error is about: `length` characters from `offset`. */
  private opened(what: string, offset: number, length: number): RelatedPosition {
    return { what, start: this.s.position(offset), end: this.s.position(offset + length) };
  }

  /** Throws `expected <items><context> but found <text at offset>`. */
  private failExpected(
    code: ConditionErrorCode,
    expected: readonly string[],
    offset: number,
    context = '',
    related?: RelatedPosition,
    hint?: string,
  ): never {
    throw new ConditionSyntaxError({
      code,
      start: this.s.position(offset),
      end: this.s.position(this.s.tokenEnd(offset)),
      expected,
      found: this.s.describeAt(offset),
      context,
      ...(related !== undefined ? { related: [related] } : {}),
      ...(hint !== undefined ? { hint } : {}),
    });
  }

  /** Throws `reason` for the text from `offset` to `end`. */
  private fail(
    code: ConditionErrorCode,
    reason: string,
    offset: number,
    end: number,
    extra: { expected?: readonly string[]; found?: string } = {},
  ): never {
    throw new ConditionSyntaxError({
      code,
      reason,
      start: this.s.position(offset),
      end: this.s.position(end),
      expected: extra.expected ?? [],
      found: extra.found ?? this.s.describeAt(offset),
    });
  }
}

type ListItemResult =
  | { readonly kind: 'value'; readonly node: ValueExpr }
  | { readonly kind: 'quoted'; readonly result: Exclude<QuotedResult, { kind: 'ok' }> }
  | { readonly kind: 'none' };

/** A `field_transformer` node; `arg` only when brackets were written. */
function transformerNode(
  transformer: TransformerName,
  values: readonly TransformerArg[],
  arg: string | undefined,
  loc: Loc,
): FieldTransformerExpr {
  return arg === undefined ? { type: 'field_transformer', transformer, values, loc } : { type: 'field_transformer', transformer, values, arg, loc };
}
