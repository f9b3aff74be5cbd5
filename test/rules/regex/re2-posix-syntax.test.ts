import { describe, expect, it } from 'vitest';
import { checkRe2PosixSyntax, re2PatternBytes } from '../../../lib/rules/lint/re2-posix-syntax';
import { regexProblem } from '../../../lib/rules/lint/regex-value';

/**
 * The RE2 POSIX-mode syntax checker against google/re2@2022-06-01 (the RE2 libs 0.25.4 bundles):
 * RE2's own parse tests where they apply to the flags libs uses (`RE2::POSIX`: ClassNL only), then
 * a table of accept/refuse cases, each with the parse.cc line that decides it.
 */
const verdict = (p: string | Uint8Array): string => checkRe2PosixSyntax(p)?.message ?? 'ok';

describe('google/re2@2022-06-01:re2/testing/parse_test.cc', () => {
  // :31-225 `tests`: parsed with kTestFlags (PerlX, PerlClasses, UnicodeGroups); the ones that use
  // none of these extensions parse in POSIX mode too (the dump differs only by flags).
  const simple = [
    'a', 'a.', 'a.b', 'ab', 'a.b.c', 'abc', 'a|^', 'a|b', '(a)', '(a)|b', 'a*', 'a+', 'a?', 'a{2}', 'a{2,3}', 'a{2,}',
    'a*?', 'a+?', 'a??', 'a{2}?', 'a{2,3}?', 'a{2,}?', '', '|', '|x|', '.', '^', '$', '\\|', '\\(', '\\)', '\\*', '\\+',
    '\\?', '{', '}', '\\.', '\\^', '\\$', '\\\\', '[ace]', '[abc]', '[a-z]', '[a]', '\\-', '-', '\\_', '[[:lower:]]',
    '[^[:lower:]]', '[[:^lower:]]', '[^\\\\]', 'a{,2}', '\\.\\^\\$\\\\', '[a-zABC]', '[^a]', '[α-ε☺]', 'a*{', '(ab)*',
    'ab|cd', 'a(b|c)d', 'a|c', 'a|[cd]', 'a|.', '[ab]|c', '[ab]|[cd]', '[ab]|.', '.|c', '.|[cd]', '.|.', '[Aa]', 'abcde',
    '[Aa][Bb]cd', '[^ ]', '[^ \f]', '[^ \r]', '[^ \v]', '[^ \t]', '[^ \r\f\v]', '[^ \r\f\t\v]', '[^ \r\n\f\t\v]',
    '[^ \r\n\f\t]', '[^\t-\n\f-\r ]',
  ];
  // ...and the ones that need them are refused in POSIX mode, each with the code RE2 gives.
  const perlOnly: Array<[string, string]> = [
    ['\\d', 'invalid escape sequence: \\d'], ['\\D', 'invalid escape sequence: \\D'], ['\\s', 'invalid escape sequence: \\s'],
    ['\\S', 'invalid escape sequence: \\S'], ['\\w', 'invalid escape sequence: \\w'], ['\\W', 'invalid escape sequence: \\W'],
    ['(?i)\\w', 'no argument for repetition operator: ?'], ['\\C', 'invalid escape sequence: \\C'],
    ['\\p{Braille}', 'invalid escape sequence: \\p'], ['\\P{Braille}', 'invalid escape sequence: \\P'],
    ['(?:ab)*', 'no argument for repetition operator: ?'], ['\\Q+|*?{[\\E', 'invalid escape sequence: \\Q'],
    ['(?m)^', 'no argument for repetition operator: ?'], ['(?m)\\A', 'no argument for repetition operator: ?'],
    ['(?P<name>a)', 'no argument for repetition operator: ?'], ['[\\s\\S]', 'invalid escape sequence: \\s'],
  ];
  for (const p of simple) it(`accepts ${JSON.stringify(p)}`, () => expect(verdict(p)).toBe('ok'));
  for (const [p, e] of perlOnly) it(`refuses the Perl extension ${JSON.stringify(p)}`, () => expect(verdict(p)).toBe(e));

  it(':319-356 prefix_tests without Perl syntax parse in POSIX mode; the others are refused', () => {
    for (const p of ['abc|abd', 'abc|abd|aef|bcx|bcy', 'abc|x|abd', '[ab]c|[ab]d', '.c|.d', 'x{2}|x{2}[0-9]', 'x{2}y|x{2}[0-9]y', 'n|r|rs',
      'n|rs|r', 'r|rs|n', 'rs|r|n', '^/a/bc|^/a/de', 'a|aa|aaa|aaaa|aaaaa|aaaaaa|aaaaaaa|aaaaaaaa|aaaaaaaaa|aaaaaaaaaa',
      'a|aardvark|aardvarks|abaci|aback|abacus|abacuses|abaft|abalone|abalones']) {
      expect(verdict(p), p).toBe('ok');
    }
    expect(verdict('a(?:b)c|abd')).toBe('no argument for repetition operator: ?');
    expect(verdict('(?i)abc|ABD')).toBe('no argument for repetition operator: ?');
    expect(verdict('\\Cc|\\Cd')).toBe('invalid escape sequence: \\C');
  });
  it(':362-371 nested_tests: nested counts up to a product of 1000 (x{0} does not count, parse.cc:540-542)', () => {
    for (const p of ['((((((((((x{2}){2}){2}){2}){2}){2}){2}){2}){2}))', '((((((((((x{1}){2}){2}){2}){2}){2}){2}){2}){2}){2})',
      '((((((((((x{0}){2}){2}){2}){2}){2}){2}){2}){2}){2})', '((((((x{2}){2}){2}){5}){5}){5})']) {
      expect(verdict(p), p).toBe('ok');
    }
  });
  it(':380-405 badtests are refused (in both modes), with RE2 POSIX-mode errors', () => {
    const bad: Array<[string | Uint8Array, string]> = [
      ['(', 'missing ): ('], [')', 'unexpected ): )'], ['(a', 'missing ): (a'], ['(a|b|', 'missing ): (a|b|'],
      ['(a|b', 'missing ): (a|b'], ['[a-z', 'missing ]: [a-z'], ['([a-z)', 'missing ]: [a-z)'],
      ['x{1001}', 'invalid repetition size: {1001}'], [Uint8Array.from([0xff]), 'invalid UTF-8'],
      [Uint8Array.from([0x5b, 0xff, 0x5d]), 'invalid UTF-8'], [Uint8Array.from([0x5b, 0x5c, 0xff, 0x5d]), 'invalid UTF-8'],
      [Uint8Array.from([0x5c, 0xff]), 'invalid UTF-8'], ['(?P<name>a', 'no argument for repetition operator: ?'],
      ['(?P<name>', 'no argument for repetition operator: ?'], ['(?P<name', 'no argument for repetition operator: ?'],
      ['(?P<x y>a)', 'no argument for repetition operator: ?'], ['(?P<>a)', 'no argument for repetition operator: ?'],
      ['[a-Z]', 'invalid character class range: a-Z'], ['(?i)[a-Z]', 'no argument for repetition operator: ?'],
      ['a{100000}', 'invalid repetition size: {100000}'], ['a{100000,}', 'invalid repetition size: {100000,}'],
      ['((((((((((x{2}){2}){2}){2}){2}){2}){2}){2}){2}){2})', 'invalid repetition size: {2}'],
      ['(((x{7}){11}){13})', 'invalid repetition size: {13}'], ['\\Q\\E*', 'invalid escape sequence: \\Q'],
    ];
    for (const [p, e] of bad) expect(verdict(p), String(p)).toBe(e);
  });
  it(':407-418 only_perl is refused in POSIX mode', () => {
    for (const p of ['[a-b-c]', '\\Qabc\\E', '\\Q*+?{[\\E', '\\Q\\\\E', '\\Q\\\\\\E', '\\Q\\\\\\\\E', '\\Q\\\\\\\\\\E', '(?:a)', '(?P<name>a)']) {
      expect(verdict(p), p).not.toBe('ok');
    }
  });
  it(':420-427 only_posix is accepted in POSIX mode', () => {
    for (const p of ['a++', 'a**', 'a?*', 'a+*', 'a{1}*']) expect(verdict(p), p).toBe('ok');
  });
});

describe('accept/refuse table (google/re2@2022-06-01:re2/parse.cc)', () => {
  const table: Array<[string, string, string]> = [
    // [pattern, RE2 error or ok, the line that decides]
    ['a{1000}', 'ok', ':48, 571-577 maximum_repeat_count is 1000'],
    ['a{2,1000}', 'ok', ':571-577'],
    ['a{1000,}', 'ok', ':571-577 {n,} is unbounded above (-1)'],
    ['a{2,1}', 'invalid repetition size: {2,1}', ':571-577 max < min'],
    ['{2}', 'no argument for repetition operator: {2}', ':578-582'],
    ['{1001}', 'invalid repetition size: {1001}', ':571-582 the size is checked before the argument'],
    ['a{,2}', 'ok', ':1356-1386 {,n} is not a repetition, :2360-2365 a literal {'],
    ['a{01}', 'ok', ':1331-1333 no leading zeros: a literal {'],
    ['a{1000000000}', 'ok', ':1337-1339 overflow guard: a literal {'],
    ['a{2', 'ok', ':1381-1382 unterminated: a literal {'],
    ['(a{10}){100}', 'ok', ':594-601 RepetitionWalker: 10 x 100 = 1000 copies'],
    ['(a{10}){101}', 'invalid repetition size: {101}', ':594-601 RepetitionWalker'],
    ['(a{2}|b{600}){2}', 'invalid repetition size: {2}', ':547-556 the largest product over the branches'],
    ['(a{1000}){0,1}', 'ok', ':594 the walker runs only for min or max >= 2'],
    ['(a{1000}){2,}', 'invalid repetition size: {2,}', ':536-539 {n,} counts n'],
    ['(a{1000})*', 'ok', ':475-509 * is not a counted repetition'],
    ['a{2}{501}', 'invalid repetition size: {501}', ':2368-2381 stacked counts are refused only with PerlX; :594-601 they multiply'],
    ['a{2}{500}', 'ok', ':2368-2381, 594-601'],
    ['a**', 'ok', ':2333-2348 stacking refused only with PerlX; :486-489 squashed'],
    ['a*?', 'ok', ':2333-2337 non-greedy only with PerlX; :491-500 a ? squashed into *'],
    ['*', 'no argument for repetition operator: *', ':477-481'],
    ['a|*', 'no argument for repetition operator: *', ':477-481 the | marker is no argument'],
    ['(*)', 'no argument for repetition operator: *', ':477-481 the ( marker is no argument'],
    ['^*', 'ok', ':426-431, 2292-2296 ^ is an operand'],
    ['()', 'ok', ':1247-1255 an empty concatenation is an empty match'],
    ['(?:a)', 'no argument for repetition operator: ?', ':2263-2269 (? is Perl syntax only with PerlX'],
    ['(?i)abc', 'no argument for repetition operator: ?', ':2263-2269'],
    ['\\d', 'invalid escape sequence: \\d', ':2459-2467, 1712-1713 PerlClasses off, then :1473-1482, 1594-1598'],
    ['\\b', 'invalid escape sequence: \\b', ':2391-2398 PerlB off; :1579-1589 \\b is not backspace'],
    ['\\A', 'invalid escape sequence: \\A', ':2400-2406 PerlX off'],
    ['\\z', 'invalid escape sequence: \\z', ':2407-2412 PerlX off'],
    ['\\pL', 'invalid escape sequence: \\p', ':2442-2457, 1738-1739 UnicodeGroups off'],
    ['[\\d]', 'invalid escape sequence: \\d', ':1983-1988 PerlClasses off, then :1873-1874'],
    ['[[:alpha:]]', 'ok', ':1955-1966, 1824-1856 POSIX classes need no flag'],
    ['[[:^space:][:word:]]', 'ok', ':1824-1856, perl_groups.cc posix_groups'],
    ['[[:digits:]]', 'invalid character class range: [:digits:]', ':1846-1851'],
    ['[[:alpha]', 'ok', ':1838-1840 no :] anywhere after: a literal ['],
    ['[[:a]b:]]', 'invalid character class range: [:a]b:]', ':1835-1836 the :] is searched in the whole rest'],
    ['[a-b-c]', 'invalid character class range: -c', ':1936-1952 - only first or last without PerlX'],
    ['[a-]', 'ok', ':1891-1892 [a-] is a and -'],
    ['[-a]', 'ok', ':1934, 1938 first'],
    ['[a-', 'invalid UTF-8', ':1940-1947 the rune after - is read at the end of the pattern'],
    ['[z-a]', 'invalid character class range: z-a', ':1896-1900'],
    ['[]a]', 'ok', ':1926 ] first is a literal'],
    ['[]', 'missing ]: []', ':2003-2007'],
    ['[^]', 'missing ]: [^]', ':2003-2007'],
    ['[a', 'missing ]: [a', ':2003-2007'],
    ['\\', 'trailing \\', ':1462-1466'],
    ['\\1', 'invalid escape sequence: \\1', ':1485-1494 backreferences'],
    ['\\18', 'invalid escape sequence: \\1', ':1493-1494'],
    ['\\101', 'ok', ':1496-1513 octal'],
    ['\\0', 'ok', ':1496-1513'],
    ['\\8', 'invalid escape sequence: \\8', ':1473-1482 a digit is no punctuation'],
    ['\\x41', 'ok', ':1547-1555'],
    ['\\x4', 'invalid escape sequence: \\x4', ':1548-1549'],
    ['\\xg1', 'invalid escape sequence: \\xg1', ':1552-1553'],
    ['\\x{263a}', 'ok', ':1521-1545'],
    ['\\x{10FFFF}', 'ok', ':1535-1536 rune_max'],
    ['\\x{110000}', 'invalid escape sequence: \\x{110000', ':1535-1536'],
    ['\\x{}', 'invalid escape sequence: \\x{}', ':1542-1543 at least one digit'],
    ['\\x{', 'invalid UTF-8', ':1528-1529, 1412-1416 StringPieceToRune on nothing'],
    ['\\x{1', 'invalid escape sequence: \\x{1', ':1537-1538'],
    ['\\_', 'ok', ':1473-1480 escaped punctuation'],
    ['\\é', 'invalid escape sequence: \\é', ':1474, 1482 only ASCII punctuation'],
    ['\\n\\r\\t\\a\\f\\v', 'ok', ':1558-1577'],
    ['é+☺', 'ok', ':2253-2259 UTF-8 literals'],
    ['\ud800', 'ok', 'util/rune.cc:51-124 chartorune does not refuse surrogates'],
    [')', 'unexpected ): )', ':687-692 the argument is the whole pattern'],
    ['a)b', 'unexpected ): a)b', ':687-692'],
    ['((a)', 'missing ): ((a)', ':720-723 the whole pattern'],
  ];
  for (const [p, e, line] of table) it(`${JSON.stringify(p)}: ${line}`, () => expect(verdict(p)).toBe(e));

  it('is handed the bytes libs stores: UTF-8, cut at the first NUL (value_parser.cpp:130-142)', () => {
    expect([...re2PatternBytes('a\u0000(')]).toEqual([0x61]);
    expect(verdict('a\u0000(')).toBe('ok');
    expect([...re2PatternBytes('é\ud800')]).toEqual([0xc3, 0xa9, 0xed, 0xa0, 0x80]);
    // chartorune: overlong, truncated and out-of-range sequences (google/re2@2022-06-01:util/rune.cc:51-124, 192-208; parse.cc:1396-1416)
    for (const bytes of [[0xc0, 0x80], [0xe2, 0x98], [0xf4, 0x90, 0x80, 0x80], [0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]]) {
      expect(checkRe2PosixSyntax(Uint8Array.from(bytes))?.code, String(bytes)).toBe('badUTF8');
    }
    expect(checkRe2PosixSyntax(Uint8Array.from([0xf4, 0x8f, 0xbf, 0xbf]))).toBeUndefined();
  });

  it('has no nesting depth limit at this tag (none in parse.cc); values are at most 255 bytes anyway', () => {
    expect(verdict(`${'('.repeat(127)}${')'.repeat(127)}`)).toBe('ok');
    expect(verdict(`${'('.repeat(127)}${')'.repeat(126)}`)).toBe(`missing ): ${'('.repeat(127)}${')'.repeat(126)}`);
  });

  it('gives the offset and fragment of the error', () => {
    expect(checkRe2PosixSyntax('ab\\d')).toEqual({ code: 'badEscape', arg: '\\d', message: 'invalid escape sequence: \\d', offset: 2 });
  });
});

describe('regexProblem: libs\' message and a fix', () => {
  it('prefixes RE2\'s error as libs does (sinsp_filtercheck.cpp:635-636) and names the POSIX way', () => {
    expect(regexProblem('\\d+')).toEqual({
      libs: 'invalid regex pattern: invalid escape sequence: \\d',
      severity: 'error',
      fix: 'Falco compiles regex values in RE2 POSIX syntax, which has no \\d: write [0-9] or [[:digit:]]',
      index: 0,
    });
    expect(regexProblem('é+\\d')?.index).toBe(2); // RE2's byte offset 3, as an index into the value
    expect(regexProblem('(?i)x')?.fix).toMatch(/no \(\?…\) groups/);
    expect(regexProblem('[a-b-c]')?.fix).toMatch(/first or last/);
    expect(regexProblem('/usr/bin/.*')).toBeUndefined();
  });
});
