import type { Scalar } from 'yaml';
import type { SourceRef } from './effective-ruleset';

/** A rules file's text with fast offset → line:column lookup. */
export class SourceFile {
  private readonly lineStarts: number[] = [0];

  constructor(
    readonly name: string,
    readonly text: string,
  ) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }

  /** 1-based line and column of a 0-based offset (clamped to the text). */
  ref(offset: number): SourceRef {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] as number) <= o) lo = mid;
      else hi = mid - 1;
    }
    return { file: this.name, line: lo + 1, column: o - (this.lineStarts[lo] as number) + 1 };
  }
}

const isBreak = (c: string | undefined): boolean => c === '\n' || c === '\r';

/**
 * Maps each character of a scalar's resolved value to its offset in the file.
 *
 * YAML resolution only drops indentation, folds line breaks into spaces and removes quoting, so
 * walking value and source together is exact for plain and block scalars (the common forms of a
 * `condition`) and close for quoted ones (an escape maps to the character after its backslash).
 */
export function scalarOffsets(file: SourceFile, node: Scalar): (index: number) => number {
  const [start, end] = node.range ?? [0, 0, 0];
  const src = file.text;
  const value = String(node.source ?? node.value ?? '');
  let cache: Int32Array | undefined;
  const build = (): Int32Array => {
    const map = new Int32Array(value.length + 1);
    let p = start;
    if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') p = start + 1;
    else if (node.type === 'BLOCK_FOLDED' || node.type === 'BLOCK_LITERAL') {
      // Content starts on the line after the `>`/`|` header.
      const nl = src.indexOf('\n', start);
      p = nl === -1 ? end : nl + 1;
    }
    for (let i = 0; i < value.length; i++) {
      const c = value[i];
      let q = p;
      while (q < end && src[q] !== c && !(c === ' ' && isBreak(src[q]))) q++;
      if (q < end) {
        map[i] = q;
        p = q + 1;
      } else map[i] = Math.min(p, Math.max(start, end - 1));
    }
    map[value.length] = value.length > 0 ? (map[value.length - 1] as number) + 1 : p;
    return map;
  };
  return (index) => {
    cache ??= build();
    return cache[Math.max(0, Math.min(index, value.length))] as number;
  };
}

/** One contributor to a composed text: its text and how to place each of its characters. */
export interface MappedPart {
  readonly text: string;
  readonly file: SourceFile;
  readonly offsetOf: (index: number) => number;
}

/**
 * Text composed from parts joined with a single space, as Falco's collector joins appended
 * conditions, that can map an offset in the composed text back to a file position.
 */
export class MappedText {
  readonly text: string;
  private readonly starts: number[] = [];

  constructor(readonly parts: readonly MappedPart[]) {
    let pos = 0;
    for (const part of parts) {
      this.starts.push(pos);
      pos += part.text.length + 1;
    }
    this.text = parts.map((p) => p.text).join(' ');
  }

  /** The position of `offset` in the composed text; the joining spaces map to the end of the part before. */
  locate(offset: number): SourceRef {
    let i = this.parts.length - 1;
    while (i > 0 && (this.starts[i] as number) > offset) i--;
    const part = this.parts[i] as MappedPart;
    const local = Math.min(offset - (this.starts[i] as number), part.text.length);
    return part.file.ref(part.offsetOf(local));
  }
}
