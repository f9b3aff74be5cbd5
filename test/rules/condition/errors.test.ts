import { describe, expect, it } from 'vitest';
import { codeFrame, ConditionSyntaxError, describeExpected, formatConditionError, parseCondition } from '../../../lib/rules/condition';
import { catchError } from './helpers';

describe('codeFrame', () => {
  it('shows the line with a gutter and a caret under the column', () => {
    expect(codeFrame('a and\n  b c', 2, 5)).toBe('2 |   b c\n  |     ^');
  });

  it('keeps tabs in the pointer line so the caret lines up', () => {
    expect(codeFrame('\tx.y = = 1', 1, 8)).toBe('1 | \tx.y = = 1\n  | \t      ^');
  });

  it('points past the end of the line for an error at the end', () => {
    expect(codeFrame('proc.name =', 1, 12)).toBe('1 | proc.name =\n  |            ^');
  });

  it('clamps positions outside the source instead of throwing', () => {
    expect(codeFrame('abc', 9, 99)).toBe('1 | abc\n  |    ^');
  });

  it('ends lines where the parser does: at \\n, \\r\\n and a lone \\r', () => {
    expect(codeFrame('a\r\nb\rc d', 3, 3)).toBe('3 | c d\n  |   ^');
  });
});

describe('describeExpected', () => {
  it('words one, two and many expected items', () => {
    expect(describeExpected(["')'"], "'x'")).toBe("expected ')' but found 'x'");
    expect(describeExpected(["','", "')'"], 'end of condition', ' (closing the list)')).toBe(
      "expected ',' or ')' (closing the list) but found end of condition",
    );
    expect(describeExpected(["'a'", "'b'", "'c'"], "'d'")).toBe("expected one of 'a', 'b', 'c' but found 'd'");
  });
});

describe('ConditionSyntaxError', () => {
  const at = (line: number, column: number, offset: number) => ({ line, column, offset });

  it('has the plain description as its message; formatConditionError adds the position', () => {
    const e = new ConditionSyntaxError({ code: 'unexpected-token', reason: 'bad', start: at(3, 7, 20) });
    expect(e.message).toBe('bad');
    expect(formatConditionError(e)).toBe('bad (3:7)');
    expect([e.line, e.column, e.offset]).toEqual([3, 7, 20]);
    expect(e.end).toEqual(e.start);
    expect(e.expected).toEqual([]);
    expect(e.related).toEqual([]);
    expect(e).toBeInstanceOf(Error);
  });

  it('carries start, end and the related opening parenthesis of an unclosed group as data', () => {
    // GIVEN a group opened on line 1 and never closed
    const source = 'evt.type = open and (\n  proc.name = a\n  proc.name = b)';
    // WHEN it is parsed
    const e = catchError(() => parseCondition(source)) as ConditionSyntaxError;
    // THEN the error is at 'proc.name' of line 3, and names the '(' of line 1
    expect(e.code).toBe('unclosed-paren');
    expect(e.start).toEqual(at(3, 3, 40));
    expect(e.end).toEqual(at(3, 12, 49));
    expect(source.slice(e.start.offset, e.end.offset)).toBe('proc.name');
    expect(e.related).toEqual([{ what: "the '('", start: at(1, 21, 20), end: at(1, 22, 21) }]);
    expect(e.expected).toEqual(["'and'", "'or'", "')'"]);
    expect(e.found).toBe("'proc.name'");
    // The message shows related positions relative to the condition unless told otherwise.
    expect(e.message).toBe("expected one of 'and', 'or', ')' (closing the '(' at 1:21) but found 'proc.name'");
    expect(e.describe((p) => `rules.yaml:${p.line + 10}:${p.column}`)).toBe(
      "expected one of 'and', 'or', ')' (closing the '(' at rules.yaml:11:21) but found 'proc.name'",
    );
    expect(e.describe(() => undefined)).toBe("expected one of 'and', 'or', ')' (closing the '(') but found 'proc.name'");
  });

  it("spans a transformer's whole name and parenthesis, and an unterminated string to the end", () => {
    const unclosed = catchError(() => parseCondition('tolower(proc.name = x')) as ConditionSyntaxError;
    expect(unclosed.related).toEqual([{ what: "'tolower('", start: at(1, 1, 0), end: at(1, 9, 8) }]);
    const unterminated = catchError(() => parseCondition('proc.name = "abc')) as ConditionSyntaxError;
    expect([unterminated.code, unterminated.start.offset, unterminated.end.offset]).toEqual(['unterminated-string', 12, 16]);
    const escape = catchError(() => parseCondition('proc.name = "a\\qb"')) as ConditionSyntaxError;
    expect([escape.code, escape.start.offset, escape.end.offset]).toEqual(['invalid-escape', 14, 16]);
    const end = catchError(() => parseCondition('proc.name =')) as ConditionSyntaxError;
    expect([end.found, end.start, end.end]).toEqual(['end of condition', at(1, 12, 11), at(1, 12, 11)]);
  });

  it('counts \\r\\n and a lone \\r as one line break each', () => {
    const e = catchError(() => parseCondition('a and\r\nb and\rc d')) as ConditionSyntaxError;
    expect(e.start).toEqual(at(3, 3, 15));
  });
});
