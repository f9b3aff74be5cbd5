/**
 * A place in a text: `line` and `column` are 1-based (UTF-16 code units, as editors and the
 * `yaml` package count them), `offset` is 0-based.
 */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

/**
 * Offset → line:column for one text: the only line counter of the rules toolchain, so a rules
 * file, a condition and a code frame agree on where a line ends. A line ends at `\n`, `\r\n` or a
 * lone `\r` (YAML 1.2's line breaks, and what editors show). The `yaml` package does not end a
 * line at a lone `\r`, but such a file does not parse as intended there anyway.
 */
export class LineCounter {
  /** Offset of the first character of each line. */
  private readonly starts: number[] = [0];
  /** 0-based index of the line `position` found last. */
  private lastLine = 0;

  constructor(readonly text: string) {
    const starts = this.starts;
    // indexOf, not a loop over every character: this runs once per file, mostly before the JIT
    // has warmed up, where a per-character loop costs milliseconds per file.
    if (!text.includes('\r')) {
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      return;
    }
    const breaks = /\r\n?|\n/g;
    for (let m = breaks.exec(text); m !== null; m = breaks.exec(text)) starts.push(m.index + m[0].length);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The position of a 0-based offset, clamped to the text (its end is a position too). */
  position(offset: number): TextPosition {
    const o = this.clamp(offset);
    const line = this.lineIndexOf(o);
    return { line: line + 1, column: o - this.lineStart(line) + 1, offset: o };
  }

  /** `offset` clamped to the text: `[0, text.length]`. */
  clamp(offset: number): number {
    return offset < 0 ? 0 : offset > this.text.length ? this.text.length : offset;
  }

  /**
   * 0-based index of the line holding offset `o` (within the text), for a caller that builds its
   * own position object (the condition parser, once per node) instead of taking `position`'s.
   */
  lineIndexOf(o: number): number {
    // Callers mostly ask in text order (a parser, a scalar walk): try the last line found first.
    let line = this.lastLine;
    if (!this.holds(line, o)) line = this.holds(line + 1, o) ? line + 1 : this.search(o);
    this.lastLine = line;
    return line;
  }

  /** Offset of the first character of 0-based line `line`. */
  lineStart(line: number): number {
    return this.starts[line] ?? 0;
  }

  /** Whether 0-based line `line` holds offset `o`. */
  private holds(line: number, o: number): boolean {
    const start = this.starts[line];
    const next = this.starts[line + 1];
    return start !== undefined && start <= o && (next === undefined || o < next);
  }

  /** 0-based index of the line holding offset `o`: the last line start at or before it. */
  private search(o: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      // `mid` is within [0, starts.length).
      if ((starts[mid] ?? 0) <= o) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The text of a 1-based line without its line break; clamped to the existing lines. */
  lineText(line: number): string {
    const index = Math.min(Math.max(line, 1), this.starts.length) - 1;
    const start = this.starts[index] ?? 0; // index is clamped to the lines
    const next = this.starts[index + 1];
    const raw = next === undefined ? this.text.slice(start) : this.text.slice(start, next);
    return raw.replace(/\r?\n$|\r$/, '');
  }
}
