/**
 * Recovers where a condition was broken across lines in its rules file, so the generated file
 * can break it at the same places and a reviewer can hold it next to upstream.
 *
 * Presentation only: YAML folds those line breaks into spaces, so the breaks found here are
 * indices of spaces in the value. A wrong guess can only make the output look different, never
 * change a value: the printer re-folds at these spaces and checks the value round-trips.
 */

/** A piece of text that was written as (part of) one scalar starting at `line`:`column` of `file`. */
export interface SourcedText {
  readonly text: string;
  readonly at: { readonly file: string; readonly line: number; readonly column: number };
}

/** Scan at most this far past the previous match for the next character; beyond it, give up. */
const MAX_GAP = 400;

/** Offsets of line starts, per file text, computed once. */
export class SourceTexts {
  private readonly lineStarts = new Map<string, number[]>();

  constructor(private readonly texts: ReadonlyMap<string, string>) {}

  text(file: string): string | undefined {
    return this.texts.get(file);
  }

  offset(file: string, line: number, column: number): number | undefined {
    const text = this.texts.get(file);
    if (text === undefined) return undefined;
    let starts = this.lineStarts.get(file);
    if (starts === undefined) {
      starts = [0];
      for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
      this.lineStarts.set(file, starts);
    }
    const start = starts[line - 1];
    return start === undefined ? undefined : start + column - 1;
  }
}

/**
 * Indices (into the concatenation of `parts` joined with one space, as Falco's collector joins
 * appended conditions) of the spaces that stand for a line break in the source. The space that
 * joins two parts counts as a break, so an appended condition starts on its own line.
 */
export function sourceLineBreaks(parts: readonly SourcedText[], sources: SourceTexts): number[] {
  const breaks: number[] = [];
  let base = 0;
  parts.forEach((part, i) => {
    if (i > 0) breaks.push(base - 1);
    const src = sources.text(part.at.file);
    const start = sources.offset(part.at.file, part.at.line, part.at.column);
    if (src !== undefined && start !== undefined) {
      for (const b of breaksInScalar(part.text, src, start)) breaks.push(base + b);
    }
    base += part.text.length + 1;
  });
  return breaks;
}

/**
 * Walks `value` and the source from `start` together: YAML resolution only drops indentation and
 * quotes and folds line breaks into spaces, so each value character is found, in order, in the
 * source; a value space found as a line break is a fold.
 */
function breaksInScalar(value: string, src: string, start: number): number[] {
  const breaks: number[] = [];
  let p = start;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    const limit = Math.min(src.length, p + MAX_GAP);
    let q = p;
    while (q < limit && src[q] !== c && !(c === ' ' && (src[q] === '\n' || src[q] === '\r'))) q++;
    if (q >= limit) return breaks;
    if (c === ' ' && src[q] !== ' ') breaks.push(i);
    p = q + 1;
  }
  return breaks;
}
