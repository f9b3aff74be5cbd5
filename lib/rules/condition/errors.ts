/**
 * The one error type of the condition parser, and helpers that show where
 * in the source it happened.
 */
import { LineCounter, type TextPosition } from '../line-counter';

/**
 * Stable error codes. Tools may branch on them; the message text may change.
 *
 * - `empty-condition`: the condition is empty or only blanks.
 * - `unexpected-token`: something other than what the grammar allows here.
 * - `expected-blank`: `and`/`or` or a word operator (`contains`, …) is glued
 *   to the next token (`a andb`, `x containsy`).
 * - `expected-operator`: a field or transformer is not followed by an operator.
 * - `expected-value`: an operator, `,` or `(` is not followed by a valid value.
 * - `expected-field`: `val(` is not followed by a field.
 * - `expected-argument`: a transformer argument is missing or not allowed.
 * - `invalid-field-arg`: `[` is not followed by a field argument.
 * - `unclosed-paren`: a `(` (group, list, transformer) is never closed.
 * - `unclosed-bracket`: a field argument `[` is never closed.
 * - `unterminated-string`: a quoted string has no closing quote.
 * - `invalid-escape`: a quoted string uses an escape libs rejects.
 * - `max-depth`: the condition nests deeper than the recursion limit.
 */
export type ConditionErrorCode =
  | 'empty-condition'
  | 'unexpected-token'
  | 'expected-blank'
  | 'expected-operator'
  | 'expected-value'
  | 'expected-field'
  | 'expected-argument'
  | 'invalid-field-arg'
  | 'unclosed-paren'
  | 'unclosed-bracket'
  | 'unterminated-string'
  | 'invalid-escape'
  | 'max-depth';

/**
 * Another place an error is about: the bracket that an `unclosed-paren` or `unclosed-bracket`
 * error expected to be closed.
 */
export interface RelatedPosition {
  /** What is there, as the message names it: `the '('`, `the list '('`, `'tolower('`. */
  readonly what: string;
  readonly start: TextPosition;
  readonly end: TextPosition;
}

/**
 * How a message shows a position: `line:column` relative to the condition by default; a caller
 * that knows which file the condition came from shows file positions instead. `undefined` leaves
 * the position out (for text that exists in no file, such as a condition after list substitution).
 */
export type PositionFormat = (position: TextPosition) => string | undefined;

/** `line:column` within the condition. */
export const CONDITION_POSITION: PositionFormat = (p) => `${p.line}:${p.column}`;

export interface ConditionSyntaxErrorInit {
  readonly code: ConditionErrorCode;
  /** Where the offending text starts. */
  readonly start: TextPosition;
  /** Where it ends (exclusive). @default - `start` */
  readonly end?: TextPosition;
  /** What the grammar allowed at this point, as displayed (`'='`, `a field`). */
  readonly expected?: readonly string[];
  /** What was found instead, as displayed (`'xyz'`, `end of condition`). */
  readonly found?: string;
  /** The words after the expected items: ` after 'and'`, ` as a list item`. */
  readonly context?: string;
  /** The whole description, for errors that are not `expected … but found …`. */
  readonly reason?: string;
  /** A likely cause, appended after `; ` (`'oneof' is read as the value here, …`). */
  readonly hint?: string;
  readonly related?: readonly RelatedPosition[];
}

/**
 * A syntax error in a condition. Positions are data, relative to the condition text: `start` and
 * `end` of the offending text, and `related` places (the `(` an unclosed group opened with).
 * `message` is the plain description, e.g.
 * `expected one of 'and', 'or' or the end of the condition but found 'b'`; formatting happens at
 * the edge: `formatConditionError` appends the position, `describe` shows related positions the
 * way the caller needs (file positions in the linter).
 */
export class ConditionSyntaxError extends Error {
  override readonly name = 'ConditionSyntaxError';
  readonly code: ConditionErrorCode;
  readonly start: TextPosition;
  readonly end: TextPosition;
  readonly related: readonly RelatedPosition[];
  readonly expected: readonly string[];
  readonly found: string;
  private readonly context: string;
  private readonly reason: string | undefined;
  private readonly hint: string | undefined;

  constructor(init: ConditionSyntaxErrorInit) {
    super();
    this.code = init.code;
    this.start = init.start;
    this.end = init.end ?? init.start;
    this.related = init.related ?? [];
    this.expected = init.expected ?? [];
    this.found = init.found ?? '';
    this.context = init.context ?? '';
    this.reason = init.reason;
    this.hint = init.hint;
    this.message = this.describe();
  }

  /** 1-based line of `start`. */
  get line(): number {
    return this.start.line;
  }

  /** 1-based column of `start`. */
  get column(): number {
    return this.start.column;
  }

  /** 0-based offset of `start`. */
  get offset(): number {
    return this.start.offset;
  }

  /** The description with related positions shown by `where` (`closing the '(' at 1:21`). */
  describe(where: PositionFormat = CONDITION_POSITION): string {
    if (this.reason !== undefined) return this.reason;
    const related = this.related.map((r) => {
      const at = where(r.start);
      return ` (closing ${r.what}${at === undefined ? '' : ` at ${at}`})`;
    });
    const description = describeExpected(this.expected, this.found, `${this.context}${related.join('')}`);
    return this.hint === undefined ? description : `${description}; ${this.hint}`;
  }

  /** The formatted message followed by the offending source line and a `^` under the column. */
  format(source: string): string {
    return `${formatConditionError(this)}\n${codeFrame(source, this.start.line, this.start.column)}`;
  }
}

/** `message (line:column)`, positions relative to the condition: how a condition error reads on its own. */
export function formatConditionError(error: ConditionSyntaxError): string {
  return `${error.message} (${error.start.line}:${error.start.column})`;
}

/**
 * `expected 'a' but found 'c'`, `expected 'a' or 'b' but found 'c'`, or
 * `expected one of 'a', 'b', 'c' but found 'd'`; `context` goes right after
 * the expected items (` after 'and'`).
 */
export function describeExpected(expected: readonly string[], found: string, context = ''): string {
  let items: string;
  const [first, second, ...rest] = expected;
  if (first !== undefined && second === undefined) {
    items = first;
  } else if (first !== undefined && second !== undefined && rest.length === 0) {
    items = `${first} or ${second}`;
  } else {
    items = `one of ${expected.join(', ')}`;
  }
  return `expected ${items}${context} but found ${found}`;
}

/**
 * Renders line `line` of `source` with a gutter and a `^` under `column`:
 *
 * ```
 *   2 |   and proc.name = = bash
 *     |                   ^
 * ```
 *
 * Tabs before the column are kept in the pointer line so the `^` lines up in
 * a terminal. Out-of-range positions are clamped rather than thrown: this is
 * used while reporting another error.
 */
export function codeFrame(source: string, line: number, column: number): string {
  const lines = new LineCounter(source);
  const index = Math.min(Math.max(line, 1), lines.lineCount);
  const text = lines.lineText(index);
  const col = Math.min(Math.max(column, 1), text.length + 1);
  const gutter = String(index);
  const pad = ' '.repeat(gutter.length);
  const pointerIndent = text.slice(0, col - 1).replace(/[^\t]/g, ' ');
  return `${gutter} | ${text}\n${pad} | ${pointerIndent}^`;
}
