/**
 * Paths inside a manifest, written as JSON Pointers (RFC 6901) because that is what ajv and the
 * kubernetes-models validators report, so every message in this folder uses one notation.
 */
export function jsonPointer(segments: readonly (string | number)[]): string {
  return segments.map((segment) => '/' + String(segment).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
