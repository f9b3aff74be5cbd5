/**
 * Finds strings that look like credentials: in a props object, so a token pasted into `main.ts`
 * fails synth instead of being rendered into `dist/` and pushed to Git, and in every other
 * string synth writes (rule files, manifests), through the same patterns.
 * Tokens belong in Kubernetes Secrets, created out of band and referenced by name.
 */

interface TokenPattern {
  readonly name: string;
  readonly pattern: RegExp;
}

/** Well-known credential formats; each is anchored to the whole string or a word inside it. */
const TOKEN_PATTERNS: readonly TokenPattern[] = [
  // Telegram Bot API token: <bot id>:<35 chars>, see core.telegram.org/bots/api#authorizing-your-bot;
  // also inside the API's URLs, `https://api.telegram.org/bot<token>/sendMessage`.
  { name: 'a Telegram bot token', pattern: /(?:\b|(?<=bot))\d{6,12}:[A-Za-z0-9_-]{30,}\b/ },
  { name: 'a GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,})\b/ },
  { name: 'a Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/ },
  { name: 'a Slack webhook URL', pattern: /hooks\.slack\.com\/services\/[A-Za-z0-9]+\/[A-Za-z0-9]+\/[A-Za-z0-9]+/ },
  { name: 'an AWS access key id', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { name: 'a JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/ },
  { name: 'a private key', pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/ },
  { name: 'a URL with embedded credentials', pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i },
];

const GLOBAL_PATTERNS = new Map<RegExp, RegExp>();
/** The `g` twin of a pattern, for `matchAll`; made once. */
function globalPattern(pattern: RegExp): RegExp {
  let g = GLOBAL_PATTERNS.get(pattern);
  if (g === undefined) GLOBAL_PATTERNS.set(pattern, (g = new RegExp(pattern.source, `${pattern.flags}g`)));
  return g;
}

/** Long, random-looking words (API keys of unknown vendors): mixed letters and digits, high entropy. */
const OPAQUE_SECRET = /^[A-Za-z0-9+/_=-]{32,}$/;
const MIN_ENTROPY_BITS_PER_CHAR = 4.0;

export interface TokenFinding {
  /** Dotted path of the prop, e.g. `falcosidekick.telegram.chatId`. */
  readonly prop: string;
  readonly value: string;
  /** What the value looks like, e.g. `a Telegram bot token`. */
  readonly kind: string;
}

/** Walks `props` (objects, arrays, strings) and returns every string that looks like a credential. */
export function findTokens(props: unknown, path = ''): TokenFinding[] {
  if (typeof props === 'string') {
    const kind = classifyToken(props);
    return kind ? [{ prop: path || '(props)', value: props, kind }] : [];
  }
  if (Array.isArray(props)) {
    return props.flatMap((item, index) => findTokens(item, `${path}[${index}]`));
  }
  if (props !== null && typeof props === 'object') {
    return Object.entries(props as Record<string, unknown>).flatMap(([key, value]) =>
      findTokens(value, path ? `${path}.${key}` : key),
    );
  }
  return [];
}

/** What kind of credential `value` looks like, or undefined when it looks like ordinary configuration. */
export function classifyToken(value: string): string | undefined {
  return locateToken(value)?.kind;
}

/** A credential-shaped part of a string: what it looks like and where it is. */
export interface TokenMatch {
  readonly kind: string;
  /** Offset of the token in the string (0-based, UTF-16 code units) and its length. */
  readonly index: number;
  readonly length: number;
}

/**
 * The first credential-shaped part of `value`, or undefined. A known format may sit inside a
 * longer text (a URL in a rule's output, a token in a condition); an opaque random-looking secret
 * is only recognised as the whole string, or ordinary long words would trip it.
 */
export function locateToken(value: string): TokenMatch | undefined {
  return locateTokens(value)[0];
}

/**
 * Every credential-shaped part of `value`, in order, none overlapping: a rule's output may hold
 * a bot token and a URL with a password, and each must be reported, not only the first.
 */
export function locateTokens(value: string): TokenMatch[] {
  const found: TokenMatch[] = [];
  for (const { name, pattern } of TOKEN_PATTERNS) {
    for (const m of value.matchAll(globalPattern(pattern))) {
      found.push({ kind: name, index: m.index, length: m[0].length });
    }
  }
  found.sort((a, b) => a.index - b.index || b.length - a.length);
  const matches = found.filter((m, i) => found.slice(0, i).every((p) => p.index + p.length <= m.index));
  if (matches.length > 0) return matches;
  if (OPAQUE_SECRET.test(value) && /[0-9]/.test(value) && /[A-Za-z]/.test(value) && !isHexDigest(value) && !isAbsolutePath(value) && !isHyphenatedName(value)) {
    if (shannonEntropy(value) >= MIN_ENTROPY_BITS_PER_CHAR) return [{ kind: 'a random-looking secret (API key)', index: 0, length: value.length }];
  }
  return [];
}

/**
 * A long word that could be a whole YAML scalar on its own: after the start of a line, `- `,
 * `: `, `[`, `,` or a quote (and blanks), before the end of a line, `]`, `,`, a quote or a comment.
 */
const WHOLE_WORD = /(?<=(?:^|[[,"'>|]|: |- )[ \t]*)[A-Za-z0-9+/_=-]{32,}(?=[ \t]*(?:$|[\],"'#]))/gm;

/**
 * Whether any string inside `text` (a whole file) could hold a credential: a known format
 * anywhere, or a long word that is random-looking on its own. Cheap (regular expressions over
 * the text, no parsing), so a caller can skip the precise, per-string scan of files that hold
 * none, such as the 200 KB of upstream rules on every synth. No false negative for the known
 * formats as written; a token spelled with YAML escapes is still caught in the rendered output.
 */
export function mayHoldTokens(text: string): boolean {
  if (TOKEN_PATTERNS.some(({ pattern }) => pattern.test(text))) return true;
  for (const [word] of text.matchAll(WHOLE_WORD)) if (locateTokens(word).length > 0) return true;
  return false;
}

/**
 * What a message may show of a credential: its first four characters and its length, enough to
 * find it again, never enough to use it (a terminal or CI log is not a safe place for a secret).
 */
export function maskToken(token: string): string {
  return token.length <= 8 ? '********' : `${token.slice(0, 4)}…(${token.length} characters)`;
}

/**
 * Absolute paths (`/var/lib/rancher/k3s/agent/containerd/tmpmounts/`, a list item of the upstream
 * rules) are long and varied but not secrets; a random key starts with `/` once in 64.
 */
function isAbsolutePath(value: string): boolean {
  return value.startsWith('/');
}

/**
 * Kubernetes object names made of words (`falco-gitops-k8saudit-rules-project`): lower case, three
 * or more hyphen-joined parts of at most 10 characters each. Such a name has the entropy of a key
 * when it is long, but a random key of 32+ characters is never all lower case with that many short
 * parts (base64 draws from 64 symbols, hyphen once in 64), and a UUID's 12-digit last part does
 * not pass.
 */
function isHyphenatedName(value: string): boolean {
  return /^[a-z0-9]{1,10}(?:-[a-z0-9]{1,10}){2,}$/.test(value);
}

/** Content digests (sha256 hex) are pins, not secrets: they are meant to be committed. */
function isHexDigest(value: string): boolean {
  return /^[0-9a-f]{40}$|^[0-9a-f]{64}$/.test(value);
}

function shannonEntropy(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}
