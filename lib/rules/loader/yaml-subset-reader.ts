import { isNullPlain, type NodeRange, type YamlMap, type YamlNode, type YamlPair, type YamlScalar, type YamlSeq } from './yaml-model';

/**
 * A fast reader for the YAML that rules files are written in: block sequences and mappings, plain,
 * quoted, literal and folded scalars, and flow sequences and mappings of scalars. It gives exactly
 * the nodes, texts and ranges the `yaml` package gives (test/rules/loader/yaml-subset-reader.test.ts
 * compares the two on every rules file the tests know and on generated variants), and returns
 * `undefined` for anything else: anchors, aliases, tags, directives, complex keys, tabs, CR line
 * breaks, explicit indentation indicators, and every syntax error. The caller then reads the text
 * with the `yaml` package, so an error message never comes from here.
 *
 * Why it exists: a cold `falco-gitops lint` of the three upstream files spent about half of its
 * time in the `yaml` package's lexer, parser and composer (README "Performance"); one loop over the
 * characters, run once, is what a start-up needs.
 */
export function readYamlSubset(text: string): YamlNode[] | undefined {
  if (OUTSIDE_CHARACTERS.test(text) || (SURROGATE.test(text) && LONE_SURROGATE.test(text))) return undefined;
  try {
    return new SubsetReader(text).documents();
  } catch (e) {
    if (e === OUTSIDE) return undefined;
    throw e;
  }
}

/** Thrown where the text leaves the subset. */
const OUTSIDE = new (class OutsideSubset {})();
const outside = (): never => {
  throw OUTSIDE;
};

// Tabs (indentation rules differ), CR, characters YAML forbids or treats specially, lone surrogates.
// Surrogates are looked for apart, and only then with the Unicode-aware pattern: a `u` pattern
// over a whole file costs a millisecond, and files rarely hold any (an emoji is a valid pair).
const OUTSIDE_CHARACTERS = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/;
const SURROGATE = /[\ud800-\udfff]/;
const LONE_SURROGATE = /\p{Cs}/u;
/** Deeper nesting is left to the `yaml` package, whatever it does with it. */
const MAX_DEPTH = 200;

const LF = 10;
const SPACE = 32;
const HASH = 35;
const DASH = 45;
const COLON = 58;
const COMMA = 44;
const DQUOTE = 34;
const SQUOTE = 39;
const LBRACKET = 91;
const RBRACKET = 93;
const LBRACE = 123;
const RBRACE = 125;
const BACKSLASH = 92;
const PIPE = 124;
const GT = 62;
const PLUS = 43;

/** Characters that may not start a plain scalar here (YAML 1.2 c-indicator, plus `-?:` handled apart). */
const NOT_PLAIN_START = new Set([...'#&*!|>\'"%@`,[]{}?'].map((c) => c.charCodeAt(0)));
const isFlowIndicator = (c: number): boolean => c === COMMA || c === LBRACKET || c === RBRACKET || c === LBRACE || c === RBRACE;

// Where a scan for the end of a plain scalar or a key may stop, found by the regex engine rather
// than a loop over the characters: every scalar of a file is scanned so, mostly before the JIT has
// warmed up, where such a loop costs far more per character. Each alternative matches exactly one
// character, so a match's index is `lastIndex - 1` (`test`, no match object).
/** In a block line: a line break, a colon before a space, a line break or the end, a `#` after a space. */
const BLOCK_STOP = /\n|:(?=[ \n]|$)|(?<= )#/g;
/** In a flow collection: as in a block line, plus the flow indicators, also after a colon. */
const FLOW_STOP = /[\n,[\]{}]|:(?=[ \n,[\]{}]|$)|(?<= )#/g;
/** A key's colon: before a space, a line break or the end. */
const KEY_COLON = /:(?=[ \n]|$)/g;

/** The offset of the next match of the one-character `stop` pattern at or after `from`, or `end`. */
function nextStop(stop: RegExp, text: string, from: number, end: number): number {
  stop.lastIndex = from;
  return stop.test(text) ? stop.lastIndex - 1 : end;
}

/** Double-quoted escapes (YAML 1.2 c-ns-esc-char) that stand for one fixed character. */
const ESCAPES = new Map<number, string>(
  Object.entries({ '0': '\0', a: '\x07', b: '\b', t: '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029' }).map(
    ([k, v]) => [k.charCodeAt(0), v],
  ),
);
const HEX_ESCAPES = new Map<number, number>([
  ['x'.charCodeAt(0), 2],
  ['u'.charCodeAt(0), 4],
  ['U'.charCodeAt(0), 8],
]);

class SubsetReader {
  private readonly n: number;
  private pos = 0;
  private depth = 0;

  constructor(private readonly src: string) {
    this.n = src.length;
  }

  documents(): YamlNode[] {
    const docs: YamlNode[] = [];
    let p = this.skipEmpty(0);
    let marked = false;
    while (p < this.n) {
      if (this.isDocStart(p)) {
        if (marked) docs.push(null);
        marked = true;
        this.pos = p + 3;
        this.endOfLine();
        p = this.skipEmpty(this.pos);
        continue;
      }
      const c = this.src.charCodeAt(p);
      if (c === 37 /* % */ || this.src.startsWith('...', p)) outside();
      docs.push(this.blockNode(-1, p));
      marked = false;
      p = this.skipEmpty(this.pos);
      if (p < this.n && !this.isDocStart(p)) outside();
    }
    if (marked) docs.push(null);
    return docs;
  }

  // ---- lines ---------------------------------------------------------------------------------

  private isDocStart(lineStart: number): boolean {
    if (!this.src.startsWith('---', lineStart)) return false;
    const c = this.src.charCodeAt(lineStart + 3);
    return lineStart + 3 >= this.n || c === SPACE || c === LF;
  }

  private indentAt(lineStart: number): number {
    let i = lineStart;
    while (this.src.charCodeAt(i) === SPACE) i++;
    return i - lineStart;
  }

  /** Start of the line after `p` (or the end of the text). */
  private nextLine(p: number): number {
    const nl = this.src.indexOf('\n', p);
    return nl === -1 ? this.n : nl + 1;
  }

  /** From a line start, skips blank and comment-only lines; the start of the next content line or the end. */
  private skipEmpty(p: number): number {
    while (p < this.n) {
      let i = p;
      while (this.src.charCodeAt(i) === SPACE) i++;
      if (i >= this.n) return this.n;
      const c = this.src.charCodeAt(i);
      if (c === LF) p = i + 1;
      else if (c === HASH) p = this.nextLine(i);
      else return p;
    }
    return this.n;
  }

  /** After a value: spaces and an optional comment up to the line break; moves to the next line. */
  private endOfLine(): void {
    let p = this.pos;
    const start = p;
    while (this.src.charCodeAt(p) === SPACE) p++;
    if (p < this.n) {
      const c = this.src.charCodeAt(p);
      if (c === HASH) {
        if (p === start && p > 0 && this.src.charCodeAt(p - 1) !== LF) outside(); // a comment needs a space before it
      } else if (c !== LF) outside();
    }
    this.pos = this.nextLine(p);
  }

  private spaceOrEnd(p: number): boolean {
    if (p >= this.n) return true;
    const c = this.src.charCodeAt(p);
    return c === SPACE || c === LF;
  }

  private isDash(p: number): boolean {
    return this.src.charCodeAt(p) === DASH && this.spaceOrEnd(p + 1);
  }

  // ---- block nodes -------------------------------------------------------------------------

  /** The node whose first line starts at `lineStart`, inside a block collection of indent `parent`. */
  private blockNode(parent: number, lineStart: number): YamlNode {
    if (++this.depth > MAX_DEPTH) outside();
    const indent = this.indentAt(lineStart);
    const c = lineStart + indent;
    let node: YamlNode;
    if (this.isDash(c)) node = this.blockSeq(indent, c);
    else if (this.isKeyLine(c)) node = this.blockMap(indent, c);
    else {
      if (parent < 0) this.requireOneLine(c);
      this.pos = c;
      node = this.inlineValue(parent);
    }
    this.depth--;
    return node;
  }

  /** A top-level scalar or flow collection: only on one line here (the rest is rare and subtle). */
  private requireOneLine(c: number): void {
    const next = this.skipEmpty(this.nextLine(c));
    if (next < this.n && !this.isDocStart(next)) outside();
    const ch = this.src.charCodeAt(c);
    if (ch === PIPE || ch === GT || ch === DQUOTE || ch === SQUOTE || ch === LBRACKET || ch === LBRACE) outside();
  }

  private blockSeq(indent: number, dash: number): YamlSeq {
    const items: YamlNode[] = [];
    let end = dash;
    let c = dash;
    for (;;) {
      let p = c + 1;
      while (this.src.charCodeAt(p) === SPACE) p++;
      let item: YamlNode;
      const ch = this.src.charCodeAt(p);
      if (p >= this.n || ch === LF || ch === HASH) {
        if (ch === HASH && p === c + 1) outside();
        this.pos = p;
        this.endOfLine();
        const q = this.skipEmpty(this.pos);
        if (q < this.n && this.indentAt(q) > indent) item = this.blockNode(indent, q);
        else item = this.emptyScalar(p, this.pos);
      } else {
        const column = p - (c - indent);
        if (this.isDash(p)) item = this.nested(() => this.blockSeq(column, p));
        else if (this.isKeyLine(p)) item = this.nested(() => this.blockMap(column, p));
        else {
          this.pos = p;
          item = this.inlineValue(indent);
        }
      }
      items.push(item);
      end = item === null ? this.pos : item.range[2];
      const q = this.skipEmpty(this.pos);
      if (q >= this.n) break;
      const i = this.indentAt(q);
      if (i < indent) break;
      if (i > indent) outside();
      if (indent === 0 && this.isDocStart(q)) break;
      if (!this.isDash(q + i)) break;
      c = q + i;
    }
    return { kind: 'seq', items, range: [dash, end, this.collectionEnd(indent, end)] };
  }

  private blockMap(indent: number, first: number): YamlMap {
    const items: YamlPair[] = [];
    let end = first;
    let k = first;
    for (;;) {
      const key = this.key(k);
      // `this.pos` is just after the colon.
      const afterColon = this.pos;
      let p = afterColon;
      while (this.src.charCodeAt(p) === SPACE) p++;
      const ch = this.src.charCodeAt(p);
      let value: YamlNode;
      if (p >= this.n || ch === LF || ch === HASH) {
        this.pos = p;
        this.endOfLine();
        const lineAfter = this.pos;
        const q = this.skipEmpty(lineAfter);
        const i = q < this.n ? this.indentAt(q) : -1;
        if (q < this.n && i > indent) value = this.blockNode(indent, q);
        else if (q < this.n && i === indent && this.isDash(q + i)) value = this.nested(() => this.blockSeq(indent, q + i));
        else value = this.emptyScalar(p, lineAfter);
      } else {
        this.pos = p;
        value = this.inlineValue(indent);
      }
      items.push({ key, value });
      end = value === null ? this.pos : value.range[2];
      const q = this.skipEmpty(this.pos);
      if (q >= this.n) break;
      const i = this.indentAt(q);
      if (i < indent) break;
      if (i > indent) outside();
      if (indent === 0 && this.isDocStart(q)) break;
      k = q + i;
      if (!this.isKeyLine(k)) outside();
    }
    return { kind: 'map', items, range: [first, end, this.collectionEnd(indent, end)] };
  }

  private nested<T>(read: () => T): T {
    if (++this.depth > MAX_DEPTH) outside();
    const node = read();
    this.depth--;
    return node;
  }

  /**
   * An absent value: the `yaml` package places its empty scalar at the line break after the
   * indicator. Comments around one make its range differ in ways not worth copying: left to it.
   */
  private emptyScalar(at: number, next: number): YamlScalar {
    if (this.src.charCodeAt(at) === HASH) outside();
    for (let p = next; p < this.n; ) {
      const i = this.indentAt(p);
      const c = this.src.charCodeAt(p + i);
      if (c === HASH) outside();
      if (c !== LF) break;
      p += i + 1;
    }
    this.pos = next;
    return { kind: 'scalar', style: 'PLAIN', text: '', isNull: true, range: [at, at, at] };
  }

  /**
   * Where a scalar or flow value ends with its trailing comments, given the start of the line
   * after it: the `yaml` package counts into it the comment lines that follow (blank lines
   * between them too) while they are indented more than the block around it (`parent`).
   */
  private valueEnd(lineStart: number, parent: number): number {
    let end = lineStart;
    let p = lineStart;
    while (p < this.n) {
      const i = this.indentAt(p);
      if (p + i >= this.n) break;
      const c = this.src.charCodeAt(p + i);
      if (c === LF) p += i + 1;
      else if (c === HASH && i > parent) p = end = this.nextLine(p + i);
      else break;
    }
    return end;
  }

  /**
   * Where a block collection of indentation `indent` ends with its trailing comments, given where
   * its last item ends: when the comment lines that follow include one indented at least as much
   * as the collection, the `yaml` package counts them all into it, up to the next content.
   * The top-level collection never takes them (they are the document's).
   */
  private collectionEnd(indent: number, end: number): number {
    if (indent === 0 || end >= this.n || (end > 0 && this.src.charCodeAt(end - 1) !== LF)) return end;
    let p = end;
    let taken = false;
    while (p < this.n) {
      const i = this.indentAt(p);
      if (p + i >= this.n) {
        p = this.n;
        break;
      }
      const c = this.src.charCodeAt(p + i);
      if (c === LF) p += i + 1;
      else if (c === HASH) {
        if (i >= indent) taken = true;
        p = this.nextLine(p + i);
      } else {
        p += i;
        break;
      }
    }
    return taken ? p : end;
  }

  /** Whether a line's content from `c` is `key:` followed by a space, a line break or the end. */
  private isKeyLine(c: number): boolean {
    const s = this.src;
    const first = s.charCodeAt(c);
    if (first === DQUOTE || first === SQUOTE) {
      const close = this.closingQuoteOnLine(c);
      if (close < 0) return false;
      let p = close + 1;
      while (s.charCodeAt(p) === SPACE) p++;
      return s.charCodeAt(p) === COLON && this.spaceOrEnd(p + 1);
    }
    if (first === LBRACKET || first === LBRACE || first === PIPE || first === GT) return false;
    for (let p = nextStop(BLOCK_STOP, s, c, this.n); p < this.n; p = nextStop(BLOCK_STOP, s, p + 1, this.n)) {
      const ch = s.charCodeAt(p);
      if (ch === LF) return false;
      if (ch === COLON) return true;
      if (p > c) return false; // a comment (a `#` at `c` itself is not one)
    }
    return false;
  }

  /** The closing quote of a quoted scalar opened at `c`, on the same line; -1 when none. */
  private closingQuoteOnLine(c: number): number {
    const s = this.src;
    const q = s.charCodeAt(c);
    for (let p = c + 1; p < this.n; p++) {
      const ch = s.charCodeAt(p);
      if (ch === LF) return -1;
      if (q === DQUOTE && ch === BACKSLASH) p++;
      else if (ch === q) {
        if (q === SQUOTE && s.charCodeAt(p + 1) === SQUOTE) p++;
        else return p;
      }
    }
    return -1;
  }

  /** A key at `c` (known to be a key line); leaves `pos` just after its colon. */
  private key(c: number): YamlScalar {
    const s = this.src;
    const first = s.charCodeAt(c);
    if (first === DQUOTE || first === SQUOTE) {
      this.pos = c;
      const key = first === DQUOTE ? this.doubleQuoted(Number.MAX_SAFE_INTEGER) : this.singleQuoted(Number.MAX_SAFE_INTEGER);
      let p = this.pos;
      while (s.charCodeAt(p) === SPACE) p++;
      this.pos = p + 1; // the colon, checked by isKeyLine
      return key;
    }
    if (NOT_PLAIN_START.has(first) || ((first === DASH || first === COLON) && this.spaceOrEnd(c + 1))) outside();
    const p = nextStop(KEY_COLON, s, c, this.n); // isKeyLine found it
    let e = p;
    while (e > c && s.charCodeAt(e - 1) === SPACE) e--;
    const text = s.slice(c, e);
    this.pos = p + 1;
    return { kind: 'scalar', style: 'PLAIN', text, isNull: isNullPlain(text), range: [c, e, e] };
  }

  /**
   * A value that starts on the current line at `pos` (after a key's colon or a dash): a scalar or a
   * flow collection. Continuation lines must be indented more than `parent`. Leaves `pos` at the
   * start of the next line.
   */
  private inlineValue(parent: number): YamlNode {
    const s = this.src;
    const c = s.charCodeAt(this.pos);
    if (c === PIPE || c === GT) return this.blockScalar(parent);
    let node: YamlNode;
    if (c === DQUOTE) node = this.doubleQuoted(parent);
    else if (c === SQUOTE) node = this.singleQuoted(parent);
    else if (c === LBRACKET || c === LBRACE) node = this.flowCollection(parent);
    else return this.plainBlock(parent);
    const valueEnd = this.pos;
    this.endOfLine();
    return { ...node, range: [node.range[0], valueEnd, this.valueEnd(this.pos, parent)] };
  }

  /** A plain scalar in block context, folded over its continuation lines. */
  private plainBlock(parent: number): YamlScalar {
    const s = this.src;
    const start = this.pos;
    const c = s.charCodeAt(start);
    if (NOT_PLAIN_START.has(c) || ((c === DASH || c === COLON) && this.spaceOrEnd(start + 1))) outside();
    let text = '';
    let p = start;
    let valueEnd = start;
    let lineEnd: number;
    for (;;) {
      // One line of the scalar from p: up to ` #` or the line break; `: ` would be a mapping.
      const e = nextStop(BLOCK_STOP, s, p, this.n);
      const stop = s.charCodeAt(e);
      if (stop === COLON) outside();
      const comment = stop === HASH;
      let t = e;
      while (t > p && s.charCodeAt(t - 1) === SPACE) t--;
      text += s.slice(p, t);
      valueEnd = t;
      lineEnd = this.nextLine(e);
      if (comment) break;
      // Continuation: after empty lines, a line indented more than the parent that is not a comment.
      let q = lineEnd;
      let breaks = 0;
      for (;;) {
        let i = q;
        while (s.charCodeAt(i) === SPACE) i++;
        if (i < this.n && s.charCodeAt(i) === LF) {
          breaks++;
          q = i + 1;
          continue;
        }
        break;
      }
      if (q >= this.n) break;
      const indent = this.indentAt(q);
      const first = s.charCodeAt(q + indent);
      if (indent <= parent || first === HASH) break;
      if (parent < 0) outside();
      // A continuation line that starts with an indicator is valid YAML, but rare and subtle: leave it.
      if (NOT_PLAIN_START.has(first) || first === DASH || first === COLON) outside();
      text += breaks === 0 ? ' ' : '\n'.repeat(breaks);
      p = q + indent;
    }
    this.pos = lineEnd;
    return { kind: 'scalar', style: 'PLAIN', text, isNull: isNullPlain(text), range: [start, valueEnd, this.valueEnd(lineEnd, parent)] };
  }

  /**
   * Line folding inside quotes, at the line break at `lineBreak`: trailing spaces of the line are
   * dropped, the next line's indentation is skipped, one break becomes a space and n empty lines
   * become n breaks. Returns the text so far, folded, and moves `pos` to the next content.
   */
  private foldQuotedBreak(text: string, lineBreak: number, parent: number): string {
    const s = this.src;
    const kept = text.replace(/ +$/, '');
    let q = lineBreak + 1;
    let breaks = 0;
    for (;;) {
      let i = q;
      while (s.charCodeAt(i) === SPACE) i++;
      if (i >= this.n) outside();
      if (s.charCodeAt(i) === LF) {
        breaks++;
        q = i + 1;
        continue;
      }
      if (i - q <= parent || (i === q && (this.isDocStart(q) || s.startsWith('...', q)))) outside();
      this.pos = i;
      return kept + (breaks === 0 ? ' ' : '\n'.repeat(breaks));
    }
  }

  private doubleQuoted(parent: number): YamlScalar {
    const s = this.src;
    const start = this.pos;
    let text = '';
    let p = start + 1;
    let run = p;
    for (;;) {
      if (p >= this.n) outside();
      const c = s.charCodeAt(p);
      if (c === DQUOTE) {
        text += s.slice(run, p);
        p++;
        break;
      }
      if (c === BACKSLASH) {
        text += s.slice(run, p);
        const e = s.charCodeAt(p + 1);
        const fixed = ESCAPES.get(e);
        if (fixed !== undefined) p += 2;
        else {
          const digits = HEX_ESCAPES.get(e);
          if (digits === undefined) outside(); // also an escaped line break: rare, left to the yaml package
          const hex = s.slice(p + 2, p + 2 + (digits ?? 0));
          if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== digits) outside();
          const code = parseInt(hex, 16);
          if (code > 0x10ffff) outside();
          text += String.fromCodePoint(code);
          p += 2 + (digits ?? 0);
          run = p;
          continue;
        }
        text += fixed;
        run = p;
        continue;
      }
      if (c === LF) {
        // Escaped spaces before the break are kept by the yaml package's rules too, but are rare: leave them.
        if (s.charCodeAt(p - 1) === SPACE && s.charCodeAt(p - 2) === BACKSLASH) outside();
        text = this.foldQuotedBreak(text + s.slice(run, p), p, parent);
        p = run = this.pos;
        continue;
      }
      p++;
    }
    this.pos = p;
    return { kind: 'scalar', style: 'QUOTE_DOUBLE', text, isNull: false, range: [start, p, p] };
  }

  private singleQuoted(parent: number): YamlScalar {
    const s = this.src;
    const start = this.pos;
    let text = '';
    let p = start + 1;
    let run = p;
    for (;;) {
      if (p >= this.n) outside();
      const c = s.charCodeAt(p);
      if (c === SQUOTE) {
        text += s.slice(run, p);
        if (s.charCodeAt(p + 1) === SQUOTE) {
          text += "'";
          p += 2;
          run = p;
          continue;
        }
        p++;
        break;
      }
      if (c === LF) {
        text = this.foldQuotedBreak(text + s.slice(run, p), p, parent);
        p = run = this.pos;
        continue;
      }
      p++;
    }
    this.pos = p;
    return { kind: 'scalar', style: 'QUOTE_SINGLE', text, isNull: false, range: [start, p, p] };
  }

  /** A literal (`|`) or folded (`>`) block scalar; its content is indented more than `parent`. */
  private blockScalar(parent: number): YamlScalar {
    const s = this.src;
    const start = this.pos;
    const literal = s.charCodeAt(start) === PIPE;
    let p = start + 1;
    let chomp: 'clip' | 'strip' | 'keep' = 'clip';
    const h = s.charCodeAt(p);
    if (h === DASH) (chomp = 'strip'), p++;
    else if (h === PLUS) (chomp = 'keep'), p++;
    const after = s.charCodeAt(p);
    if (p < this.n && after !== SPACE && after !== LF) outside(); // an indentation indicator, or junk
    this.pos = p;
    this.endOfLine();
    if (parent < 0) outside();
    // Lines of the scalar: empty ones (spaces only) and those indented at least `indent`, which is
    // the first non-empty line's indentation.
    const lines: string[] = [];
    let indent = -1;
    let q = this.pos;
    let maxLeadingEmpty = 0;
    let lastContentEnd = -1; // line start after the last non-empty line
    let trailingEmpty = 0;
    while (q < this.n) {
      const i = this.indentAt(q);
      const lineEnd = s.indexOf('\n', q);
      if (lineEnd === -1) outside(); // a last line without a line break: rare, left to the yaml package
      if (q + i === lineEnd) {
        // An empty line.
        if (indent < 0) maxLeadingEmpty = Math.max(maxLeadingEmpty, i);
        else if (i > indent) outside(); // spaces beyond the indentation are content: rare, left to the yaml package
        lines.push('');
        trailingEmpty++;
        q = lineEnd + 1;
        continue;
      }
      if (indent < 0) {
        if (i <= parent) break;
        indent = i;
        if (maxLeadingEmpty > indent) outside();
      } else if (i < indent) break;
      lines.push(s.slice(q + indent, lineEnd));
      trailingEmpty = 0;
      q = lineEnd + 1;
      lastContentEnd = q;
    }
    if (indent < 0) outside(); // no content at all
    const body = lines.slice(0, lines.length - trailingEmpty);
    let text = literal ? body.map((l) => l + '\n').join('') : foldLines(body);
    if (chomp === 'strip') text = text.replace(/\n+$/, '');
    else if (chomp === 'keep') text += '\n'.repeat(trailingEmpty);
    // Kept trailing line breaks are part of the scalar, and so of its range.
    const end = chomp === 'keep' ? q : lastContentEnd;
    this.pos = end;
    return { kind: 'scalar', style: literal ? 'BLOCK_LITERAL' : 'BLOCK_FOLDED', text, isNull: false, range: [start, end, end] };
  }

  // ---- flow collections ----------------------------------------------------------------------

  /** `[...]` or `{...}`, possibly over several lines indented more than `parent`. */
  private flowCollection(parent: number): YamlSeq | YamlMap {
    if (++this.depth > MAX_DEPTH) outside();
    const s = this.src;
    const start = this.pos;
    const isSeq = s.charCodeAt(start) === LBRACKET;
    const close = isSeq ? RBRACKET : RBRACE;
    this.pos++;
    const seqItems: YamlNode[] = [];
    const pairs: YamlPair[] = [];
    for (;;) {
      this.flowSpace(parent);
      if (s.charCodeAt(this.pos) === close) break;
      if (isSeq) seqItems.push(this.flowItem(parent));
      else {
        const key = this.flowScalarOrOutside(parent, true);
        if (s.charCodeAt(this.pos) !== COLON) outside();
        this.pos++;
        const c = s.charCodeAt(this.pos);
        if (c !== SPACE && c !== LF) outside();
        this.flowSpace(parent);
        const v = s.charCodeAt(this.pos);
        if (v === COMMA || v === close) outside(); // an empty value
        pairs.push({ key, value: this.flowItem(parent) });
      }
      this.flowSpace(parent);
      const c = s.charCodeAt(this.pos);
      if (c === COMMA) this.pos++;
      else if (c !== close) outside();
    }
    this.pos++;
    this.depth--;
    const range: NodeRange = [start, this.pos, this.pos];
    return isSeq ? { kind: 'seq', items: seqItems, range } : { kind: 'map', items: pairs, range };
  }

  /** Spaces, line breaks (next lines indented more than `parent`) and comments between flow items. */
  private flowSpace(parent: number): void {
    const s = this.src;
    for (;;) {
      const c = s.charCodeAt(this.pos);
      if (c === SPACE) this.pos++;
      else if (c === LF) {
        const q = this.pos + 1;
        const i = this.indentAt(q);
        const next = s.charCodeAt(q + i);
        // Lines inside the brackets are indented more than the block around them; the closing
        // bracket may stand at the block's own indentation (the yaml package's rule, tested).
        const closing = next === RBRACKET || next === RBRACE;
        if (q + i < this.n && next !== LF && next !== HASH && (i < parent || (i === parent && !closing))) outside();
        if (i === 0 && (this.isDocStart(q) || s.startsWith('...', q))) outside();
        this.pos = q + i;
      } else if (c === HASH) {
        const prev = s.charCodeAt(this.pos - 1);
        if (prev !== SPACE && prev !== LF) outside();
        const nl = s.indexOf('\n', this.pos);
        if (nl === -1) outside();
        this.pos = nl;
      } else if (this.pos >= this.n) outside();
      else return;
    }
  }

  private flowItem(parent: number): YamlNode {
    const c = this.src.charCodeAt(this.pos);
    if (c === LBRACKET || c === LBRACE) return this.flowCollection(parent);
    const node = this.flowScalarOrOutside(parent, false);
    // `a: b` inside a flow sequence is a one-pair mapping: rare, left to the yaml package.
    if (this.src.charCodeAt(this.pos) === COLON) outside();
    return node;
  }

  private flowScalarOrOutside(parent: number, isKey: boolean): YamlScalar {
    const s = this.src;
    const c = s.charCodeAt(this.pos);
    if (c === DQUOTE || c === SQUOTE) {
      const node = c === DQUOTE ? this.doubleQuoted(parent) : this.singleQuoted(parent);
      if (isKey) {
        while (s.charCodeAt(this.pos) === SPACE) this.pos++;
      }
      return node;
    }
    if (NOT_PLAIN_START.has(c) || ((c === DASH || c === COLON) && (this.spaceOrEnd(this.pos + 1) || isFlowIndicator(s.charCodeAt(this.pos + 1))))) {
      outside();
    }
    // A plain scalar in flow context ends at a flow indicator, `: `, ` #` or the line.
    const start = this.pos;
    const p = nextStop(FLOW_STOP, s, start, this.n);
    let e = p;
    while (e > start && s.charCodeAt(e - 1) === SPACE) e--;
    // A plain scalar that goes on on the next line is folded: rare in flow collections, left to the yaml package.
    if (s.charCodeAt(p) === LF) {
      let q = p + 1;
      while (q < this.n && (s.charCodeAt(q) === SPACE || s.charCodeAt(q) === LF)) q++;
      const next = s.charCodeAt(q);
      if (!(isFlowIndicator(next) || next === HASH || next === COLON)) outside();
    }
    this.pos = e;
    const text = s.slice(start, e);
    if (isKey) {
      while (s.charCodeAt(this.pos) === SPACE) this.pos++;
    }
    return { kind: 'scalar', style: 'PLAIN', text, isNull: isNullPlain(text), range: [start, e, e] };
  }
}

/**
 * YAML 1.2 folding of a folded block scalar's lines (indentation removed, trailing empty lines
 * already taken off): a line break between two lines that do not start with a space becomes a
 * space, one followed by empty lines becomes those lines' breaks; around a more-indented line
 * every break is kept.
 */
function foldLines(lines: readonly string[]): string {
  let text = '';
  let previous: string | undefined; // the last non-empty line
  let empties = 0;
  for (const line of lines) {
    if (line === '') {
      empties++;
      continue;
    }
    if (previous === undefined) text += '\n'.repeat(empties);
    else {
      const moreIndented = previous.charCodeAt(0) === SPACE || line.charCodeAt(0) === SPACE;
      text += moreIndented ? '\n' + '\n'.repeat(empties) : empties === 0 ? ' ' : '\n'.repeat(empties);
    }
    text += line;
    previous = line;
    empties = 0;
  }
  return previous === undefined ? text : text + '\n';
}

