import { yamlLibrary } from '../core';

/** A parsed YAML document, or the parser's first error. */
export type ParsedYaml = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string };

/**
 * Parses Helm values the way Helm reads them. Helm uses sigs.k8s.io/yaml (go-yaml), which follows
 * YAML 1.1: `<<` merge keys work and `yes`/`on` are booleans. Upstream values.yaml files and the
 * stack's `valuesContent` go through this one function so both sides are read alike.
 * Errors read `message (line:column)`.
 */
export function parseHelmYaml(text: string): ParsedYaml {
  const { LineCounter, parseDocument } = yamlLibrary();
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { version: '1.1', uniqueKeys: true, prettyErrors: false, lineCounter });
  const [first] = document.errors;
  if (first !== undefined) {
    const { line, col } = lineCounter.linePos(first.pos[0]);
    return { ok: false, error: `${first.message} (${line}:${col})` };
  }
  return { ok: true, value: document.toJS({ maxAliasCount: 1000 }) as unknown };
}
