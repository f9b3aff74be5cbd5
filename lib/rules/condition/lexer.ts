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
 * The token patterns are libs' own, shared with the printer and the loader
 * (`token-patterns.ts`).
 */
import type { Loc, TransformerName } from './ast';
import { LineCounter, type TextPosition } from '../line-counter';
import { FIELD_TRANSFORMERS } from './operators';
import { BOOL_KEYWORD_PREFIX, STICKY_TOKEN_PATTERNS as RGX, TOKEN_PATTERNS } from './token-patterns';

/**
 * libs `lex_blank` skips exactly these: space, tab, backspace, CR, LF. (Not
 * `\v` or `\f`, although `not[[:space:]]+` accepts them after `not`.)
 */
export function isBlank(ch: string): boolean {
  return ch.length === 1 && isBlankCode(ch.charCodeAt(0));
}

/** `isBlank` on a UTF-16 code unit: the scanner's hot loops compare codes, not strings. */
function isBlankCode(c: number): boolean {
  return c === 32 || c === 9 || c === 8 || c === 13 || c === 10;
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
  private lines: LineCounter | undefined;

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
    while (i < text.length && isBlankCode(text.charCodeAt(i))) {
      i++;
    }
    this.pos = i;
    return i > start;
  }

  /** The offset of the next non-blank character, without moving the cursor. */
  peekNonBlank(): number {
    let i = this.pos;
    while (i < this.text.length && isBlankCode(this.text.charCodeAt(i))) {
      i++;
    }
    return i;
  }

  /** Where the cursor is, to go back there with `reset` (libs saves `m_pos` and `m_last_token`). */
  mark(): ScannerMark {
    return { pos: this.pos, lastEnd: this.lastEnd };
  }

  /** Puts the cursor back where `mark` was taken. */
  reset(mark: ScannerMark): void {
    this.pos = mark.pos;
    this.lastEnd = mark.lastEnd;
  }

  /**
   * libs `lex_helper_operator_list` on an entry written with a trailing space
   * (`"contains "`, `"oneof "`): consumes `word` and the blanks after it, which
   * must be at least one; without a blank the cursor stays where it was
   * (falcosecurity/libs@0.25.4:userspace/libsinsp/filter/parser.cpp:833-843).
   */
  lexWordAndBlank(word: string): boolean {
    // Tried for every word operator at every check: no mark object unless the word is there.
    if (!this.text.startsWith(word, this.pos)) {
      return false;
    }
    const { pos, lastEnd } = this;
    this.pos += word.length;
    this.lastEnd = this.pos;
    if (this.skipBlanks()) {
      return true;
    }
    this.pos = pos;
    this.lastEnd = lastEnd;
    return false;
  }

  /** libs `bool_keyword_follows`: `BOOL_KEYWORD_PREFIX` matches at the cursor. Does not move. */
  boolKeywordFollows(): boolean {
    return BOOL_KEYWORD_PREFIX.test(this.text.slice(this.pos, this.pos + 4));
  }

  /** libs `list_value_follows` (parser.cpp:762-772): a `(` or an identifier starts at the cursor. Does not move. */
  listValueFollows(): boolean {
    if (this.text[this.pos] === '(') {
      return true;
    }
    const mark = this.mark();
    const found = this.lexIdentifier() !== undefined;
    this.reset(mark);
    return found;
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
    return this.lexRegex(RGX.notBlank) !== undefined;
  }

  lexIdentifier(): string | undefined {
    return this.lexRegex(RGX.identifier);
  }

  lexFieldName(): string | undefined {
    return this.lexRegex(RGX.fieldName);
  }

  lexFieldArgBareStr(): string | undefined {
    return this.lexRegex(RGX.fieldArgBareStr);
  }

  /** libs `lex_hex_num() || lex_num()`, in that order. */
  lexNumber(): string | undefined {
    return this.lexRegex(RGX.hexNumber) ?? this.lexRegex(RGX.number);
  }

  lexBareStr(): string | undefined {
    return this.lexRegex(RGX.bareStr);
  }

  /**
   * libs `lex_field_transformer_type`: `tolower(`, `toupper(`, … with the
   * `(` glued to the name. Returns the name without the `(`.
   */
  lexTransformerType(): Exclude<TransformerName, 'val'> | undefined {
    // Indexed, not for-of: an interpreted for-of allocates a result object per step.
    // Tried at every check that is not a field (every macro reference): only when a transformer
    // name could start here.
    if (!TRANSFORMER_START.has(this.text.charAt(this.pos))) {
      return undefined;
    }
    for (let i = 0, name = FIELD_TRANSFORMERS[0]; name !== undefined; name = FIELD_TRANSFORMERS[++i]) {
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
    // From quote to quote with indexOf, not character by character: the scan ends at a NUL.
    const nul = text.indexOf('\0', start + 1);
    const limit = nul === -1 ? text.length : nul;
    for (let i = text.indexOf(quote, start + 1); i !== -1 && i < limit; i = text.indexOf(quote, i + 1)) {
      // The character before is the opening quote itself at `start + 1`.
      if (text.charAt(i - 1) !== '\\') {
        this.pos = i + 1;
        this.lastEnd = this.pos;
        return unescape(text, start + 1, i, quote);
      }
    }
    return { kind: 'unterminated', start, quote };
  }

  /** The `Loc` of the source range `[start, end)`. */
  loc(start: number, end: number): Loc {
    // One object per node: the line and column straight from the line counter, not through a
    // TextPosition (this runs for every node of every condition).
    const lines = (this.lines ??= new LineCounter(this.text));
    const o = lines.clamp(start);
    const line = lines.lineIndexOf(o);
    return { line: line + 1, column: o - lines.lineStart(line) + 1, offset: start, length: end - start };
  }

  /**
   * The position of an offset. Lines end at `\n`, `\r\n` or a lone `\r`
   * (libs counts `\r\n` as two line breaks; YAML has already turned every
   * line break of a block scalar into `\n`, so this only matters for
   * conditions built by code).
   */
  position(offset: number): TextPosition {
    this.lines ??= new LineCounter(this.text);
    return this.lines.position(offset);
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
    const ch = text.charAt(offset);
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
      case '\v':
        return 'a vertical tab';
      case '\f':
        return 'a form feed';
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
    const wordEnd = this.wordEnd(offset);
    const end = Math.min(wordEnd, offset + WORD_LIMIT);
    const word = text.slice(offset, end);
    const more = end < wordEnd ? '…' : '';
    return `'${showControlChars(word)}${more}'`;
  }

  /**
   * The end of what `describeAt(offset)` shows: the end of the word there,
   * one character for a blank or a punctuation mark, nothing at the end.
   */
  tokenEnd(offset: number): number {
    return offset >= this.text.length ? this.text.length : Math.max(this.wordEnd(offset), offset + 1);
  }

  private wordEnd(offset: number): number {
    let end = offset;
    while (end < this.text.length && !WORD_BREAK.test(this.text.charAt(end))) {
      end++;
    }
    return end;
  }

  private lexRegex(re: RegExp): string | undefined {
    // `test` rather than `exec`: no match array per token (the patterns have no groups).
    const start = this.pos;
    re.lastIndex = start;
    if (!re.test(this.text)) {
      return undefined;
    }
    this.pos = re.lastIndex;
    this.lastEnd = this.pos;
    return this.text.slice(start, this.pos);
  }
}

/**
 * Whether `text` is exactly one item of a parenthesized list as the parser reads items
 * (`lexListItem`; libs `try_parse_list_expr` takes `lex_quoted_str() || lex_bare_str()` for each,
 * falcosecurity/libs@0.25.4:userspace/libsinsp/filter/parser.cpp:554, 565-605): a bare string
 * (`BareStr`), or one complete quoted string whose escapes libs accepts. For checks that reason about text put into a list, as Falco's list substitution does.
 */
export function isOneListItem(text: string): boolean {
  if (TOKEN_PATTERNS.bareStr.test(text)) return true;
  const s = new Scanner(text);
  const quoted = s.lexQuotedStr();
  return quoted?.kind === 'ok' && s.pos === text.length;
}

/** A position of the scanner, from `Scanner.mark`. */
export interface ScannerMark {
  readonly pos: number;
  readonly lastEnd: number;
}

/** The first characters of `words`: a table none of whose entries starts with the next character need not be tried. */
export const firstCharacters = (words: readonly string[]): ReadonlySet<string> => new Set(words.map((w) => w.charAt(0)));

/** The first characters of the field transformer names. */
const TRANSFORMER_START = firstCharacters(FIELD_TRANSFORMERS);

/** What ends a word in `describeAt`: blanks, brackets, `,`, `=` and quotes. */
const WORD_BREAK = /[ \t\n\v\f\r\b()[\],="']/;

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
    const ch = text.charAt(i);
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    // The scan never stops right after a backslash, so an escape always has
    // its second character before `to`.
    const next = text.charAt(i + 1);
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
