/**
 * The one error type of the condition parser, and a helper that shows where
 * in the source it happened.
 */

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

export interface ConditionSyntaxErrorInit {
  readonly code: ConditionErrorCode;
  /** What is wrong and how to fix it, without the position. */
  readonly reason: string;
  readonly line: number;
  readonly column: number;
  readonly offset: number;
  /** What the grammar allowed at this point, as displayed (`'='`, `a field`). */
  readonly expected?: readonly string[];
  /** What was found instead, as displayed (`'xyz'`, `end of condition`). */
  readonly found?: string;
}

/**
 * A syntax error in a condition. `message` is `reason (line:column)`, e.g.
 * `expected one of 'and', 'or' or the end of the condition but found 'b' (1:3)`.
 * Line and column are 1-based and relative to the condition text.
 */
export class ConditionSyntaxError extends Error {
  readonly code: ConditionErrorCode;
  readonly reason: string;
  readonly line: number;
  readonly column: number;
  readonly offset: number;
  readonly expected: string[];
  readonly found: string;

  constructor(init: ConditionSyntaxErrorInit) {
    super(`${init.reason} (${init.line}:${init.column})`);
    this.name = 'ConditionSyntaxError';
    this.code = init.code;
    this.reason = init.reason;
    this.line = init.line;
    this.column = init.column;
    this.offset = init.offset;
    this.expected = [...(init.expected ?? [])];
    this.found = init.found ?? '';
  }

  /** The message followed by the offending source line and a `^` under the column. */
  format(source: string): string {
    return `${this.message}\n${codeFrame(source, this.line, this.column)}`;
  }
}

/**
 * `expected 'a' but found 'c'`, `expected 'a' or 'b' but found 'c'`, or
 * `expected one of 'a', 'b', 'c' but found 'd'`; `context` goes right after
 * the expected items (` after 'and'`).
 */
export function describeExpected(expected: readonly string[], found: string, context = ''): string {
  let items: string;
  if (expected.length === 1) {
    items = expected[0] as string;
  } else if (expected.length === 2) {
    items = `${expected[0]} or ${expected[1]}`;
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
  const lines = source.split(/\r\n|\r|\n/);
  const index = Math.min(Math.max(line, 1), lines.length) - 1;
  const text = lines[index] ?? '';
  const col = Math.min(Math.max(column, 1), text.length + 1);
  const gutter = String(index + 1);
  const pad = ' '.repeat(gutter.length);
  const pointerIndent = text.slice(0, col - 1).replace(/[^\t]/g, ' ');
  return `${gutter} | ${text}\n${pad} | ${pointerIndent}^`;
}
