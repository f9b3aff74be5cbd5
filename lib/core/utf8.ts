import { UserError } from './user-error';

// ignoreBOM keeps a leading byte-order mark in the text, as readFileSync does: SourceFile drops it.
const STRICT = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes a file's bytes as UTF-8, refusing invalid input instead of replacing it with U+FFFD
 * (what `readFileSync(file, 'utf8')` does silently, and what then reached dist/). Falco reads rule
 * files as UTF-8 YAML; a replaced byte would ship text the author never wrote. The error names the
 * file as the caller gives it, the line and column of the first bad byte, and its byte offset.
 */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return STRICT.decode(bytes);
  } catch {
    const offset = firstInvalidUtf8Offset(bytes) ?? 0;
    const { line, column } = lineAndColumn(bytes, offset);
    const shown = Array.from(bytes.subarray(offset, Math.min(offset + 4, bytes.length)), (b) => `0x${b.toString(16).padStart(2, '0')}`);
    throw new UserError({
      subject: `${file}:${line}:${column}`,
      problem: `is not valid UTF-8: byte offset ${offset} starts an invalid sequence (${shown.join(' ')})`,
      fix: 'save the file as UTF-8 (Falco reads rule files as UTF-8); nothing was changed.',
    });
  }
}

/**
 * The offset of the first byte that does not start a valid UTF-8 sequence (RFC 3629: no overlong
 * forms, no surrogates, nothing above U+10FFFF), or undefined when every byte is valid.
 */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number | undefined {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    // Length of the sequence and the range its second byte must fall in (RFC 3629 section 4).
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) low = 0xa0;
      if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f;
    } else return i;
    if (i + length > bytes.length) return i;
    const second = bytes[i + 1]!;
    if (second < low || second > high) return i;
    for (let k = 2; k < length; k++) {
      const c = bytes[i + k]!;
      if (c < 0x80 || c > 0xbf) return i;
    }
    i += length;
  }
  return undefined;
}

/** 1-based line and column (in characters of the valid text before it) of a byte offset. */
function lineAndColumn(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let lineStart = 0;
  let line = 1;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  // Everything before `offset` is valid UTF-8, so the column counts characters, as editors do.
  const column = [...STRICT.decode(bytes.subarray(lineStart, offset))].length + 1;
  return { line, column };
}
