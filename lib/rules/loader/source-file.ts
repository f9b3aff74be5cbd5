import { LineCounter, type TextPosition } from '../line-counter';
import type { ConditionPart, SourceRef, SourceSpan, TextSegment } from './effective-ruleset';
import { LazyPart, type PartMap } from './lazy-part';
import type { YamlScalar } from './yaml-model';

/**
 * A leading UTF-8 byte-order mark is not content: yaml-cpp (Falco's YAML library) detects and
 * skips it when it opens the stream (`stream.cpp`, `IntroCharTypeOf`/`uis_utf8bom`), so Falco
 * loads such files normally, while the `yaml` package fails on `\uFEFF- item`. Dropping it here,
 * where a file's text enters the toolchain, also keeps line-1 columns as editors count them.
 */
function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** A rules file's text, as the loader reads it, with its positions. */
export class SourceFile {
  /** The text without a leading byte-order mark: every offset of the file is into this text. */
  readonly text: string;
  private readonly lines: LineCounter;

  constructor(
    readonly name: string,
    text: string,
  ) {
    this.text = withoutBom(text);
    this.lines = new LineCounter(this.text);
  }

  /** Line, column and offset of a 0-based offset (clamped to the text). */
  position(offset: number): TextPosition {
    return this.lines.position(offset);
  }

  /** File, line and column of a 0-based offset (clamped to the text). */
  ref(offset: number): SourceRef {
    const { line, column } = this.lines.position(offset);
    return { file: this.name, line, column };
  }

  /** The range `[start, end)` of this file. */
  span(start: number, end: number): SourceSpan {
    return { file: this.name, start: this.position(start), end: this.position(end) };
  }
}

const SPACE = 32;
const LF = 10;
const CR = 13;
const isBreakCode = (c: number): boolean => c === LF || c === CR;

/**
 * The text of a scalar as a condition part, with its source map (made when first asked for): each
 * character of the resolved value placed at its offset in the file, and the spaces that YAML
 * folded from a line break.
 *
 * YAML resolution only drops indentation, folds line breaks into spaces and removes quoting, so
 * walking value and source together is exact for plain and block scalars (the common forms of a
 * `condition`) and close for quoted ones (an escape maps to the character after its backslash).
 */
export function scalarPart(file: SourceFile, node: YamlScalar, text: string, kind: ConditionPart['kind']): ConditionPart {
  return new LazyPart(text, kind, () => mapScalar(file, node, text));
}

/** The source map of `scalarPart`, walked when first asked for. */
function mapScalar(file: SourceFile, node: YamlScalar, text: string): PartMap {
  const [start, end] = node.range;
  const src = file.text;
  let p = start;
  if (node.style === 'QUOTE_DOUBLE' || node.style === 'QUOTE_SINGLE') p = start + 1;
  else if (node.style === 'BLOCK_FOLDED' || node.style === 'BLOCK_LITERAL') {
    // Content starts on the line after the `>`/`|` header.
    const nl = src.indexOf('\n', start);
    p = nl === -1 ? end : nl + 1;
  }
  // The source map as runs of consecutive offsets on one line: a new segment starts where the
  // offset jumps, or after a line break character (the next offset is then on the next line).
  // Character codes and no closure per character: this walks every condition and output of a
  // file, mostly before the JIT has warmed up.
  const segments: TextSegment[] = [];
  let previous = -2;
  const lineBreaks: number[] = [];
  let last = p - 1;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    let q = p;
    if (c === SPACE) {
      // A space of the value may be a folded line break of the source.
      while (q < end) {
        const d = src.charCodeAt(q);
        if (d === SPACE || d === LF || d === CR) break;
        q++;
      }
    } else {
      while (q < end && src.charCodeAt(q) !== c) q++;
    }
    if (q < end) {
      last = q;
      if (c === SPACE && src.charCodeAt(q) !== SPACE) lineBreaks.push(i);
      p = q + 1;
    } else last = Math.min(p, Math.max(start, end - 1));
    if (last !== previous + 1 || isBreakCode(src.charCodeAt(previous))) {
      const at = file.position(last);
      segments.push({ index: i, line: at.line, column: at.column, offset: at.offset });
    }
    previous = last;
  }
  const place = (index: number, offset: number): void => {
    if (offset !== previous + 1 || isBreakCode(src.charCodeAt(previous))) {
      const at = file.position(offset);
      segments.push({ index, line: at.line, column: at.column, offset: at.offset });
    }
    previous = offset;
  };
  // The end of the text is a position too: just after its last character.
  place(text.length, last + 1);
  const first = segments[0];
  const at = first === undefined ? file.ref(p) : { file: file.name, line: first.line, column: first.column };
  return { at, segments, lineBreaks };
}
