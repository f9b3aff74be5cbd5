/** One input a generated catalog names in its header: `// input: repo@tag:path sha256:hex`. */
export interface GeneratedInput {
  readonly repo: string;
  readonly tag: string;
  readonly path: string;
  readonly sha256: string;
}

/**
 * A file written by a catalog generator (scripts/generate-*.js), split into the inputs its header
 * names, the `// body sha256:hex` it declares, and the body that checksum covers. `gap` is what
 * separates the marker line from the body (the field catalogs leave a blank line).
 */
export function splitGeneratedFile(text: string, gap = '\n'): { inputs: GeneratedInput[]; bodySha: string | undefined; body: string } {
  const marker = new RegExp(`^// body sha256:([0-9a-f]{64})${gap}`, 'm').exec(text);
  const header = marker === null ? text : text.slice(0, marker.index);
  const inputs = [...header.matchAll(/^\/\/ input: ([^@\s]+)@(\S+?):(\S+) sha256:([0-9a-f]{64})$/gm)].map((m) => ({
    repo: m[1] ?? '',
    tag: m[2] ?? '',
    path: m[3] ?? '',
    sha256: m[4] ?? '',
  }));
  return { inputs, bodySha: marker?.[1], body: marker === null ? '' : text.slice(marker.index + marker[0].length) };
}
