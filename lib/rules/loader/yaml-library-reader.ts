import type * as Yaml from 'yaml';
import { yamlLibrary } from '../../core';
import { parseRulesYaml } from '../parse-rules-yaml';
import type { YamlMap, YamlNode, YamlPair, YamlReadResult, YamlScalar, YamlSeq } from './yaml-model';

/**
 * Reads a rules file with the `yaml` package and converts its documents to the loader's nodes:
 * the reader for everything the fast subset reader leaves, and the source of every YAML syntax
 * error message. Loaded only when needed: requiring the package is part of what a cold lint
 * avoids.
 */
export function readYamlWithLibrary(text: string): YamlReadResult {
  const yaml = yamlLibrary();
  // The yaml package's parse, with yaml-cpp's nesting limit checked first and each syntax error
  // placed where the mistake is (parse-rules-yaml.ts); yaml-cpp refuses the whole file at its
  // first syntax error, so only that one is reported.
  const parsed = parseRulesYaml(text);
  if (parsed.error !== undefined) return { ok: false, message: parsed.error.detail, offset: parsed.error.offset };
  const list = parsed.docs;
  return { ok: true, documents: list.map((doc) => new Converter(yaml, doc).node(doc.contents)) };
}

class Converter {
  /** Each `yaml` node converted once, so an alias is the very node it names (no copies, no blow-up). */
  private readonly done = new Map<unknown, YamlNode>();

  constructor(
    private readonly yaml: typeof Yaml,
    private readonly doc: Yaml.Document,
  ) {}

  node(raw: unknown): YamlNode {
    const { yaml } = this;
    // yaml-cpp expands aliases transparently; one that names no anchor is an empty node.
    const n = yaml.isAlias(raw) ? (raw.resolve(this.doc) as unknown) : raw;
    if (n === null || n === undefined || yaml.isAlias(n)) return null;
    const seen = this.done.get(n);
    if (seen !== undefined) return seen;
    const range = this.range(n);
    if (yaml.isScalar(n)) {
      const style = (n.type ?? 'PLAIN') as YamlScalar['style'];
      const text = typeof n.source === 'string' ? n.source : String(n.value);
      const scalar: YamlScalar = { kind: 'scalar', style, text, isNull: n.value === null, range };
      this.done.set(n, scalar);
      return scalar;
    }
    if (yaml.isSeq(n)) {
      const items: YamlNode[] = [];
      const seq: YamlSeq = { kind: 'seq', items, range };
      this.done.set(n, seq);
      for (const item of n.items) items.push(this.node(item));
      return seq;
    }
    if (yaml.isMap(n)) {
      const items: YamlPair[] = [];
      const map: YamlMap = { kind: 'map', items, range };
      this.done.set(n, map);
      for (const pair of n.items) items.push({ key: this.node(pair.key), value: this.node(pair.value) });
      return map;
    }
    return null;
  }

  private range(n: unknown): readonly [number, number, number] {
    const r = (n as { range?: [number, number, number] | null }).range;
    return r ? [r[0], r[1], r[2]] : [0, 0, 0];
  }
}
