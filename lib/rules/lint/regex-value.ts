import { checkRe2PosixSyntax, re2PatternBytes, type Re2SyntaxError } from './re2-posix-syntax';
import type { ValueProblem } from './value-parsers';

/** How to write the Perl-only escapes in POSIX syntax. */
const POSIX_FOR: Record<string, string> = {
  d: '[0-9] or [[:digit:]]',
  D: '[^0-9] or [[:^digit:]]',
  s: '[[:space:]]',
  S: '[[:^space:]]',
  w: '[[:word:]] (letters, digits, _)',
  W: '[[:^word:]]',
  b: 'an explicit class around the word, e.g. (^|[^[:word:]])word([^[:word:]]|$)',
  B: 'an explicit class of word characters',
  A: '^ (libs anchors a regex at both ends anyway)',
  z: '$ (libs anchors a regex at both ends anyway)',
  Z: '$ (libs anchors a regex at both ends anyway)',
  Q: 'each special character escaped with \\ instead of \\Q…\\E',
  E: 'each special character escaped with \\ instead of \\Q…\\E',
  p: 'an explicit class such as [[:alpha:]] (RE2 POSIX mode has no Unicode classes)',
  P: 'an explicit negated class such as [[:^alpha:]] (RE2 POSIX mode has no Unicode classes)',
  C: '. (RE2 POSIX mode has no \\C)',
};

function fixFor(e: Re2SyntaxError): string {
  switch (e.code) {
    case 'badEscape': {
      const letter = e.arg.charAt(1);
      const posix = POSIX_FOR[letter];
      if (posix !== undefined && e.arg.length === 2) return `Falco compiles regex values in RE2 POSIX syntax, which has no \\${letter}: write ${posix}`;
      if (/^\\[1-9]/.test(e.arg)) return 'RE2 has no backreferences; write an octal escape with three digits (\\101) or the character itself';
      return 'RE2 POSIX syntax escapes only punctuation, \\n \\r \\t \\a \\f \\v, octal (\\0, \\101) and hex (\\x41, \\x{263a}); write the character itself';
    }
    case 'repeatArgument':
      return e.arg === '?'
        ? 'Falco compiles regex values in RE2 POSIX syntax, which has no (?…) groups or flags: use a plain group (…) and write case variants explicitly ([Aa])'
        : `put something before '${e.arg}' to repeat, or escape it (\\${e.arg.charAt(0)})`;
    case 'repeatSize':
      return 'a counted repetition allows at most {1000}, and nested counts may not multiply past 1000';
    case 'badCharRange':
      return e.arg.startsWith('[:')
        ? 'the POSIX classes are [:alnum:] [:alpha:] [:ascii:] [:blank:] [:cntrl:] [:digit:] [:graph:] [:lower:] [:print:] [:punct:] [:space:] [:upper:] [:word:] [:xdigit:] (negated [:^name:])'
        : e.arg.startsWith('-')
          ? "in RE2 POSIX syntax '-' is a literal only first or last in a class: move it to the end or escape it (\\-)"
          : 'write the range low-high in code point order';
    case 'missingBracket':
      return "close the class with ']' (a literal ']' goes first: []a])";
    case 'missingParen':
      return "close every '(' with ')' (a literal parenthesis is \\()";
    case 'unexpectedParen':
      return "remove the extra ')' or escape it (\\))";
    case 'trailingBackslash':
      return 'remove the final \\ or double it (\\\\)';
    case 'badUTF8':
      return 'write the pattern as valid UTF-8 (a \\x{ escape needs hex digits and })';
    default:
      return 'fix the pattern (RE2 syntax, POSIX mode)';
  }
}

/**
 * libs' refusal of a `regex` value: RE2 in POSIX mode does not parse it
 * (`throw sinsp_exception("invalid regex pattern: " + re->error())`,
 * falcosecurity/libs@0.25.4:userspace/libsinsp/sinsp_filtercheck.cpp:631-637).
 */
export function regexProblem(value: string): ValueProblem | undefined {
  const bytes = re2PatternBytes(value);
  const e = checkRe2PosixSyntax(bytes);
  if (e === undefined) return undefined;
  // RE2's byte offset as an index into the value (the bytes are UTF-8 of the value, so a prefix decodes to a prefix)
  const index = Buffer.from(bytes.subarray(0, e.offset)).toString('utf8').length;
  return { libs: `invalid regex pattern: ${e.message}`, severity: 'error', fix: fixFor(e), index };
}
