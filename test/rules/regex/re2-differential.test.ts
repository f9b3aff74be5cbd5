import { describe, expect, it } from 'vitest';
// the embind class under re2-wasm's RegExp facade: raw RE2 syntax, and delete() frees the wasm heap
import { WrappedRE2 } from 're2-wasm/build/wasm/re2';
import { checkRe2PosixSyntax } from '../../../lib/rules/lint/re2-posix-syntax';
import { mulberry32 } from '../../support/prng';

/**
 * Differential test of the POSIX-mode checker against RE2 itself (npm re2-wasm 1.0.2, which runs
 * RE2 in its default Perl-like mode): on random patterns of the syntax both modes share, both must
 * accept and refuse the same patterns; then every Perl-only construct spliced into a valid pattern
 * must be accepted by RE2 (Perl mode) and refused by the checker, and every POSIX-only one
 * (stacked repetitions) the other way round.
 *
 * The shared alphabet leaves out what the two modes read differently (google/re2@2022-06-01:re2/parse.cc):
 * `(?` (2263-2269), escapes of letters that are Perl classes or assertions (2391-2467), and `-`
 * except inside a range (1936-1952); patterns where RE2 reports a stacked repetition ("bad
 * repetition operator", only raised with PerlX: 2338-2347, 2373-2380) are set aside. Counts stay
 * small: re2-wasm has 16 MiB of memory and aborts on large programs. The embind class is used
 * directly, without re2-wasm's translation of JavaScript syntax.
 */
const PERL = new Map<string, string | undefined>();
const perlMode = (p: string): string | undefined => {
  if (PERL.has(p)) return PERL.get(p);
  const re = new WrappedRE2(p, false, false, false) as InstanceType<typeof WrappedRE2> & { delete(): void };
  try {
    const verdict = re.ok() ? undefined : re.error();
    PERL.set(p, verdict);
    return verdict;
  } finally {
    re.delete();
  }
};

const CLASS_ITEMS = ['a', 'é', 'x-z', '0-9', '[:alpha:]', '[:^digit:]', '[:word:]', '\\.', '\\]', '\\x41', 'z-a', '[:bogus:]', '.', '*', '('];
const SOUP = [
  'a', 'b', 'é', '.', '^', '$', '|', '|', '(', '(', ')', ')', '*', '+', '?', '{', '}', '{2}', '{1,3}', '{2,}', '{0}', '{,2}', ',', '1',
  ']', '[', '\\.', '\\*', '\\(', '\\n', '\\x41', '\\x{263a}', '\\t', '\\\\', '\\101', '\\0', '\\x{', '\\q', '\\8',
];

function randomClass(rnd: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  let s = rnd() < 0.3 ? '[^' : '[';
  const n = Math.floor(rnd() * 3) + (rnd() < 0.1 ? 0 : 1);
  for (let i = 0; i < n; i++) s += pick(CLASS_ITEMS);
  return rnd() < 0.9 ? `${s}]` : s;
}

function randomPattern(rnd: () => number): string {
  const n = Math.floor(rnd() * 10);
  let s = '';
  for (let i = 0; i < n; i++) s += rnd() < 0.15 ? randomClass(rnd) : (SOUP[Math.floor(rnd() * SOUP.length)] as string);
  // a lone backslash only last: before a letter it would be a Perl escape
  return rnd() < 0.03 ? `${s}\\` : s;
}

describe('re2-posix-syntax against RE2 (re2-wasm 1.0.2, Perl mode) on the shared syntax', () => {
  const rnd = mulberry32(0x5e2);
  const patterns = Array.from({ length: 1200 }, () => randomPattern(rnd));

  it('accepts and refuses the same patterns as RE2', () => {
    let compared = 0;
    let refused = 0;
    for (const p of patterns) {
      if (p.includes('(?')) continue;
      const perl = perlMode(p);
      if (perl?.startsWith('bad repetition operator')) continue; // a Perl-only refusal, checked below
      const posix = checkRe2PosixSyntax(p);
      expect(posix === undefined, `${JSON.stringify(p)}: RE2 says ${perl ?? 'ok'}, the checker ${posix?.message ?? 'ok'}`).toBe(perl === undefined);
      compared++;
      if (perl !== undefined) refused++;
    }
    // the sample must exercise both sides
    expect(compared).toBeGreaterThan(900);
    expect(refused).toBeGreaterThan(200);
    expect(compared - refused).toBeGreaterThan(200);
  });

  it('gives the same error text as RE2, code and fragment', () => {
    let same = 0;
    for (const p of patterns) {
      if (p.includes('(?')) continue;
      const perl = perlMode(p);
      const posix = checkRe2PosixSyntax(p);
      if (perl === undefined || posix === undefined || perl.startsWith('bad repetition operator')) continue;
      // with PerlX a ? after a repetition makes it non-greedy and belongs to its fragment (parse.cc:2333-2337, 2368-2372)
      const nonGreedy = /^(no argument for repetition operator|invalid repetition size): /.test(perl) && perl === `${posix.message}?`;
      expect(nonGreedy ? perl.slice(0, -1) : perl, JSON.stringify(p)).toBe(posix.message);
      same++;
    }
    expect(same).toBeGreaterThan(200);
  });

  const valid = patterns.filter((p) => !p.includes('(?') && perlMode(p) === undefined && checkRe2PosixSyntax(p) === undefined).slice(0, 40);
  const PERL_ONLY: Array<[(p: string) => string, string]> = [
    [(p) => `${p}\\d`, 'invalid escape sequence: \\d'],
    [(p) => `\\D${p}`, 'invalid escape sequence: \\D'],
    [(p) => `${p}\\s`, 'invalid escape sequence: \\s'],
    [(p) => `(${p}\\w)`, 'invalid escape sequence: \\w'],
    [(p) => `${p}\\b`, 'invalid escape sequence: \\b'],
    [(p) => `\\B${p}`, 'invalid escape sequence: \\B'],
    [(p) => `\\A(${p})`, 'invalid escape sequence: \\A'],
    [(p) => `(${p})\\z`, 'invalid escape sequence: \\z'],
    [(p) => `(${p})[\\d_]`, 'invalid escape sequence: \\d'],
    [(p) => `\\Q*\\E(${p})`, 'invalid escape sequence: \\Q'],
    [(p) => `(?:${p})`, 'no argument for repetition operator: ?'],
    [(p) => `(?i)(${p})`, 'no argument for repetition operator: ?'],
    [(p) => `(?P<n>${p})`, 'no argument for repetition operator: ?'],
    [(p) => `(${p})[a-b-c]`, 'invalid character class range: -c'],
  ];
  it('refuses exactly the Perl-only constructs, which RE2 in Perl mode accepts', () => {
    expect(valid.length).toBe(40);
    for (const p of valid) {
      for (const [splice, error] of PERL_ONLY) {
        const q = splice(p);
        expect(perlMode(q), q).toBeUndefined();
        expect(checkRe2PosixSyntax(q)?.message, q).toBe(error);
      }
    }
    // Unicode classes compile to large programs in RE2: a few patterns only
    for (const p of valid.slice(0, 3)) {
      for (const q of [`${p}\\pL`, `\\P{Greek}(${p})`]) {
        expect(perlMode(q), q).toBeUndefined();
        expect(checkRe2PosixSyntax(q)?.message, q).toBe(`invalid escape sequence: ${q.includes('\\pL') ? '\\p' : '\\P'}`);
      }
    }
  });
  it('accepts the POSIX-only stacked repetitions, which RE2 in Perl mode refuses', () => {
    for (const p of valid) {
      for (const q of [`(${p})**`, `(${p})a+*`, `(${p})a?+`, `(${p})a{2}*`, `(${p})a*{2}`, `(${p})a{2}{3}`]) {
        expect(perlMode(q), q).toMatch(/^bad repetition operator/);
        expect(checkRe2PosixSyntax(q), q).toBeUndefined();
      }
    }
  });
});
