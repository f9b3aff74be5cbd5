import { describe, expect, it } from 'vitest';
import { LineCounter } from '../../lib/rules';

describe('LineCounter', () => {
  it('places offsets on 1-based lines and columns', () => {
    const lines = new LineCounter('ab\ncd\n');
    expect([0, 1, 2, 3, 5, 6].map((o) => lines.position(o))).toEqual([
      { line: 1, column: 1, offset: 0 },
      { line: 1, column: 2, offset: 1 },
      { line: 1, column: 3, offset: 2 },
      { line: 2, column: 1, offset: 3 },
      { line: 2, column: 3, offset: 5 },
      { line: 3, column: 1, offset: 6 },
    ]);
  });

  it('ends a line at \\n, \\r\\n and a lone \\r, and keeps the \\r\\n pair on its line', () => {
    const lines = new LineCounter('a\r\nb\rc\nd');
    expect(lines.lineCount).toBe(4);
    expect(lines.position(1)).toEqual({ line: 1, column: 2, offset: 1 });
    expect(lines.position(2)).toEqual({ line: 1, column: 3, offset: 2 });
    expect(lines.position(3)).toEqual({ line: 2, column: 1, offset: 3 });
    expect(lines.position(5)).toEqual({ line: 3, column: 1, offset: 5 });
    expect([1, 2, 3, 4].map((l) => lines.lineText(l))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('clamps offsets and lines outside the text', () => {
    const lines = new LineCounter('ab\nc');
    expect(lines.position(-5)).toEqual({ line: 1, column: 1, offset: 0 });
    expect(lines.position(99)).toEqual({ line: 2, column: 2, offset: 4 });
    expect([lines.lineText(0), lines.lineText(9)]).toEqual(['ab', 'c']);
  });

  it('has one line for an empty text', () => {
    const lines = new LineCounter('');
    expect([lines.lineCount, lines.lineText(1)]).toEqual([1, '']);
    expect(lines.position(0)).toEqual({ line: 1, column: 1, offset: 0 });
  });
});
