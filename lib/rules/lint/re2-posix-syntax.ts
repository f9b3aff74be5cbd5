/**
 * Whether RE2 accepts a pattern in the mode libs compiles `regex` values with, and RE2's error text
 * when it does not. libs builds `re2::RE2(value, re2::RE2::POSIX)` for every `regex` value at load
 * time and throws `invalid regex pattern: <re->error()>` when `!re->ok()`
 * (falcosecurity/libs@0.25.4:userspace/libsinsp/sinsp_filtercheck.cpp:631-637), with the RE2 libs
 * bundles (google/re2 tag 2022-06-01, falcosecurity/libs@0.25.4:cmake/modules/re2.cmake:34).
 *
 * `RE2::POSIX` sets posix_syntax and longest_match and leaves perl_classes, word_boundary,
 * one_line, never_nl, dot_nl, literal, never_capture off, case-sensitive, UTF-8
 * (google/re2@2022-06-01:re2/re2.cc:45-59). longest_match only changes matching, so the parser runs
 * with `Regexp::ClassNL` alone (`ParseFlags`, re2.cc:129-171): no PerlX (no `(?…)`, `\A`, `\z`,
 * `\C`, `\Q…\E`, no non-greedy `?`, stacked repetitions allowed), no PerlClasses (`\d \s \w`), no
 * PerlB (`\b \B`), no UnicodeGroups (`\p{…}`). This is a port of `Regexp::Parse`
 * (google/re2@2022-06-01:re2/parse.cc:2219-2481) for exactly those flags, on the UTF-8 bytes Falco
 * passes; it decides accept/refuse and reproduces RE2's error code and argument, and builds only
 * what the decision needs (the stack of markers and, per subexpression, its largest product of
 * counted repetitions).
 *
 * parse.cc has no nesting-depth limit at this tag, and RepetitionWalker's
 * budget of 1,000,000 visits (walker-inl.h:235) cannot be reached by a value libs accepts (255
 * bytes at most). Not simulated: `pattern too large - compile failed` (re2.cc:222-229), when the
 * compiled program exceeds two thirds of the 8 MiB default max_mem; the checks before it are here.
 */

/** RE2's status codes, in the order of `kErrorStrings` (google/re2@2022-06-01:re2/regexp.cc:493-509). */
export const RE2_ERROR_TEXT = {
  internal: 'unexpected error',
  badEscape: 'invalid escape sequence',
  badCharClass: 'invalid character class',
  badCharRange: 'invalid character class range',
  missingBracket: 'missing ]',
  missingParen: 'missing )',
  unexpectedParen: 'unexpected )',
  trailingBackslash: 'trailing \\',
  repeatArgument: 'no argument for repetition operator',
  repeatSize: 'invalid repetition size',
  repeatOp: 'bad repetition operator',
  badPerlOp: 'invalid perl operator',
  badUTF8: 'invalid UTF-8',
  badNamedCapture: 'invalid named capture group',
} as const;

export type Re2ErrorCode = keyof typeof RE2_ERROR_TEXT;

export interface Re2SyntaxError {
  readonly code: Re2ErrorCode;
  /** `status.error_arg()`: the offending fragment (empty for some codes). */
  readonly arg: string;
  /** `re->error()`: `RegexpStatus::Text()`, the code text then `: arg` when there is one (regexp.cc:517-525). */
  readonly message: string;
  /** Byte offset in the UTF-8 pattern where the fragment starts (where RE2 stopped when it has none). */
  readonly offset: number;
}

/** The POSIX class names RE2 knows, negated forms included (google/re2@2022-06-01:re2/perl_groups.cc `posix_groups`). */
const POSIX_GROUPS = new Set(
  ['alnum', 'alpha', 'ascii', 'blank', 'cntrl', 'digit', 'graph', 'lower', 'print', 'punct', 'space', 'upper', 'word', 'xdigit'].flatMap((n) => [
    `[:${n}:]`,
    `[:^${n}:]`,
  ]),
);

/** parse.cc:48 `maximum_repeat_count`. */
const MAX_REPEAT = 1000;
/** util/utf.h `Runemax`, the `rune_max_` of UTF-8 mode. */
const RUNE_MAX = 0x10ffff;
const RUNE_ERROR = 0xfffd;

const ch = (c: string): number => c.charCodeAt(0);
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isAlpha = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isHex = (c: number): boolean => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const unHex = (c: number): number => (isDigit(c) ? c - 0x30 : (c | 0x20) - 0x61 + 10);

/**
 * The bytes Falco hands to RE2 for a value: UTF-8 (a lone surrogate as its 3-byte form, as a
 * YAML `\uD800` escape gives), cut at the first NUL because libs stores the value as a C string
 * and RE2 gets `strlen` bytes (falcosecurity/libs@0.25.4:userspace/libsinsp/value_parser.cpp:130-142).
 */
export function re2PatternBytes(value: string): Uint8Array {
  const out: number[] = [];
  for (const s of value) {
    const c = s.codePointAt(0) ?? 0;
    if (c === 0) break;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return Uint8Array.from(out);
}

class Refused {
  constructor(
    readonly code: Re2ErrorCode,
    readonly from: number,
    readonly to: number,
  ) {}
}

/** A stack entry of `Regexp::ParseState`: a marker, or a parsed subexpression with its largest product of counted repetitions. */
type Entry = { readonly marker: 'paren' | 'bar' } | { readonly marker?: undefined; readonly product: number };

/**
 * RE2's verdict for `pattern` (a JS string, converted as Falco would, or the raw bytes): undefined
 * when `RE2(pattern, RE2::POSIX)` parses, else its error.
 */
export function checkRe2PosixSyntax(pattern: string | Uint8Array): Re2SyntaxError | undefined {
  const b = typeof pattern === 'string' ? re2PatternBytes(pattern) : pattern;
  try {
    parse(b);
    return undefined;
  } catch (e) {
    if (!(e instanceof Refused)) throw e;
    const arg = Buffer.from(b.subarray(e.from, e.to)).toString('utf8');
    const text = RE2_ERROR_TEXT[e.code];
    return { code: e.code, arg, message: arg === '' ? text : `${text}: ${arg}`, offset: e.from };
  }
}

function parse(b: Uint8Array): void {
  const n = b.length;
  const stack: Entry[] = [];
  const fail = (code: Re2ErrorCode, from: number, to: number): never => {
    throw new Refused(code, from, to);
  };

  /** StringPieceToRune (parse.cc:1393-1417) with fullrune/chartorune (util/rune.cc:192-208, 51-124): [rune, length]; an empty rest is bad UTF-8 too. */
  const rune = (at: number): [number, number] => {
    const left = Math.min(4, n - at);
    const c = b[at] ?? 0;
    const full = left > 0 && (c < 0x80 || (left > 1 && (c < 0xe0 || (left > 2 && (c < 0xf0 || left > 3)))));
    if (full) {
      let [r, len] = chartorune(b, at);
      if (r > RUNE_MAX) [r, len] = [RUNE_ERROR, 1];
      if (!(len === 1 && r === RUNE_ERROR)) return [r, len];
    }
    return fail('badUTF8', at, at);
  };

  // Regexp::ParseState's stack (parse.cc:54-66, 606-729), reduced to what validity depends on.
  const top = (): Entry | undefined => stack[stack.length - 1];
  const pushRe = (product = 1): void => void stack.push({ product });
  /** DoConcatenation / DoCollapse (parse.cc:1205-1255): the entries above the nearest marker become one. */
  const concatenate = (): void => {
    let product = 0;
    let count = 0;
    for (let e = top(); e !== undefined && e.marker === undefined; e = top()) {
      product = Math.max(product, e.product);
      stack.pop();
      count++;
    }
    pushRe(count === 0 ? 1 : product); // an empty concatenation is kRegexpEmptyMatch
  };
  /** DoVerticalBar (parse.cc:628-675): the alternatives so far sit below one `|` marker on top. */
  const verticalBar = (): void => {
    concatenate();
    const below = stack[stack.length - 2];
    if (below !== undefined && below.marker === 'bar') {
      const alt = stack.pop() as Entry;
      stack.pop();
      stack.push(alt, { marker: 'bar' });
    } else stack.push({ marker: 'bar' });
  };
  /** DoAlternation (parse.cc:1259-1266). */
  const alternate = (): void => {
    verticalBar();
    stack.pop(); // the bar
    let product = 0;
    for (let e = top(); e !== undefined && e.marker === undefined; e = top()) {
      product = Math.max(product, e.product);
      stack.pop();
    }
    pushRe(product);
  };
  const hasArgument = (): boolean => {
    const t = top();
    return t !== undefined && t.marker === undefined;
  };

  /** ParseEscape (parse.cc:1453-1600) with rune_max = Runemax: [rune, next offset]. */
  const parseEscape = (begin: number): [number, number] => {
    if (n - begin === 1) fail('trailingBackslash', begin, begin);
    let s = begin + 1;
    const bad = (): never => fail('badEscape', begin, s);
    let [c, len] = rune(s);
    s += len;
    /** Up to three octal digits, the first one read already (parse.cc:1496-1513). */
    const octal = (first: number): [number, number] => {
      let code = first - ch('0');
      for (let i = 0; i < 2 && s < n && (b[s] ?? 0) >= ch('0') && (b[s] ?? 0) <= ch('7'); i++) code = code * 8 + (b[s++] ?? 0) - ch('0');
      return code > RUNE_MAX ? bad() : [code, s];
    };
    switch (c) {
      case ch('1'): case ch('2'): case ch('3'): case ch('4'): case ch('5'): case ch('6'): case ch('7'):
        // a single non-zero octal digit is a backreference: not supported (parse.cc:1485-1494)
        if (s >= n || (b[s] ?? 0) < ch('0') || (b[s] ?? 0) > ch('7')) return bad();
        return octal(c);
      case ch('0'):
        return octal(c);
      case ch('x'): {
        if (s >= n) return bad();
        [c, len] = rune(s);
        s += len;
        if (c === ch('{')) {
          [c, len] = rune(s); // an empty rest is "invalid UTF-8" here, as in RE2
          s += len;
          let nhex = 0;
          let code = 0;
          while (isHex(c)) {
            nhex++;
            code = code * 16 + unHex(c);
            if (code > RUNE_MAX) return bad();
            if (s >= n) return bad();
            [c, len] = rune(s);
            s += len;
          }
          if (c !== ch('}') || nhex === 0) return bad();
          return [code, s];
        }
        if (s >= n) return bad();
        const [c1, len1] = rune(s);
        s += len1;
        if (!isHex(c) || !isHex(c1)) return bad();
        return [unHex(c) * 16 + unHex(c1), s];
      }
      case ch('n'): return [0x0a, s];
      case ch('r'): return [0x0d, s];
      case ch('t'): return [0x09, s];
      case ch('a'): return [0x07, s];
      case ch('f'): return [0x0c, s];
      case ch('v'): return [0x0b, s];
      default:
        // escaped non-word ASCII characters are themselves; \b is not backspace (parse.cc:1473-1482, 1579-1589)
        if (c < 0x80 && !isAlpha(c) && !isDigit(c)) return [c, s];
        return bad();
    }
  };

  /** ParseCharClass (parse.cc:1911-2015) with ClassNL, without PerlX, PerlClasses, UnicodeGroups: the offset after `]`. */
  const parseCharClass = (start: number): number => {
    const missingBracket = (): never => fail('missingBracket', start, n);
    let s = start + 1;
    if (s < n && b[s] === ch('^')) s++;
    /** ParseCCCharacter (parse.cc:1862-1878). */
    const ccCharacter = (at: number): [number, number] => {
      if (at >= n) return missingBracket();
      if (b[at] === ch('\\')) return parseEscape(at);
      const [r, len] = rune(at);
      return [r, at + len];
    };
    let first = true; // ] is a literal as the first character
    while (s < n && (b[s] !== ch(']') || first)) {
      // - is only a literal first or last (parse.cc:1934-1952)
      if (b[s] === ch('-') && !first && (n - s === 1 || b[s + 1] !== ch(']'))) {
        const [, len] = rune(s + 1);
        fail('badCharRange', s, s + 1 + len);
      }
      first = false;
      // [:alnum:] (ParseCCName, parse.cc:1824-1856): the closing :] is searched in the whole rest
      if (n - s > 2 && b[s] === ch('[') && b[s + 1] === ch(':')) {
        let q = s + 2;
        while (q <= n - 2 && !(b[q] === ch(':') && b[q + 1] === ch(']'))) q++;
        if (q <= n - 2) {
          q += 2;
          const name = Buffer.from(b.subarray(s, q)).toString('latin1');
          if (!POSIX_GROUPS.has(name)) fail('badCharRange', s, q);
          s = q;
          continue;
        }
      }
      // \p{…} (parse.cc:1968-1981) and \d (1983-1988) need UnicodeGroups and PerlClasses: they fall to ParseEscape and are refused there
      // ParseCCRange (parse.cc:1885-1906)
      const os = s;
      const [lo, afterLo] = ccCharacter(s);
      s = afterLo;
      if (n - s >= 2 && b[s] === ch('-') && b[s + 1] !== ch(']')) {
        const [hi, afterHi] = ccCharacter(s + 1);
        s = afterHi;
        if (hi < lo) fail('badCharRange', os, s);
      }
    }
    if (s >= n) missingBracket();
    return s + 1;
  };

  /** MaybeParseRepetition (parse.cc:1356-1386) with ParseInteger (1328-1345): [lo, hi (-1: unbounded), next offset] or undefined for a literal `{`. */
  const maybeRepetition = (start: number): [number, number, number] | undefined => {
    let s = start + 1;
    const integer = (): number | undefined => {
      if (s >= n || !isDigit(b[s] ?? 0)) return undefined;
      if (n - s >= 2 && b[s] === ch('0') && isDigit(b[s + 1] ?? 0)) return undefined; // no leading zeros
      let v = 0;
      while (s < n && isDigit(b[s] ?? 0)) {
        if (v >= 100000000) return undefined;
        v = v * 10 + (b[s++] ?? 0) - ch('0');
      }
      return v;
    };
    const lo = integer();
    if (lo === undefined || s >= n) return undefined;
    let hi = lo;
    if (b[s] === ch(',')) {
      s++;
      if (s >= n) return undefined;
      if (b[s] === ch('}')) hi = -1;
      else {
        const h = integer();
        if (h === undefined) return undefined;
        hi = h;
      }
    }
    if (s >= n || b[s] !== ch('}')) return undefined;
    return [lo, hi, s + 1];
  };

  // The main loop (parse.cc:2249-2480).
  let t = 0;
  while (t < n) {
    const c = b[t] ?? 0;
    switch (c) {
      case ch('('):
        // "(?" would be a Perl group only with PerlX (parse.cc:2263-2269); here it is "(" then a "?" without argument
        stack.push({ marker: 'paren' });
        t++;
        break;
      case ch('|'):
        verticalBar();
        t++;
        break;
      case ch(')'): {
        // DoRightParen (parse.cc:678-714); the error argument is the whole pattern
        alternate();
        const below = stack[stack.length - 2];
        if (below === undefined || below.marker !== 'paren') fail('unexpectedParen', 0, n);
        const inner = stack.pop() as Entry;
        stack.pop();
        stack.push(inner);
        t++;
        break;
      }
      case ch('^'): case ch('$'): case ch('.'):
        pushRe();
        t++;
        break;
      case ch('['):
        t = parseCharClass(t);
        pushRe();
        break;
      case ch('*'): case ch('+'): case ch('?'):
        // PushRepeatOp (parse.cc:475-509): without PerlX (2333-2348), a** and a*? are accepted (squashed, 486-500)
        if (!hasArgument()) fail('repeatArgument', t, t + 1);
        t++;
        break;
      case ch('{'): {
        const rep = maybeRepetition(t);
        if (rep === undefined) {
          pushRe(); // a literal {
          t++;
          break;
        }
        const [lo, hi, end] = rep;
        // PushRepetition (parse.cc:568-603)
        if ((hi !== -1 && hi < lo) || lo > MAX_REPEAT || hi > MAX_REPEAT) fail('repeatSize', t, end);
        if (!hasArgument()) fail('repeatArgument', t, end);
        const inner = stack.pop() as { product: number };
        const m = hi < 0 ? lo : hi;
        const product = m > 0 ? m * inner.product : inner.product;
        // RepetitionWalker (parse.cc:511-565): floor(1000 / m1 / m2 …) must stay above 0 on every path
        if ((lo >= 2 || hi >= 2) && product > MAX_REPEAT) fail('repeatSize', t, end);
        pushRe(product);
        t = end;
        break;
      }
      case ch('\\'): {
        // \b \B need PerlB (2391-2398); \A \z \C \Q need PerlX (2400-2440); \p \P need UnicodeGroups (2442-2457, 1738-1739);
        // \d \s \w need PerlClasses (2459-2467, 1712-1713): without them all reach ParseEscape (2469-2474)
        const [, next] = parseEscape(t);
        pushRe();
        t = next;
        break;
      }
      default: {
        const [, len] = rune(t);
        pushRe();
        t += len;
      }
    }
  }
  // DoFinish (parse.cc:717-729)
  alternate();
  if (stack.length > 1) fail('missingParen', 0, n);
}

/** chartorune (google/re2@2022-06-01:util/rune.cc:51-124): no check for surrogates, like the original. */
function chartorune(b: Uint8Array, at: number): [number, number] {
  const c = b[at] ?? 0;
  if (c < 0x80) return [c, 1];
  const bad: [number, number] = [RUNE_ERROR, 1];
  const c1 = (b[at + 1] ?? 0) ^ 0x80;
  if (c1 & 0xc0) return bad;
  if (c < 0xe0) {
    if (c < 0xc0) return bad;
    const l = ((c << 6) | c1) & 0x7ff;
    return l <= 0x7f ? bad : [l, 2];
  }
  const c2 = (b[at + 2] ?? 0) ^ 0x80;
  if (c2 & 0xc0) return bad;
  if (c < 0xf0) {
    const l = ((((c << 6) | c1) << 6) | c2) & 0xffff;
    return l <= 0x7ff ? bad : [l, 3];
  }
  const c3 = (b[at + 3] ?? 0) ^ 0x80;
  if (c3 & 0xc0) return bad;
  if (c < 0xf8) {
    const l = ((((((c << 6) | c1) << 6) | c2) << 6) | c3) & 0x1fffff;
    return l <= 0xffff ? bad : [l, 4];
  }
  return bad;
}
