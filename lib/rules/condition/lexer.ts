/**
 * Token recognizers for Falco conditions, on a cursor over the text.
 *
 * Falco's grammar is not tokenized up front: what a run of characters means
 * depends on where the parser is (`a.b` is a field on the left of `=` but a
 * bare string on its right; `1,2` is one field argument but two list items).
 * So, like falcosecurity/libs `userspace/libsinsp/filter/parser.cpp` (libs
 * 0.25.x), the parser asks the scanner for one kind of token at a time and
 * the scanner either consumes it or leaves the cursor where it was.
 *
 * The regular expressions are libs' own (`RGX_*`), compiled by RE2 in POSIX
 * mode, rewritten so that a JavaScript backtracking engine accepts exactly the
 * same strings without ambiguity: `[a-zA-Z]+[a-zA-Z0-9_]*` becomes
 * `[a-zA-Z][a-zA-Z0-9_]*` (same language, no quadratic backtracking), and the
 * POSIX class `[:space:]` is spelled out as ` \t\n\v\f\r` (JavaScript's `\s`
 * would also match Unicode spaces, which RE2's `[:space:]` does not).
 */
import type { Loc } from './ast';
import { FIELD_TRANSFORMERS } from './operators';

/** libs `RGX_NOTBLANK` `not[[:space:]]+`: `not` needs a blank before its operand (else `not(`). */
const RGX_NOT_BLANK = /not[ \t\n\v\f\r]+/y;
/** libs `RGX_IDENTIFIER`: a macro name, or a list name after `in`. */
const RGX_IDENTIFIER = /[a-zA-Z][a-zA-Z0-9_]*/y;
/** libs `RGX_FIELDNAME`: two or more dot-separated identifier parts (`k8s.ns.name`). */
const RGX_FIELD_NAME = /[a-zA-Z][a-zA-Z0-9_]*(?:\.[a-zA-Z][a-zA-Z0-9_]*)+/y;
/** libs `RGX_FIELDARGBARESTR` `[^][\"'[:space:]]+`: anything but brackets, quotes and blanks. */
const RGX_FIELD_ARG_BARE_STR = /[^\][\"' \t\n\v\f\r]+/y;
/** libs `RGX_HEXNUM` (0.25 accepts only hex digits after `0x`). */
const RGX_HEX_NUM = /0[xX][0-9a-fA-F]+/y;
/** libs `RGX_NUMBER`. Note that an exponent needs a sign: `1e5` is the number `1` followed by `e5`. */
const RGX_NUMBER = /[+-]?[0-9]+\.?[0-9]*(?:[eE][+-][0-9]+)?/y;
/** libs `RGX_BARESTR` `[^()\"'[:space:]=,]+`: an unquoted value. */
const RGX_BARE_STR = /[^()"' \t\n\v\f\r=,]+/y;

/** Full-match versions, used by the printer to decide whether a value can be written bare. */
export const TOKEN_PATTERNS = {
  identifier: /^[a-zA-Z][a-zA-Z0-9_]*$/,
  fieldName: /^[a-zA-Z][a-zA-Z0-9_]*(?:\.[a-zA-Z][a-zA-Z0-9_]*)+$/,
  fieldArgBareStr: /^[^\][\"' \t\n\v\f\r]+$/,
  hexNumber: /^0[xX][0-9a-fA-F]+$/,
  number: /^[+-]?[0-9]+\.?[0-9]*(?:[eE][+-][0-9]+)?$/,
  bareStr: /^[^()"' \t\n\v\f\r=,]+$/,
} as const;

/**
 * libs `lex_blank` skips exactly these: space, tab, backspace, CR, LF. (Not
 * `\v` or `\f`, although `not[[:space:]]+` accepts them after `not`.)
 */
export function isBlank(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\b' || ch === '\r' || ch === '\n';
}

/** A quoted string that was read successfully. */
export interface QuotedOk {
  readonly kind: 'ok';
  /** The unescaped content, without the quotes. */
  readonly value: string;
}

/** The quote at `start` is never closed; the cursor did not move. */
export interface QuotedUnterminated {
  readonly kind: 'unterminated';
  readonly start: number;
  readonly quote: string;
}

/**
 * The string is closed, but its content uses an escape libs rejects. As in
 * libs, the cursor has already moved past the closing quote.
 */
export interface QuotedBadEscape {
  readonly kind: 'bad-escape';
  /** Offset of the backslash that starts the bad escape. */
  readonly at: number;
  /** The two-character escape as written, e.g. `\q`. */
  readonly escape: string;
  readonly reason: string;
}

export type QuotedResult = QuotedOk | QuotedUnterminated | QuotedBadEscape;

/** The escapes libs `unescape_str` (`filter/escaping.cpp`) accepts, for messages. */
export const SUPPORTED_ESCAPES = "\\b, \\f, \\n, \\r, \\t, \\\\, \\/, '\\ ' and the escaped quote of the string";

/**
 * A cursor over a condition. `pos` is the next unread offset; `lastEnd` is the
 * end offset of the last token consumed (blanks excluded), which is where the
 * node that ends with that token ends.
 */
export class Scanner {
  readonly text: string;
  pos = 0;
  lastEnd = 0;
  private lineStarts: number[] | undefined;

  constructor(text: string) {
    this.text = text;
  }

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  /** libs `lex_blank`: skips blanks, returns whether there were any. */
  skipBlanks(): boolean {
    const start = this.pos;
    const text = this.text;
    let i = start;
    while (i < text.length && isBlank(text[i] as string)) {
      i++;
    }
    this.pos = i;
    return i > start;
  }

  /** The offset of the next non-blank character, without moving the cursor. */
  peekNonBlank(): number {
    let i = this.pos;
    while (i < this.text.length && isBlank(this.text[i] as string)) {
      i++;
    }
    return i;
  }

  /** libs `lex_helper_str`: consumes `literal` if the text continues with it. */
  lexLiteral(literal: string): boolean {
    if (this.text.startsWith(literal, this.pos)) {
      this.pos += literal.length;
      this.lastEnd = this.pos;
      return true;
    }
    return false;
  }

  /** libs `RGX_NOTBLANK`: `not` followed by at least one blank. */
  lexNotBlank(): boolean {
    return this.lexRegex(RGX_NOT_BLANK) !== undefined;
  }

  lexIdentifier(): string | undefined {
    return this.lexRegex(RGX_IDENTIFIER);
  }

  lexFieldName(): string | undefined {
    return this.lexRegex(RGX_FIELD_NAME);
  }

  lexFieldArgBareStr(): string | undefined {
    return this.lexRegex(RGX_FIELD_ARG_BARE_STR);
  }

  /** libs `lex_hex_num() || lex_num()`, in that order. */
  lexNumber(): string | undefined {
    return this.lexRegex(RGX_HEX_NUM) ?? this.lexRegex(RGX_NUMBER);
  }

  lexBareStr(): string | undefined {
    return this.lexRegex(RGX_BARE_STR);
  }

  /**
   * libs `lex_field_transformer_type`: `tolower(`, `toupper(`, … with the
   * `(` glued to the name. Returns the name without the `(`.
   */
  lexTransformerType(): string | undefined {
    for (const name of FIELD_TRANSFORMERS) {
      if (this.text.startsWith(name, this.pos) && this.text[this.pos + name.length] === '(') {
        this.pos += name.length + 1;
        this.lastEnd = this.pos;
        return name;
      }
    }
    return undefined;
  }

  /**
   * libs `lex_quoted_str`. Scans from the opening quote to the first matching
   * quote whose PREVIOUS RAW CHARACTER is not a backslash, then unescapes the
   * content with libs `unescape_str`. Two consequences worth knowing:
   *
   * - `"a\\"` is not closed by its last quote (the quote follows a
   *   backslash, even though that backslash was itself escaped);
   * - the other quote character needs no escape: `"it's"` is fine.
   *
   * A NUL character ends the scan, as it ends the C string libs scans.
   * Returns `undefined` (cursor unchanged) if the cursor is not on a quote.
   */
  lexQuotedStr(): QuotedResult | undefined {
    const text = this.text;
    const start = this.pos;
    const quote = text[start];
    if (quote !== '"' && quote !== "'") {
      return undefined;
    }
    let prev = quote;
    for (let i = start + 1; i < text.length; i++) {
      const ch = text[i] as string;
      if (ch === '\0') {
        break;
      }
      if (ch === quote && prev !== '\\') {
        this.pos = i + 1;
        this.lastEnd = this.pos;
        return unescape(text, start + 1, i, quote);
      }
      prev = ch;
    }
    return { kind: 'unterminated', start, quote };
  }

  /** The `Loc` of the source range `[start, end)`. */
  loc(start: number, end: number): Loc {
    const { line, column } = this.lineColumn(start);
    return { line, column, offset: start, length: end - start };
  }

  /**
   * 1-based line and column of an offset. A line ends at `\n`, `\r\n` or a
   * lone `\r` (libs counts `\r\n` as two line breaks; YAML has already turned
   * every line break of a block scalar into `\n`, so this only matters for
   * conditions built by code).
   */
  lineColumn(offset: number): { line: number; column: number } {
    const starts = this.getLineStarts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return { line: lo + 1, column: offset - (starts[lo] as number) + 1 };
  }

  /**
   * How to show the text at `offset` in an error message: `end of condition`,
   * `a space`, `'('`, or the word there in quotes (`'containsx'`).
   */
  describeAt(offset: number): string {
    const text = this.text;
    if (offset >= text.length) {
      return 'end of condition';
    }
    const ch = text[offset] as string;
    switch (ch) {
      case ' ':
        return 'a space';
      case '\t':
        return 'a tab';
      case '\n':
      case '\r':
        return 'a line break';
      case '\b':
        return 'a backspace';
      case '(':
      case ')':
      case '[':
      case ']':
      case ',':
      case '=':
      case '"':
      case "'":
        return `'${ch}'`;
      default:
        break;
    }
    const WORD_LIMIT = 24;
    let end = offset;
    while (end < text.length && end - offset < WORD_LIMIT && !/[ \t\n\v\f\r\b()[\],="']/.test(text[end] as string)) {
      end++;
    }
    const word = text.slice(offset, end);
    const more = end < text.length && !/[ \t\n\v\f\r\b()[\],="']/.test(text[end] as string) ? '…' : '';
    return `'${showControlChars(word)}${more}'`;
  }

  private lexRegex(re: RegExp): string | undefined {
    re.lastIndex = this.pos;
    const m = re.exec(this.text);
    if (m === null) {
      return undefined;
    }
    this.pos = re.lastIndex;
    this.lastEnd = this.pos;
    return m[0];
  }

  private getLineStarts(): number[] {
    if (this.lineStarts === undefined) {
      const starts = [0];
      const text = this.text;
      for (let i = 0; i < text.length; i++) {
        const ch = text.charCodeAt(i);
        if (ch === 10) {
          starts.push(i + 1);
        } else if (ch === 13) {
          if (text.charCodeAt(i + 1) === 10) {
            i++;
          }
          starts.push(i + 1);
        }
      }
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }
}

/** Control characters would garble a one-line message; show them as `\uXXXX`. */
function showControlChars(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * libs `unescape_str` (`userspace/libsinsp/filter/escaping.cpp`) applied to
 * `text[from, to)`, the content between the quotes. Quirks kept on purpose:
 * `\ ` (backslash, space) yields a single backslash (libs falls through to the
 * `\\` case), `\/` yields `/`, and an escaped quote must match the quotes of
 * the string.
 */
function unescape(text: string, from: number, to: number, quote: string): QuotedOk | QuotedBadEscape {
  const backslash = text.indexOf('\\', from);
  if (backslash === -1 || backslash >= to) {
    return { kind: 'ok', value: text.slice(from, to) };
  }
  let out = text.slice(from, backslash);
  for (let i = backslash; i < to; i++) {
    const ch = text[i] as string;
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    // The scan never stops right after a backslash, so an escape always has
    // its second character before `to`.
    const next = text[i + 1] as string;
    switch (next) {
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case ' ':
      case '\\':
        out += '\\';
        break;
      case '/':
        out += '/';
        break;
      case '"':
      case "'":
        if (next !== quote) {
          return {
            kind: 'bad-escape',
            at: i,
            escape: `\\${next}`,
            reason: `invalid escape '\\${next}' in a ${quote}-quoted string: write ${next} without the backslash`,
          };
        }
        out += next;
        break;
      default:
        return {
          kind: 'bad-escape',
          at: i,
          escape: `\\${next}`,
          reason:
            `unsupported escape sequence '\\${showControlChars(next)}' in a quoted string; ` +
            `use ${SUPPORTED_ESCAPES}, or remove the backslash`,
        };
    }
    i++;
  }
  return { kind: 'ok', value: out };
}
