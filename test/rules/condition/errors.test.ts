import { describe, expect, it } from 'vitest';
import { codeFrame, ConditionSyntaxError, describeExpected } from '../../../lib/rules/condition';

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
  it('builds its message from the reason and the position', () => {
    const e = new ConditionSyntaxError({ code: 'unexpected-token', reason: 'bad', line: 3, column: 7, offset: 20 });
    expect(e.message).toBe('bad (3:7)');
    expect(e.expected).toEqual([]);
    expect(e).toBeInstanceOf(Error);
  });
});
