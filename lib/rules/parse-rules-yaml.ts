import type { CST, Document } from 'yaml';
import { yamlLibrary } from '../core';

/**
 * yaml-cpp's nesting limit: `SingleDocParser::HandleNode` takes a `DepthGuard<500>` for every node
 * it descends into and throws `DeepRecursion` ("bad file") once the depth reaches 500, so Falco
 * refuses such a file (LOAD_ERR_YAML_PARSE). jbeder/yaml-cpp@c2bec4c7:src/singledocparser.cpp:50
 * and include/yaml-cpp/depthguard.h:48-55, the commit falco@0.44.1:cmake/modules/yaml-cpp.cmake:22
 * pins.
 */
export const YAML_MAX_DEPTH = 500;

/** A syntax error of a rules file: where (0-based offset into the text) and what, in one line. */
export interface YamlSyntaxError {
  readonly offset: number;
  readonly detail: string;
}

export type ParsedRulesYaml = { readonly docs: readonly Document[]; readonly error?: undefined } | { readonly docs?: undefined; readonly error: YamlSyntaxError };

/**
 * Parses a rules file as `parseAllDocuments` does (the `yaml` package's own Parser and Composer),
 * with two differences that make the one error reported point where the user must look, the same
 * on every run:
 *
 * - Nesting is checked on the concrete syntax tree, which the Parser builds without recursion,
 *   before the Composer (which recurses per level) runs: a 10,000-level file is refused at the
 *   first node that reaches yaml-cpp's limit, instead of overflowing the JavaScript stack at a
 *   depth that depends on the stack's size and the JIT.
 * - An unterminated quote or bracket, and a line indented too deeply, are reported where the
 *   mistake is (see betterOffset), not where the `yaml` package noticed it: for a quote that is
 *   the end of the file, past the last line.
 *
 * Any other error is the `yaml` package's first one, at its position, moved back onto the last
 * line when it lies past the end of the text.
 */
export function parseRulesYaml(text: string): ParsedRulesYaml {
  const { Composer, Parser } = yamlLibrary();
  const tokens = [...new Parser().parse(text)];
  const scan = scanTokens(tokens);
  if (scan.tooDeep !== undefined) {
    return {
      error: {
        offset: scan.tooDeep,
        detail: `a node nested ${YAML_MAX_DEPTH} levels deep, which Falco's YAML parser (yaml-cpp) refuses`,
      },
    };
  }
  const composer = new Composer({ uniqueKeys: false, prettyErrors: false });
  const docs = [...composer.compose(tokens, true, text.length)];
  const first = docs.flatMap((d) => d.errors)[0];
  if (first === undefined) return { docs };
  // With `prettyErrors: false` the message carries no position and no code frame; its first line
  // is the description.
  const detail = first.message.split('\n')[0] ?? first.message;
  return { error: { offset: withinText(text, betterOffset(first.code, detail, first.pos[0], scan)), detail } };
}

/**
 * Where the user must look for the `yaml` package's error, where it reports the place it noticed
 * the error rather than the place of the mistake.
 */
function betterOffset(code: string, detail: string, offset: number, scan: TokenScan): number {
  // An unterminated quote: the package reports where the scalar ends (the end of the file).
  if (code === 'MISSING_CHAR' && /quote$/.test(detail)) return scan.quotedScalarStart.get(offset) ?? offset;
  // An unterminated flow collection (`items: [a, b` and no `]`): reported at the next item, a
  // line or more below; the mistake is the bracket that is never closed.
  if (code === 'BAD_INDENT' && /end with a [\]}]$/.test(detail)) {
    const opened = scan.unclosedFlowStarts.filter((start) => start < offset);
    if (opened.length > 0) return Math.max(...opened);
  }
  // A line indented too deeply (`desc: d` then `   condition: x`): the package reads the two lines
  // as one multi-line key and reports where it starts, on the line above the mistake.
  if (code === 'BLOCK_AS_IMPLICIT_KEY') {
    const lastLine = scan.multiLinePlainLastLine.get(offset);
    if (lastLine !== undefined) return lastLine;
  }
  return offset;
}

/** An offset at or past the end of the text, moved to the last character that is not a line break. */
function withinText(text: string, offset: number): number {
  if (offset < text.length) return offset;
  let end = text.length;
  while (end > 0 && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  return end;
}

interface TokenScan {
  /** Offset of the first node at depth YAML_MAX_DEPTH (the document's node is at depth 1). */
  readonly tooDeep: number | undefined;
  /** Offset where each quoted scalar ends → offset of its opening quote. */
  readonly quotedScalarStart: Map<number, number>;
  /** Offsets of the flow collections (`[`, `{`) that are never closed. */
  readonly unclosedFlowStarts: number[];
  /** Offset of each plain scalar that spans lines → offset of the first character of its last line. */
  readonly multiLinePlainLastLine: Map<number, number>;
}

/** Walks the concrete syntax tree with an explicit stack (no recursion: the depth is the user's). */
function scanTokens(tokens: readonly CST.Token[]): TokenScan {
  const quotedScalarStart = new Map<number, number>();
  const unclosedFlowStarts: number[] = [];
  const multiLinePlainLastLine = new Map<number, number>();
  const stack: Array<{ token: CST.Token; depth: number }> = [];
  for (const token of tokens) if (token.type === 'document') stack.push({ token, depth: 0 });
  let tooDeep: number | undefined;
  while (stack.length > 0) {
    const { token, depth } = stack.pop()!;
    switch (token.type) {
      case 'document':
        if (token.value) stack.push({ token: token.value, depth: depth + 1 });
        break;
      case 'block-map':
      case 'block-seq':
      case 'flow-collection':
        if (depth >= YAML_MAX_DEPTH) {
          tooDeep = Math.min(tooDeep ?? Infinity, token.offset);
          break;
        }
        if (token.type === 'flow-collection' && !token.end.some((t) => t.type === 'flow-seq-end' || t.type === 'flow-map-end')) {
          unclosedFlowStarts.push(token.offset);
        }
        for (const item of token.items) {
          if ('key' in item && item.key) stack.push({ token: item.key, depth: depth + 1 });
          if (item.value) stack.push({ token: item.value, depth: depth + 1 });
        }
        break;
      case 'double-quoted-scalar':
      case 'single-quoted-scalar':
        quotedScalarStart.set(token.offset + token.source.length, token.offset);
        if (depth >= YAML_MAX_DEPTH) tooDeep = Math.min(tooDeep ?? Infinity, token.offset);
        break;
      case 'scalar': {
        const lastBreak = token.source.search(/[\r\n][^\r\n]*$/);
        if (lastBreak !== -1) {
          const lastLine = token.source.slice(lastBreak + 1);
          multiLinePlainLastLine.set(token.offset, token.offset + lastBreak + 1 + (lastLine.length - lastLine.trimStart().length));
        }
        if (depth >= YAML_MAX_DEPTH) tooDeep = Math.min(tooDeep ?? Infinity, token.offset);
        break;
      }
      default:
        if (depth >= YAML_MAX_DEPTH && 'offset' in token) tooDeep = Math.min(tooDeep ?? Infinity, token.offset);
    }
  }
  return { tooDeep, quotedScalarStart, unclosedFlowStarts, multiLinePlainLastLine };
}
