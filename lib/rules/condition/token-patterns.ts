/**
 * The token patterns of falcosecurity/libs `userspace/libsinsp/filter/parser.cpp` (libs 0.25.x,
 * the libs of Falco 0.44), written once: the lexer scans with them, the printer checks with them
 * whether a value can be written bare, and the rule loader checks list and macro names with them
 * (Falco's `rule_loader_reader.cpp` copies libs' `RGX_IDENTIFIER` and `RGX_BARESTR` for that).
 *
 * libs compiles them with RE2 in POSIX mode. They are rewritten so that a JavaScript
 * backtracking engine accepts exactly the same strings without ambiguity: `[a-zA-Z]+[a-zA-Z0-9_]*`
 * becomes `[a-zA-Z][a-zA-Z0-9_]*` (same language, no quadratic backtracking), and the POSIX class
 * `[:space:]` is spelled out as ` \t\n\v\f\r`: RE2's `[:space:]` is ASCII only
 * (falcosecurity/libs@0.25.4:userspace/libsinsp/filter/parser.cpp:29-35), while JavaScript's `\s`
 * would also match Unicode blanks such as the no-break space U+00A0.
 */
const SOURCES = {
  /** libs `RGX_NOTBLANK` `not[[:space:]]+`: `not` needs a blank before its operand (else `not(`). */
  notBlank: 'not[ \\t\\n\\v\\f\\r]+',
  /** libs `RGX_IDENTIFIER`: a macro name, or a list name after `in`. */
  identifier: '[a-zA-Z][a-zA-Z0-9_]*',
  /** libs `RGX_FIELDNAME`: two or more dot-separated identifier parts (`k8s.ns.name`). */
  fieldName: '[a-zA-Z][a-zA-Z0-9_]*(?:\\.[a-zA-Z][a-zA-Z0-9_]*)+',
  /** libs `RGX_FIELDARGBARESTR` `[^][\"'[:space:]]+`: anything but brackets, quotes and blanks. */
  fieldArgBareStr: '[^\\][\\"\' \\t\\n\\v\\f\\r]+',
  /** libs `RGX_HEXNUM` (0.25 accepts only hex digits after `0x`). */
  hexNumber: '0[xX][0-9a-fA-F]+',
  /** libs `RGX_NUMBER`. Note that an exponent needs a sign: `1e5` is the number `1` followed by `e5`. */
  number: '[+-]?[0-9]+\\.?[0-9]*(?:[eE][+-][0-9]+)?',
  /** libs `RGX_BARESTR` `[^()\"'[:space:]=,]+`: an unquoted value, and what a list name must be. */
  bareStr: '[^()"\' \\t\\n\\v\\f\\r=,]+',
} as const;

export type TokenKind = keyof typeof SOURCES;

function compile(flags: string, wrap: (source: string) => string): Readonly<Record<TokenKind, RegExp>> {
  const re = (source: string): RegExp => new RegExp(wrap(source), flags);
  return {
    notBlank: re(SOURCES.notBlank),
    identifier: re(SOURCES.identifier),
    fieldName: re(SOURCES.fieldName),
    fieldArgBareStr: re(SOURCES.fieldArgBareStr),
    hexNumber: re(SOURCES.hexNumber),
    number: re(SOURCES.number),
    bareStr: re(SOURCES.bareStr),
  };
}

/** Sticky versions: match exactly at `lastIndex`, for the scanner. */
export const STICKY_TOKEN_PATTERNS: Readonly<Record<TokenKind, RegExp>> = compile('y', (s) => s);

/** Full-match versions: does a whole string form one token of this kind? */
export const TOKEN_PATTERNS: Readonly<Record<TokenKind, RegExp>> = compile('', (s) => `^(?:${s})$`);

/**
 * libs `bool_keyword_follows` (falcosecurity/libs@0.25.4:userspace/libsinsp/filter/parser.cpp:774-781):
 * the text starts with `and`, `or` or `not` followed by its end or by a character that is not an
 * ASCII letter or digit (`std::isalnum`: `_` ends the keyword, so `not_x` matches and `nota` does
 * not). After a string operator modifier such a word is not taken as a list name: the modifier
 * is then read as a plain value.
 */
export const BOOL_KEYWORD_PREFIX = /^(?:and|or|not)(?![a-zA-Z0-9])/;
