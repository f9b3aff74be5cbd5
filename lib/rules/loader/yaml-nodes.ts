import type { YamlMap, YamlNode, YamlPair, YamlScalar, YamlSeq } from './yaml-model';

export type { YamlNode };

/** True for an absent value, `~`, `null` or an empty value: what yaml-cpp's `IsNull()` reports. */
export function isNullNode(node: YamlNode | undefined): node is null | undefined | YamlScalar {
  return node === null || node === undefined || (node.kind === 'scalar' && node.isNull);
}

export const isMap = (node: YamlNode | undefined): node is YamlMap => node?.kind === 'map';
export const isSeq = (node: YamlNode | undefined): node is YamlSeq => node?.kind === 'seq';
export const isScalar = (node: YamlNode | undefined): node is YamlScalar => node?.kind === 'scalar';

/** How a node is described in messages. */
export function nodeKind(node: YamlNode | undefined): string {
  if (isNullNode(node)) return 'an empty value';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a sequence';
  return 'a scalar';
}

/** The scalar's text as yaml-cpp's `Scalar()` gives it: quotes removed, no type conversion (`1194` stays `1194`). */
export function scalarText(node: YamlScalar): string {
  return node.text;
}

/** Key text of a pair, or undefined for a non-scalar key. */
export function keyText(pair: YamlPair): string | undefined {
  return isScalar(pair.key) ? pair.key.text : undefined;
}

/** First pair with the given key, as yaml-cpp's `node[key]` finds it. */
export function findPair(map: YamlMap, key: string): YamlPair | undefined {
  // Indexed: the loader looks up every key of every item, mostly before the JIT has warmed up,
  // where a for-of allocates a result object per step.
  const items = map.items;
  for (let i = 0, pair = items[0]; pair !== undefined; pair = items[++i]) if (keyText(pair) === key) return pair;
  return undefined;
}

/** Offset where a node starts in the file. */
export function nodeStart(node: YamlNode | undefined, fallback: number): number {
  return node ? node.range[0] : fallback;
}

// yaml-cpp's convert<bool> accepts these spellings, each in lower, UPPER and Capitalized case.
const TRUE_WORDS = ['y', 'yes', 'true', 'on'];
const FALSE_WORDS = ['n', 'no', 'false', 'off'];
const caseForms = (w: string): string[] => [w, w.toUpperCase(), w[0]?.toUpperCase() + w.slice(1)];
const BOOLS = new Map<string, boolean>([
  ...TRUE_WORDS.flatMap((w) => caseForms(w).map((f) => [f, true] as const)),
  ...FALSE_WORDS.flatMap((w) => caseForms(w).map((f) => [f, false] as const)),
]);

/** Decodes a boolean the way yaml-cpp does; undefined when it is not one. */
export function decodeBool(text: string): boolean | undefined {
  return BOOLS.get(text);
}

/**
 * Decodes an unsigned integer the way yaml-cpp's convert<uint32_t> does (stream extraction with
 * base detection: `0x1f` hex, `017` octal; no sign, nothing after the number, at most 2^32-1).
 */
export function decodeUint32(text: string): number | undefined {
  let value: number;
  if (/^0[xX][0-9a-fA-F]+$/.test(text)) value = parseInt(text.slice(2), 16);
  else if (/^0[0-7]+$/.test(text)) value = parseInt(text.slice(1), 8);
  else if (/^(0|[1-9][0-9]*)$/.test(text)) value = parseInt(text, 10);
  else return undefined;
  return value <= 0xffffffff ? value : undefined;
}

/** Decodes a (signed, 64-bit range) integer; undefined when the text is not one. */
export function decodeInteger(text: string): number | undefined {
  if (!/^[-+]?(0|[1-9][0-9]*)$/.test(text)) return undefined;
  const v = Number(text);
  return Number.isSafeInteger(v) ? v : undefined;
}
