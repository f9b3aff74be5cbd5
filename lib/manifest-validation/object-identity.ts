import { describeJsonType, isJsonObject } from './json-value';

/**
 * How a manifest is named in messages: `Deployment prod/ubuntu`, `Namespace falco`, or
 * `Deployment <unnamed>`, so that a failure points at the object a reviewer can find in `dist/`.
 */
export function describeObject(obj: unknown): string {
  if (!isJsonObject(obj)) return `manifest (${describeJsonType(obj)})`;
  const kind = typeof obj.kind === 'string' && obj.kind !== '' ? obj.kind : '<no kind>';
  const metadata = isJsonObject(obj.metadata) ? obj.metadata : {};
  const name = typeof metadata.name === 'string' && metadata.name !== '' ? metadata.name : '<unnamed>';
  const namespace = typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : undefined;
  return namespace === undefined ? `${kind} ${name}` : `${kind} ${namespace}/${name}`;
}

/** Prefixes each problem with the object it belongs to, dropping repeats (two checks may see the same fault). */
export function prefixProblems(obj: unknown, problems: readonly string[]): string[] {
  const where = describeObject(obj);
  return [...new Set(problems)].map((problem) => `${where}: ${problem}`);
}
