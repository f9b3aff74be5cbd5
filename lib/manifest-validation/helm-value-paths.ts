import { isJsonObject } from './json-value';

/** A key path into Helm values, e.g. `['falco', 'http_output', 'url']`. */
export type HelmValuePath = readonly string[];

/**
 * Every key path a values tree sets, down to its leaves: scalars, null, lists and empty maps.
 * List items are not descended into, because Helm replaces lists as a whole instead of merging
 * them, so their items have no key paths of their own.
 */
export function helmValuePaths(values: unknown): string[][] {
  if (!isJsonObject(values)) return [];
  const paths: string[][] = [];
  const walk = (node: Record<string, unknown>, prefix: string[]): void => {
    for (const [key, value] of Object.entries(node)) {
      const path = [...prefix, key];
      if (isJsonObject(value) && Object.keys(value).length > 0) walk(value, path);
      else paths.push(path);
    }
  };
  walk(values, []);
  return paths;
}

const PLAIN_KEY = /^[A-Za-z0-9_-]+$/;

/**
 * A path as people write it in `--set`: `falco.http_output.url`. Keys that contain dots or other
 * punctuation are bracketed so the path stays unambiguous: `service.annotations["prometheus.io/scrape"]`.
 */
export function formatHelmValuePath(path: HelmValuePath): string {
  return path
    .map((key, index) => (PLAIN_KEY.test(key) ? (index === 0 ? key : `.${key}`) : `[${JSON.stringify(key)}]`))
    .join('');
}
