import type { ConditionSyntaxError } from '../condition';
import type { RelatedLocation } from '../diagnostic';
import type { TextPosition } from '../line-counter';
import type { ConditionPart, ConditionParts, SourceRef } from './effective-ruleset';

/** A syntax error of a composed condition, placed in the files. */
export interface PlacedSyntaxError {
  /** Where the offending text is. */
  readonly at: SourceRef;
  /** The description, its related positions shown as file positions (`closing the '(' at 12:18`). */
  readonly reason: string;
  readonly related: readonly RelatedLocation[];
}

/** A position in a rules file with its offset. */
export interface SourcePosition extends SourceRef, TextPosition {}

/** The file position of `index` in a part's text (clamped to the text; its end is a position too). */
export function partPosition(part: Pick<ConditionPart, 'text' | 'at' | 'segments'>, index: number): SourcePosition {
  const i = Math.max(0, Math.min(index, part.text.length));
  const segments = part.segments;
  // The last segment that starts at or before `i`; segments are sorted and the first starts at 0.
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((segments[mid]?.index ?? 0) <= i) lo = mid;
    else hi = mid - 1;
  }
  // A part always has a segment for index 0 (`scalarPart`); without one, its start is all there is.
  const s = segments[lo] ?? { index: 0, line: part.at.line, column: part.at.column, offset: 0 };
  const d = i - s.index;
  return { file: part.at.file, line: s.line, column: s.column + d, offset: s.offset + d };
}

/**
 * A condition or output composed from parts joined with a single space, as Falco's collector
 * joins appended text, that maps an offset in the composed text back to its file position
 * through the parts' source maps.
 */
export class MappedText {
  readonly text: string;
  /** Offset of each part in `text`. */
  private readonly starts: number[] = [];

  constructor(readonly parts: ConditionParts) {
    let pos = 0;
    for (const part of parts) {
      this.starts.push(pos);
      pos += part.text.length + 1;
    }
    this.text = parts.map((p) => p.text).join(' ');
  }

  /** The file position of `offset` in the composed text; the joining spaces map to the end of the part before. */
  position(offset: number): SourcePosition {
    let i = this.parts.length - 1;
    while (i > 0 && (this.starts[i] ?? 0) > offset) i--;
    return partPosition(this.parts[i] ?? this.parts[0], offset - (this.starts[i] ?? 0));
  }

  /** `position` as file, line and column. */
  locate(offset: number): SourceRef {
    const { file, line, column } = this.position(offset);
    return { file, line, column };
  }

  /**
   * A syntax error of this text (or of a text derived from it: `toOffset` maps the error's
   * offsets back to this one), placed in the files. A related position shows as `line:column`
   * in the error's own file, else with its file, so every position a message shows can be found.
   */
  placeSyntaxError(error: ConditionSyntaxError, toOffset: (offset: number) => number = (o) => o): PlacedSyntaxError {
    const locate = (p: TextPosition): SourceRef => this.locate(toOffset(p.offset));
    const at = locate(error.start);
    const reason = error.describe((p) => {
      const r = locate(p);
      return r.file === at.file ? `${r.line}:${r.column}` : `${r.file}:${r.line}:${r.column}`;
    });
    const related = error.related.map((r) => ({ ...locate(r.start), message: `${r.what} opened here` }));
    return { at, reason, related };
  }
}
